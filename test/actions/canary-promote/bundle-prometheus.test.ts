import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsApp, driveLoad, startMetricsApp } from '../../support/metrics-app.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';
import { runBundle } from '../../support/run-bundle.js';

/**
 * The bundle judging live metrics from a real Prometheus (one start for the
 * file) scraping four real apps every second: a healthy release (baseline and
 * canary both failing 1% of requests) and a faulty one (canary failing 25%).
 * Each rollout starts at 50% with no bake time, takes a few seconds of load,
 * and is judged on the real clock: the healthy canary goes to 100%, the
 * faulty one back to 0%.
 */
const SERVICES = { shop: { baseline: 0.01, canary: 0.01 }, cart: { baseline: 0.01, canary: 0.25 } } as const;
type Service = keyof typeof SERVICES;

let prometheus: RunningPrometheus;
let apps: MetricsApp[] = [];
let dir: string;

function analysisFor(service: Service): string {
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

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-cp-bundle-prometheus-'));
  const entries = Object.entries(SERVICES).flatMap(([service, rates]) => Object.entries(rates).map(([variant, errorRate]) => ({ service, variant, errorRate })));
  apps = await Promise.all(entries.map((entry, index) => startMetricsApp({ errorRate: entry.errorRate, seed: index + 1 })));
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
    await driveLoad(apps, { requests: 400, spreadMs: 3_000 });
    const seen = await prometheus.waitForSamples('http_requests_total', 1);
    await prometheus.waitForSamples('http_requests_total', seen + 2);

    const [shop, cart] = await Promise.all([tick('shop'), tick('cart')]);
    expect([shop!.code, shop!.outputs.decision, shop!.outputs['previous-weight'], shop!.outputs.weight], shop!.stdout).toEqual([0, 'promote', '50', '100']);
    expect(shop!.summary).toMatch(/\| error-rate \| ✅ pass \| [\d.]+% \(\d+\/\d+\) \| [\d.]+% \(\d+\/\d+\) \| /);
    expect([cart!.code, cart!.outputs.decision, cart!.outputs['previous-weight'], cart!.outputs.weight], cart!.stdout).toEqual([0, 'rollback', '50', '0']);
    expect(cart!.outputs.reason).toMatch(/^rolled back 50% → 0%: 1 metric failed \(error-rate\) > failure-limit 0: error-rate [\d.]+% exceeds max 10%/);
  });
});
