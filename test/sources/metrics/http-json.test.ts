import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpJsonSource, pickSamples, type HttpJsonSourceConfig } from '../../../src/sources/metrics/http-json.js';
import type { MetricQuery } from '../../../src/sources/metrics/metric-source.js';

/** Bodies by path (query string included); anything else is a 404. */
let bodies: Record<string, { status?: number; body: unknown }> = {};
let requests: IncomingMessage[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const reply = bodies[request.url ?? ''];
    response.writeHead(reply?.status ?? (reply ? 200 : 404), { 'content-type': 'application/json' });
    response.end(reply ? JSON.stringify(reply.body) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  bodies = {};
  requests = [];
});

const NOW = new Date('2026-11-24T10:00:00Z');
const query = (series: string, variant: MetricQuery['variant'] = null, windowMs = 300_000): MetricQuery => ({ series, variant, windowMs, now: NOW });
const noWait = { sleep: async () => undefined };

function sourceOf(config: Partial<HttpJsonSourceConfig>, env: Record<string, string> = {}) {
  const parsed = httpJsonSource.schema.safeParse({ type: 'http-json', url: `${base}/metrics`, 'json-path': '$.value', ...config });
  if (!parsed.success) throw new Error(parsed.error.message);
  const created = httpJsonSource.create(parsed.data, { workspace: '.', env, http: noWait });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('http-json metric source', () => {
  it('reads one number', async () => {
    bodies['/metrics'] = { body: { value: 0.02 } };
    expect(await sourceOf({}).query(query('errors'))).toEqual({ ok: true, value: { values: [0.02], intervalMs: null } });
  });

  it('fills {{series}}, {{variant}} and {{window}} in the URL and the path', async () => {
    bodies['/q?metric=error%20rate&v=canary&w=300'] = { body: { data: { canary: { 'error rate': [1, 2, 3] } } } };
    const source = sourceOf({ url: `${base}/q?metric={{series}}&v={{variant}}&w={{ window }}`, 'json-path': '$.data.{{variant}}[{{series}}]' });
    const result = await source.query(query('error rate', 'canary'));
    expect(result).toEqual({ ok: true, value: { values: [1, 2, 3], intervalMs: null } });
  });

  it('reads Prometheus range pairs and keeps the window when the interval is given', async () => {
    bodies['/metrics'] = { body: { data: { result: [{ values: [[1700000000, '0.1'], [1700000060, '0.2'], [1700000120, 'NaN'], [1700000180, '0.4']] }] } } };
    const source = sourceOf({ 'json-path': '$.data.result[0].values', interval: 60_000 });
    const result = await source.query(query('x', null, 180_000));
    expect(result.ok && result.value.intervalMs).toBe(60_000);
    expect(result.ok && result.value.values).toEqual([0.2, NaN, 0.4]);
  });

  it('sends a bearer token from the named environment variable and headers', async () => {
    bodies['/metrics'] = { body: { value: 1 } };
    await sourceOf({ 'token-env': 'METRICS_TOKEN', headers: { 'x-org': '42' } }, { METRICS_TOKEN: 't0k3n' }).query(query('x'));
    expect(requests[0]?.headers.authorization).toBe('Bearer t0k3n');
    expect(requests[0]?.headers['x-org']).toBe('42');
  });

  it('is a config fault when the token variable is not set', () => {
    const parsed = httpJsonSource.schema.safeParse({ type: 'http-json', url: `${base}/m`, 'json-path': '$', 'token-env': 'METRICS_TOKEN' });
    expect(parsed.success && httpJsonSource.create(parsed.data, { workspace: '.', env: {} })).toEqual({
      ok: false,
      error: { kind: 'config', message: 'source.token-env names METRICS_TOKEN, but METRICS_TOKEN is not set' },
    });
  });

  it('reads an empty selection as an empty window, not an error', async () => {
    bodies['/metrics'] = { body: { data: { result: [] } } };
    expect(await sourceOf({ 'json-path': '$.data.result[0].values' }).query(query('x'))).toEqual({ ok: true, value: { values: [], intervalMs: null } });
  });

  it('names the status of a failed request, with the URL but not its secrets', async () => {
    const result = await sourceOf({ url: `${base}/missing?token=abc` }).query(query('x'));
    expect(result).toEqual({ ok: false, error: { kind: 'provider', message: `GET ${base}/missing?token=*** answered 404 Not Found` } });
  });

  it('describes where it reads without credentials or any query value', () => {
    expect(sourceOf({ url: 'https://me:pw@metrics.example/api?api_key=k&q=errors' }).where).toBe('https://***@metrics.example/api?api_key=***&q=***');
  });

  it('refuses a timeout no timer can wait, with the limit', () => {
    const created = httpJsonSource.schema.safeParse({ type: 'http-json', url: 'https://m.example', 'json-path': '$', timeout: 1e12 });
    expect(created.success).toBe(false);
    expect(JSON.stringify(created.error?.issues)).toContain('is longer than a timer can wait; at most 24d');
  });
});

describe('pickSamples', () => {
  it('takes numbers, numeric strings, {value} objects and pairs', () => {
    expect(pickSamples({ a: [1, '2', { value: 3 }, [0, 4], null] }, '$.a', 'u')).toEqual({ ok: true, value: [1, 2, 3, 4, NaN] });
    expect(pickSamples({ data: { result: [{ value: [1700000000, '0.5'] }] } }, '$.data.result[0].value', 'u')).toEqual({ ok: true, value: [0.5] });
    expect(pickSamples({ series: [{ v: 1 }, { v: 2 }] }, '$.series[*].v', 'u')).toEqual({ ok: true, value: [1, 2] });
  });

  it('names the first value that is not a sample', () => {
    expect(pickSamples({ a: [1, 2, 'lots'] }, '$.a', 'http://x/m')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'json-path $.a on http://x/m gave "lots" at [2]; expected a number, [timestamp, value] or {"value": …}' },
    });
    expect(pickSamples({ a: { b: 1 } }, '$.a', 'u')).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });
});
