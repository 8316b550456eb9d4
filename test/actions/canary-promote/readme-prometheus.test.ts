import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsApp, driveLoad, startMetricsApp } from '../../support/metrics-app.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';
import { REPO_ROOT, runBundle } from '../../support/run-bundle.js';

/**
 * The analysis file the README shows for canary-promote, taken from the
 * README itself, against a real Prometheus scraping real apps whose error
 * series, as in most apps, does not exist until the first error: the README's
 * error query then returns no series at all, which must read as no errors
 * (`empty-numerator: zero`), not as no data that holds for ever. Only the
 * URL and the spacing are changed (seconds instead of minutes); every query
 * and threshold is as written.
 */
let prometheus: RunningPrometheus;
let apps: MetricsApp[] = [];
let work: string;

async function readmeAnalysis(): Promise<string> {
  const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /```yaml\n(source:\n {2}type: prometheus[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('the README has no prometheus analysis block');
  return block;
}

function adapt(block: string, service: string): string {
  const adapted = block
    .replace(/url: .*/, `url: ${prometheus.url}\n  step: 2s`)
    .replace(/^interval: 1m$/m, 'interval: 2s')
    .replaceAll('variant="{{variant}}"', `service="${service}", variant="{{variant}}"`);
  if (adapted === block || !adapted.includes(`service="${service}"`)) throw new Error('the README block changed shape; update this test');
  return adapted;
}

const SERVICES = { quiet: { baseline: 0, canary: 0 }, broken: { baseline: 0, canary: 0.3 } } as const;
type Service = keyof typeof SERVICES;

beforeAll(async () => {
  // Inside the repository: evidence paths must stay inside the workspace.
  work = await mkdtemp(path.join(REPO_ROOT, '.test-work-readme-'));
  const entries = Object.entries(SERVICES).flatMap(([service, rates]) => Object.entries(rates).map(([variant, errorRate]) => ({ service, variant, errorRate })));
  apps = await Promise.all(entries.map((entry, index) => startMetricsApp({ errorRate: entry.errorRate, seed: index + 7, initializeErrors: false, latency: { medianMs: 20, p95Ms: 40 } })));
  prometheus = await startPrometheus({ targets: entries.map((entry, index) => ({ url: apps[index]!.url, labels: { service: entry.service, variant: entry.variant } })) });
  const block = await readmeAnalysis();
  for (const service of Object.keys(SERVICES) as Service[]) await writeFile(path.join(work, `${service}.yml`), adapt(block, service));
});

afterAll(async () => {
  await prometheus?.stop();
  await Promise.all(apps.map((app) => app.close()));
  const { rm } = await import('node:fs/promises');
  await rm(work, { recursive: true, force: true });
});

const tick = (service: Service) =>
  runBundle('canary-promote', {
    inputs: {
      analysis: path.relative(REPO_ROOT, path.join(work, `${service}.yml`)),
      state: `file:${path.relative(REPO_ROOT, path.join(work, `${service}-state.json`))}`,
      steps: '50,100',
      'bake-time': '0s',
      'canary-ref': `${service}-v2`,
      'fail-on-rollback': 'false',
    },
  });

describe("the README's Prometheus analysis, as written, on a real Prometheus", () => {
  it('promotes a canary that never failed (its error series does not exist) and rolls back one that fails', async () => {
    const started = await Promise.all([tick('quiet'), tick('broken')]);
    expect(started.map((run) => run.outputs.decision)).toEqual(['start', 'start']);
    const before = await prometheus.waitForSamples('http_requests_total{code="200"}', 1);
    await driveLoad(apps, { requests: 300, spreadMs: 12_000 });
    await prometheus.waitForSamples('http_requests_total{code="200"}', before + 7);
    // No 500 series for the quiet service, at all: the README's error query returns nothing for it.
    const [quiet, broken] = await Promise.all([tick('quiet'), tick('broken')]);
    expect(quiet.outputs.decision, quiet.stdout).toBe('promote');
    expect(quiet.outputs.weight).toBe('100');
    expect(broken.outputs.decision, broken.stdout).toBe('rollback');
    const report = JSON.parse(await readFile(quiet.outputs.report!, 'utf8')) as { checks: { name: string; status: string; value: number | null }[] };
    expect(report.checks.find((check) => check.name === 'error-rate')).toMatchObject({ status: 'pass', value: 0 });
    expect(report.checks.find((check) => check.name === 'latency')?.status).toBe('pass');
  });
});
