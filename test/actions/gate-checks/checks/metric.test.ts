import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { createMetricCheck } from '../../../../src/actions/gate-checks/checks/metric.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const metricCheck = createMetricCheck({ sleep: async () => undefined });
const environment: CheckEnvironment = { workspace: path.join(REPO_ROOT, 'test/fixtures/metrics'), now: new Date('2026-11-24T10:00:00Z'), override: false, env: {} };
const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'staging', type: 'metric', level: 'required', entry: { type: 'metric', ...entry } });
const staging = { type: 'file', path: 'staging.json' };
const canary = { type: 'file', path: 'canary.json' };
const evaluate = async (entry: Record<string, unknown>) => (await evaluateCheck(spec(entry), metricCheck, environment)).report;

let server: Server;
let base = '';
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits++;
    if (request.url === '/down') {
      response.writeHead(503).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { result: [{ values: [[1, '0.01'], [2, '0.03']] }] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('metric check: exact values', () => {
  it('a mean or a ratio of sums is compared exactly: 0.1 + 0.2 meets max: 0.3', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-metric-exact-'));
    // In doubles 0.1 + 0.2 is 0.30000000000000004, above 0.3.
    await writeFile(path.join(dir, 'm.json'), JSON.stringify({ interval: '1h', share: [0.1, 0.2], one: [1, 0], pair: [0.15, 0.15] }));
    const env = { ...environment, workspace: dir };
    const source = { type: 'file', path: 'm.json' };
    const ratio = await evaluateCheck(spec({ source, ratio: { numerator: 'share', denominator: 'one' }, window: '2h', max: 0.3 }), metricCheck, env);
    expect(ratio.report.status).toBe('pass');
    const sum = await evaluateCheck(spec({ source, series: 'share', aggregate: 'sum', window: '2h', max: 0.3 }), metricCheck, env);
    expect(sum.report.status).toBe('pass');
    const mean = await evaluateCheck(spec({ source, series: 'share', aggregate: 'mean', window: '2h', min: 0.15, max: 0.15 }), metricCheck, env);
    expect(mean.report.status).toBe('pass');
  });
});

describe('metric check: numbers are validated, and +∞ is a finding', () => {
  it('a negative count or more errors than requests in one interval is malformed, naming the source and interval, never summed into a pass', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-metric-counts-'));
    await writeFile(path.join(dir, 'm.json'), JSON.stringify({ interval: '1h', errors: [50, -50, 0], requests: [100, 100, 100], spike: [90, 0], few: [10, 1000] }));
    const env = { ...environment, workspace: dir };
    const source = { type: 'file', path: 'm.json' };
    const negative = await evaluateCheck(spec({ source, ratio: { numerator: 'errors', denominator: 'requests' }, window: '3h', max: '1%' }), metricCheck, env);
    expect(negative.report).toMatchObject({ status: 'error', message: 'file m.json: `errors`[1] is -50; a count cannot be negative' });
    const exceeding = await evaluateCheck(spec({ source, ratio: { numerator: 'spike', denominator: 'few' }, window: '3h', max: '10%' }), metricCheck, env);
    expect(exceeding.report).toMatchObject({ status: 'error', message: 'file m.json: `spike`[0] (90) exceeds `few`[0] (10); a ratio of counts is at most 1' });
  });

  it('+∞ in a series breaches max instead of vanishing as a gap', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-metric-infinity-'));
    await writeFile(path.join(dir, 'm.json'), '{"interval":"1h","p99":[200,1e400,210]}');
    const report = (await evaluateCheck(spec({ source: { type: 'file', path: 'm.json' }, series: 'p99', window: '3h', max: '1s' }), metricCheck, { ...environment, workspace: dir })).report;
    expect(report).toMatchObject({ status: 'fail', value: Infinity, samples: 3 });
  });
});

describe('metric check: values', () => {
  it('holds a ratio of sums over the window to max and warn-max', async () => {
    const report = await evaluate({ source: staging, ratio: { numerator: 'errors', denominator: 'requests' }, window: '48h', max: '1%', 'warn-max': '0.01%' });
    expect(report).toMatchObject({ status: 'warn', value: 12 / 60240, threshold: 0.0001, samples: 48, message: 'errors/requests 0.02% > warn-max 0.01%' });
    expect(report.evidence).toMatchObject({
      source: { kind: 'file', where: 'staging.json' },
      ratio: { numerator: 'errors', denominator: 'requests', numeratorSum: 12, denominatorSum: 60240 },
      aggregate: 'ratio of sums',
      variant: null,
      window: '2d',
      windowMs: 172_800_000,
      minSamples: 1,
    });
  });

  it('folds a series with the aggregate and fails above max', async () => {
    const report = await evaluate({ source: staging, series: 'latency_ms', window: '48h', max: '200ms' });
    expect(report).toMatchObject({ status: 'fail', value: 219.375, threshold: 200, samples: 48, message: 'latency_ms 219.375 > max 200' });
    const p95 = await evaluate({ source: staging, series: 'latency_ms', window: '48h', aggregate: 'max', max: '500ms' });
    expect(p95).toMatchObject({ status: 'pass', value: 240, message: 'latency_ms 240 <= max 500' });
  });

  it('reads one variant of a baseline/canary document', async () => {
    const report = await evaluate({ source: canary, ratio: { numerator: 'errors', denominator: 'requests' }, variant: 'canary', window: '2m', max: '5%' });
    expect(report).toMatchObject({ status: 'pass', value: 1 / 122, samples: 2 });
  });

  it('is nodata with fewer samples than min-samples, saying how many of how many', async () => {
    const report = await evaluate({ source: canary, series: 'latency_ms', variant: 'canary', window: '10m', 'min-samples': 5, max: '500ms' });
    expect(report).toMatchObject({
      status: 'nodata',
      value: null,
      samples: 2,
      message: 'no data: 2 of 5 required samples of latency_ms (canary) in the last 10m from file canary.json; latency_ms (canary): no data (max 500)',
    });
  });

  it('is nodata, not 0%, when the denominator sums to zero', async () => {
    const report = await evaluate({ source: { type: 'file', path: 'no-traffic.json' }, ratio: { numerator: 'errors', denominator: 'requests' }, window: '5m', max: '1%' });
    expect(report.status).toBe('nodata');
    expect(report.message).toBe('no data: `requests` sums to 0 over the last 5m, so errors/requests is undefined; errors/requests: no data (max 1%)');
  });

  it('reads an http-json source', async () => {
    const source = { type: 'http-json', url: `${base}/q?series={{series}}`, 'json-path': '$.data.result[0].values' };
    const report = await evaluate({ source, series: 'error_rate', window: '5m', aggregate: 'max', max: '5%' });
    expect(report).toMatchObject({ status: 'pass', value: 0.03, samples: 2 });
    expect(report.evidence.source).toEqual({ kind: 'http-json', where: `${base}/q?series={{series}}` });
  });
});

describe('metric check: faults', () => {
  it('is an error, never a pass, when the provider keeps failing', async () => {
    hits = 0;
    const report = await evaluate({ source: { type: 'http-json', url: `${base}/down`, 'json-path': '$' }, series: 'x', window: '5m', max: 1 });
    expect(report).toMatchObject({ status: 'error', message: `GET ${base}/down answered 503 Service Unavailable after 3 tries` });
    expect(hits).toBe(3);
  });

  it('fails when the metrics file is missing', async () => {
    const report = await evaluate({ source: { type: 'file', path: 'gone.json' }, series: 'x', window: '5m', max: 1 });
    expect(report).toMatchObject({ status: 'fail', message: 'metrics file not found: gone.json' });
  });

  it('names the key of a bad config', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ source: staging, series: 'x', max: 1 }, 'check `staging`: `window` is required, e.g. 48h or 30m'],
      [{ source: staging, window: '1h', max: 1 }, 'check `staging`: give either `series` (a series name) or `ratio` ({ numerator, denominator })'],
      [{ source: staging, series: 'x', ratio: { numerator: 'a', denominator: 'b' }, window: '1h', max: 1 }, 'check `staging`: give either `series` (a series name) or `ratio` ({ numerator, denominator })'],
      [{ source: staging, series: 'x', window: '1h', aggregate: 'median', max: 1 }, 'check `staging`: `aggregate`: expected one of "mean"|"max"|"min"|"last"|"sum"|"p50"|"p95"|"p99"; got "median"'],
      [{ source: staging, series: 'x', window: 'a while', max: 1 }, 'check `staging`: `window`: got "a while"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)'],
      [{ source: staging, series: 'x', window: '1h', 'min-samples': 0, max: 1 }, 'check `staging`: `min-samples`: expected number to be >=1; got 0'],
      [{ source: staging, ratio: { numerator: 'a' }, window: '1h', max: 1 }, 'check `staging`: `ratio.denominator` is missing (expected string)'],
      [{ source: { type: 'file' }, series: 'x', window: '1h', max: 1 }, 'check `staging`: `source.path` is missing (expected string)'],
      [{ series: 'x', window: '1h', max: 1 }, 'check `staging`: `source` must be a mapping with a `type` (file, http-json, prometheus, datadog, sentry, posthog), got undefined'],
      [{ source: staging, series: 'x', window: '1h', 'max-value': 1, max: 'lots' }, 'check `staging`: `max`: got "lots"; expected a number, optionally with a unit: 5% (0.05), 500ms, 2s, 10m, 2MB'],
    ];
    for (const [entry, message] of cases) expect(await evaluate(entry)).toMatchObject({ status: 'error', message });
  });
});
