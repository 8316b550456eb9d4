import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays PagerDuty's Events API v2 on 127.0.0.1 for tests: `POST
 * /v2/enqueue` answers 202 `{status, message, dedup_key}` and keeps each
 * alert's state by dedup key (triggered, then resolved). Every request and
 * answer is checked against PagerDuty's published description
 * (`test/fixtures/pagerduty/events-v2.openapiv3.json`), plus the rules its
 * documentation states beyond the schema (a summary of at most 1024
 * characters, a dedup key on resolve); `problems` must stay empty. An unknown
 * routing key is refused with 400 as PagerDuty does; 429, 5xx and other
 * answers can be queued.
 */
export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key?: string;
  payload?: { summary: string; severity: string; source: string; custom_details?: Record<string, unknown>; [key: string]: unknown };
  links?: Array<{ href: string; text?: string }>;
  [key: string]: unknown;
}

export interface PagerDutyServer {
  /** Base URL for `pagerduty-url`, e.g. `http://127.0.0.1:5123`. */
  url: string;
  routingKey: string;
  /** Events accepted (202), in order. */
  events: PagerDutyEvent[];
  /** Each alert's state by dedup key. */
  alerts: Map<string, 'triggered' | 'resolved'>;
  /** Requests received, answered or not. */
  received: number;
  problems: string[];
  /** The next answers, before events are accepted again. */
  inject(...answers: Array<{ status: number; headers?: Record<string, string>; body?: unknown }>): void;
  reset(): void;
  close(): Promise<void>;
}

const SPEC = path.join(REPO_ROOT, 'test', 'fixtures', 'pagerduty', 'events-v2.openapiv3.json');

export async function startPagerDutyServer(options: { routingKey?: string } = {}): Promise<PagerDutyServer> {
  const openApi = loadVendorOpenApi(SPEC, { basePath: '/v2' });
  const routingKey = options.routingKey ?? 'R0123456789abcdef0123456789abcde';
  const events: PagerDutyEvent[] = [];
  const alerts = new Map<string, 'triggered' | 'resolved'>();
  const problems: string[] = [];
  const queued: Array<{ status: number; headers?: Record<string, string>; body?: unknown }> = [];
  let received = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received++;
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        problems.push(...openApi.checkResponse({ method, pathname: url.pathname, status, body }));
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        problems.push(`${method} ${url.pathname}: body is not JSON`);
        return reply(400, { status: 'invalid event', message: 'Event object is invalid', errors: ['JSON parse error'] });
      }
      if (request.headers['content-type'] !== 'application/json') problems.push(`content-type is ${String(request.headers['content-type'])}, not application/json`);
      problems.push(...openApi.checkRequest({ method, pathname: url.pathname, query: url.searchParams, body }));
      const event = body as PagerDutyEvent;
      if (event.event_action !== 'trigger' && !event.dedup_key) problems.push(`${event.event_action} without a dedup_key`);
      if ((event.payload?.summary.length ?? 0) > 1024) problems.push(`payload.summary is ${event.payload!.summary.length} characters; PagerDuty keeps 1024`);
      const next = queued.shift();
      if (next) return reply(next.status, next.body ?? { status: 'error', message: `injected ${next.status}` }, next.headers);
      if (event.routing_key !== routingKey) return reply(400, { status: 'invalid event', message: 'Event object is invalid', errors: ['Invalid routing key'] });
      const dedupKey = event.dedup_key ?? `generated-${events.length + 1}`;
      events.push(event);
      if (event.event_action === 'trigger') alerts.set(dedupKey, 'triggered');
      if (event.event_action === 'resolve' && alerts.has(dedupKey)) alerts.set(dedupKey, 'resolved');
      return reply(202, { status: 'success', message: 'Event processed', dedup_key: dedupKey });
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routingKey,
    events,
    alerts,
    get received() {
      return received;
    },
    problems,
    inject: (...answers) => void queued.push(...answers),
    reset() {
      events.length = 0;
      alerts.clear();
      problems.length = 0;
      queued.length = 0;
      received = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
