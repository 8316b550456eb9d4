import type { MetricConfig } from '../../../src/engine/analysis/config.js';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import type { VariantData } from '../../../src/engine/judge/types.js';
import type { HealthCheckResult } from '../../../src/sources/health-check.js';
import type { MetricRead, SampleReader } from '../../../src/actions/auto-rollback/sample-reader.js';
import type { WatchDeps, WatchPlan } from '../../../src/actions/auto-rollback/watch.js';

/** Virtual time and scripted reads for the watch's tests: no real waiting, exact answers. */
export const T0 = Date.parse('2026-03-03T10:00:00.000Z');

export function metricsOf(yaml: string): MetricConfig[] {
  const parsed = parseAnalysis(`source: { type: file, path: m.json }\nmetrics:\n${yaml}`, { mode: 'canary' });
  if (!parsed.ok) throw parsed.error;
  return parsed.value.metrics;
}

/** One poll's reads: per metric, new samples (a series) or a fault. */
export type ScriptedPoll = Record<string, number[] | { fault: 'provider' | 'config' | 'missing' | 'malformed'; message?: string } | { watched: VariantData; baseline: VariantData | null }>;

export interface Harness {
  deps: WatchDeps;
  logs: string[];
  /** Times (ms after T0) the reader was called. */
  readsAt: number[];
  /** Health checks made, per URL. */
  checks: Record<string, number>;
}

/**
 * `polls[i]` answers the i-th read (an empty object once the script runs
 * out); `health(url, n)` answers the n-th check of a URL. Each read and check
 * takes `costMs` of virtual time.
 */
export function harness(polls: ScriptedPoll[], health: (url: string, n: number) => boolean = () => true, costMs = 0, isStream = false): Harness {
  let now = T0;
  const logs: string[] = [];
  const readsAt: number[] = [];
  const checks: Record<string, number> = {};
  const reader: SampleReader = {
    where: 'scripted',
    isStream,
    async read() {
      readsAt.push(now - T0);
      const poll = polls[readsAt.length - 1] ?? {};
      now += costMs;
      return Object.fromEntries(Object.entries(poll).map(([name, answer]): [string, MetricRead] => [name, toRead(answer)]));
    },
  };
  const checkHealth = async (url: string): Promise<HealthCheckResult> => {
    const n = (checks[url] = (checks[url] ?? 0) + 1);
    const isHealthy = health(url, n);
    return { url, isHealthy, status: isHealthy ? 200 : 500, durationMs: 1, reason: isHealthy ? '200 in 1ms' : 'answered 500, expected 200' };
  };
  const deps: WatchDeps = { clock: () => now, sleep: async (ms) => void (now += ms), reader, checkHealth, log: (line) => void logs.push(line) };
  return { deps, logs, readsAt, checks };
}

function toRead(answer: ScriptedPoll[string]): MetricRead {
  if (Array.isArray(answer)) return { ok: true, value: { watched: answer, baseline: null, intervalMs: null } };
  if ('fault' in answer) return { ok: false, fault: { kind: answer.fault, message: answer.message ?? 'GET http://prometheus/api/v1/query_range answered 500 after 3 tries' } };
  return { ok: true, value: { watched: answer.watched, baseline: answer.baseline, intervalMs: null } };
}

/** `min-coverage: 50%`, the default. */
export const HALF = { exact: { n: 1n, d: 2n }, text: '50%' };

export function plan(metrics: MetricConfig[], overrides: Partial<WatchPlan> = {}): WatchPlan {
  return { durationMs: 10 * 60_000, intervalMs: 60_000, maxOutageMs: 5 * 60_000, metrics, failureLimit: 0, healthUrls: [], healthRule: { kind: 'n-of-m', n: 4, m: 5 }, minCoverage: HALF, ...overrides };
}
