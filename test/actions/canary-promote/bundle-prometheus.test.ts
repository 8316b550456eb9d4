import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsApp, driveLoad, startMetricsApp } from '../../support/metrics-app.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';
import { runBundle } from '../../support/run-bundle.js';

/**
 * The bundle judging live metrics from a real Prometheus (one start for the
 * file) scraping real apps every second. Errors: a healthy release (baseline
 * and canary both failing 1% of requests) and a faulty one (canary failing
 * 25%). Latency, from the apps' `http_request_duration_seconds_bucket`: a
 * release as fast as its baseline and one whose canary is three times slower
 * (median 15 ms against 5 ms), judged request by request. Each rollout starts
 * at 50% with no bake time, takes a few seconds of load, and is judged on the
 * real clock: the healthy canaries go to 100%, the faulty ones back to 0%.
 */
const FAST = { medianMs: 5, p95Ms: 10 };
const SERVICES = {
  shop: { baseline: { errorRate: 0.01 }, canary: { errorRate: 0.01 } },
  cart: { baseline: { errorRate: 0.01 }, canary: { errorRate: 0.25 } },
  fast: { baseline: { latency: FAST }, canary: { latency: FAST } },
  slow: { baseline: { latency: FAST }, canary: { latency: { medianMs: 15, p95Ms: 30 } } },
} as const;
type Service = keyof typeof SERVICES;
const LATENCY_SERVICES: readonly Service[] = ['fast', 'slow'];

let prometheus: RunningPrometheus;
let apps: MetricsApp[] = [];
let dir: string;

function analysisFor(service: Service): string {
  if (LATENCY_SERVICES.includes(service)) return latencyAnalysisFor(service);
  const selector = `service="${service}", variant="{{variant}}"`;
  return `source:
  type: prometheus
  url: ${prometheus.url}
  step: 3s
  queries:
    errors: 'sum(increase(http_requests_total{${selector}, code="500"}[{{interval}}]))'
    requests: 'sum(increase(http_requests_total{${selector}}[{{interval}}]))'
interval: 3s
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 10%
    max-increase: 100%
    min-samples: 2
`;
}

/** Buckets per variant, read by the metric's own query; steps of 2 s so a few seconds of load make several intervals to compare. */
function latencyAnalysisFor(service: Service): string {
  return `source:
  type: prometheus
  url: ${prometheus.url}
  step: 2s
interval: 2s
metrics:
  latency:
    histogram: { quantile: 0.9 }
    query: 'sum by (le) (increase(http_request_duration_seconds_bucket{service="${service}", variant="{{variant}}"}[{{interval}}]))'
    max: 2s
    max-increase: 50%
    min-samples: 3
`;
}

const appsOf = (services: readonly Service[]) => apps.filter((_, index) => services.includes(entries[index]!.service));
const entries = Object.entries(SERVICES).flatMap(([service, variants]) => Object.entries(variants).map(([variant, options]) => ({ service: service as Service, variant, options })));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-cp-bundle-prometheus-'));
  apps = await Promise.all(entries.map((entry, index) => startMetricsApp({ ...entry.options, seed: index + 1 })));
  prometheus = await startPrometheus({ targets: entries.map((entry, index) => ({ url: apps[index]!.url, labels: { service: entry.service, variant: entry.variant } })) });
  for (const service of Object.keys(SERVICES) as Service[]) await writeFile(path.join(dir, `${service}.yml`), analysisFor(service));
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(apps.map((app) => app.close()));
});

const tick = (service: Service) =>
  runBundle('canary-promote', {
    cwd: dir,
    inputs: {
      analysis: path.join(dir, `${service}.yml`),
      state: `file:${path.join(dir, `${service}-state.json`)}`,
      steps: '50,100',
      'bake-time': '0s',
      'canary-ref': `${service}-v2`,
      'fail-on-rollback': 'false',
    },
  });

describe('canary-promote bundle on a real Prometheus', () => {
  it('promotes the healthy canary and rolls back the failing one', async () => {
    const started = await Promise.all([tick('shop'), tick('cart')]);
    expect(started.map((run) => [run.code, run.outputs.decision, run.outputs.weight])).toEqual([
      [0, 'start', '50'],
      [0, 'start', '50'],
    ]);
    // Counters scraped at 0 before the load, so `increase` sees every request; two scrapes after it, so Prometheus holds the final counts.
    await prometheus.waitForSamples('http_requests_total', 2);
    await driveLoad(appsOf(['shop', 'cart']), { requests: 400, spreadMs: 3_000 });
    const seen = await prometheus.waitForSamples('http_requests_total', 1);
    await prometheus.waitForSamples('http_requests_total', seen + 2);

    const [shop, cart] = await Promise.all([tick('shop'), tick('cart')]);
    expect([shop!.code, shop!.outputs.decision, shop!.outputs['previous-weight'], shop!.outputs.weight], shop!.stdout).toEqual([0, 'promote', '50', '100']);
    expect(shop!.summary).toMatch(/\| error-rate \| ✅ pass \| [\d.]+% \(\d+\/\d+\) \| [\d.]+% \(\d+\/\d+\) \| /);
    expect([cart!.code, cart!.outputs.decision, cart!.outputs['previous-weight'], cart!.outputs.weight], cart!.stdout).toEqual([0, 'rollback', '50', '0']);
    expect(cart!.outputs.reason).toMatch(/^rolled back 50% → 0%: 1 metric failed \(error-rate\) > failure-limit 0: error-rate [\d.]+% exceeds max 10%/);
  });
});

describe('canary-promote bundle on a real Prometheus histogram', () => {
  it('promotes the release as fast as its baseline and rolls back the one whose requests are slower', async () => {
    const started = await Promise.all([tick('fast'), tick('slow')]);
    expect(started.map((run) => run.outputs.decision)).toEqual(['start', 'start']);
    // Buckets scraped before the load, so `increase` sees every request; two scrapes after it, so Prometheus holds the final counts.
    await prometheus.waitForSamples('http_request_duration_seconds_count', 2);
    await driveLoad(appsOf(LATENCY_SERVICES), { requests: 600, spreadMs: 7_000, concurrency: 4 });
    const seen = await prometheus.waitForSamples('http_request_duration_seconds_count', 1);
    await prometheus.waitForSamples('http_request_duration_seconds_count', seen + 2);

    const [fast, slow] = await Promise.all([tick('fast'), tick('slow')]);
    expect([fast!.outputs.decision, fast!.outputs.weight], fast!.stdout).toEqual(['promote', '100']);
    expect(fast!.summary).toMatch(/\| latency \| ✅ pass \| [\d.]+ ms \| [\d.]+ ms \| /);
    expect([slow!.outputs.decision, slow!.outputs.weight], slow!.stdout).toEqual(['rollback', '0']);
    expect(slow!.outputs.reason).toMatch(
      /^rolled back 50% → 0%: 1 metric failed \(latency\) > failure-limit 0: latency [\d.]+ ms vs baseline [\d.]+ ms \(\+\d+(\.\d+)?%, p=\S+ < \S+\) exceeds max-increase 50%; \d+ canary and \d+ baseline requests on 12 shared buckets/,
    );
  });
});
