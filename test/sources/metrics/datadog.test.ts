import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { datadogSource, readDatadogBody } from '../../../src/sources/metrics/datadog.js';
import type { MetricQuery } from '../../../src/sources/metrics/metric-source.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';

/**
 * Datadog's answer to `GET /api/v1/query?from=1623846101&to=1623932501&query=system.cpu.idle{*}`
 * as recorded in DataDog/datadog-api-client-go
 * (tests/scenarios/cassettes/TestScenarios/v1/Feature_Metrics/Scenario_Query_timeseries_points_returns_OK_response.yaml),
 * cut to its first four points (the window below ends at the fourth bucket).
 */
const RECORDED = {
  status: 'ok',
  resp_version: 1,
  series: [
    {
      end: 1623847499000,
      attributes: {},
      metric: 'system.cpu.idle',
      interval: 300,
      tag_set: [],
      start: 1623846300000,
      length: 4,
      query_index: 0,
      aggr: null,
      scope: '*',
      pointlist: [
        [1623846300000.0, 94.31900300343831],
        [1623846600000.0, 94.1221435991923],
        [1623846900000.0, 94.4046950785319],
        [1623847200000.0, 94.35738808949789],
      ],
      expression: 'system.cpu.idle{*}',
      unit: [{ family: 'percentage', scale_factor: 1.0, name: 'percent', short_name: '%', plural: 'percent', id: 17 }, null],
      display_name: 'system.cpu.idle',
    },
  ],
  to_date: 1623847301000,
  query: 'system.cpu.idle{*}',
  message: '',
  res_type: 'time_series',
  times: [],
  from_date: 1623846101000,
  group_by: [],
  values: [],
};
const RECORDED_WINDOW = { fromMs: 1623846101000, toMs: 1623847301000 };

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
let replies: Reply[] = [];
let requests: IncomingMessage[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const reply = (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 404, body: { errors: ['Not found'] } };
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  replies = [];
  requests = [];
});

const NOW = new Date('2026-11-24T10:00:00Z');
const TO = NOW.getTime() / 1_000;
const KEYS = { DD_API_KEY: 'api-s3cret', DD_APP_KEY: 'app-s3cret' };
const QUERIES = {
  errors: 'sum:trace.http.request.errors{service:shop,version:{{variant}}}.as_count().rollup(sum, {{interval}}).fill(zero)',
  requests: 'sum:trace.http.request.hits{service:shop,version:{{variant}}}.as_count().rollup(sum, {{interval}}).fill(zero)',
};
const query = (series: string, variant: MetricQuery['variant'] = 'canary'): MetricQuery => ({ series, variant, windowMs: 300_000, now: NOW });
const answer = (pointlist: Array<[number, number | null]>, interval = 60) => ({ status: 'ok', res_type: 'time_series', series: [{ metric: 'm', scope: 'service:shop', interval, pointlist }] });

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function sourceOf(config: Record<string, unknown> = {}, sleep = recordingSleep().sleep) {
  const created = createMetricSource({ type: 'datadog', site: base, interval: '1m', queries: QUERIES, ...config }, { workspace: '.', env: KEYS, http: { sleep } });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('datadog source', () => {
  it('queries the window with both keys and reads one value per interval, oldest first', async () => {
    const at = (minutesAgo: number) => (TO - minutesAgo * 60) * 1_000;
    replies = [{ status: 200, body: answer([[at(4), 3], [at(3), 0], [at(1), null], [at(0), 2]]) }];
    const result = await sourceOf().query(query('errors'));
    expect(result).toEqual({ ok: true, value: { values: [NaN, 3, 0, NaN, NaN, 2], intervalMs: 60_000 } });
    const url = new URL(requests[0]!.url!, base);
    expect(url.pathname).toBe('/api/v1/query');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: String(TO - 300),
      to: String(TO),
      query: 'sum:trace.http.request.errors{service:shop,version:canary}.as_count().rollup(sum, 60).fill(zero)',
    });
    expect(requests[0]?.headers['dd-api-key']).toBe('api-s3cret');
    expect(requests[0]?.headers['dd-application-key']).toBe('app-s3cret');
  });

  it('reads the keys from the variables the config names', () => {
    const context = { workspace: '.', env: { DATADOG_API_KEY: 'a' } };
    const config = { type: 'datadog', query: 'x', 'api-key-env': 'DATADOG_API_KEY', 'app-key-env': 'DATADOG_APP_KEY' };
    expect(createMetricSource(config, context)).toEqual({
      ok: false,
      error: { kind: 'config', message: "source.app-key-env names DATADOG_APP_KEY, but DATADOG_APP_KEY is not set; Datadog's query API needs an API key and an application key" },
    });
    expect(createMetricSource({ type: 'datadog', query: 'x' }, { workspace: '.', env: {} })).toMatchObject({ ok: false, error: { message: /^source.api-key-env names DD_API_KEY, but DD_API_KEY is not set/ } });
  });

  it('turns a site into its API base URL', () => {
    const where = (site?: string) => {
      const created = createMetricSource({ type: 'datadog', query: 'x', ...(site ? { site } : {}) }, { workspace: '.', env: KEYS });
      return created.ok ? created.value.where : created.error.message;
    };
    expect([where(), where('datadoghq.eu'), where('app.datadoghq.eu'), where('us5.datadoghq.com'), where('https://dd.proxy.example/')]).toEqual([
      'https://api.datadoghq.com/',
      'https://api.datadoghq.eu/',
      'https://api.datadoghq.eu/',
      'https://api.us5.datadoghq.com/',
      'https://dd.proxy.example/',
    ]);
    expect(where('my site')).toBe('`source.site`: must be a site such as datadoghq.eu or an API URL such as https://api.datadoghq.eu; got "my site"');
  });

  it('needs an interval for {{interval}} and names unknown series', async () => {
    expect(await sourceOf({ interval: undefined }).query(query('errors'))).toEqual({
      ok: false,
      error: { kind: 'config', message: `query for series \`errors\` (${QUERIES.errors}): it uses {{interval}}, but the source gives no \`interval\` (the rollup, e.g. 1m)` },
    });
    expect(await sourceOf().query(query('latency'))).toMatchObject({ ok: false, error: { kind: 'config', message: /^no query for series `latency`: source.queries has `errors`, `requests`/ } });
    expect(requests).toHaveLength(0);
  });

  it('reads a 400 as a query the user must fix, without retrying', async () => {
    const error = "Error(s) found in query:\nError parsing query: \n unable to parse sum:x{: Rule 'scope_expr' didn't match at '{' (line 1, column 6).";
    replies = [{ status: 400, body: { errors: [error] } }];
    const message = "datadog rejected query `sum:x{`: Error(s) found in query: Error parsing query: unable to parse sum:x{: Rule 'scope_expr' didn't match at '{' (line 1, column 6).";
    expect(await sourceOf({ query: 'sum:x{', queries: undefined }).query(query('errors'))).toEqual({ ok: false, error: { kind: 'config', message } });
    expect(requests).toHaveLength(1);
  });

  it('says which keys to check on a 403, and never shows them', async () => {
    replies = [{ status: 403, body: { errors: ['Forbidden'] } }];
    const result = await sourceOf({ query: 'sum:x{*}', queries: undefined }).query(query('errors'));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'provider',
        message: `datadog: GET ${base}/api/v1/query answered 403 Forbidden; check that DD_API_KEY and DD_APP_KEY hold a valid API key and an application key with the timeseries_query permission, for ${base} (query \`sum:x{*}\`)`,
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/s3cret/);
  });

  it('waits X-RateLimit-Reset seconds after a 429, then reads the answer', async () => {
    const { waits, sleep } = recordingSleep();
    replies = [{ status: 429, body: { errors: ['Rate limit of 1600 requests in 3600 seconds reached.'] }, headers: { 'x-ratelimit-reset': '3' } }, { status: 200, body: answer([[TO * 1_000, 5]]) }];
    const result = await sourceOf({}, sleep).query(query('errors'));
    expect(result.ok && result.value.values).toEqual([NaN, NaN, NaN, NaN, NaN, 5]);
    expect(waits).toEqual([3_000]);
  });

  it('is a provider fault after three 500s', async () => {
    replies = [{ status: 500, body: { errors: ['Internal Server Error'] } }];
    expect(await sourceOf({ query: 'sum:x{*}', queries: undefined }).query(query('errors'))).toEqual({
      ok: false,
      error: { kind: 'provider', message: `datadog: GET ${base}/api/v1/query answered 500 Internal Server Error after 3 tries; Internal Server Error (query \`sum:x{*}\`)` },
    });
    expect(requests).toHaveLength(3);
  });
});

describe('readDatadogBody', () => {
  it('reads the recorded answer on its 300 s grid', () => {
    expect(readDatadogBody(RECORDED, 'system.cpu.idle{*}', RECORDED_WINDOW)).toEqual({
      ok: true,
      value: { values: [94.31900300343831, 94.1221435991923, 94.4046950785319, 94.35738808949789], intervalMs: 300_000 },
    });
  });

  it('reads no series as no data, and a series without an interval in order', () => {
    expect(readDatadogBody({ ...RECORDED, series: [] }, 'q', RECORDED_WINDOW)).toEqual({ ok: true, value: { values: [], intervalMs: null } });
    expect(readDatadogBody({ status: 'ok', series: [{ pointlist: [[1, 2], [2, null]] }] }, 'q', RECORDED_WINDOW)).toEqual({ ok: true, value: { values: [2, NaN], intervalMs: null } });
  });

  it('asks for aggregation when a query returns several series', () => {
    const series = ['host:a', 'host:b', 'host:c'].map((scope) => ({ ...RECORDED.series[0], scope }));
    expect(readDatadogBody({ ...RECORDED, series }, 'avg:system.cpu.idle{*} by {host}', RECORDED_WINDOW)).toEqual({
      ok: false,
      error: { kind: 'config', message: 'datadog query `avg:system.cpu.idle{*} by {host}` returned 3 series (host:a; host:b; …); it must aggregate to one, e.g. without `by {…}`' },
    });
  });

  it('reads status "error" as a refused query and names what is malformed', () => {
    expect(readDatadogBody({ status: 'error', error: 'Invalid query input', series: [] }, 'q', RECORDED_WINDOW)).toEqual({
      ok: false,
      error: { kind: 'config', message: 'datadog rejected query `q`: Invalid query input' },
    });
    expect(readDatadogBody({ status: 'ok', series: [{ pointlist: [[1, 'x']] }] }, 'q', RECORDED_WINDOW)).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'datadog answered `q` with something other than a query response: `series[0].pointlist[0][1]`: expected number, received string' },
    });
    expect(datadogSource.kind).toBe('datadog');
  });
});
