import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readCanaryInputs } from '../../../src/actions/canary-promote/inputs.js';
import { ConfigError } from '../../../src/engine/result.js';
import { TRAFFIC_INPUTS } from '../../../src/targets/registry.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const context = { workspace: '/srv/app', env: {} };
const NOW = new Date('2026-03-03T10:00:00Z');
const read = (inputs: Record<string, string>) => readCanaryInputs((name) => inputs[name] ?? '', context, () => NOW);
const problem = (inputs: Record<string, string>): string => {
  try {
    read(inputs);
  } catch (thrown) {
    if (thrown instanceof ConfigError) return thrown.message;
    throw thrown;
  }
  throw new Error('expected a ConfigError');
};

const metadata = parse(readFileSync(path.join(REPO_ROOT, 'actions/canary-promote/action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
};
/** What the runner passes when a workflow sets only `given`: every other input at its action.yml default. */
const withDefaults = (given: Record<string, string>) => ({ ...Object.fromEntries(Object.entries(metadata.inputs).map(([name, input]) => [name, input.default ?? ''])), ...given });

describe('readCanaryInputs', () => {
  it('reads a canary plan, a file state and a command target, with the documented defaults', () => {
    const inputs = read(withDefaults({ analysis: 'analysis.yml', state: 'file:.rollout/state.json', 'traffic-command': '["./set-weight.sh", "{weight}"]', 'canary-ref': 'v2' }));
    expect(inputs).toMatchObject({
      analysis: 'analysis.yml',
      plan: { strategy: 'canary', steps: [5, 25, 50, 100], bakeMs: [600_000, 600_000, 600_000, 600_000], failureLimit: 0 },
      given: { canary: { ref: 'v2', version: 'v2' }, stable: null },
      state: { kind: 'file', path: '.rollout/state.json' },
      environment: 'production',
      dryRun: false,
      now: NOW,
      failOnRollback: true,
    });
    expect(inputs.target?.describe()).toBe('command ./set-weight.sh {weight}');
  });

  it('accepts every strategy with the action.yml defaults of the inputs it does not use', () => {
    const blueGreen = read(withDefaults({ analysis: 'a.yml', state: 'file:s.json', strategy: 'blue-green', 'bake-time': '5m,10m', 'scale-down-delay': '1m' }));
    expect(blueGreen.plan).toMatchObject({ strategy: 'blue-green', prePromotionBakeMs: 300_000, postPromotionBakeMs: 600_000, scaleDownDelayMs: 60_000 });
    expect(read(withDefaults({ analysis: 'a.yml', 'github-token': 'ghs_x' })).state).toEqual({ kind: 'github' });
  });

  it('reports every bad input at once, each naming the input', () => {
    expect(problem({ steps: '5,50,25', 'dry-run': 'maybe', now: 'tomorrow', state: 'redis://x', 'traffic-target': 'haproxy' })).toBe(
      [
        'input `now` must be an ISO-8601 instant such as 2026-11-24T10:30:00Z, got `tomorrow`',
        'input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; 50 then 25 does not increase in `5,50,25`',
        'input `state` must be `github` or `file:<path>` (e.g. file:.rollout-guard/state.json), got `redis://x`',
        'input `traffic-target` must be one of command, nginx, vercel, flagsmith, posthog, unleash, launchdarkly, got `haproxy`',
        'input `analysis` is required',
        'input `dry-run` must be true or false, got `maybe`',
      ].join('; '),
    );
  });

  it('refuses inputs that do not apply to the strategy instead of ignoring them', () => {
    expect(problem({ analysis: 'a.yml', state: 'file:s.json', 'scale-down-delay': '1m' })).toBe('input `scale-down-delay` applies to `strategy: blue-green` only; remove it for a canary');
    expect(problem({ analysis: 'a.yml', state: 'file:s.json', strategy: 'blue-green', steps: '10,100' })).toMatch(/^input `steps` applies to `strategy: canary` only/);
  });

  it('names the release by ref or version, either alone', () => {
    expect(read({ analysis: 'a', state: 'file:s', 'canary-version': '2.0.0' }).given.canary).toEqual({ ref: '2.0.0', version: '2.0.0' });
    expect(read({ analysis: 'a', state: 'file:s', 'canary-ref': 'abc', 'stable-version': '1.9' }).given).toEqual({ canary: { ref: 'abc', version: 'abc' }, stable: { ref: '1.9', version: '1.9' } });
  });
});

describe('action.yml', () => {
  it('declares every traffic input, with an empty default so one target kind is picked by what is set', () => {
    for (const name of TRAFFIC_INPUTS) expect(metadata.inputs[name], name).toMatchObject({ default: '' });
  });

  it('leaves the plan inputs a strategy refuses empty, and documents the outputs the README promises', () => {
    for (const name of ['steps', 'bake-time', 'scale-down-delay', 'failure-limit', 'state', 'canary-ref']) expect(metadata.inputs[name]?.default, name).toBe('');
    expect(Object.keys(metadata.outputs)).toEqual(expect.arrayContaining(['decision', 'weight', 'previous-weight', 'step', 'next-check-after', 'reason', 'report', 'summary']));
    expect(metadata.inputs.analysis?.required).toBe(true);
  });
});
