import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Plays Percy's API on 127.0.0.1 for tests, the two reads `percy build:wait`
 * makes (@percy/client 1.32.11's `getBuild` and `getBuilds`):
 * - `GET /api/v1/builds/:id` answers a JSON:API build document;
 * - `GET /api/v1/projects/:org/:project/builds?filter[sha]=…` answers the
 *   project's builds for the commit, newest first, as a JSON:API list.
 * Or with the statuses a test queues. Records every request so a test can
 * assert the `Authorization: Token token=…` header.
 *
 * Percy publishes no OpenAPI description (its reference is prose:
 * test/fixtures/percy/ORIGIN.md), so instead of `vendor-openapi.ts` the
 * server holds every request to what that reference and the CLI document:
 * a known operation, GET, a `Token token=` header, and only the build list's
 * documented query parameters, with their documented values. What is off
 * goes to `problems`, which tests assert is empty.
 */
export interface PercyReply {
  /** HTTP status; default 200. */
  status?: number;
  /** Build attributes merged over a finished, approved build with no diffs. */
  attributes?: Record<string, unknown>;
  /** A raw body instead of a build document (for malformed answers). */
  body?: string;
}

/** One answer of the build list; `builds` newest first. */
export interface PercyListReply {
  status?: number;
  /** Each merged over a finished, approved build with no diffs, like {@link PercyReply.attributes}. */
  builds?: { id: string; attributes?: Record<string, unknown> }[];
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
  /** Requests off Percy's documented shapes, one line each; tests assert there are none. */
  problems: string[];
  /** Queues replies for a build; each request takes the next, the last one repeats. */
  setBuild(id: string, ...replies: PercyReply[]): void;
  /** Queues replies for the builds of `org/project` at a commit; each request takes the next, the last one repeats. Unset: an empty list. */
  setCommitBuilds(project: string, sha: string, ...replies: PercyListReply[]): void;
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

/** The build list's query parameters in Percy's API reference, and the values it allows. */
const LIST_QUERY: Record<string, (value: string) => boolean> = {
  'filter[sha]': (value) => /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value),
  'filter[shas][]': (value) => /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(value),
  'filter[branch]': (value) => value !== '',
  'filter[state]': (value) => ['processing', 'finished', 'failed', 'waiting'].includes(value),
  'page[limit]': (value) => /^\d+$/.test(value) && Number(value) >= 1,
  'page[cursor]': (value) => /^\d+$/.test(value),
};

export async function startPercyServer(): Promise<PercyServer> {
  const builds = new Map<string, PercyReply[]>();
  const commitBuilds = new Map<string, PercyListReply[]>();
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  const next = <T>(queue: T[]): T => (queue.length > 1 ? queue.shift()! : queue[0]!);

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '';
    const method = request.method ?? '';
    requests.push({ method, path, authorization: request.headers.authorization });
    const url = new URL(path, 'http://percy.invalid');
    const single = /^\/api\/v1\/builds\/([^/]+)$/.exec(url.pathname);
    const list = /^\/api\/v1\/projects\/([^/]+)\/([^/]+)\/builds$/.exec(url.pathname);
    const problem = (text: string) => void problems.push(`${method} ${path}: ${text}`);
    if (!single && !list) problem('no such operation in Percy\'s API');
    if (method !== 'GET') problem('Percy\'s build reads are GET');
    if (!/^Token token=\S+$/.test(request.headers.authorization ?? '')) problem('no `Authorization: Token token=<PERCY_TOKEN>` header');
    if (single && url.search !== '') problem('a build read takes no query');
    if (list) checkListQuery(url.searchParams, problem);

    if (list) return answerList(response, commitBuilds.get(`${decodeURIComponent(list[1]!)}/${decodeURIComponent(list[2]!)}@${url.searchParams.get('filter[sha]') ?? ''}`));
    const queue = single ? builds.get(decodeURIComponent(single[1]!)) : undefined;
    if (!single || !queue || queue.length === 0) {
      send(response, 404, JSON.stringify({ errors: [{ status: 'not_found' }] }));
      return;
    }
    const reply = next(queue);
    const status = reply.status ?? 200;
    if (reply.body !== undefined) return send(response, status, reply.body);
    if (status !== 200) return send(response, status, JSON.stringify({ errors: [{ status: String(status) }] }));
    const id = decodeURIComponent(single[1]!);
    send(response, 200, JSON.stringify({ data: { type: 'builds', id, attributes: percyBuildAttributes(id, reply.attributes) } }));
  };

  const answerList = (response: ServerResponse, queue: PercyListReply[] | undefined): void => {
    const reply = queue && queue.length > 0 ? next(queue) : { builds: [] };
    const status = reply.status ?? 200;
    if (reply.body !== undefined) return send(response, status, reply.body);
    if (status !== 200) return send(response, status, JSON.stringify({ errors: [{ status: String(status) }] }));
    const data = (reply.builds ?? []).map(({ id, attributes }) => ({ type: 'builds', id, attributes: percyBuildAttributes(id, attributes) }));
    send(response, 200, JSON.stringify({ data }));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    problems,
    setBuild: (id, ...replies) => void builds.set(id, replies),
    setCommitBuilds: (project, sha, ...replies) => void commitBuilds.set(`${project}@${sha}`, replies),
    reset: () => {
      builds.clear();
      commitBuilds.clear();
      requests.length = 0;
      problems.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function checkListQuery(query: URLSearchParams, problem: (text: string) => void): void {
  for (const [name, value] of query) {
    const allowed = LIST_QUERY[name];
    if (!allowed) problem(`\`${name}\` is not a query parameter of Percy's build list`);
    else if (!allowed(value)) problem(`\`${name}\` has a value Percy does not document: ${JSON.stringify(value)}`);
  }
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/vnd.api+json' });
  response.end(body);
}
