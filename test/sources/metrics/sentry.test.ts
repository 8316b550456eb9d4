import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MetricQuery, MetricSource } from '../../../src/sources/metrics/metric-source.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';
import { type SentryServer, startSentryServer, steadyMinutes } from '../../support/sentry-server.js';

/**
 * The `sentry` source against a local Sentry that answers in the shapes of
 * Sentry's published API description and checks every request and answer
 * against it (`server.problems`, asserted empty after each test).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-11-30T12:10:00Z');
const TOKEN = 'sntrys_unit_token_abcdefghijklmnop';

let server: SentryServer;
const sleeps: number[] = [];
const http = { sleep: async (ms: number) => void sleeps.push(ms), backoffMs: 1, timeoutMs: 2_000 };

beforeAll(async () => {
  server = await startSentryServer({ token: TOKEN });
});
afterAll(async () => server.close());
beforeEach(() => {
  server.reset();
  sleeps.length = 0;
});

function source(extra: Record<string, unknown> = {}, env: Record<string, string> = { SENTRY_AUTH_TOKEN: TOKEN }): MetricSource {
  const created = createMetricSource({ type: 'sentry', url: server.url, organization: 'acme', project: 'shop', ...extra }, { workspace: '/tmp', env, http });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

const ask = (src: MetricSource, request: Partial<MetricQuery> & { series: string }) =>
  src.query({ variant: 'canary', windowMs: 5 * MINUTE, now: new Date(NOW), version: '1.5.0', ...request });

/** Five minutes before NOW of two releases: 1.5.0 (the canary) and 1.4.0 (the stable). */
function seedReleases(): void {
  const from = NOW - 5 * MINUTE;
  server.setRelease('shop@1.5.0', steadyMinutes(from, 5, { errors: 3, transactions: 200, vitals: { lcp: 2100, cls: 0, inp: 180, fcp: 900 } }));
  server.setRelease('shop@1.4.0', steadyMinutes(from, 5, { errors: 1, transactions: 400, vitals: { lcp: 1900, cls: 0.02, inp: 150, fcp: 800 } }));
}

afterEach(() => expect(server.problems).toEqual([]));

describe('sentry source: series from events-timeseries', () => {
  it('reads errors and transactions per minute of the canary release, oldest first', async () => {
    seedReleases();
    const src = source({ release: 'shop@{{version}}' });
    expect(await ask(src, { series: 'errors' })).toEqual({ ok: true, value: { values: [3, 3, 3, 3, 3], intervalMs: MINUTE } });
    expect(await ask(src, { series: 'transactions' })).toEqual({ ok: true, value: { values: [200, 200, 200, 200, 200], intervalMs: MINUTE } });
    const [errors, transactions] = server.requests.map((r) => Object.fromEntries(r.params));
    expect(errors).toMatchObject({ dataset: 'errors', yAxis: 'count()', interval: '60', project: 'shop', query: 'release:"shop@1.5.0"' });
    expect(transactions).toMatchObject({ dataset: 'spans', yAxis: 'count()', query: 'is_transaction:true release:"shop@1.5.0"' });
    expect(server.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('maps canary and baseline to their own releases', async () => {
    seedReleases();
    const src = source({ releases: { canary: 'shop@{{version}}', baseline: 'shop@1.4.0' } });
    expect((await ask(src, { series: 'errors', variant: 'baseline' })).ok && server.requests[0]!.params.get('query')).toBe('release:"shop@1.4.0"');
    const baseline = await ask(src, { series: 'transactions', variant: 'baseline', version: '1.4.0' });
    expect(baseline.ok && baseline.value.values).toEqual([400, 400, 400, 400, 400]);
  });

  it('reads the p75 of each Web Vital, and a minute without pageloads is a gap, not a perfect 0', async () => {
    const from = NOW - 5 * MINUTE;
    server.setRelease('1.5.0', [
      { at: from, transactions: 10, vitals: { lcp: 2100, cls: 0.05 } },
      { at: from + MINUTE, transactions: 0 },
      { at: from + 2 * MINUTE, transactions: 10, vitals: { lcp: 2600, cls: 0 } },
    ]);
    const src = source();
    expect(await ask(src, { series: 'lcp' })).toEqual({ ok: true, value: { values: [2100, NaN, 2600, NaN, NaN], intervalMs: MINUTE } });
    // CLS of 0 with pageloads behind it is a real 0.
    const cls = await ask(src, { series: 'cls' });
    expect(cls.ok && cls.value.values).toEqual([0.05, NaN, 0, NaN, NaN]);
    expect(server.requests.map((r) => r.params.get('yAxis'))).toEqual(expect.arrayContaining(['p75(measurements.lcp)', 'count()', 'p75(measurements.cls)']));
    expect(server.requests.find((r) => r.params.get('yAxis') === 'p75(measurements.lcp)')!.params.get('query')).toBe('has:measurements.lcp release:"1.5.0"');
  });

  it('counts a minute with no events as 0 (Sentry zero-fills counts) and a bucket left out of the answer as a gap', async () => {
    server.setRelease('1.5.0', [{ at: NOW - 5 * MINUTE, errors: 2 }]);
    server.dropBuckets(NOW - 2 * MINUTE);
    const read = await ask(source(), { series: 'errors' });
    expect(read.ok && read.value.values).toEqual([2, 0, 0, NaN, 0]);
  });

  it('says so when Sentry answers in buckets other than the ones asked for', async () => {
    const values = [NOW - 6 * MINUTE, NOW - 4 * MINUTE, NOW - 2 * MINUTE].map((timestamp) => ({ timestamp, value: 4, incomplete: false }));
    server.replaceNextBody(JSON.stringify({ timeSeries: [{ values, yAxis: 'count()', meta: { interval: 2 * MINUTE, valueType: 'integer', valueUnit: null } }] }));
    expect(await ask(source(), { series: 'errors' })).toEqual({
      ok: true,
      value: { values: [4, 4, 4], intervalMs: 2 * MINUTE, warnings: ['Sentry answered in buckets of 120s, not the 60s of source.interval'] },
    });
  });

  it('reads a custom series from source.queries, with the release filter added', async () => {
    seedReleases();
    const src = source({ release: 'shop@{{version}}', queries: { 'slow-pageloads': { dataset: 'spans', 'y-axis': 'count()', query: 'is_transaction:true' } } });
    const read = await ask(src, { series: 'slow-pageloads' });
    // The custom query counts the release's 200 transactions a minute.
    expect(read.ok && read.value.values).toEqual([200, 200, 200, 200, 200]);
    expect(server.requests[0]!.params.get('query')).toBe('is_transaction:true release:"shop@1.5.0"');
  });

  it('fills a custom query with the variant, so a feature flag\'s tag tells canary and baseline apart without a release', async () => {
    const from = NOW - 5 * MINUTE;
    server.setRelease('shop@1.5.0', [...steadyMinutes(from, 5, { errors: 4, tags: { new_checkout: 'canary' } }), ...steadyMinutes(from, 5, { errors: 1, tags: { new_checkout: 'baseline' } })]);
    const src = source({ release: null, queries: { 'checkout-errors': { dataset: 'errors', 'y-axis': 'count()', query: 'new_checkout:{{variant}}' } } });
    expect(await ask(src, { series: 'checkout-errors', variant: 'canary' })).toMatchObject({ ok: true, value: { values: [4, 4, 4, 4, 4] } });
    expect(await ask(src, { series: 'checkout-errors', variant: 'baseline' })).toMatchObject({ ok: true, value: { values: [1, 1, 1, 1, 1] } });
    expect(server.requests.map((request) => request.params.get('query'))).toEqual(['new_checkout:canary', 'new_checkout:baseline']);
    // A query that does not name the variant still cannot tell them apart.
    const unsplit = source({ release: null, queries: { 'all-errors': { dataset: 'errors', 'y-axis': 'count()', query: 'level:error' } } });
    expect(await ask(unsplit, { series: 'all-errors' })).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringContaining('cannot be told apart') } });
  });

  it('sends the environment and reads every release with `release: null`', async () => {
    server.setRelease('shop@1.5.0', steadyMinutes(NOW - 5 * MINUTE, 5, { errors: 1 }), 'staging');
    const read = await ask(source({ release: null, environment: 'staging' }), { series: 'errors', variant: null, version: undefined });
    expect(read.ok && read.value.values).toEqual([1, 1, 1, 1, 1]);
    expect(Object.fromEntries(server.requests[0]!.params)).toMatchObject({ environment: 'staging' });
    expect(server.requests[0]!.params.has('query')).toBe(false);
  });
});

describe('sentry source: Release Health sessions', () => {
  it('reads sessions, errored and crashed sessions per hour, the finest the sessions API allows', async () => {
    const from = NOW - 3 * HOUR;
    server.setRelease('1.5.0', [
      { at: from, sessions: { healthy: 90, errored: 6, crashed: 3, abnormal: 1 } },
      { at: from + HOUR, sessions: { healthy: 100 } },
      { at: from + 2 * HOUR, sessions: { healthy: 50, crashed: 2 } },
    ]);
    const src = source();
    const window = { windowMs: 3 * HOUR };
    expect(await ask(src, { series: 'sessions', ...window })).toEqual({ ok: true, value: { values: [100, 100, 52, 0], intervalMs: HOUR } });
    expect(await ask(src, { series: 'errored-sessions', ...window })).toEqual({ ok: true, value: { values: [10, 0, 2, 0], intervalMs: HOUR } });
    expect(await ask(src, { series: 'crashed-sessions', ...window })).toEqual({ ok: true, value: { values: [3, 0, 2, 0], intervalMs: HOUR } });
    expect(Object.fromEntries(server.requests[0]!.params)).toMatchObject({ field: 'sum(session)', groupBy: 'session.status', interval: '1h', query: 'release:"1.5.0"', project: 'shop' });
  });

  it('reads a release without sessions as zero sessions, which leaves a ratio without data', async () => {
    seedReleases();
    const read = await ask(source({ release: 'shop@{{version}}' }), { series: 'sessions', windowMs: HOUR });
    expect(read.ok && read.value.values).toEqual([0, 0]);
  });

  it('a release Sentry has never heard of is no data, never a release without errors', async () => {
    seedReleases();
    // `1.5.0` where the releases are `shop@1.5.0`: Sentry zero-fills the counts of an unknown release.
    const read = await ask(source(), { series: 'errors' });
    expect(read.ok && read.value.values).toEqual([]);
    expect(read.ok && read.value.warnings).toEqual([expect.stringMatching(/^Sentry knows no release "1\.5\.0" in acme: no data/)]);
    expect(server.requests.map((request) => request.operation)).toEqual(['GET /api/0/organizations/{organization_id_or_slug}/events-timeseries/', 'GET /api/0/organizations/{organization_id_or_slug}/releases/{version}/']);
  });
});

describe('sentry source: bad answers, outages and config', () => {
  it('retries a 429, waiting as Retry-After says, then a 503', async () => {
    seedReleases();
    server.inject({ status: 429, headers: { 'retry-after': '3' } }, { status: 503 });
    const read = await ask(source({ release: 'shop@{{version}}' }), { series: 'errors' });
    expect(read.ok && read.value.values).toEqual([3, 3, 3, 3, 3]);
    expect(sleeps[0]).toBe(3_000);
    expect(server.requests).toHaveLength(3);
  });

  it('honours X-Sentry-Rate-Limit-Reset (an epoch second) when a 429 has no Retry-After', async () => {
    server.inject({ status: 429, headers: { 'x-sentry-rate-limit-reset': String(Math.floor(Date.now() / 1_000) + 5) } });
    expect((await ask(source(), { series: 'errors' })).ok).toBe(true);
    expect(sleeps[0]).toBeGreaterThan(3_000);
    expect(sleeps[0]).toBeLessThanOrEqual(5_000);
  });

  it('an outage that outlasts the retries is a provider fault', async () => {
    server.inject({ status: 502 }, { status: 502 }, { status: 502 });
    const read = await ask(source(), { series: 'errors' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'provider' } });
    expect(!read.ok && read.error.message).toMatch(/answered 502 .*after 3 tries/);
  });

  it.each([401, 403])('a %i is a provider fault naming the token variable and the scopes, never the token', async (status) => {
    server.inject({ status });
    const read = await ask(source({ 'token-env': 'MY_SENTRY' }, { MY_SENTRY: TOKEN }), { series: 'errors' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'provider' } });
    const message = !read.ok ? read.error.message : '';
    expect(message).toContain('check that MY_SENTRY holds a Sentry auth token with the org:read, project:read and event:read scopes');
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain('release%3A');
    expect(server.requests).toHaveLength(1);
  });

  it('a 404 points at the organization and project, and a numeric project id is sent as given', async () => {
    const read = await ask(source({ organization: 'acme-typo', project: 42 }), { series: 'errors' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'provider', message: expect.stringContaining('answered 404 Not Found; check source.organization (acme-typo) and source.project (42)') } });
    expect(server.requests[0]!.params.get('project')).toBe('42');
  });

  it('a wrong token is refused by the server and reported as such', async () => {
    const read = await ask(source({}, { SENTRY_AUTH_TOKEN: 'sntrys_wrong_token_zzzzzzzzzz' }), { series: 'sessions' });
    expect(!read.ok && read.error.message).toMatch(/answered 401.*SENTRY_AUTH_TOKEN/);
  });

  it.each([
    ['an HTML page', '<html>maintenance</html>', /body is/],
    ['a negative count', JSON.stringify({ timeSeries: [{ values: [{ timestamp: NOW - MINUTE, value: -1, incomplete: false }], yAxis: 'count()', meta: { interval: MINUTE, valueType: 'integer', valueUnit: null } }] }), /-1, not a number of 0 or more/],
    ['a fractional error count', JSON.stringify({ timeSeries: [{ values: [{ timestamp: NOW - MINUTE, value: 2.5, incomplete: false }], yAxis: 'count()', meta: { interval: MINUTE, valueType: 'integer', valueUnit: null } }] }), /2.5, not a whole count/],
    ['two series', JSON.stringify({ timeSeries: [1, 2].map(() => ({ values: [], yAxis: 'count()', meta: { interval: MINUTE, valueType: 'integer', valueUnit: null } })) }), /2 series/],
    ['points out of order', JSON.stringify({ timeSeries: [{ values: [NOW - MINUTE, NOW - 2 * MINUTE].map((timestamp) => ({ timestamp, value: 1, incomplete: false })), yAxis: 'count()', meta: { interval: MINUTE, valueType: 'integer', valueUnit: null } }] }), /not later/],
    ['no timeSeries', JSON.stringify({ data: [] }), /not an events-timeseries answer/],
    // A series of another aggregate (a proxy's cached answer, a changed API) must not be read as the one asked for.
    ['a series of another y-axis', JSON.stringify({ timeSeries: [{ values: [{ timestamp: NOW - MINUTE, value: 0, incomplete: false }], yAxis: 'count_unique(user)', meta: { interval: MINUTE, valueType: 'integer', valueUnit: null } }] }), /series of count_unique\(user\), not of count\(\)/],
  ])('%s is malformed', async (_name, body, message) => {
    server.replaceNextBody(body);
    const read = await ask(source(), { series: 'errors' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(!read.ok && read.error.message).toMatch(message);
  });

  it('a sessions answer whose series do not fit its intervals is malformed', async () => {
    server.replaceNextBody(JSON.stringify({ start: '', end: '', query: '', intervals: ['2026-11-30T11:00:00Z', '2026-11-30T12:00:00Z'], groups: [{ by: { 'session.status': 'healthy' }, totals: {}, series: { 'sum(session)': [1] } }] }));
    const read = await ask(source(), { series: 'sessions' });
    expect(!read.ok && read.error).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/1 sum\(session\) values for 2 intervals/) });
  });

  it('a sessions answer of another time than the window asked is malformed, not read as this window', async () => {
    // Yesterday's clean hours (a cached answer) must not stand for the canary's hour.
    const yesterday = ['2026-11-29T11:00:00Z', '2026-11-29T12:00:00Z'];
    server.replaceNextBody(JSON.stringify({ start: '', end: '', query: '', intervals: yesterday, groups: [{ by: { 'session.status': 'healthy' }, totals: {}, series: { 'sum(session)': [500, 500] } }] }));
    const read = await ask(source(), { series: 'errored-sessions', windowMs: HOUR });
    expect(!read.ok && read.error).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/are not of the window asked for/) });
  });

  it('a 400 is the query at fault: a config fault with what Sentry said', async () => {
    const read = await ask(source({ queries: { odd: { dataset: 'errors', 'y-axis': 'p75(foo)' } } }), { series: 'odd' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringContaining('Sentry refused the query: unsupported errors query p75(foo)') } });
  });

  it.each([
    [{ series: 'latency' }, /no series `latency`: use one of errors, transactions, sessions/],
    [{ series: 'errors', version: undefined }, /release for series `errors`.*no version was given/],
    [{ series: 'errors', query: 'level:fatal' }, /takes no per-metric query/],
    [{ series: 'errors', version: 'a b' }, /has characters a query cannot hold/],
  ])('refuses %j with a config fault', async (request, message) => {
    const read = await ask(source(), request);
    expect(read).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringMatching(message) } });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ release: null }, /source\.release is null \(every release\), so the canary of series `errors` cannot be told apart/],
    [{ release: 'shop/{{version}}' }, /release "shop\/1\.5\.0" for series `errors` is not a Sentry release name/],
    [{ releases: { canary: '{{sha}}' } }, /\{\{sha\}\} is not a placeholder/],
  ])('refuses the release mapping %j for a canary read', async (extra, message) => {
    const read = await ask(source(extra), { series: 'errors' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringMatching(message) } });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{}, {}, /SENTRY_AUTH_TOKEN is not set.*org:read, project:read and event:read/],
    [{ organization: undefined }, { SENTRY_AUTH_TOKEN: TOKEN }, /source\.organization/],
    [{ interval: '90s', bogus: 1 }, { SENTRY_AUTH_TOKEN: TOKEN }, /bogus/],
    [{ interval: '5h' }, { SENTRY_AUTH_TOKEN: TOKEN }, /source\.interval.*divide a day/],
    [{ url: 'https://sentry.io/api/0' }, { SENTRY_AUTH_TOKEN: TOKEN }, /source\.url/],
  ])('refuses the config %j at creation', (extra, env, message) => {
    const created = createMetricSource({ type: 'sentry', organization: 'acme', project: 'shop', ...extra }, { workspace: '/tmp', env, http });
    expect(created).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringMatching(message) } });
  });
});
