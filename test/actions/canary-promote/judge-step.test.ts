import { describe, expect, it } from 'vitest';
import { judgeStep, lookOf, shouldJudge } from '../../../src/actions/canary-promote/judge-step.js';
import type { LoadedAnalysis } from '../../../src/actions/shared/metric-samples.js';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import { ok } from '../../../src/engine/result.js';
import { nextTick } from '../../../src/engine/rollout/next-tick.js';
import { parsePlan } from '../../../src/engine/rollout/parse-plan.js';
import type { MetricQuery, MetricSource } from '../../../src/sources/metrics/metric-source.js';
import { T0, minutes } from './support.js';

/**
 * A source answering fixed samples per `variant:series` (a query metric's
 * series is its query) and keeping every query it was asked: a MetricSource
 * of its own, not a stand-in for one of ours.
 */
function recordingSource(values: Record<string, number[]>): MetricSource & { queries: MetricQuery[] } {
  const queries: MetricQuery[] = [];
  return {
    kind: 'recording',
    where: 'memory',
    queries,
    query: async (request) => (queries.push(request), ok({ values: values[`${request.variant}:${request.series}`] ?? [], intervalMs: 60_000 })),
  };
}

function analysis(yaml: string, source: MetricSource): LoadedAnalysis {
  const parsed = parseAnalysis(yaml);
  if (!parsed.ok) throw parsed.error;
  return { config: parsed.value, source };
}

const plan = (() => {
  const parsed = parsePlan({ 'canary-ref': 'abc', 'canary-version': '2.0.0', 'stable-ref': '1.9.0' });
  if (!parsed.ok) throw new Error(parsed.error.join('; '));
  return parsed.value;
})();
const started = nextTick(plan, null, null, new Date(T0)).nextState;

describe('judging a step', () => {
  it('reads the window from the step start to now, each variant under its own version', async () => {
    const query = 'p99{version="{{version}}"}';
    const source = recordingSource({ [`canary:${query}`]: [210, 220, 230, 215, 225], [`baseline:${query}`]: [200, 205, 210, 215, 220] });
    const loaded = analysis(`source: { type: x }\nmetrics:\n  p99: { query: '${query}', max: 500, min-samples: 5 }\n`, source);
    const judged = await judgeStep(loaded, started, new Date(minutes(12)));
    expect(judged.span).toEqual({ from: minutes(0), to: minutes(12), windowMs: 720_000 });
    expect(source.queries.map((q) => [q.variant, q.version, q.windowMs])).toEqual([
      ['baseline', '1.9.0', 720_000],
      ['canary', '2.0.0', 720_000],
    ]);
    expect(judged.verdict).toEqual({ verdict: 'promote', reason: '1 metric passed' });
  });

  it('reads at least one interval, so a step judged at once still has a sample to count', async () => {
    const source = recordingSource({});
    const loaded = analysis('source: { type: x }\ninterval: 30s\nmetrics:\n  errors: { series: e, max: 1 }\n', source);
    const judged = await judgeStep(loaded, started, new Date(T0));
    expect(judged.span.windowMs).toBe(30_000);
    expect(judged.verdict).toEqual({ verdict: 'hold', reason: '1 metric not yet decided (errors): errors: no data: canary has 0 of 3 required samples' });
  });

  it('gives the failing metrics\' numbers in a rollback\'s reason', async () => {
    const source = recordingSource({ 'canary:e': [9, 9, 9], 'baseline:e': [1, 1, 1] });
    const loaded = analysis('source: { type: x }\nmetrics:\n  errors: { series: e, max: 5 }\n  other: { series: o, max: 1, on-no-data: pass }\n', source);
    const judged = await judgeStep(loaded, started, new Date(minutes(10)));
    expect(judged.verdict).toEqual({ verdict: 'rollback', reason: '1 metric failed (errors) > failure-limit 0: errors 9 exceeds max 5 (baseline 1)' });
  });

  it('is due once one interval of data exists (during the bake as background analysis), never on a re-run of a saved tick, and not for a new rollout', () => {
    expect(shouldJudge(plan, null, new Date(minutes(20)))).toBe(false);
    expect(shouldJudge(plan, started, new Date(Date.parse(minutes(0)) + 59_000))).toBe(false);
    expect(shouldJudge(plan, started, new Date(minutes(1)))).toBe(true);
    expect(shouldJudge(plan, started, new Date(minutes(9)))).toBe(true);
    expect(shouldJudge(plan, started, new Date(minutes(10)))).toBe(true);
    expect(shouldJudge(plan, started, new Date(minutes(3)), 300_000)).toBe(false);
    const held = nextTick(plan, started, { verdict: 'hold', reason: 'x' }, new Date(minutes(10))).nextState;
    expect(shouldJudge(plan, held, new Date(minutes(10)))).toBe(false);
    expect(shouldJudge(plan, held, new Date(minutes(11)))).toBe(true);
    expect(shouldJudge({ ...plan, canary: { ref: 'def', version: '3.0.0' } }, started, new Date(minutes(10)))).toBe(false);
  });
});

describe('looks at a step', () => {
  it('numbers interim looks during the bake, the final one at its end, and later ones past it', () => {
    expect(lookOf(started, new Date(minutes(1)), 60_000)).toEqual({ index: 1, count: 10 });
    expect(lookOf(started, new Date(minutes(9)), 60_000)).toEqual({ index: 9, count: 10 });
    expect(lookOf(started, new Date(minutes(10)), 60_000)).toEqual({ index: 10, count: 10 });
    const held = nextTick(plan, started, { verdict: 'hold', reason: 'x' }, new Date(minutes(10))).nextState;
    expect(lookOf(held, new Date(minutes(11)), 60_000)).toEqual({ index: 11, count: 10 });
    // A bake shorter than two intervals still has an interim look and a final one.
    expect(lookOf(started, new Date(minutes(1)), 600_000)).toEqual({ index: 1, count: 2 });
  });
});

describe('judging the 100% step', () => {
  // Walk the default plan 5 → 25 → 50 → 100 with passing judgements.
  let atFull = started;
  for (let step = 1; step <= 3; step++) atFull = nextTick(plan, atFull, { verdict: 'promote', reason: 'ok' }, new Date(minutes(15 * step))).nextState;
  const yaml = 'source: { type: x }\nmetrics:\n  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5%, max-increase: 50% }\n  latency: { series: ms, max: 1000, max-increase: 20% }\n';

  it('holds the canary to absolute thresholds only, since the baseline serves no traffic', async () => {
    expect(atFull.weight).toBe(100);
    const source = recordingSource({ 'canary:errors': [1, 2, 1], 'canary:requests': [1000, 1000, 1000], 'canary:ms': [200, 210, 220] });
    const judged = await judgeStep(analysis(yaml, source), atFull, new Date(minutes(60)));
    expect(source.queries.every((q) => q.variant === 'canary')).toBe(true);
    expect(judged.verdict.verdict).toBe('promote');
    expect(judged.verdict.reason).toMatch(/at 100% the baseline serves no traffic: absolute thresholds only/);
  });

  it('never promotes a metric that nothing can judge at 100%: one with only relative thresholds is no data', async () => {
    const relativeOnly = 'source: { type: x }\nmetrics:\n  error-rate: { ratio: { numerator: errors, denominator: requests }, max-increase: 50% }\n';
    // Even a canary in flames: nothing judges it at 100% but an absolute threshold.
    const source = recordingSource({ 'canary:errors': [900, 800, 1000], 'canary:requests': [1000, 1000, 1000] });
    const judged = await judgeStep(analysis(relativeOnly, source), atFull, new Date(minutes(60)));
    expect(judged.verdict.verdict).toBe('hold');
    expect(judged.verdict.reason).toMatch(/error-rate: no data: no threshold applies to this step/);
  });

  it('still rolls back a canary over its absolute ceiling at 100%', async () => {
    const source = recordingSource({ 'canary:errors': [90, 80, 100], 'canary:requests': [1000, 1000, 1000], 'canary:ms': [200, 210, 220] });
    const judged = await judgeStep(analysis(yaml, source), atFull, new Date(minutes(60)));
    expect(judged.verdict.verdict).toBe('rollback');
    expect(judged.verdict.reason).toMatch(/error-rate 9% exceeds max 5%/);
  });
});
