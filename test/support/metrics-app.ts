import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from './seeded-random.js';

/**
 * A tiny web app standing in for one variant (baseline or canary) of a
 * service, for tests that need real metrics: `GET /` answers 200 or 500 after
 * a delay, `GET /metrics` exposes what it served in the Prometheus text
 * format (https://prometheus.io/docs/instrumenting/exposition_formats/):
 *
 * - `http_requests_total{code="200"|"500"}`, a counter; both codes are
 *   exposed from the start at 0, because `increase()` cannot see the first
 *   increment of a series that appears mid-window (Prometheus'
 *   instrumentation practices: "initialize your metrics"). With
 *   `initializeErrors: false` the 500 series appears only with the first
 *   error, as in most real apps, so an error query returns no series at all
 *   while nothing has failed.
 * - `http_request_duration_seconds` histogram (`_bucket`, `_sum`, `_count`)
 *   with the Go/Python clients' default buckets.
 *
 * The app does not label itself: Prometheus adds `variant` from the scrape
 * config (see `startPrometheus` in ./prometheus.ts). Outcomes come from a
 * seeded PRNG, one draw per request in arrival order, so N requests give the
 * same number of errors and the same latencies on every run whatever their
 * concurrency.
 */
export interface MetricsAppOptions {
  /** Fraction of requests answered 500, 0–1; default 0. */
  errorRate?: number;
  /** Log-normal latency by its median and 95th percentile; default none (answer at once). */
  latency?: { medianMs: number; p95Ms: number };
  /** PRNG seed; default 1. */
  seed?: number;
  /** Expose `code="500"` at 0 before the first error; default true. */
  initializeErrors?: boolean;
}

export interface MetricsApp {
  /** Base URL, e.g. `http://127.0.0.1:41234`; the exposition is at `${url}/metrics`. */
  url: string;
  /** What the app actually served so far (the truth a test compares Prometheus with). */
  stats(): { requests: number; errors: number; latencySumSeconds: number };
  close(): Promise<void>;
}

/** Prometheus client libraries' default histogram buckets, seconds. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** z for the 95th percentile of a standard normal. */
const Z95 = 1.6448536269514722;

export async function startMetricsApp(options: MetricsAppOptions = {}): Promise<MetricsApp> {
  const random = mulberry32(options.seed ?? 1);
  const counts = { ok: 0, errors: 0 };
  const buckets = DURATION_BUCKETS.map(() => 0);
  let latencySum = 0;

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.url === '/metrics') return void send(response, 200, exposition(counts, buckets, latencySum, options.initializeErrors ?? true), 'text/plain; version=0.0.4; charset=utf-8');
    if (request.url !== '/') return void send(response, 404, 'not found\n');
    // Both draws happen on arrival, so the sequence of outcomes depends on the seed only.
    const isError = random() < (options.errorRate ?? 0);
    const seconds = options.latency ? sampleLogNormal(random, options.latency) / 1_000 : 0;
    if (seconds > 0) await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    if (isError) counts.errors++;
    else counts.ok++;
    latencySum += seconds;
    DURATION_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) buckets[index]!++;
    });
    send(response, isError ? 500 : 200, isError ? 'error\n' : 'ok\n');
  };

  const server = createServer((request, response) => void serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats: () => ({ requests: counts.ok + counts.errors, errors: counts.errors, latencySumSeconds: latencySum }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface LoadOptions {
  /** Requests to send to each app. */
  requests: number;
  /** Requests in flight per app at once; default 8. */
  concurrency?: number;
  /**
   * Spread each app's requests evenly over this long (ms) instead of sending
   * them as fast as possible: per-interval counts from `increase()` assume
   * a steady rate between scrapes, and a burst that falls between two scrape
   * windows would be smeared or missed.
   */
  spreadMs?: number;
}

/** Sends `requests` GETs of `/` to every app at once; resolves with the statuses each app answered. */
export async function driveLoad(apps: readonly Pick<MetricsApp, 'url'>[], options: LoadOptions): Promise<Array<Record<number, number>>> {
  return Promise.all(apps.map((app) => loadOne(app.url, options)));
}

async function loadOne(url: string, options: LoadOptions): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  const started = performance.now();
  const gapMs = options.spreadMs ? options.spreadMs / options.requests : 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.requests) {
      const index = next++;
      const due = started + index * gapMs - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      const response = await fetch(`${url}/`);
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, options.requests) }, worker));
  return statuses;
}

function exposition(counts: { ok: number; errors: number }, buckets: number[], latencySum: number, initializeErrors: boolean): string {
  const total = counts.ok + counts.errors;
  const lines = [
    '# HELP http_requests_total Requests served, by HTTP status code.',
    '# TYPE http_requests_total counter',
    `http_requests_total{code="200"} ${counts.ok}`,
    ...(initializeErrors || counts.errors > 0 ? [`http_requests_total{code="500"} ${counts.errors}`] : []),
    '# HELP http_request_duration_seconds Time to answer a request.',
    '# TYPE http_request_duration_seconds histogram',
    ...DURATION_BUCKETS.map((bound, index) => `http_request_duration_seconds_bucket{le="${bound}"} ${buckets[index]}`),
    `http_request_duration_seconds_bucket{le="+Inf"} ${total}`,
    `http_request_duration_seconds_sum ${latencySum}`,
    `http_request_duration_seconds_count ${total}`,
  ];
  return `${lines.join('\n')}\n`;
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

/** Milliseconds from a log-normal with the given median and p95 (Box–Muller on the seeded PRNG). */
function sampleLogNormal(random: () => number, { medianMs, p95Ms }: { medianMs: number; p95Ms: number }): number {
  const sigma = medianMs > 0 && p95Ms > medianMs ? Math.log(p95Ms / medianMs) / Z95 : 0;
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMs * Math.exp(sigma * normal);
}

