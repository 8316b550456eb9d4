import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Plays Percy's API on 127.0.0.1 for tests: `GET /api/v1/builds/:id` answers
 * with a JSON:API build document (the shape `percy build:wait` reads), or
 * with the statuses a test queues. Records every request so a test can assert
 * the `Authorization: Token token=…` header.
 */
export interface PercyReply {
  /** HTTP status; default 200. */
  status?: number;
  /** Build attributes merged over a finished, approved build with no diffs. */
  attributes?: Record<string, unknown>;
  /** A raw body instead of a build document (for malformed answers). */
  body?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface PercyServer {
  /** Base URL to pass as `api-url` / PERCY_API_URL, e.g. `http://127.0.0.1:5123/api/v1`. */
  apiUrl: string;
  requests: RecordedRequest[];
  /** Queues replies for a build; each request takes the next, the last one repeats. */
  setBuild(id: string, ...replies: PercyReply[]): void;
  reset(): void;
  close(): Promise<void>;
}

export function percyBuildAttributes(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    branch: 'main',
    'build-number': 42,
    'web-url': `https://percy.io/acme/shop/builds/${id}`,
    state: 'finished',
    'review-state': 'approved',
    'review-state-reason': 'no_diffs',
    'is-pull-request': false,
    'total-snapshots': 12,
    'total-snapshots-unreviewed': 0,
    'total-comparisons': 24,
    'total-comparisons-finished': 24,
    'total-comparisons-diff': 0,
    'failure-reason': null,
    'created-at': '2026-11-24T09:00:00.000Z',
    'finished-at': '2026-11-24T09:04:00.000Z',
    ...overrides,
  };
}

export async function startPercyServer(): Promise<PercyServer> {
  const builds = new Map<string, PercyReply[]>();
  const requests: RecordedRequest[] = [];

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '';
    requests.push({ method: request.method ?? '', path, authorization: request.headers.authorization });
    const match = /^\/api\/v1\/builds\/([^/?]+)$/.exec(path);
    const queue = match ? builds.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !queue || queue.length === 0) {
      send(response, 404, JSON.stringify({ errors: [{ status: 'not_found' }] }));
      return;
    }
    const reply = queue.length > 1 ? queue.shift()! : queue[0]!;
    const status = reply.status ?? 200;
    if (reply.body !== undefined) return send(response, status, reply.body);
    if (status !== 200) return send(response, status, JSON.stringify({ errors: [{ status: String(status) }] }));
    const id = decodeURIComponent(match[1]!);
    send(response, 200, JSON.stringify({ data: { type: 'builds', id, attributes: percyBuildAttributes(id, reply.attributes) } }));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    setBuild: (id, ...replies) => void builds.set(id, replies),
    reset: () => {
      builds.clear();
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/vnd.api+json' });
  response.end(body);
}
