import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finiteSamples, ratioOfSums } from '../../../src/engine/aggregate.js';
import type { MetricSource, Variant } from '../../../src/sources/metrics/metric-source.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';
import { DURATION_BUCKETS, type LoadOptions, type MetricsApp, driveLoad, startMetricsApp } from '../../support/metrics-app.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';

/**
 * The prometheus source against a real Prometheus scraping two real apps
 * every second: baseline failing 1% of requests, canary 10%. Per-step counts
 * come from `increase`, which extrapolates, so the sums are estimates; their
 * ratio must still tell 1% from 10%. Two more apps, a fast baseline and a
 * slow canary, serve the histogram case; they are labelled `track`, not
 * `variant`, so each case's sums hold its own apps' requests alone.
 */
const STEP_MS = 3_000;
const REQUESTS = 1_200;
const QUERIES = {
  errors: 'sum(increase(http_requests_total{variant="{{variant}}", code="500"}[{{interval}}]))',
  requests: 'sum(increase(http_requests_total{variant="{{variant}}"}[{{interval}}]))',
  latency: 'sum by (le) (increase(http_request_duration_seconds_bucket{track="{{variant}}"}[{{interval}}]))',
  served: 'sum(increase(http_requests_total{track="{{variant}}"}[{{interval}}]))',
};
const LATENCY_REQUESTS = 600;

let apps: Record<Variant, MetricsApp>;
let latencyApps: Record<Variant, MetricsApp>;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  apps = { baseline: await startMetricsApp({ errorRate: 0.01, seed: 1 }), canary: await startMetricsApp({ errorRate: 0.1, seed: 2 }) };
  latencyApps = {
    baseline: await startMetricsApp({ latency: { medianMs: 3, p95Ms: 10 }, seed: 3 }),
    canary: await startMetricsApp({ latency: { medianMs: 30, p95Ms: 90 }, seed: 4 }),
  };
  prometheus = await startPrometheus({
    targets: [
      { url: apps.baseline.url, labels: { variant: 'baseline' } },
      { url: apps.canary.url, labels: { variant: 'canary' } },
      { url: latencyApps.baseline.url, labels: { track: 'baseline' } },
      { url: latencyApps.canary.url, labels: { track: 'canary' } },
    ],
    scrapeIntervalMs: 1_000,
  });
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all([...Object.values(apps ?? {}), ...Object.values(latencyApps ?? {})].map((app) => app.close()));
});

describe('prometheus source on a real Prometheus', () => {
  it('returns per-step error and request counts whose ratio tells 1% from 10%', async () => {
    const { statuses, now, windowMs } = await loadAndScrape([apps.baseline, apps.canary], 'http_requests_total', { requests: REQUESTS, spreadMs: 5_000 });
    const source = createSource();
    const read = (series: string, variant: Variant) => readSeries(source, series, variant, windowMs, now);

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

describe('prometheus source on a real Prometheus: histograms', () => {
  it('returns per-step bucket counts per le whose +Inf bucket adds up to the requests served, and tells a fast version from a slow one', async () => {
    // 16 in flight: the slow canary's ~25 ms mean answers 120 requests a second without falling behind the spread.
    const load = { requests: LATENCY_REQUESTS, spreadMs: 5_000, concurrency: 16 };
    const { now, windowMs } = await loadAndScrape([latencyApps.baseline, latencyApps.canary], 'http_request_duration_seconds_bucket{track!=""}', load);
    const source = createSource();
    const fractionWithin25ms: Record<Variant, number> = { baseline: NaN, canary: NaN };
    for (const variant of ['baseline', 'canary'] as const) {
      const read = await source.queryHistogram!({ series: 'latency', variant, windowMs, now });
      if (!read.ok) throw new Error(read.error.message);
      const { buckets, intervalMs } = read.value;
      expect(intervalMs).toBe(STEP_MS);
      // Prometheus 2.42 writes le="1" and le="+Inf"; every bound of the app's exposition comes back as its number, in order.
      expect(buckets.map(({ le }) => le)).toEqual([...DURATION_BUCKETS, Infinity]);
      expect(buckets.every(({ values }) => values.length === windowMs / STEP_MS)).toBe(true);
      const totals = buckets.map(({ values }) => finiteSamples(values).reduce((sum, value) => sum + value, 0));
      expect(totals.every((total) => total >= 0)).toBe(true);
      // The +Inf bucket and the request counter are one count in one scrape: their per-step increases are equal, gaps included.
      expect(buckets.at(-1)!.values).toEqual(await readSeries(source, 'served', variant, windowMs, now));
      const served = latencyApps[variant].stats().requests;
      expect(served).toBe(LATENCY_REQUESTS);
      // Every request fell in the window; extrapolation and the edges of the load move the sum a little, as for `requests` above.
      const all = totals.at(-1)!;
      expect(all).toBeGreaterThan(served * 0.6);
      expect(all).toBeLessThan(served * 1.3);
      fractionWithin25ms[variant] = totals[DURATION_BUCKETS.indexOf(0.025)]! / all;
    }
    // Log-normal latencies: baseline (median 3 ms, p95 10 ms) is almost all within 25 ms, canary (median 30 ms) under half.
    expect(fractionWithin25ms.baseline).toBeGreaterThan(0.95);
    expect(fractionWithin25ms.canary).toBeGreaterThan(0.2);
    expect(fractionWithin25ms.canary).toBeLessThan(0.6);
  });
});

/**
 * Drives `load` at `targets` between scrapes: counters at 0 scraped twice
 * before it, so every step of the load holds two samples or more for
 * `increase`, and twice after, so Prometheus holds the final counts. The
 * window is whole steps ending now and holding all of the load.
 */
async function loadAndScrape(targets: MetricsApp[], selector: string, load: LoadOptions): Promise<{ statuses: Array<Record<number, number>>; now: Date; windowMs: number }> {
  await prometheus.waitForSamples(selector, 2);
  const loadStarted = Date.now();
  const statuses = await driveLoad(targets, load);
  const seen = await prometheus.waitForSamples(selector, 1);
  await prometheus.waitForSamples(selector, seen + 2);
  const now = new Date();
  return { statuses, now, windowMs: Math.ceil((now.getTime() - loadStarted + STEP_MS) / STEP_MS) * STEP_MS };
}

function createSource(): MetricSource {
  const created = createMetricSource({ type: 'prometheus', url: prometheus.url, step: `${STEP_MS}ms`, queries: QUERIES }, { workspace: '.', env: {} });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

async function readSeries(source: MetricSource, series: string, variant: Variant, windowMs: number, now: Date): Promise<number[]> {
  const result = await source.query({ series, variant, windowMs, now });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.intervalMs).toBe(STEP_MS);
  // Counts per step: never negative, and some step saw the load.
  expect(finiteSamples(result.value.values).every((value) => value >= 0)).toBe(true);
  expect(Math.max(...finiteSamples(result.value.values))).toBeGreaterThan(0);
  return result.value.values;
}
