import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsApp, driveLoad, startMetricsApp } from '../../support/metrics-app.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';
import { runBundle } from '../../support/run-bundle.js';

/**
 * The bundle judging latency from a real Prometheus histogram: four real apps
 * scraped every second expose `http_request_duration_seconds_bucket`; one
 * release is as fast as its baseline, the other's canary three times slower
 * (median 15 ms against 5 ms). The analysis reads the buckets per variant
 * (`sum by (le) (increase(…_bucket[…]))`) and judges them request by request.
 * Load runs over a few 2-second steps so the test has several intervals to
 * compare, as the judge requires.
 */
const SERVICES = {
  fast: { baseline: { medianMs: 5, p95Ms: 10 }, canary: { medianMs: 5, p95Ms: 10 } },
  slow: { baseline: { medianMs: 5, p95Ms: 10 }, canary: { medianMs: 15, p95Ms: 30 } },
} as const;
type Service = keyof typeof SERVICES;

let prometheus: RunningPrometheus;
let apps: MetricsApp[] = [];
let dir: string;

function analysisFor(service: Service): string {
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

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-cp-bundle-latency-'));
  const entries = Object.entries(SERVICES).flatMap(([service, variants]) => Object.entries(variants).map(([variant, latency]) => ({ service, variant, latency })));
  apps = await Promise.all(entries.map((entry, index) => startMetricsApp({ latency: entry.latency, seed: index + 11 })));
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

describe('canary-promote bundle on a real Prometheus histogram', () => {
  it('promotes the release as fast as its baseline and rolls back the one whose requests are slower', async () => {
    const started = await Promise.all([tick('fast'), tick('slow')]);
    expect(started.map((run) => run.outputs.decision)).toEqual(['start', 'start']);
    // Buckets scraped at 0 before the load, so `increase` sees every request; two scrapes after it, so Prometheus holds the final counts.
    await prometheus.waitForSamples('http_request_duration_seconds_bucket', 2);
    await driveLoad(apps, { requests: 600, spreadMs: 7_000, concurrency: 4 });
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
