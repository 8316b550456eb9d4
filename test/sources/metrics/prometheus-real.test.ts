import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finiteSamples, ratioOfSums } from '../../../src/engine/aggregate.js';
import type { MetricSource, Variant } from '../../../src/sources/metrics/metric-source.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';
import { type MetricsApp, driveLoad, startMetricsApp } from '../../support/metrics-app.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';

/**
 * The prometheus source against a real Prometheus scraping two real apps
 * every second: baseline failing 1% of requests, canary 10%. Per-step counts
 * come from `increase`, which extrapolates, so the sums are estimates; their
 * ratio must still tell 1% from 10%.
 */
const STEP_MS = 3_000;
const REQUESTS = 1_200;
const QUERIES = {
  errors: 'sum(increase(http_requests_total{variant="{{variant}}", code="500"}[{{interval}}]))',
  requests: 'sum(increase(http_requests_total{variant="{{variant}}"}[{{interval}}]))',
};

let apps: Record<Variant, MetricsApp>;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  apps = { baseline: await startMetricsApp({ errorRate: 0.01, seed: 1 }), canary: await startMetricsApp({ errorRate: 0.1, seed: 2 }) };
  prometheus = await startPrometheus({
    targets: [
      { url: apps.baseline.url, labels: { variant: 'baseline' } },
      { url: apps.canary.url, labels: { variant: 'canary' } },
    ],
    scrapeIntervalMs: 1_000,
  });
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(Object.values(apps ?? {}).map((app) => app.close()));
});

describe('prometheus source on a real Prometheus', () => {
  it('returns per-step error and request counts whose ratio tells 1% from 10%', async () => {
    // Counters at 0 scraped twice before the load: every step of the load then holds two samples or more for `increase`.
    await prometheus.waitForSamples('http_requests_total', 2);
    const loadStarted = Date.now();
    const statuses = await driveLoad([apps.baseline, apps.canary], { requests: REQUESTS, spreadMs: 5_000 });
    // Two scrapes after the load, so Prometheus holds the final counts.
    const seen = await prometheus.waitForSamples('http_requests_total', 1);
    await prometheus.waitForSamples('http_requests_total', seen + 2);

    const now = new Date();
    const windowMs = Math.ceil((now.getTime() - loadStarted + STEP_MS) / STEP_MS) * STEP_MS;
    const created = createMetricSource({ type: 'prometheus', url: prometheus.url, step: `${STEP_MS}ms`, queries: QUERIES }, { workspace: '.', env: {} });
    if (!created.ok) throw new Error(created.error.message);
    const read = (series: string, variant: Variant) => readSeries(created.value, series, variant, windowMs, now);

    for (const variant of ['baseline', 'canary'] as const) {
      const [errors, requests] = [await read('errors', variant), await read('requests', variant)];
      expect(errors.length).toBe(windowMs / STEP_MS);
      expect(requests.length).toBe(windowMs / STEP_MS);
      const truth = apps[variant].stats();
      expect(truth.requests).toBe(REQUESTS);
      expect((statuses[variant === 'baseline' ? 0 : 1] ?? {})[500]).toBe(truth.errors);
      const ratio = ratioOfSums(errors, requests);
      // Every request fell in the window; extrapolation and the edges of the load move the sum a little.
      expect(ratio.denominator).toBeGreaterThan(REQUESTS * 0.6);
      expect(ratio.denominator).toBeLessThan(REQUESTS * 1.3);
      expect(ratio.value).not.toBeNull();
      const expected = truth.errors / truth.requests;
      expect(Math.abs(ratio.value! - expected)).toBeLessThan(expected * 0.4);
    }
    const baseline = ratioOfSums(await read('errors', 'baseline'), await read('requests', 'baseline')).value!;
    const canary = ratioOfSums(await read('errors', 'canary'), await read('requests', 'canary')).value!;
    expect(baseline).toBeLessThan(0.025);
    expect(canary).toBeGreaterThan(0.06);
    expect(canary).toBeLessThan(0.15);
  });
});

async function readSeries(source: MetricSource, series: string, variant: Variant, windowMs: number, now: Date): Promise<number[]> {
  const result = await source.query({ series, variant, windowMs, now });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.intervalMs).toBe(STEP_MS);
  // Counts per step: never negative, and some step saw the load.
  expect(finiteSamples(result.value.values).every((value) => value >= 0)).toBe(true);
  expect(Math.max(...finiteSamples(result.value.values))).toBeGreaterThan(0);
  return result.value.values;
}
