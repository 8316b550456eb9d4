import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { onJsonBody } from './json-body.js';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays PostHog on 127.0.0.1 for tests: one project's feature flags and
 * events, kept in memory.
 * - The management API rollout-guard uses (`feature_flags_list`,
 *   `feature_flags_retrieve`, `feature_flags_partial_update`) and the query
 *   API (`query_create`), in the shapes of PostHog's published description
 *   (`test/fixtures/posthog/openapi.yaml`): every request and every success
 *   answer is checked against it, and `problems` must stay empty.
 * - `GET /flags/definitions`, where `posthog-node` loads flag definitions
 *   for local evaluation, answered from the same flags, so the official SDK
 *   evaluates exactly what the API wrote.
 * - `POST …/query/` evaluates the one HogQL shape rollout-guard sends (see
 *   `countEvents`) over the events seeded, from the request's `values`; any
 *   other query is a 400 and a problem.
 * A PATCH applies like PostHog's serializer: the fields sent replace the
 * flag's (`filters` whole), `version` goes up, and a `version` with an
 * `original_flag` that someone else's change contradicts is a 409.
 */
export interface PostHogFlagRecord {
  id: number;
  key: string;
  name: string;
  active: boolean;
  deleted: boolean;
  version: number;
  filters: Record<string, unknown>;
  ensure_experience_continuity: boolean;
}

export interface PostHogEvent {
  event: string;
  /** ms since the epoch. */
  timestamp: number;
  properties: Record<string, unknown>;
}

export interface Injected {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface PostHogServer {
  /** `http://127.0.0.1:<port>`, for `flag-api-url`, `source.url` and the SDK's `host`. */
  url: string;
  personalApiKey: string;
  projectApiKey: string;
  projectId: string;
  /** Scopes the personal API key holds; a call outside them is a 403 as PostHog answers it. */
  scopes: Set<string>;
  flags: PostHogFlagRecord[];
  events: PostHogEvent[];
  calls: RecordedCall[];
  problems: string[];
  /** The next answers of an operation (`feature_flags_list`, `feature_flags_retrieve`, `feature_flags_partial_update`, `query_create`, `flag_definitions`). */
  inject(operation: string, ...answers: Injected[]): void;
  /** Adds a flag (id assigned) and returns it. */
  addFlag(flag: Partial<PostHogFlagRecord> & { key: string; filters: Record<string, unknown> }): PostHogFlagRecord;
  flag(key: string): PostHogFlagRecord;
  /** Changes a flag as another user would between our read and our write. */
  editBehindOurBack(key: string, change: (flag: PostHogFlagRecord) => void): void;
  patches(): RecordedCall[];
  reset(): void;
  close(): Promise<void>;
}

const SPEC = path.join(REPO_ROOT, 'test', 'fixtures', 'posthog', 'openapi.yaml');
const ALL_SCOPES = ['feature_flag:read', 'feature_flag:write', 'query:read'];

/** `queries`: compile the query API's schemas at start (seconds), for tests of the metric source. */
export async function startPostHogServer(options: { projectId?: string; queries?: boolean } = {}): Promise<PostHogServer> {
  const openApi = loadVendorOpenApi(SPEC);
  // Compiling the query's schema (a union of every query kind) takes seconds: done here, not while a client waits on its first answer.
  if (options.queries) openApi.checkRequest({ method: 'POST', pathname: '/api/projects/1/query/', body: { query: { kind: 'HogQLQuery', query: 'SELECT 1' } } });
  if (options.queries) openApi.checkSchema('/components/schemas/HogQLQueryResponse', { results: [] });
  const personalApiKey = 'phx_testpersonalkey0123456789abcdefABCDEF';
  const projectApiKey = 'phc_testprojectkey0123456789abcdefABCDEF';
  const projectId = options.projectId ?? '4242';
  const scopes = new Set(ALL_SCOPES);
  const flags: PostHogFlagRecord[] = [];
  const events: PostHogEvent[] = [];
  const calls: RecordedCall[] = [];
  const problems: string[] = [];
  const injected = new Map<string, Injected[]>();
  let nextId = 101;
  let port = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';
    onJsonBody(request, problems, (body) => {
      calls.push({ method, path: `${url.pathname}${url.search}`, authorization: request.headers.authorization, body });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      // PostHog's error envelope; the description documents no error answers, so these are not checked.
      const refuse = (status: number, type: string, code: string, detail: string): void => send(status, { type, code, detail, attr: null });

      if (method === 'GET' && url.pathname === '/flags/definitions') return serveDefinitions(url, request, send, refuse);

      const operation = operationOf(method, url.pathname);
      if (operation === null) {
        problems.push(`${method} ${url.pathname} is not an operation this server plays`);
        return refuse(404, 'invalid_request', 'not_found', 'Not found.');
      }
      problems.push(...openApi.checkRequest({ method, pathname: url.pathname, query: url.searchParams, body }));
      const reply = (status: number, payload: unknown): void => {
        problems.push(...openApi.checkResponse({ method, pathname: url.pathname, status, body: payload }));
        send(status, payload);
      };
      if (request.headers.authorization !== `Bearer ${personalApiKey}`) return refuse(401, 'authentication_error', 'authentication_failed', 'Personal API key found in request Authorization header is invalid.');
      const scope = operation.name === 'query_create' ? 'query:read' : method === 'GET' ? 'feature_flag:read' : 'feature_flag:write';
      if (!scopes.has(scope)) return refuse(403, 'authentication_error', 'permission_denied', `API key missing required scope '${scope}'`);
      if (operation.projectId !== projectId) return refuse(404, 'invalid_request', 'not_found', 'Project not found.');
      const next = injected.get(operation.name)?.shift();
      if (next) return send(next.status, next.body ?? { type: 'server_error', code: 'error', detail: `injected ${next.status}`, attr: null }, next.headers);

      if (operation.name === 'feature_flags_list') {
        const search = (url.searchParams.get('search') ?? '').toLowerCase();
        const limit = Number(url.searchParams.get('limit') ?? 100);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const found = flags.filter((flag) => !flag.deleted && (flag.key.toLowerCase().includes(search) || flag.name.toLowerCase().includes(search)));
        const page = found.slice(offset, offset + limit);
        const link = (at: number) => `http://127.0.0.1:${port}${url.pathname}?${new URLSearchParams({ ...(search ? { search } : {}), limit: String(limit), offset: String(at) })}`;
        return reply(200, { count: found.length, next: offset + limit < found.length ? link(offset + limit) : null, previous: offset > 0 ? link(Math.max(0, offset - limit)) : null, results: page.map(representation) });
      }
      if (operation.name === 'query_create') {
        const answer = countEvents(body, events);
        if (!answer.ok) {
          problems.push(`query_create: ${answer.error}`);
          return refuse(400, 'validation_error', 'invalid_input', answer.error);
        }
        problems.push(...openApi.checkSchema('/components/schemas/HogQLQueryResponse', answer.value));
        return reply(200, answer.value);
      }
      const flag = flags.find((candidate) => candidate.id === operation.flagId && !candidate.deleted);
      if (!flag) return refuse(404, 'invalid_request', 'not_found', 'Not found.');
      if (operation.name === 'feature_flags_retrieve') return reply(200, representation(flag));
      const patch = (body ?? {}) as Record<string, unknown>;
      const conflict = conflicting(flag, patch);
      if (conflict) return refuse(409, 'server_error', 'conflict', 'The feature flag was updated by another user since you started editing it. Please refresh and try again.');
      if ('filters' in patch) flag.filters = structuredClone(patch.filters) as Record<string, unknown>;
      if ('active' in patch) flag.active = patch.active === true;
      flag.version += 1;
      return reply(200, representation(flag));
    });
  };

  /** The SDK's definitions: the personal API key as Bearer, the project API key as `token`. */
  const serveDefinitions = (url: URL, request: IncomingMessage, send: (status: number, payload: unknown) => void, refuse: (status: number, type: string, code: string, detail: string) => void): void => {
    if (request.headers.authorization !== `Bearer ${personalApiKey}`) return refuse(401, 'authentication_error', 'authentication_failed', 'Personal API key found in request Authorization header is invalid.');
    if (url.searchParams.get('token') !== projectApiKey) return refuse(401, 'authentication_error', 'invalid_api_key', 'Project API key invalid.');
    const next = injected.get('flag_definitions')?.shift();
    if (next) return send(next.status, next.body ?? {});
    const live = flags.filter((flag) => !flag.deleted);
    send(200, {
      flags: live.map((flag) => ({ id: flag.id, name: flag.name, key: flag.key, filters: structuredClone(flag.filters), deleted: false, active: flag.active, ensure_experience_continuity: flag.ensure_experience_continuity, version: flag.version })),
      group_type_mapping: {},
      cohorts: {},
    });
  };

  const findFlag = (key: string): PostHogFlagRecord => {
    const found = flags.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`no flag ${key}`);
    return found;
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    personalApiKey,
    projectApiKey,
    projectId,
    scopes,
    flags,
    events,
    calls,
    problems,
    inject: (operation, ...answers) => void injected.set(operation, [...(injected.get(operation) ?? []), ...answers]),
    addFlag(flag) {
      const record: PostHogFlagRecord = { id: nextId++, name: '', active: true, deleted: false, version: 1, ensure_experience_continuity: false, ...flag, filters: structuredClone(flag.filters) };
      flags.push(record);
      return record;
    },
    flag: findFlag,
    editBehindOurBack(key, change) {
      const flag = findFlag(key);
      change(flag);
      flag.version += 1;
    },
    patches: () => calls.filter((call) => call.method === 'PATCH'),
    reset() {
      flags.length = 0;
      events.length = 0;
      calls.length = 0;
      problems.length = 0;
      injected.clear();
      nextId = 101;
      scopes.clear();
      for (const scope of ALL_SCOPES) scopes.add(scope);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function operationOf(method: string, pathname: string): { name: string; projectId: string; flagId?: number } | null {
  const flags = /^\/api\/projects\/([^/]+)\/feature_flags\/(?:(\d+)\/)?$/.exec(pathname);
  if (flags) {
    const [, projectId, id] = flags;
    if (id === undefined) return method === 'GET' ? { name: 'feature_flags_list', projectId: projectId! } : null;
    if (method === 'GET') return { name: 'feature_flags_retrieve', projectId: projectId!, flagId: Number(id) };
    if (method === 'PATCH') return { name: 'feature_flags_partial_update', projectId: projectId!, flagId: Number(id) };
    return null;
  }
  const query = /^\/api\/projects\/([^/]+)\/query\/$/.exec(pathname);
  if (query && method === 'POST') return { name: 'query_create', projectId: query[1]! };
  return null;
}

/** A FeatureFlag as PostHog's description shapes it (every required field; `experiment_set` as it types it). */
function representation(flag: PostHogFlagRecord): Record<string, unknown> {
  const user = { id: 1, uuid: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', distinct_id: 'ops', first_name: 'Ops', email: 'ops@example.com', hedgehog_config: null };
  const groups = (flag.filters.groups as Array<Record<string, unknown>> | undefined) ?? [];
  const simple = groups.length === 1 && ((groups[0]!.properties as unknown[] | undefined) ?? []).length === 0 && !flag.filters.multivariate;
  return {
    id: flag.id,
    name: flag.name,
    key: flag.key,
    filters: structuredClone(flag.filters),
    deleted: flag.deleted,
    active: flag.active,
    created_by: user,
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-12-01T09:00:00Z',
    version: flag.version,
    last_modified_by: user,
    is_simple_flag: simple,
    rollout_percentage: simple ? ((groups[0]!.rollout_percentage as number | null | undefined) ?? null) : null,
    ensure_experience_continuity: flag.ensure_experience_continuity,
    experiment_set: '',
    surveys: {},
    features: {},
    rollback_conditions: null,
    performed_rollback: false,
    can_edit: true,
    tags: [],
    usage_dashboard: 7,
    analytics_dashboards: [],
    has_enriched_analytics: false,
    user_access_level: 'editor',
    is_remote_configuration: false,
    has_encrypted_payloads: false,
    status: 'ACTIVE',
    evaluation_runtime: 'all',
    last_called_at: null,
  };
}

/**
 * PostHog's rule: with a `version` other than the flag's and an
 * `original_flag`, a field the request changes that someone else changed
 * meanwhile (to another value) is a conflict.
 */
function conflicting(flag: PostHogFlagRecord, patch: Record<string, unknown>): boolean {
  if (typeof patch.version !== 'number' || patch.version === flag.version) return false;
  const original = patch.original_flag as Record<string, unknown> | undefined;
  if (!original || Object.keys(original).length === 0) return false;
  return (['filters', 'active'] as const).some((field) => {
    if (!(field in patch) || !(field in original)) return false;
    const changedByUs = JSON.stringify(patch[field]) !== JSON.stringify(original[field]);
    const changedByThem = JSON.stringify(original[field]) !== JSON.stringify(flag[field]);
    return changedByUs && changedByThem && JSON.stringify(patch[field]) !== JSON.stringify(flag[field]);
  });
}

/**
 * The HogQL shape rollout-guard sends, read clause by clause (not compared
 * with the source's constant): the bucket of each event from the window's
 * start and step, the events named, and all events, optionally only those
 * whose property is a value; every `{placeholder}` must have a value, and
 * every value a placeholder.
 */
const SHAPE =
  /^SELECT intDiv\(toUnixTimestamp\(timestamp\) - \{(\w+)\}, \{(\w+)\}\) AS bucket, countIf\(event = \{(\w+)\}\) AS matching, count\(\) AS flagged FROM events WHERE timestamp >= toDateTime\(\{(\w+)\}\) AND timestamp < toDateTime\(\{(\w+)\}\)(?: AND properties\[\{(\w+)\}\] = \{(\w+)\})? GROUP BY bucket ORDER BY bucket LIMIT (\d+)$/;

function countEvents(body: unknown, events: readonly PostHogEvent[]): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const query = (body as { query?: { kind?: unknown; query?: unknown; values?: unknown } } | undefined)?.query;
  if (query?.kind !== 'HogQLQuery' || typeof query.query !== 'string') return { ok: false, error: 'not a HogQLQuery' };
  const match = SHAPE.exec(query.query);
  if (!match) return { ok: false, error: `a query of a shape this server does not evaluate: ${query.query}` };
  const [, startEpoch, step, event, start, end, property, value, limit] = match;
  const names = [startEpoch, step, event, start, end, property, value].filter((name): name is string => name !== undefined);
  const values = (query.values ?? {}) as Record<string, unknown>;
  const missing = names.filter((name) => !(name in values));
  if (missing.length > 0) return { ok: false, error: `Placeholder {${missing[0]}} is not available in this context` };
  const unused = Object.keys(values).filter((name) => !names.includes(name));
  if (unused.length > 0) return { ok: false, error: `values ${unused.join(', ')} are not used by the query` };
  const startMs = Date.parse(String(values[start!]));
  const endMs = Date.parse(String(values[end!]));
  const epoch = Number(values[startEpoch!]);
  const stepSeconds = Number(values[step!]);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || !Number.isInteger(epoch) || !(stepSeconds > 0)) return { ok: false, error: 'window values are not dates and whole seconds' };
  const buckets = new Map<number, [number, number]>();
  for (const one of events) {
    if (one.timestamp < startMs || one.timestamp >= endMs) continue;
    // HogQL reads a property as text: a JSON `true` compares equal to 'true'; an event without it matches nothing.
    if (property !== undefined && (!(String(values[property]) in one.properties) || String(one.properties[String(values[property])]) !== String(values[value!]))) continue;
    const bucket = Math.floor((Math.floor(one.timestamp / 1_000) - epoch) / stepSeconds);
    const counts = buckets.get(bucket) ?? [0, 0];
    if (one.event === values[event!]) counts[0] += 1;
    counts[1] += 1;
    buckets.set(bucket, counts);
  }
  const rows = [...buckets.entries()].sort(([a], [b]) => a - b).map(([bucket, [matching, flagged]]) => [bucket, matching, flagged]);
  const cap = Number(limit);
  return {
    ok: true,
    value: {
      results: rows.slice(0, cap),
      columns: ['bucket', 'matching', 'flagged'],
      types: [
        ['bucket', 'Int64'],
        ['matching', 'UInt64'],
        ['flagged', 'UInt64'],
      ],
      hasMore: rows.length > cap,
      limit: cap,
      offset: 0,
      hogql: query.query,
      timings: [],
    },
  };
}
