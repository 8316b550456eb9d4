import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays Sentry's API on 127.0.0.1 for tests: the two operations the `sentry`
 * metric source reads, `GET /api/0/organizations/{org}/sessions/` and
 * `GET /api/0/organizations/{org}/events-timeseries/`, answered from
 * in-memory data per release. Every request, and every answer it makes up,
 * is checked against Sentry's published API description
 * (`test/fixtures/sentry/openapi-derefed.json`); what does not fit lands in
 * `problems`, which tests assert stays empty. Failures are injected ahead of
 * the real answers (429 with Retry-After or X-Sentry-Rate-Limit-Reset, 5xx,
 * 401/403); those statuses are not in the description, so their answers are
 * not checked against it.
 */
export type SessionStatus = 'healthy' | 'errored' | 'crashed' | 'abnormal';

/** What a release did in one minute starting at `at` (ms). */
export interface SentryMinute {
  at: number;
  errors?: number;
  transactions?: number;
  sessions?: Partial<Record<SessionStatus, number>>;
  /** The p75 of each Web Vital over the minute's pageloads (ms; CLS unitless). */
  vitals?: Partial<Record<'lcp' | 'cls' | 'inp' | 'fcp', number>>;
  /** Tags every event of the minute carries (a feature flag's variant: `{ new_checkout: 'canary' }`); a query's `key:value` keeps the minutes that match. */
  tags?: Record<string, string>;
}

export interface InjectedReply {
  status: number;
  headers?: Record<string, string>;
  /** A raw body; default `{"detail": "…"}`. */
  body?: string;
}

export interface SentryRequest {
  operation: string;
  params: URLSearchParams;
  authorization: string | undefined;
}

export interface SentryServer {
  /** The `url` of a source: `http://127.0.0.1:<port>`. */
  url: string;
  organization: string;
  token: string;
  requests: SentryRequest[];
  problems: string[];
  /** Data of a release in an environment (`*` for any). */
  setRelease(release: string, minutes: SentryMinute[], environment?: string): void;
  /** Replies taken, one per request, before any real answer. */
  inject(...replies: InjectedReply[]): void;
  /** Drops the injected replies not yet taken. */
  stopInjecting(): void;
  /** A 200 body sent in place of the next real answer, after its request was checked. */
  replaceNextBody(body: string): void;
  /** Timestamps (ms) of events-timeseries buckets left out of answers. */
  dropBuckets(...timestamps: number[]): void;
  reset(): void;
  close(): Promise<void>;
}

const SPEC = path.join(REPO_ROOT, 'test/fixtures/sentry/openapi-derefed.json');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export async function startSentryServer(options: { organization?: string; token?: string } = {}): Promise<SentryServer> {
  const organization = options.organization ?? 'acme';
  const token = options.token ?? 'sntrys_test_token_0123456789';
  const api = loadVendorOpenApi(SPEC);
  const releases = new Map<string, SentryMinute[]>();
  const requests: SentryRequest[] = [];
  const problems: string[] = [];
  const injected: InjectedReply[] = [];
  const replacements: string[] = [];
  const dropped = new Set<number>();

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    problems.push(...api.checkRequest({ method, pathname: url.pathname, query: url.searchParams }));
    const operation = api.operationOf(method, url.pathname) ?? `${method} ${url.pathname}`;
    requests.push({ operation, params: url.searchParams, authorization: request.headers.authorization });
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}, check = true): void => {
      if (check) problems.push(...api.checkResponse({ method, pathname: url.pathname, status, body }));
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const fault = injected.shift();
    if (fault) return reply(fault.status, fault.body ?? JSON.stringify({ detail: `injected ${fault.status}` }), fault.headers, false);
    if (request.headers.authorization !== `Bearer ${token}`) return reply(401, { detail: 'Invalid token' }, {}, operation.includes('/sessions/'));
    const org = /^\/api\/0\/organizations\/([^/]+)\//.exec(url.pathname)?.[1];
    if (org !== organization) return reply(404, { detail: 'The requested resource does not exist' }, {}, false);
    const releasePath = /\/releases\/([^/]+)\/$/.exec(url.pathname);
    if (releasePath) {
      const version = decodeURIComponent(releasePath[1]!);
      const isKnown = [...releases.keys()].some((key) => key.split('\n')[1] === version);
      return isKnown ? reply(200, releaseAnswer(version)) : reply(404, { detail: 'The requested resource does not exist' });
    }
    const answer = url.pathname.endsWith('/sessions/') ? sessionsAnswer(url.searchParams) : url.pathname.endsWith('/events-timeseries/') ? timeseriesAnswer(url.searchParams) : null;
    if (answer === null) return reply(404, { detail: 'not found' }, {}, false);
    if (typeof answer === 'string') return reply(400, { detail: answer });
    const replacement = replacements.shift();
    if (replacement !== undefined) return reply(200, replacement, {}, false);
    reply(200, answer);
  };

  /** A release as Sentry describes one (the fields its description requires). */
  const releaseAnswer = (version: string): object => ({
    id: 1,
    version,
    shortVersion: version,
    status: 'open',
    versionInfo: null,
    data: {},
    authors: [],
    commitCount: 0,
    deployCount: 0,
    newGroups: 0,
    projects: [],
  });

  const minutesOf = (params: URLSearchParams): { minutes: SentryMinute[]; filter: string } | string => {
    if (!params.get('project')) problems.push('a request named no project');
    const query = params.get('query') ?? '';
    const match = /release:"([^"]+)"/.exec(query);
    const environment = params.get('environment') ?? '*';
    const all = match ? (releases.get(`${environment}\n${match[1]}`) ?? releases.get(`*\n${match[1]}`) ?? []) : [...releases.values()].flat();
    // Tag filters (`new_checkout:canary`): every search key but the ones this server reads itself.
    const rest = query.replace(/release:"[^"]+"/, '');
    const tags = [...rest.matchAll(/(?:^|\s)(?!is_transaction:|has:)([\w.-]+):([^\s"]+)/g)].map((found) => [found[1]!, found[2]!] as const);
    const minutes = all.filter((minute) => tags.every(([key, value]) => minute.tags?.[key] === value));
    const filter = tags.reduce((text, [key, value]) => text.replace(`${key}:${value}`, ''), rest);
    return { minutes, filter: filter.replace(/\s+/g, ' ').trim() };
  };

  const range = (params: URLSearchParams): { start: number; end: number } | string => {
    const start = Date.parse(params.get('start') ?? '');
    const end = Date.parse(params.get('end') ?? '');
    return Number.isFinite(start) && Number.isFinite(end) && start < end ? { start, end } : 'start and end must be times, start first';
  };

  const sessionsAnswer = (params: URLSearchParams): object | string => {
    if (params.get('field') !== 'sum(session)' || params.get('groupBy') !== 'session.status') return 'this server answers field=sum(session) grouped by session.status';
    const interval = /^(\d+)([mh])$/.exec(params.get('interval') ?? '');
    const step = interval ? Number(interval[1]) * (interval[2] === 'h' ? HOUR : MINUTE) : NaN;
    if (!(step >= HOUR)) return 'The interval has to be at least one hour';
    const window = range(params);
    if (typeof window === 'string') return window;
    const selected = minutesOf(params);
    if (typeof selected === 'string') return selected;
    // Sentry rounds the range out to whole intervals.
    const first = Math.floor(window.start / step) * step;
    const starts: number[] = [];
    for (let at = first; at < window.end; at += step) starts.push(at);
    const groups = (['healthy', 'errored', 'crashed', 'abnormal'] as const).flatMap((status) => {
      const series = starts.map((at) => selected.minutes.filter((m) => m.at >= at && m.at < at + step).reduce((sum, m) => sum + (m.sessions?.[status] ?? 0), 0));
      const total = series.reduce((a, b) => a + b, 0);
      return total > 0 ? [{ by: { 'session.status': status }, totals: { 'sum(session)': total }, series: { 'sum(session)': series } }] : [];
    });
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    return { start: iso(first), end: iso(first + starts.length * step), intervals: starts.map(iso), groups, query: params.get('query') ?? '' };
  };

  const timeseriesAnswer = (params: URLSearchParams): object | string => {
    const dataset = params.get('dataset');
    const yAxis = params.get('yAxis') ?? 'count()';
    const seconds = params.get('interval') ?? '';
    if (!/^\d+$/.test(seconds)) return 'interval must be an integer number of seconds';
    const step = Number(seconds) * 1_000;
    const window = range(params);
    if (typeof window === 'string') return window;
    const selected = minutesOf(params);
    if (typeof selected === 'string') return selected;
    const vital = /^(?:has:measurements\.(lcp|cls|inp|fcp))?$/.exec(selected.filter)?.[1] as 'lcp' | 'cls' | 'inp' | 'fcp' | undefined;
    const measure = (bucket: SentryMinute[]): number | string => {
      if (dataset === 'errors' && yAxis === 'count()' && selected.filter === '') return bucket.reduce((sum, m) => sum + (m.errors ?? 0), 0);
      if (dataset !== 'spans') return `unsupported errors query ${yAxis} ${selected.filter}`;
      if (yAxis === 'count()' && selected.filter === 'is_transaction:true') return bucket.reduce((sum, m) => sum + (m.transactions ?? 0), 0);
      if (vital && yAxis === 'count()') return bucket.reduce((sum, m) => sum + (m.vitals?.[vital] !== undefined ? (m.transactions ?? 1) : 0), 0);
      if (vital && yAxis === `p75(measurements.${vital})`) return bucket.map((m) => m.vitals?.[vital]).filter((v) => v !== undefined).at(-1) ?? 0;
      return `unsupported spans query ${yAxis} ${selected.filter}`;
    };
    const values: object[] = [];
    for (let at = Math.floor(window.start / step) * step; at < window.end; at += step) {
      const value = measure(selected.minutes.filter((m) => m.at >= at && m.at < at + step));
      if (typeof value === 'string') return value;
      if (!dropped.has(at)) values.push({ timestamp: at, value, incomplete: at + step > window.end });
    }
    const valueType = yAxis === 'count()' ? 'integer' : vital === 'cls' ? 'number' : 'duration';
    const series = { values, yAxis, groupBy: [], meta: { valueType, valueUnit: valueType === 'duration' ? 'millisecond' : null, interval: step } };
    return { timeSeries: [series], meta: { dataset: dataset ?? '', start: window.start, end: window.end } };
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    organization,
    token,
    requests,
    problems,
    setRelease: (release, minutes, environment = '*') => void releases.set(`${environment}\n${release}`, minutes),
    inject: (...replies) => void injected.push(...replies),
    stopInjecting: () => void (injected.length = 0),
    replaceNextBody: (body) => void replacements.push(body),
    dropBuckets: (...timestamps) => timestamps.forEach((at) => dropped.add(at)),
    reset: () => {
      releases.clear();
      requests.length = 0;
      problems.length = 0;
      injected.length = 0;
      replacements.length = 0;
      dropped.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Minutes `[from, from + count)` of a steady release: `per` of each, every minute. */
export function steadyMinutes(fromMs: number, count: number, per: Omit<SentryMinute, 'at'>): SentryMinute[] {
  return Array.from({ length: count }, (_, index) => ({ at: fromMs + index * MINUTE, ...per }));
}
