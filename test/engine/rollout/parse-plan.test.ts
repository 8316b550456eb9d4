import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/engine/rollout/parse-plan.js';
import { stagesOf } from '../../../src/engine/rollout/plan.js';

const problems = (inputs: Parameters<typeof parsePlan>[0]): string[] => {
  const parsed = parsePlan({ 'canary-ref': 'v2', ...inputs });
  if (parsed.ok) throw new Error('expected problems');
  return parsed.error;
};

describe('parsePlan', () => {
  it('defaults to a canary of 5,25,50,100 with 10m bakes, no stable, failure-limit 0', () => {
    expect(parsePlan({ 'canary-ref': 'abc' })).toEqual({
      ok: true,
      value: { strategy: 'canary', steps: [5, 25, 50, 100], bakeMs: [600_000, 600_000, 600_000, 600_000], canary: { ref: 'abc', version: 'abc' }, stable: null, failureLimit: 0 },
    });
  });

  it('reads steps, one bake time per step, versions and the failure limit', () => {
    const parsed = parsePlan({ steps: '10, 50%, 100', 'bake-time': '5m,1h,0', 'canary-ref': 'main', 'canary-version': '2.1.0', 'stable-ref': 'v2.0.0', 'failure-limit': '2' });
    expect(parsed).toEqual({
      ok: true,
      value: { strategy: 'canary', steps: [10, 50, 100], bakeMs: [300_000, 3_600_000, 0], canary: { ref: 'main', version: '2.1.0' }, stable: { ref: 'v2.0.0', version: 'v2.0.0' }, failureLimit: 2 },
    });
  });

  it('reads a blue-green plan: one bake for both analyses or pre,post, and the scale-down delay', () => {
    const one = parsePlan({ strategy: 'blue-green', 'bake-time': '15m', 'canary-ref': 'v2' });
    expect(one.ok && one.value).toMatchObject({ strategy: 'blue-green', prePromotionBakeMs: 900_000, postPromotionBakeMs: 900_000, scaleDownDelayMs: 30_000 });
    const two = parsePlan({ strategy: 'blue-green', 'bake-time': '5m, 20m', 'scale-down-delay': '2m', steps: '5,25,50,100', 'canary-ref': 'v2' });
    expect(two.ok && two.value).toMatchObject({ prePromotionBakeMs: 300_000, postPromotionBakeMs: 1_200_000, scaleDownDelayMs: 120_000 });
    expect(two.ok && stagesOf(two.value).map((stage) => [stage.name, stage.weight, stage.isJudged])).toEqual([
      ['pre-promotion analysis', 0, true],
      ['post-promotion analysis', 100, true],
      ['scale-down delay', 100, false],
    ]);
  });

  it('names the input and what it accepts for each mistake, all at once', () => {
    expect(problems({ strategy: 'rolling', 'canary-ref': '', 'failure-limit': 'two' })).toEqual([
      'input `strategy` must be one of canary, blue-green, got `rolling`',
      'input `canary-ref` is required: the branch, tag or commit sha being rolled out',
      'input `failure-limit`: got "two"; expected a whole number such as 0 or 12',
    ]);
  });

  it.each([
    ['5,50,25,100', 'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; 50 then 25 does not increase in `5,50,25,100`'],
    ['5,25,50', 'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; `5,25,50` ends at 50%, so the rollout would never complete'],
    ['0,50,100', 'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; `0` is not a weight in `0,50,100`'],
    ['5,25,150', 'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; `150` is not a weight in `5,25,150`'],
    ['5,,100', 'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; an empty entry is not a weight in `5,,100`'],
    ['5,5,100', 'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; 5 then 5 does not increase in `5,5,100`'],
  ])('refuses steps %s', (steps, message) => {
    expect(problems({ steps })).toEqual([message]);
  });

  it('refuses a bake-time list that does not match the steps, or a bad duration', () => {
    expect(problems({ 'bake-time': '5m,10m' })).toEqual(['input `bake-time` must be one duration or one per step (4 for steps 5,25,50,100), got 2 in `5m,10m`']);
    expect(problems({ 'bake-time': 'soon' })).toEqual(['input `bake-time`: got "soon"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)']);
    expect(problems({ strategy: 'blue-green', 'bake-time': '1m,2m,3m' })).toEqual(['input `bake-time` must be one duration or two (pre-promotion, post-promotion analysis), got 3 in `1m,2m,3m`']);
  });

  it('refuses inputs that do not apply to the strategy rather than ignoring them', () => {
    expect(problems({ 'scale-down-delay': '1m' })).toEqual(['input `scale-down-delay` applies to `strategy: blue-green` only; remove it for a canary']);
    expect(problems({ strategy: 'blue-green', steps: '10,100' })).toEqual(['input `steps` applies to `strategy: canary` only (blue-green switches 0% → 100% at once), got `10,100`']);
    expect(problems({ strategy: 'blue-green', 'scale-down-delay': 'later' })).toEqual(['input `scale-down-delay`: got "later"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)']);
  });
});
