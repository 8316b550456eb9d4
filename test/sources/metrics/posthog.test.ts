import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MetricQuery, MetricSource } from '../../../src/sources/metrics/metric-source.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';
import { type PostHogServer, startPostHogServer } from '../../support/posthog-server.js';

/**
 * The `posthog` source against a local PostHog that checks every request
 * and answer against PostHog's published description and answers the
 * HogQL query by counting the events it holds (`server.problems`, asserted
 * empty after each test).
 */
const MINUTE = 60_000;
const NOW = Date.parse('2026-12-02T10:00:00Z');

let server: PostHogServer;
const http = { sleep: async () => undefined, backoffMs: 1, timeoutMs: 5_000 };

beforeAll(async () => {
  server = await startPostHogServer({ queries: true });
});
afterAll(async () => server?.close());
beforeEach(() => server.reset());
afterEach(() => expect(server.problems).toEqual([]));

function source(extra: Record<string, unknown> = {}, env: Record<string, string> = { POSTHOG_PERSONAL_API_KEY: server.personalApiKey }): MetricSource {
  const created = createMetricSource({ type: 'posthog', url: server.url, project: Number(server.projectId), flag: 'new-checkout', ...extra }, { workspace: '/tmp', env, http });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

function configFault(extra: Record<string, unknown>): string {
  const created = createMetricSource({ type: 'posthog', url: server.url, project: 4242, ...extra }, { workspace: '/tmp', env: { POSTHOG_PERSONAL_API_KEY: 'phx_x' }, http });
  if (created.ok) throw new Error('expected a config fault');
  return created.error.message;
}

const ask = (src: MetricSource, request: Partial<MetricQuery> & { series: string }) => src.query({ variant: 'canary', windowMs: 5 * MINUTE, now: new Date(NOW), ...request });

/** `count` events a minute for `minutes` minutes before NOW, spread inside each minute. */
function seed(event: string, properties: Record<string, unknown>, perMinute: readonly number[]): void {
  perMinute.forEach((count, index) => {
    const minuteStart = NOW - (perMinute.length - index) * MINUTE;
    for (let n = 0; n < count; n++) server.events.push({ event, timestamp: minuteStart + Math.floor(((n + 0.5) * MINUTE) / count), properties });
  });
}

/** Five minutes of a boolean flag's canary (true) and baseline (false), events without the flag, and events of another flag. */
function seedTraffic(): void {
  seed('$pageview', { '$feature/new-checkout': true }, [100, 100, 100, 100, 100]);
  seed('$exception', { '$feature/new-checkout': true }, [3, 0, 5, 1, 2]);
  seed('$pageview', { '$feature/new-checkout': false }, [200, 200, 200, 200, 200]);
  seed('$exception', { '$feature/new-checkout': false }, [1, 1, 0, 2, 1]);
  seed('$exception', {}, [50, 50, 50, 50, 50]);
  seed('$exception', { '$feature/other-flag': true }, [7, 7, 7, 7, 7]);
  // Just outside the window: the minute before it, and NOW itself (the window ends before it).
  server.events.push({ event: '$exception', timestamp: NOW - 5 * MINUTE - 1, properties: { '$feature/new-checkout': true } });
  server.events.push({ event: '$exception', timestamp: NOW, properties: { '$feature/new-checkout': true } });
}

const queries = () => server.calls.filter((call) => call.method === 'POST').map((call) => call.body as { query: { kind: string; query: string; values: Record<string, unknown> }; name?: string });

describe('posthog source: events per flag variant', () => {
  it('counts the canary’s and the baseline’s errors and page views per minute, from the events PostHog holds', async () => {
    seedTraffic();
    const src = source();
    expect(await ask(src, { series: 'errors' })).toEqual({ ok: true, value: { values: [3, 0, 5, 1, 2], intervalMs: MINUTE } });
    expect(await ask(src, { series: 'pageviews' })).toEqual({ ok: true, value: { values: [100, 100, 100, 100, 100], intervalMs: MINUTE } });
    expect(await ask(src, { series: 'errors', variant: 'baseline' })).toEqual({ ok: true, value: { values: [1, 1, 0, 2, 1], intervalMs: MINUTE } });
    expect(await ask(src, { series: 'pageviews', variant: 'baseline' })).toEqual({ ok: true, value: { values: [200, 200, 200, 200, 200], intervalMs: MINUTE } });
    expect(src.where).toBe(`project 4242 at ${server.url}/`);
    expect(server.calls.every((call) => call.authorization === `Bearer ${server.personalApiKey}`)).toBe(true);
  });

  it('sends one constant HogQL text with every configured name in `values`, never in the query', async () => {
    seedTraffic();
    await ask(source(), { series: 'errors' });
    const [body] = queries();
    expect(body).toEqual({
      name: 'rollout-guard errors canary',
      query: {
        kind: 'HogQLQuery',
        query:
          'SELECT intDiv(toUnixTimestamp(timestamp) - {start_epoch}, {step_seconds}) AS bucket, countIf(event = {event}) AS matching, count() AS flagged FROM events WHERE timestamp >= toDateTime({start}) AND timestamp < toDateTime({end}) AND properties[{flag_property}] = {flag_value} GROUP BY bucket ORDER BY bucket LIMIT 10000',
        values: { event: '$exception', start_epoch: (NOW - 5 * MINUTE) / 1_000, step_seconds: 60, start: '2026-12-02T09:55:00Z', end: '2026-12-02T10:00:00Z', flag_property: '$feature/new-checkout', flag_value: 'true' },
      },
    });
  });

  it('names a multivariate flag’s variants and custom events', async () => {
    seed('checkout_completed', { '$feature/new-checkout': 'test' }, [4, 4, 4, 4, 4]);
    seed('checkout_completed', { '$feature/new-checkout': 'control' }, [9, 9, 9, 9, 9]);
    const src = source({ variants: { canary: 'test', baseline: 'control' }, events: { checkouts: 'checkout_completed' } });
    const canary = await ask(src, { series: 'checkouts' });
    const baseline = await ask(src, { series: 'checkouts', variant: 'baseline' });
    expect(canary.ok && canary.value.values).toEqual([4, 4, 4, 4, 4]);
    expect(baseline.ok && baseline.value.values).toEqual([9, 9, 9, 9, 9]);
  });

  it('reads every event of the project for the one live version', async () => {
    seedTraffic();
    const live = await ask(source({ flag: undefined }), { series: 'errors', variant: null });
    expect(live).toEqual({ ok: true, value: { values: [61, 58, 62, 60, 60], intervalMs: MINUTE } });
    expect(queries()[0]!.query.values).not.toHaveProperty('flag_property');
  });

  it('buckets a window by the interval, never reaching back before the window', async () => {
    seedTraffic();
    const read = await ask(source({ interval: '2m' }), { series: 'pageviews' });
    // Five minutes in whole two-minute buckets ending at NOW: the last four minutes.
    expect(read).toEqual({ ok: true, value: { values: [200, 200], intervalMs: 2 * MINUTE } });
    expect(queries()[0]!.query.values).toMatchObject({ start: '2026-12-02T09:56:00Z', end: '2026-12-02T10:00:00Z', step_seconds: 120 });
  });
});

describe('posthog source: no data is never a pass', () => {
  it('reads a variant no event carries as no data, not as zero errors', async () => {
    seedTraffic();
    const misspelt = await ask(source({ variants: { canary: 'ture', baseline: 'false' } }), { series: 'errors' });
    expect(misspelt).toEqual({ ok: true, value: { values: [], intervalMs: null, warnings: [expect.stringContaining('no event in the window carries $feature/new-checkout = ture: no data')] } });
  });

  it('reads real zeros when the variant has traffic but no errors', async () => {
    seed('$pageview', { '$feature/new-checkout': true }, [10, 10, 10, 10, 10]);
    expect(await ask(source(), { series: 'errors' })).toEqual({ ok: true, value: { values: [0, 0, 0, 0, 0], intervalMs: MINUTE } });
  });

  it('refuses canary and baseline reads without a flag, and a per-metric query', async () => {
    expect(await ask(source({ flag: undefined }), { series: 'errors' })).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringContaining('set source.flag') } });
    expect(await ask(source(), { series: 'errors', query: 'SELECT 1' })).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringContaining('takes no per-metric query') } });
    expect(await ask(source(), { series: 'signups' })).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringContaining('no series `signups`: use one of errors, pageviews') } });
    expect(server.calls).toEqual([]);
  });
});

describe('posthog source: config and faults', () => {
  it('holds names that reach the query to a narrow alphabet', () => {
    expect(configFault({ events: { bad: "x' OR 1=1 --" } })).toContain('`source.events.bad`: must be an event name');
    expect(configFault({ flag: 'new checkout' })).toContain('`source.flag`: must be a PostHog flag or variant key');
    expect(configFault({ variants: { canary: '{{version}}' } })).toContain('`source.variants.canary`');
    expect(configFault({ project: 'shop' })).toContain('must be the numeric project id');
    expect(configFault({ url: 'https://us.posthog.com/api' })).toContain('`source.url`');
    expect(configFault({ interval: '1500ms' })).toContain('`source.interval`');
  });

  it('names the variable when the token is not set', () => {
    const created = createMetricSource({ type: 'posthog', project: 4242 }, { workspace: '/tmp', env: {}, http });
    expect(created).toMatchObject({ ok: false, error: { kind: 'config', message: 'source.token-env names POSTHOG_PERSONAL_API_KEY, but POSTHOG_PERSONAL_API_KEY is not set; PostHog\'s query API needs a personal API key with the query:read scope' } });
  });

  it('names the token variable and scope on a 401 and 403, without the token', async () => {
    const wrong = await ask(source({}, { POSTHOG_PERSONAL_API_KEY: 'phx_not_the_key' }), { series: 'errors' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'provider', message: expect.stringContaining('answered 401; check that POSTHOG_PERSONAL_API_KEY holds a PostHog personal API key with the query:read scope and access to project 4242') } });
    expect(JSON.stringify(wrong)).not.toContain('phx_not_the_key');
    server.scopes.delete('query:read');
    const denied = await ask(source(), { series: 'errors' });
    expect(denied).toMatchObject({ ok: false, error: { kind: 'provider', message: expect.stringContaining("answered 403; check that POSTHOG_PERSONAL_API_KEY holds a PostHog personal API key with the query:read scope and access to project 4242: API key missing required scope 'query:read'") } });
  });

  it('names source.project on a 404 and quotes PostHog refusing a query', async () => {
    expect(await ask(source({ project: 77 }), { series: 'errors' })).toMatchObject({ ok: false, error: { kind: 'provider', message: expect.stringContaining('answered 404; check source.project (77)') } });
    server.inject('query_create', { status: 400, body: { type: 'validation_error', code: 'invalid_input', detail: 'Unknown table `events`.', attr: null } });
    expect(await ask(source(), { series: 'errors' })).toMatchObject({ ok: false, error: { kind: 'config', message: expect.stringContaining('PostHog refused the query: Unknown table `events`.') } });
  });

  it('retries a 503, and calls an answer off the query’s shape malformed', async () => {
    seedTraffic();
    server.inject('query_create', { status: 503 });
    const retried = await ask(source(), { series: 'errors' });
    expect(retried.ok && retried.value.values).toEqual([3, 0, 5, 1, 2]);
    const answers: Array<[unknown, string]> = [
      [{ results: [[0, 1, 1]], columns: ['bucket', 'count'] }, 'answered columns ["bucket","count"]'],
      [{ results: [[5, 1, 1]], columns: ['bucket', 'matching', 'flagged'] }, "bucket 5, outside the window's 0–4"],
      [{ results: [[0, 3, 2]], columns: ['bucket', 'matching', 'flagged'] }, 'counts 3 matching events of only 2'],
      [{ results: [[0, 1.5, 2]], columns: ['bucket', 'matching', 'flagged'] }, '`results[0][1]`'],
      [{ results: [[0, 1, 2]], columns: ['bucket', 'matching', 'flagged'], hasMore: true }, 'cut the answer short'],
    ];
    for (const [body, message] of answers) {
      server.inject('query_create', { status: 200, body });
      expect(await ask(source(), { series: 'errors' })).toMatchObject({ ok: false, error: { kind: 'malformed', message: expect.stringContaining(message) } });
    }
  });
});
