import { nextTick } from '../../src/engine/rollout/next-tick.js';
import { parsePlan } from '../../src/engine/rollout/parse-plan.js';
import type { RolloutState } from '../../src/engine/rollout/state.js';
import { STATE_FILE_SCHEMA } from '../../src/state/file-store.js';
import type { Scenario } from './scenario.js';

/**
 * Failing inputs of canary-promote and auto-rollback, built from the same
 * documents a user writes: an analysis file, a metrics document of the
 * `file` source, and (for canary-promote) the state file a first tick left.
 */
export const T0 = Date.parse('2026-03-03T10:00:00.000Z');
export const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

export const CANARY_ANALYSIS = `source: { type: file, path: metrics.json }
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    max-increase: 50%
  latency:
    series: latency_ms
    max: 1000
    max-increase: 20%
    min-samples: 5
`;

/** One variant's series in a metrics document. */
export interface VariantSeries {
  requests: number[];
  errors: number[];
  latency_ms: number[];
}

/** Ten one-minute intervals of each variant. */
export function canaryMetrics(canary: { requests: number; errors: number; latencyMs: number }): { interval: string; baseline: VariantSeries; canary: VariantSeries } {
  const ten = (value: (index: number) => number) => Array.from({ length: 10 }, (_, index) => value(index));
  return {
    interval: '1m',
    baseline: { requests: ten(() => 1000), errors: ten((i) => (i % 2 === 0 ? 5 : 6)), latency_ms: ten((i) => 200 + ((i * 7) % 13) - 6) },
    canary: { requests: ten(() => canary.requests), errors: ten(() => canary.errors), latency_ms: ten((i) => canary.latencyMs + ((i * 5) % 11) - 5) },
  };
}

/** 10% errors and twice the latency: every threshold fails. */
export const FAULTY_CANARY_METRICS = canaryMetrics({ requests: 100, errors: 10, latencyMs: 400 });

/** The state file after the first tick of `v2`'s rollout at T0 (5%, step 1 of 5 → 25 → 50 → 100). */
export function startedStateFile(): Record<string, unknown> {
  const plan = parsePlan({ 'canary-ref': 'v2', 'stable-ref': 'v1' });
  if (!plan.ok) throw new Error(plan.error.join('; '));
  const state: RolloutState = nextTick(plan.value, null, null, new Date(T0)).nextState;
  return { schema: STATE_FILE_SCHEMA, rollouts: { production: { state, releases: [] } } };
}

/** canary-promote judging a faulty canary when its first step has baked: `rollback`. */
export function faultyCanaryTick(): Scenario {
  return {
    action: 'canary-promote',
    files: {
      'analysis.yml': CANARY_ANALYSIS,
      'metrics.json': JSON.stringify(FAULTY_CANARY_METRICS),
      'state.json': JSON.stringify(startedStateFile()),
    },
    inputs: { analysis: 'analysis.yml', state: 'file:state.json', 'canary-ref': 'v2', 'stable-ref': 'v1', now: at(10), 'fail-on-rollback': 'false' },
  };
}

/** Latency judged on a histogram alone, so the verdict rests on the buckets. */
export const HISTOGRAM_ANALYSIS = `source: { type: file, path: metrics.json }
interval: 1m
metrics:
  latency:
    histogram: latency_seconds
    max: 2s
    max-increase: 10%
`;

/** Ten one-minute intervals of cumulative buckets: the canary's requests sit in slower buckets than the baseline's. */
export function slowHistogramMetrics(): Record<string, unknown> {
  const ten = (value: (index: number) => number) => Array.from({ length: 10 }, (_, index) => value(index));
  const buckets = (counts: (index: number) => readonly number[]) =>
    Object.fromEntries(['0.1', '0.25', '0.5', '1', '+Inf'].map((le, k) => [le, ten((index) => counts(index)[k]!)]));
  return {
    interval: '1m',
    baseline: { latency_seconds: buckets((i) => [600 + (i % 3) * 5, 900 - (i % 2) * 4, 980, 995, 1000]) },
    canary: { latency_seconds: buckets((i) => [20 + (i % 2), 50 + (i % 3), 80, 95, 100]) },
  };
}

/** canary-promote judging a canary whose requests are slower, on buckets alone: `rollback`. */
export function slowHistogramCanaryTick(): Scenario {
  const scenario = faultyCanaryTick();
  return { ...scenario, files: { ...scenario.files, 'analysis.yml': HISTOGRAM_ANALYSIS, 'metrics.json': JSON.stringify(slowHistogramMetrics()) } };
}

export const LIVE_ANALYSIS = `source: { type: file, path: metrics.json }
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    consecutive: 3
  latency:
    series: latency_ms
    max: 1000
    consecutive: 3
`;

/** The live release: 8 one-minute intervals at 12% errors and 1.5 s latency, breaching both rules. */
export const BREACHING_LIVE_METRICS = {
  interval: '1m',
  requests: Array.from({ length: 8 }, () => 100),
  errors: Array.from({ length: 8 }, () => 12),
  latency_ms: Array.from({ length: 8 }, (_, i) => 1500 + i),
};

/** auto-rollback evaluating a breaching release once: `rolled-back`. */
export function breachingWatch(): Scenario {
  return {
    action: 'auto-rollback',
    files: { 'analysis.yml': LIVE_ANALYSIS, 'metrics.json': JSON.stringify(BREACHING_LIVE_METRICS) },
    inputs: { analysis: 'analysis.yml', duration: '0', version: 'v2', 'rollback-command': JSON.stringify([process.execPath, '-e', '']) },
  };
}
