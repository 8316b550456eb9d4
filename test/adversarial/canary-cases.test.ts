import { describe, expect, it } from 'vitest';
import { nextTick } from '../../src/engine/rollout/next-tick.js';
import { parsePlan } from '../../src/engine/rollout/parse-plan.js';
import type { RolloutState } from '../../src/engine/rollout/state.js';
import { STATE_FILE_SCHEMA } from '../../src/state/file-store.js';
import { CANARY_ANALYSIS, FAULTY_CANARY_METRICS, T0, at, canaryMetrics, faultyCanaryTick } from './rollout-scenarios.js';
import { type Scenario, crashSignsOf, errorLines, runScenario } from './scenario.js';

/**
 * Named regressions for canary-promote, each a path by which bad or thin
 * evidence once reached `promote` or `complete`, run through the bundle.
 */
const HEALTHY = canaryMetrics({ requests: 100, errors: 0, latencyMs: 200 });

/** A tick of `v2` from the state the first tick left, judged at minute `minute`, with some files replaced. */
function tickWith(files: Record<string, string>, inputs: Record<string, string> = {}): Scenario {
  const base = faultyCanaryTick();
  return { ...base, files: { ...base.files, 'metrics.json': JSON.stringify(HEALTHY), ...files }, inputs: { ...base.inputs, ...inputs } };
}

/** The state file of a rollout walked with passing judgements to its `step` (1-based), one step each 10 minutes from T0. */
function stateAtStep(step: number, edit: (state: RolloutState) => RolloutState = (state) => state, bakeTime?: string): string {
  const plan = parsePlan({ 'canary-ref': 'v2', 'stable-ref': 'v1', ...(bakeTime ? { 'bake-time': bakeTime } : {}) });
  if (!plan.ok) throw new Error(plan.error.join('; '));
  let state = nextTick(plan.value, null, null, new Date(T0)).nextState;
  for (let index = 1; index < step; index++) state = nextTick(plan.value, state, { verdict: 'promote', reason: 'passed' }, new Date(T0 + index * 10 * 60_000)).nextState;
  return JSON.stringify({ schema: STATE_FILE_SCHEMA, rollouts: { production: { state: edit(state), releases: [] } } });
}

async function decide(scenario: Scenario) {
  const run = await runScenario(scenario);
  expect(crashSignsOf(run), run.stdout).toEqual([]);
  return run;
}

describe('canary-promote: named regressions through the bundle', () => {
  it('a metric with only max-increase is refused at load: nothing could judge it at 100%', async () => {
    const analysis = CANARY_ANALYSIS.replace('    max: 5%\n', '');
    const run = await runScenario(tickWith({ 'analysis.yml': analysis }));
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('hold');
    expect(errorLines(run)).toEqual([expect.stringMatching(/^::error::analysis\.yml:6: metrics\.error-rate\.max-increase: is the only kind of threshold here, but at 100% traffic/)]);
  });

  it('a canary with no traffic at 100% holds; it never completes on silence', async () => {
    const idle = canaryMetrics({ requests: 0, errors: 0, latencyMs: 200 });
    const run = await decide(tickWith({ 'metrics.json': JSON.stringify({ ...idle, canary: { ...idle.canary, latency_ms: [] } }), 'state.json': stateAtStep(4) }, { now: at(40) }));
    expect(run.outputs.decision).toBe('hold');
    expect(run.outputs.reason).toMatch(/no data/);
  });

  it('a hand-edited state that says complete at 25% holds and fails with one line, never complete', async () => {
    const run = await runScenario(tickWith({ 'state.json': stateAtStep(2, (state) => ({ ...state, phase: 'complete' })) }, { now: at(20) }));
    expect(run.outputs.decision).toBe('hold');
    expect(run.code).toBe(1);
    expect(run.errors.at(-1)).toMatch(/the stored rollout state cannot be trusted \(it says complete at step 2 of 4; a rollout completes only at its last step\)/);
  });

  it('a hand-edited plan with steps [5] holds, never completes at 5%', async () => {
    const edited = stateAtStep(1, (state) => ({ ...state, plan: { ...state.plan, steps: [5], bakeMs: [600_000] } as RolloutState['plan'] }));
    const run = await runScenario(tickWith({ 'state.json': edited }, { now: at(10), steps: '5' }));
    expect(run.outputs.decision).toBe('hold');
  });

  it('a last tick recorded in the future is clock skew: the tick warns and judges instead of freezing', async () => {
    const skewed = stateAtStep(1, (state) => ({ ...state, lastTickAt: '2099-01-01T00:00:00.000Z' }));
    const run = await decide(tickWith({ 'state.json': skewed }, { now: at(10) }));
    expect(run.outputs.decision).toBe('promote');
    expect(run.stdout).toMatch(/::warning::the last tick is recorded at 2099-01-01T00:00:00\.000Z, after this tick's time/);
  });

  it('ties cap the test: +267% latency on tied samples holds (inconclusive), it does not promote as within', async () => {
    const tied = canaryMetrics({ requests: 100, errors: 0, latencyMs: 200 });
    const latency = { baseline: [100, 100, 100, 100, 100], canary: [100, 100, 100, 100, 2100] };
    const metrics = { ...tied, baseline: { ...tied.baseline, latency_ms: latency.baseline }, canary: { ...tied.canary, latency_ms: latency.canary } };
    const analysis = CANARY_ANALYSIS.replace('    max: 1000\n', '    max: 100000\n');
    const run = await decide(tickWith({ 'metrics.json': JSON.stringify(metrics), 'analysis.yml': analysis }));
    expect(run.outputs.decision).toBe('hold');
    expect(run.outputs.reason).toMatch(/latency .* cannot be significant/);
  });

  it('bake-time 0s judges every interval of a file without timestamps (it used to take only the last and hold for ever)', async () => {
    const run = await decide(tickWith({ 'state.json': stateAtStep(1, (state) => state, '0s') }, { 'bake-time': '0s', now: at(1) }));
    expect(run.outputs.decision).toBe('promote');
    expect(run.summary).toMatch(/\| 10 \/ 10 \|/);
  });

  it('on-no-data: fail never rolls back a healthy canary one interval into its step', async () => {
    const analysis = CANARY_ANALYSIS.replace('    min-samples: 5\n', '    min-samples: 5\n    on-no-data: fail\n');
    const early = canaryMetrics({ requests: 100, errors: 0, latencyMs: 200 });
    const twoMinutes = { ...early, start: new Date(T0).toISOString() };
    const run = await decide(tickWith({ 'metrics.json': JSON.stringify(twoMinutes), 'analysis.yml': analysis }, { now: at(2) }));
    expect(run.outputs.decision).toBe('hold');
  });

  it.each([
    ['1e400', "'1e400'"],
    ['-1e400', '-1e400'],
  ])('a threshold of %s is refused with one line naming the key', async (_, written) => {
    const run = await runScenario(tickWith({ 'analysis.yml': CANARY_ANALYSIS.replace('    max: 5%', `    max: ${written}`) }));
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('hold');
    expect(errorLines(run)).toEqual([expect.stringMatching(/^::error::analysis\.yml:6: metrics\.error-rate\.max: got .*; expected a number/)]);
  });

  it('a canary at exactly max 0.7% passes the limit as written (float rounding used to fail it)', async () => {
    const exact = canaryMetrics({ requests: 1000, errors: 7, latencyMs: 200 });
    const analysis = CANARY_ANALYSIS.replace('    max: 5%\n    max-increase: 50%\n', '    max: 0.7%\n    max-increase: 5000%\n');
    const run = await decide(tickWith({ 'metrics.json': JSON.stringify(exact), 'analysis.yml': analysis }));
    expect(run.outputs.decision).toBe('promote');
  });

  it.each([
    ['a negative count', (m: typeof FAULTY_CANARY_METRICS) => ({ ...m, canary: { ...m.canary, errors: [5, -5, 0, 0, 0, 0, 0, 0, 0, 0] } })],
    ['more errors than requests in one interval', (m: typeof FAULTY_CANARY_METRICS) => ({ ...m, canary: { ...m.canary, errors: [0, 0, 0, 0, 0, 0, 0, 0, 0, 101] } })],
    ['series of different lengths', (m: typeof FAULTY_CANARY_METRICS) => ({ ...m, canary: { ...m.canary, errors: [0, 0, 0] } })],
  ])('%s holds as an error naming the file, and rolls back under on-error: fail, never promotes', async (_, corrupt) => {
    const metrics = JSON.stringify(corrupt(HEALTHY));
    const held = await decide(tickWith({ 'metrics.json': metrics }));
    expect(held.outputs.decision).toBe('hold');
    expect(held.outputs.reason).toMatch(/error-rate: cannot read the metric: file metrics\.json \(canary\): metric `error-rate`: `errors`/);
    const strict = CANARY_ANALYSIS.replace('    max-increase: 50%\n', '    max-increase: 50%\n    on-error: fail\n');
    const rolled = await decide(tickWith({ 'metrics.json': metrics, 'analysis.yml': strict }));
    expect(rolled.outputs.decision).toBe('rollback');
  });

  it('+∞ in the latency series (1e400 in JSON) is a finding that rolls back, not a gap', async () => {
    const marked = { ...HEALTHY, canary: { ...HEALTHY.canary, latency_ms: ['INFINITY', ...HEALTHY.canary.latency_ms.slice(1)] } };
    const run = await decide(tickWith({ 'metrics.json': JSON.stringify(marked).replace('"INFINITY"', '1e400') }));
    expect(run.outputs.decision).toBe('rollback');
    expect(run.outputs.reason).toMatch(/latency ∞ exceeds max 1000/);
  });

  it('direction: either beside only max-increase is refused: it promised a judgement no key makes', async () => {
    const run = await runScenario(tickWith({ 'analysis.yml': CANARY_ANALYSIS.replace('    min-samples: 5\n', '    min-samples: 5\n    direction: either\n') }));
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/metrics\.latency\.direction: is either, but the thresholds judge only an increase/);
  });

  it('a bake time beyond what a timer holds is refused, naming the input', async () => {
    const run = await runScenario(tickWith({}, { 'bake-time': '1e300' }));
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/input `bake-time`: .* is longer than a timer can wait/);
  });

  it('the base case every corruption starts from: a faulty canary after its first bake rolls back', async () => {
    const run = await decide(faultyCanaryTick());
    expect(run.outputs.decision).toBe('rollback');
  });
});
