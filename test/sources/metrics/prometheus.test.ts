import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MetricQuery } from '../../../src/sources/metrics/metric-source.js';
import { prometheusSource, readPrometheusBody, readPrometheusHistogramBody } from '../../../src/sources/metrics/prometheus.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';

// Bodies are shaped as Prometheus 2.42 (Debian's build, the one the real test runs) writes them;
// the error envelopes are its literal answers to the queries shown.
const BAD_DATA = { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:30: parse error: missing unit character in duration' };
const EXECUTION = { status: 'error', errorType: 'execution', error: 'found duplicate series for the match group {} on the right hand-side of the operation' };
const TIMEOUT = { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' };

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
let replies: Reply[] = [];
let requests: IncomingMessage[] = [];
let server: Server;
let base = '';
let closedPort = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const reply = (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 404, body: '404 page not found' };
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  replies = [];
  requests = [];
});

const NOW = new Date('2026-11-24T10:00:00Z');
const END = NOW.getTime() / 1_000;
const query = (series: string, variant: MetricQuery['variant'] = 'canary', extra: Partial<MetricQuery> = {}): MetricQuery => ({
  series,
  variant,
  windowMs: 300_000,
  now: NOW,
  ...extra,
});
const matrix = (...values: Array<[number, string]>) => ({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } });

/** One series per `le`, in the order Prometheus 2.42 sorts them (by label text: "+Inf" first, "10" before "2.5"). */
const perLe = (...series: Array<[string, Array<[number, string]>]>) => ({
  status: 'success',
  data: { resultType: 'matrix', result: series.map(([le, values]) => ({ metric: { le }, values })) },
});

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function sourceOf(config: Record<string, unknown> = {}, env: Record<string, string> = {}, sleep = recordingSleep().sleep) {
  const created = createMetricSource({ type: 'prometheus', url: base, step: '1m', ...config }, { workspace: '.', env, http: { sleep } });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

const QUERIES = {
  latency: 'sum by (le) (increase(http_request_duration_seconds_bucket{variant="{{variant}}"}[{{interval}}]))',
  errors: 'sum(increase(http_requests_total{variant="{{variant}}", code="500"}[{{interval}}]))',
  requests: 'sum(increase(http_requests_total{variant="{{ variant }}"}[{{interval}}]))',
  p99: { instant: true, query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{variant="{{variant}}"}[{{window}}])))' },
};

function params(request: IncomingMessage | undefined): Record<string, string> {
  return Object.fromEntries(new URL(request?.url ?? '/', base).searchParams);
}

describe('prometheus source: queries', () => {
  it('runs a range query over the window, one value per step ending at now, with gaps as NaN', async () => {
    replies = [{ status: 200, body: matrix([END - 240, '3'], [END - 180, '1.5'], [END - 60, 'NaN'], [END, '0']) }];
    const result = await sourceOf({ queries: QUERIES }).query(query('errors'));
    expect(result).toEqual({ ok: true, value: { values: [3, 1.5, NaN, NaN, 0], intervalMs: 60_000, warnings: [] } });
    expect(new URL(requests[0]!.url!, base).pathname).toBe('/api/v1/query_range');
    expect(params(requests[0])).toEqual({
      query: 'sum(increase(http_requests_total{variant="canary", code="500"}[60s]))',
      start: String(END - 240),
      end: String(END),
      step: '60',
    });
  });

  it('runs an instant query at now for an entry marked instant, with {{window}} as a PromQL duration', async () => {
    replies = [{ status: 200, body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [END, '0.412'] }] } } }];
    const result = await sourceOf({ queries: QUERIES }).query(query('p99', 'baseline'));
    expect(result).toEqual({ ok: true, value: { values: [0.412], intervalMs: null, warnings: [] } });
    expect(new URL(requests[0]!.url!, base).pathname).toBe('/api/v1/query');
    expect(params(requests[0])).toEqual({
      query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{variant="baseline"}[300s])))',
      time: String(END),
    });
  });

  it('takes the caller’s query first, then queries[series], then source.query with {{series}}', async () => {
    replies = [{ status: 200, body: matrix() }];
    const source = sourceOf({ query: 'sum(rate({{series}}{version="{{version}}"}[{{interval}}]))', queries: QUERIES, instant: true });
    await source.query(query('errors', 'canary', { query: 'sum(my_errors{variant="{{variant}}"})' }));
    await source.query(query('errors'));
    await source.query(query('cpu_seconds_total', null, { version: 'v1.4.2' }));
    expect(requests.map((request) => params(request).query)).toEqual([
      'sum(my_errors{variant="canary"})',
      'sum(increase(http_requests_total{variant="canary", code="500"}[60s]))',
      'sum(rate(cpu_seconds_total{version="v1.4.2"}[60s]))',
    ]);
    expect(params(requests[0]).time).toBe(String(END));
  });

  it('names what a query needs and does not get, without asking Prometheus', async () => {
    const cases: Array<[Record<string, unknown>, MetricQuery, string]> = [
      [{ queries: QUERIES }, query('cpu'), 'no query for series `cpu`: source.queries has `latency`, `errors`, `requests`, `p99`; add it there or give source.query with {{series}}'],
      [{}, query('cpu'), 'no query for series `cpu`: source.queries is empty; add it there or give source.query with {{series}}'],
      [{ queries: QUERIES }, query('errors', null), `query for series \`errors\` (${QUERIES.errors}): it uses {{variant}}, but this read is of the one live version; set \`variant\` to baseline or canary`],
      [{ query: 'up{version="{{version}}"}' }, query('up'), 'query for series `up` (up{version="{{version}}"}): it uses {{version}}, but no version was given for this read'],
      [{ query: 'up{version="{{version}}"}' }, query('up', 'canary', { version: 'v1"} or vector(1) #' }), 'query for series `up` (up{version="{{version}}"}): it uses {{version}}, but the version "v1\\"} or vector(1) #" has characters a query cannot hold (letters, digits and . _ - : / @ + are accepted)'],
      [{ query: 'up{variant="{{varient}}"}' }, query('up'), 'query for series `up` (up{variant="{{varient}}"}): {{varient}} is not a placeholder; use {{series}}, {{variant}}, {{version}}, {{window}}, {{interval}}'],
    ];
    for (const [config, request, message] of cases) expect(await sourceOf(config).query(request)).toEqual({ ok: false, error: { kind: 'config', message } });
    expect(requests).toHaveLength(0);
  });
});

describe('prometheus source: histograms', () => {
  const LATENCY = 'sum by (le) (increase(http_request_duration_seconds_bucket{variant="canary"}[60s]))';

  it('runs the range query as query does and answers one series per le, ascending, gaps as NaN', async () => {
    replies = [
      {
        status: 200,
        body: perLe(
          ['+Inf', [[END - 240, '40'], [END - 180, '42'], [END, '45']]],
          ['0.1', [[END - 240, '30'], [END - 180, '33'], [END, '31']]],
          ['10', [[END - 240, '40'], [END - 180, '41'], [END, '45']]],
          ['2.5', [[END - 240, '39'], [END - 180, '40'], [END - 60, '1'], [END, '44']]],
        ),
      },
    ];
    const result = await sourceOf({ queries: QUERIES }).queryHistogram!(query('latency'));
    expect(result).toEqual({
      ok: true,
      value: {
        buckets: [
          { le: 0.1, values: [30, 33, NaN, NaN, 31] },
          { le: 2.5, values: [39, 40, NaN, 1, 44] },
          { le: 10, values: [40, 41, NaN, NaN, 45] },
          { le: Infinity, values: [40, 42, NaN, NaN, 45] },
        ],
        intervalMs: 60_000,
        warnings: [],
      },
    });
    expect(new URL(requests[0]!.url!, base).pathname).toBe('/api/v1/query_range');
    expect(params(requests[0])).toEqual({ query: LATENCY, start: String(END - 240), end: String(END), step: '60' });
  });

  it('answers no buckets when the query returns no series: no data, for the judge to report', async () => {
    replies = [{ status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [] }, warnings: ['remote read partial'] } }];
    expect(await sourceOf({ queries: QUERIES }).queryHistogram!(query('latency'))).toEqual({ ok: true, value: { buckets: [], intervalMs: 60_000, warnings: ['remote read partial'] } });
  });

  it('refuses an instant query, and a query it cannot fill, without asking Prometheus', async () => {
    const instant = '(`instant: true` on it or on the source); a histogram needs per-interval counts from a range query';
    const cases: Array<[Record<string, unknown>, MetricQuery, string]> = [
      [{ queries: { latency: { instant: true, query: QUERIES.latency } } }, query('latency'), `prometheus query \`${LATENCY}\` for histogram \`latency\` is instant ${instant}`],
      [{ queries: QUERIES, instant: true }, query('latency'), `prometheus query \`${LATENCY}\` for histogram \`latency\` is instant ${instant}`],
      [{ queries: QUERIES }, query('cpu'), 'no query for series `cpu`: source.queries has `latency`, `errors`, `requests`, `p99`; add it there or give source.query with {{series}}'],
      [{ queries: QUERIES }, query('latency', null), `query for series \`latency\` (${QUERIES.latency}): it uses {{variant}}, but this read is of the one live version; set \`variant\` to baseline or canary`],
    ];
    for (const [config, request, message] of cases) expect(await sourceOf(config).queryHistogram!(request)).toEqual({ ok: false, error: { kind: 'config', message } });
    expect(requests).toHaveLength(0);
  });

  it('reads a range query marked instant: false under source.instant: true', async () => {
    replies = [{ status: 200, body: perLe(['+Inf', [[END, '3']]]) }];
    const result = await sourceOf({ instant: true, queries: { latency: { instant: false, query: QUERIES.latency } } }).queryHistogram!(query('latency'));
    expect(result).toEqual({ ok: true, value: { buckets: [{ le: Infinity, values: [NaN, NaN, NaN, NaN, 3] }], intervalMs: 60_000, warnings: [] } });
  });

  it('goes through the same GET: a refused query is the user’s, a 500 is the provider’s after retries', async () => {
    replies = [{ status: 400, body: BAD_DATA }];
    expect(await sourceOf({ query: 'sum by (le) (x[5])' }).queryHistogram!(query('x'))).toEqual({
      ok: false,
      error: { kind: 'config', message: `prometheus rejected query \`sum by (le) (x[5])\`: bad_data: ${BAD_DATA.error}` },
    });
    replies = [{ status: 500, body: '' }];
    expect(await sourceOf({ query: 'x' }).queryHistogram!(query('x'))).toEqual({
      ok: false,
      error: { kind: 'provider', message: `prometheus: GET ${base}/api/v1/query_range answered 500 Internal Server Error after 3 tries (query \`x\`)` },
    });
    expect(requests).toHaveLength(4);
  });
});

describe('prometheus source: credentials', () => {
  it('sends a bearer token or basic credentials from the named variables, and extra headers', async () => {
    replies = [{ status: 200, body: matrix() }];
    await sourceOf({ query: 'up', auth: { 'bearer-env': 'PROM_TOKEN' }, headers: { 'X-Scope-OrgID': 'tenant-1' } }, { PROM_TOKEN: 't0k3n' }).query(query('up'));
    await sourceOf({ query: 'up', auth: { basic: { 'username-env': 'PROM_USER', 'password-env': 'PROM_PASS' } } }, { PROM_USER: 'ci', PROM_PASS: 'pa:ss' }).query(query('up'));
    expect(requests[0]?.headers.authorization).toBe('Bearer t0k3n');
    expect(requests[0]?.headers['x-scope-orgid']).toBe('tenant-1');
    expect(requests[1]?.headers.authorization).toBe(`Basic ${Buffer.from('ci:pa:ss').toString('base64')}`);
  });

  it('is a config fault naming the variable that is not set', () => {
    const context = { workspace: '.', env: { PROM_USER: 'ci' } };
    expect(createMetricSource({ type: 'prometheus', url: base, auth: { 'bearer-env': 'PROM_TOKEN' } }, context)).toEqual({
      ok: false,
      error: { kind: 'config', message: 'source.auth.bearer-env names PROM_TOKEN, but PROM_TOKEN is not set' },
    });
    expect(createMetricSource({ type: 'prometheus', url: base, auth: { basic: { 'username-env': 'PROM_USER', 'password-env': 'PROM_PASS' } } }, context)).toEqual({
      ok: false,
      error: { kind: 'config', message: 'source.auth.basic.password-env names PROM_PASS, but PROM_PASS is not set' },
    });
  });

  it('keeps secrets out of where it reads and out of fault messages', async () => {
    replies = [{ status: 500, body: 'oops' }];
    const source = sourceOf({ url: `${base}/prom/`, query: 'up', auth: { 'bearer-env': 'PROM_TOKEN' } }, { PROM_TOKEN: 's3cret' });
    expect(source.where).toBe(`${base}/prom`);
    const result = await source.query(query('up'));
    expect(!result.ok && result.error.message).toBe(`prometheus: GET ${base}/prom/api/v1/query_range answered 500 Internal Server Error after 3 tries (query \`up\`)`);
    expect(JSON.stringify(result)).not.toMatch(/s3cret/);
  });

  it('refuses credentials written into the URL', () => {
    const created = createMetricSource({ type: 'prometheus', url: 'https://ci:hunter2@prom.example', query: 'up' }, { workspace: '.', env: {} });
    expect(created).toEqual({ ok: false, error: { kind: 'config', message: '`source.url`: must not hold credentials; name their variables in auth.basic' } });
  });
});

describe('prometheus source: provider errors', () => {
  it('retries 429 (honouring Retry-After) and 503, then reads the answer', async () => {
    const { waits, sleep } = recordingSleep();
    replies = [{ status: 429, body: '', headers: { 'retry-after': '2' } }, { status: 503, body: TIMEOUT }, { status: 200, body: matrix([END, '7']) }];
    const result = await sourceOf({ query: 'up' }, {}, sleep).query(query('up'));
    expect(result.ok && result.value.values).toEqual([NaN, NaN, NaN, NaN, 7]);
    expect(requests).toHaveLength(3);
    expect(waits).toEqual([2_000, 1_000]);
  });

  it('is a provider fault after three 500s, and after three timeouts with Prometheus’ reason', async () => {
    replies = [{ status: 500, body: '' }];
    expect(await sourceOf({ query: 'up' }).query(query('up'))).toEqual({
      ok: false,
      error: { kind: 'provider', message: `prometheus: GET ${base}/api/v1/query_range answered 500 Internal Server Error after 3 tries (query \`up\`)` },
    });
    expect(requests).toHaveLength(3);
    replies = [{ status: 503, body: TIMEOUT }];
    expect(await sourceOf({ query: 'up' }).query(query('up'))).toEqual({
      ok: false,
      error: { kind: 'provider', message: `prometheus: GET ${base}/api/v1/query_range answered 503 Service Unavailable after 3 tries; timeout: query timed out in expression evaluation (query \`up\`)` },
    });
  });

  it('is a provider fault when nothing listens', async () => {
    const created = createMetricSource({ type: 'prometheus', url: `http://127.0.0.1:${closedPort}`, query: 'up' }, { workspace: '.', env: {}, http: { sleep: async () => undefined } });
    const result = created.ok ? await created.value.query(query('up')) : created;
    expect(result).toEqual({
      ok: false,
      error: { kind: 'provider', message: `prometheus: GET http://127.0.0.1:${closedPort}/api/v1/query_range: connection refused (ECONNREFUSED) after 3 tries (query \`up\`)` },
    });
  });

  it('reads a refused query (400 bad_data, 422 execution) as the user’s to fix, without retrying', async () => {
    replies = [{ status: 400, body: BAD_DATA }];
    expect(await sourceOf({ query: 'sum(rate(http_requests_total[5]))' }).query(query('up'))).toEqual({
      ok: false,
      error: { kind: 'config', message: `prometheus rejected query \`sum(rate(http_requests_total[5]))\`: bad_data: ${BAD_DATA.error}` },
    });
    replies = [{ status: 422, body: EXECUTION }];
    const result = await sourceOf({ query: 'a + on() b' }).query(query('up'));
    expect(result).toEqual({ ok: false, error: { kind: 'config', message: `prometheus rejected query \`a + on() b\`: execution: ${EXECUTION.error}` } });
    expect(requests).toHaveLength(2);
  });

  it('is a malformed fault when the answer is not JSON', async () => {
    replies = [{ status: 200, body: '<html>login</html>' }];
    const result = await sourceOf({ query: 'up' }).query(query('up'));
    expect(!result.ok && result.error.kind).toBe('malformed');
  });
});

describe('readPrometheusBody', () => {
  const grid = { startMs: 1_000_000, stepMs: 60_000, count: 3 };

  it('places range values by timestamp and reads NaN and ±Inf', () => {
    const body = matrix([1_000, '+Inf'], [1_060, '-Inf'], [1_120, 'NaN']);
    expect(readPrometheusBody(body, 'q', grid)).toEqual({ ok: true, value: { values: [Infinity, -Infinity, NaN], warnings: [] } });
    expect(readPrometheusBody(matrix([1_120, '1e+06']), 'q', grid)).toEqual({ ok: true, value: { values: [NaN, NaN, 1e6], warnings: [] } });
  });

  it('reads vector, scalar and (instant) matrix answers in order', () => {
    expect(readPrometheusBody({ status: 'success', data: { resultType: 'scalar', result: [1795305908.037, '+Inf'] } }, '1/0', null)).toEqual({ ok: true, value: { values: [Infinity], warnings: [] } });
    expect(readPrometheusBody(matrix([1, '4'], [2, '5']), 'up[2s]', null)).toEqual({ ok: true, value: { values: [4, 5], warnings: [] } });
  });

  it('reads an empty result as no data, keeping warnings and infos', () => {
    const body = { status: 'success', data: { resultType: 'vector', result: [] }, warnings: ['remote read partial'], infos: ['PromQL info: metric might not be a counter'] };
    expect(readPrometheusBody(body, 'q', null)).toEqual({ ok: true, value: { values: [], warnings: ['remote read partial', 'PromQL info: metric might not be a counter'] } });
    expect(readPrometheusBody(matrix(), 'q', grid)).toEqual({ ok: true, value: { values: [NaN, NaN, NaN], warnings: [] } });
    expect(readPrometheusBody({ status: 'success', data: { resultType: 'matrix', result: [] } }, 'q', grid)).toEqual({ ok: true, value: { values: [], warnings: [] } });
  });

  it('asks for aggregation when a query returns several series', () => {
    const metric = (code: string) => ({ __name__: 'http_requests_total', code, variant: 'canary' });
    const body = { status: 'success', data: { resultType: 'vector', result: ['200', '500', '503'].map((code) => ({ metric: metric(code), value: [1, '1'] })) } };
    expect(readPrometheusBody(body, 'http_requests_total{variant="canary"}', null)).toEqual({
      ok: false,
      error: {
        kind: 'config',
        message:
          'prometheus query `http_requests_total{variant="canary"}` returned 3 series ({__name__="http_requests_total",code="200",variant="canary"}, {__name__="http_requests_total",code="500",variant="canary"}, …); it must aggregate to one, e.g. sum(...)',
      },
    });
  });

  it('reads an error envelope in a 200 by its error type', () => {
    expect(readPrometheusBody(TIMEOUT, 'q', null)).toEqual({ ok: false, error: { kind: 'provider', message: `prometheus rejected query \`q\`: timeout: ${TIMEOUT.error}` } });
    expect(readPrometheusBody(BAD_DATA, 'q', null)).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('refuses strings and names what is malformed', () => {
    expect(readPrometheusBody({ status: 'success', data: { resultType: 'string', result: [1, 'x'] } }, '"x"', null)).toEqual({
      ok: false,
      error: { kind: 'config', message: 'prometheus query `"x"` returns a string; it must return a number' },
    });
    expect(readPrometheusBody({ data: [] }, 'q', null)).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'prometheus answered `q` with something other than an API response: `status`: expected "success"' },
    });
    expect(readPrometheusBody(matrix([1, 'lots']), 'q', null)).toEqual({ ok: false, error: { kind: 'malformed', message: 'prometheus answered `q` with a value that is not a number at 1' } });
    expect(readPrometheusBody({ status: 'success', data: { resultType: 'vector', result: [{ value: [1, '1'] }] } }, 'q', null)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });
});

describe('readPrometheusHistogramBody', () => {
  const grid = { startMs: 1_000_000, stepMs: 60_000, count: 2 };
  const bounds = (body: unknown) => {
    const read = readPrometheusHistogramBody(body, 'q', grid);
    return read.ok ? read.value.buckets.map(({ le }) => le) : read.error.message;
  };
  const fails = (metric: Record<string, string>[], message: string) => {
    const body = { status: 'success', data: { resultType: 'matrix', result: metric.map((labels) => ({ metric: labels, values: [[1_000, '1']] })) } };
    expect(readPrometheusHistogramBody(body, 'sum by (le) (x)', grid)).toEqual({ ok: false, error: { kind: 'config', message } });
  };

  it('reads le as the number it names, however Prometheus 2 or 3 spells it, and sorts by it', () => {
    // Prometheus 3 writes the bounds Prometheus 2 wrote as "1" and "10" as "1.0" and "10.0".
    expect(bounds(perLe(['+Inf', []], ['0.5', []], ['1', []], ['10', []], ['2.5', []]))).toEqual([0.5, 1, 2.5, 10, Infinity]);
    expect(bounds(perLe(['+Inf', []], ['0.5', []], ['1.0', []], ['10.0', []], ['2.5', []]))).toEqual([0.5, 1, 2.5, 10, Infinity]);
    expect(bounds(perLe(['Inf', []], ['1e-3', []], ['1e-05', []], ['.25', []], ['-1', []]))).toEqual([-1, 1e-5, 1e-3, 0.25, Infinity]);
  });

  it('places each bucket’s values on the grid, a missing step NaN, and keeps warnings', () => {
    const body = { ...perLe(['+Inf', [[1_000, '7'], [1_060, '9']]], ['0.1', [[1_060, 'NaN']]]), infos: ['PromQL info: metric might not be a counter'] };
    expect(readPrometheusHistogramBody(body, 'q', grid)).toEqual({
      ok: true,
      value: { buckets: [{ le: 0.1, values: [NaN, NaN] }, { le: Infinity, values: [7, 9] }], warnings: ['PromQL info: metric might not be a counter'] },
    });
  });

  it('asks to keep le when a series has none', () => {
    fails([{}], 'prometheus query `sum by (le) (x)` returned a series without `le` ({}); a histogram\'s query must keep `le`: sum by (le) (…)');
    fails([{ le: '1' }, { variant: 'canary' }], 'prometheus query `sum by (le) (x)` returned a series without `le` ({variant="canary"}); a histogram\'s query must keep `le`: sum by (le) (…)');
  });

  it('asks for one series per le when series carry other labels', () => {
    fails(
      [{ le: '1', variant: 'canary' }],
      'prometheus query `sum by (le) (x)` returned a series labelled {le="1",variant="canary"}; a histogram\'s query must aggregate to one series per `le`: sum by (le) (…)',
    );
    fails(
      [{ __name__: 'x_bucket', le: '1' }],
      'prometheus query `sum by (le) (x)` returned a series labelled {__name__="x_bucket",le="1"}; a histogram\'s query must aggregate to one series per `le`: sum by (le) (…)',
    );
  });

  it('refuses two series of one bound, which would count its requests twice', () => {
    fails([{ le: '1' }, { le: '1.0' }], 'prometheus query `sum by (le) (x)` returned two series for one bound (le="1" and le="1.0"); aggregate them into one, e.g. by label_replace on `le`');
    fails([{ le: '+Inf' }, { le: 'Inf' }], 'prometheus query `sum by (le) (x)` returned two series for one bound (le="+Inf" and le="Inf"); aggregate them into one, e.g. by label_replace on `le`');
  });

  it('refuses an le that is not a number', () => {
    for (const le of ['fast', '', 'NaN', '-Inf', '0x10', '1e400', ' 1']) {
      fails([{ le }], `prometheus query \`sum by (le) (x)\` returned le="${le}", which is not a number; a bucket's \`le\` is its upper bound`);
    }
  });

  it('reads error envelopes and malformed answers as readPrometheusBody does', () => {
    expect(readPrometheusHistogramBody(TIMEOUT, 'q', grid)).toEqual({ ok: false, error: { kind: 'provider', message: `prometheus rejected query \`q\`: timeout: ${TIMEOUT.error}` } });
    expect(readPrometheusHistogramBody(perLe(['1', [[1_000, 'lots']]]), 'q', grid)).toEqual({ ok: false, error: { kind: 'malformed', message: 'prometheus answered `q` with a value that is not a number at 1000' } });
    expect(readPrometheusHistogramBody({ data: [] }, 'q', grid)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });
});

describe('prometheus config', () => {
  const context = { workspace: '.', env: {} };

  it('builds from a full config', () => {
    const created = createMetricSource({ type: 'prometheus', url: 'https://prom.example/', queries: QUERIES, step: '30s', timeout: '5s', instant: false }, context);
    expect(created.ok && [created.value.kind, created.value.where]).toEqual(['prometheus', 'https://prom.example/']);
    expect(prometheusSource.kind).toBe('prometheus');
  });

  it('names the key at fault', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'http://p:9090/api/v1/query' }, '`source.url`: must be the base URL, without /api/v1'],
      [{ url: 'p:9090' }, '`source.url`: must be an http:// or https:// URL; got "p:9090"'],
      [{ url: 'http://p', step: '500ms' }, '`source.step`: must be 1s or more'],
      [{ url: 'http://p', querys: {} }, 'unknown key `source.querys`'],
      [{ url: 'http://p', auth: { 'bearer-env': 'my token' } }, '`source.auth.bearer-env`: must be the name of an environment variable, e.g. METRICS_TOKEN; got "my token"'],
      [{ url: 'http://p', auth: {} }, '`source.auth`: give either bearer-env or basic'],
      [{ url: 'http://p', auth: { basic: { 'username-env': 'U' } } }, '`source.auth.basic.password-env` is missing (expected string)'],
    ];
    for (const [raw, message] of cases) expect(createMetricSource({ type: 'prometheus', ...raw }, context)).toEqual({ ok: false, error: { kind: 'config', message } });
  });
});
