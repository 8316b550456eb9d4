import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays Flagsmith's API on 127.0.0.1 for tests: one organisation and project,
 * its environments, features, segments and feature states in memory. Answers
 * the Admin API operations rollout-guard uses and the SDK's environment
 * document (`GET /api/v1/environment-document/` with a server-side key, what
 * `flagsmith-nodejs` fetches for local evaluation), built from the same state,
 * so the SDK evaluates exactly what the service wrote. Every request and
 * answer is checked against Flagsmith's published description
 * (`test/fixtures/flagsmith/openapi.yaml`): `problems` must stay empty.
 *
 * Beyond the schema it keeps Flagsmith's own rules: `Authorization: Api-Key
 * <key>` (401 without, 403 for the read-only key on a write), a feature
 * state's PATCH carries its `environment` (Flagsmith's serializer needs it),
 * and a PATCH of a feature state in a versioned (v2) environment is refused.
 * Lists are paged by 10 as Flagsmith's are, to exercise paging.
 */
export interface SegmentCondition {
  operator: string;
  property: string | null;
  value: string | null;
  description?: string | null;
}

export interface SegmentRule {
  type: 'ALL' | 'ANY' | 'NONE';
  rules?: SegmentRule[];
  conditions: SegmentCondition[];
}

export interface FsEnvironment {
  id: number;
  name: string;
  /** The client-side key the Admin API routes by. */
  apiKey: string;
  /** The server-side key the SDK's local evaluation uses. */
  serverKey: string;
  v2Versioning: boolean;
}

export interface FsFeature {
  id: number;
  name: string;
}

export interface FsSegment {
  id: number;
  name: string;
  description: string | null;
  /** The feature a feature-specific segment belongs to. */
  feature: number | null;
  rules: SegmentRule[];
  metadata: Array<{ model_field: number; field_value: string }>;
}

export interface FsFeatureSegment {
  id: number;
  feature: number;
  segment: number;
  environment: number;
  priority: number;
}

export interface FsFeatureState {
  id: number;
  uuid: string;
  feature: number;
  environment: number;
  featureSegment: number | null;
  enabled: boolean;
  value: string | number | boolean | null;
}

export interface FsState {
  environments: FsEnvironment[];
  features: FsFeature[];
  segments: FsSegment[];
  featureSegments: FsFeatureSegment[];
  featureStates: FsFeatureState[];
}

export interface Injected {
  status: number;
  body?: unknown;
}

export interface FlagsmithServer {
  /** `http://127.0.0.1:<port>/api/v1`, for `flag-api-url` and the SDK's `apiUrl`. */
  apiUrl: string;
  /** An admin key. */
  token: string;
  /** A key that may read but not write (403 on every PATCH). */
  readOnlyToken: string;
  projectId: number;
  state: FsState;
  /** Writes received and applied, in order. */
  writes: Array<{ method: string; path: string; body: unknown }>;
  /** Every request: method and path with its query. */
  requests: string[];
  problems: string[];
  /** The next answers to requests whose path (without query) contains `pathPart`, before they are served normally. */
  inject(pathPart: string, ...answers: Injected[]): void;
  clearInjected(): void;
  /** Adds an environment (with the feature's default state off) and returns it. */
  addEnvironment(name: string, options?: { v2Versioning?: boolean }): FsEnvironment;
  addFeature(name: string, options?: { enabledIn?: number[] }): FsFeature;
  addSegment(name: string, rules: SegmentRule[], options?: { feature?: number; metadata?: FsSegment['metadata'] }): FsSegment;
  /** A segment override of `feature` in `environment`; its state has `enabled` and `value`. */
  addOverride(feature: FsFeature, segment: FsSegment, environment: FsEnvironment, options?: { enabled?: boolean; value?: string | null; priority?: number }): FsFeatureState;
  /** The environment's default state of a feature. */
  defaultState(feature: FsFeature, environment: FsEnvironment): FsFeatureState;
  close(): Promise<void>;
}

const SPEC = path.join(REPO_ROOT, 'test', 'fixtures', 'flagsmith', 'openapi.yaml');
const PAGE_SIZE = 10;

type Json = Record<string, unknown>;

export async function startFlagsmithServer(): Promise<FlagsmithServer> {
  const openApi = loadVendorOpenApi(SPEC);
  const token = 'fs-admin-0123456789abcdef0123456789abcdef';
  const readOnlyToken = 'fs-viewer-0123456789abcdef0123456789abcd';
  const projectId = 7;
  const state: FsState = { environments: [], features: [], segments: [], featureSegments: [], featureStates: [] };
  const writes: FlagsmithServer['writes'] = [];
  const requests: string[] = [];
  const problems: string[] = [];
  const injected: Array<{ pathPart: string; answer: Injected }> = [];
  let nextId = 100;
  const id = (): number => nextId++;
  let port = 0;

  const featureOf = (featureId: number): FsFeature => state.features.find((feature) => feature.id === featureId)!;
  const stateBody = (fs: FsFeatureState): Json => ({
    id: fs.id,
    // This serializer nests the value by type, where the smaller ones give it bare.
    feature_state_value: typedValue(fs.value),
    multivariate_feature_state_values: [],
    identifier: '',
    deleted_at: null,
    uuid: fs.uuid,
    enabled: fs.enabled,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    live_from: '2026-11-01T10:00:00Z',
    version: 1,
    feature: fs.feature,
    environment: fs.environment,
    identity: null,
    feature_segment: fs.featureSegment,
    change_request: null,
    environment_feature_version: null,
  });
  const segmentBody = (segment: FsSegment): Json => {
    let ruleId = segment.id * 1000;
    const rule = (r: SegmentRule): Json => ({
      id: ruleId++,
      type: r.type,
      ...(r.rules === undefined ? {} : { rules: r.rules.map(rule) }),
      conditions: r.conditions.map((c) => ({ id: ruleId++, operator: c.operator, property: c.property, value: c.value, description: c.description ?? null })),
    });
    return {
      id: segment.id,
      uuid: `00000000-0000-4000-8000-${String(segment.id).padStart(12, '0')}`,
      created_at: '2026-11-01T10:00:00Z',
      updated_at: '2026-11-01T10:00:00Z',
      name: segment.name,
      description: segment.description,
      project: projectId,
      feature: segment.feature,
      version_of: segment.id,
      rules: segment.rules.map(rule),
      metadata: segment.metadata.map((m, index) => ({ id: segment.id * 10 + index, ...m })),
      membership_counts: [],
      managed_by: '',
    };
  };
  const page = (items: Json[], url: URL): Json => {
    const number = Number(url.searchParams.get('page') ?? '1');
    const slice = items.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE);
    const link = (n: number): string => {
      const next = new URL(url.href);
      next.searchParams.set('page', String(n));
      return `http://127.0.0.1:${port}${next.pathname}${next.search}`;
    };
    return { count: items.length, next: number * PAGE_SIZE < items.length ? link(number + 1) : null, previous: number > 1 ? link(number - 1) : null, results: slice };
  };

  /** The SDK's environment document, in the shape Flagsmith serves it (its `environment.json` sample and the description). */
  const environmentDocument = (environment: FsEnvironment): Json => {
    const documentState = (fs: FsFeatureState): Json => {
      const featureSegment = fs.featureSegment === null ? null : state.featureSegments.find((candidate) => candidate.id === fs.featureSegment)!;
      const feature = featureOf(fs.feature);
      return {
        django_id: fs.id,
        enabled: fs.enabled,
        feature: { id: feature.id, name: feature.name, type: 'STANDARD' },
        feature_segment: featureSegment ? { priority: featureSegment.priority } : null,
        feature_state_value: fs.value,
        featurestate_uuid: fs.uuid,
        multivariate_feature_state_values: [],
      };
    };
    const inEnvironment = state.featureStates.filter((fs) => fs.environment === environment.id);
    const rule = (r: SegmentRule): Json => ({ type: r.type, rules: (r.rules ?? []).map(rule), conditions: r.conditions.map((c) => ({ operator: c.operator, property_: c.property ?? '', value: c.value ?? '' })) });
    return {
      id: environment.id,
      api_key: environment.apiKey,
      name: environment.name,
      use_identity_composite_key_for_hashing: true,
      feature_states: inEnvironment.filter((fs) => fs.featureSegment === null).map(documentState),
      identity_overrides: [],
      project: {
        id: projectId,
        name: 'Shop',
        hide_disabled_flags: false,
        organisation: { id: 1, name: 'Acme', feature_analytics: false, stop_serving_flags: false, persist_trait_data: true },
        segments: state.segments.map((segment) => ({
          id: segment.id,
          name: segment.name,
          rules: segment.rules.map(rule),
          feature_states: inEnvironment.filter((fs) => fs.featureSegment !== null && state.featureSegments.find((f) => f.id === fs.featureSegment)?.segment === segment.id).map(documentState),
        })),
      },
    };
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const pathname = url.pathname;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push(`${method} ${pathname}${url.search}`);
      const reply = (status: number, body: unknown): void => {
        if (status < 400) problems.push(...openApi.checkResponse({ method, pathname, status, body }));
        else if (typeof (body as Json).detail !== 'string') problems.push(`${method} ${pathname} → ${status}: an error answer is not Django REST framework's {detail}`);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          problems.push(`${method} ${pathname}: body is not JSON`);
          return reply(400, { detail: 'JSON parse error' });
        }
        if (request.headers['content-type'] !== 'application/json') problems.push(`${method} ${pathname}: content-type is ${String(request.headers['content-type'])}`);
      }
      problems.push(...openApi.checkRequest({ method, pathname, query: url.searchParams, body }));

      const queued = injected.findIndex((entry) => pathname.includes(entry.pathPart));
      if (queued >= 0) {
        const { answer } = injected.splice(queued, 1)[0]!;
        return reply(answer.status, answer.body ?? { detail: `injected ${answer.status}` });
      }

      // The SDK's endpoint: a server-side environment key, no Admin API key.
      if (method === 'GET' && pathname === '/api/v1/environment-document/') {
        const environment = state.environments.find((env) => env.serverKey === request.headers['x-environment-key']);
        if (!environment) return reply(403, { detail: 'Invalid or missing Environment Key' });
        return reply(200, environmentDocument(environment));
      }

      const authorization = request.headers.authorization;
      if (authorization !== `Api-Key ${token}` && authorization !== `Api-Key ${readOnlyToken}`) return reply(401, { detail: 'Authentication credentials were not provided.' });
      if (method !== 'GET' && authorization !== `Api-Key ${token}`) return reply(403, { detail: 'You do not have permission to perform this action.' });
      const notFound = (): void => reply(404, { detail: 'No Environment matches the given query.' });
      let match: RegExpMatchArray | null;

      if (method === 'GET' && (match = pathname.match(/^\/api\/v1\/environments\/([^/]+)\/$/))) {
        const environment = state.environments.find((env) => env.apiKey === decodeURIComponent(match![1]!));
        if (!environment) return notFound();
        return reply(200, {
          id: environment.id,
          uuid: randomUUIDFor(environment.id),
          name: environment.name,
          api_key: environment.apiKey,
          project: projectId,
          minimum_change_request_approvals: null,
          allow_client_traits: true,
          banner_text: null,
          banner_colour: null,
          hide_disabled_flags: null,
          use_mv_v2_evaluation: true,
          use_identity_composite_key_for_hashing: true,
          hide_sensitive_data: false,
          use_v2_feature_versioning: environment.v2Versioning,
          use_identity_overrides_in_local_eval: true,
          is_creating: false,
          metadata: [],
          total_segment_overrides: state.featureSegments.filter((f) => f.environment === environment.id).length,
        });
      }

      if (method === 'GET' && pathname === `/api/v1/projects/${projectId}/features/`) {
        const search = (url.searchParams.get('search') ?? '').toLowerCase();
        const environmentId = Number(url.searchParams.get('environment'));
        const found = state.features
          .filter((feature) => feature.name.toLowerCase().includes(search))
          .map((feature) => {
            const own = state.featureStates.find((fs) => fs.feature === feature.id && fs.environment === environmentId && fs.featureSegment === null);
            return {
              id: feature.id,
              name: feature.name,
              type: 'STANDARD',
              default_enabled: false,
              initial_value: null,
              created_date: '2026-11-01T10:00:00Z',
              tags: [],
              multivariate_options: [],
              is_archived: false,
              owners: [],
              group_owners: [],
              uuid: randomUUIDFor(feature.id),
              project: projectId,
              environment_feature_state: own ? { id: own.id, feature_state_value: own.value, environment: own.environment, identity: null, feature_segment: null, enabled: own.enabled } : null,
              segment_feature_state: null,
              num_segment_overrides: state.featureSegments.filter((f) => f.feature === feature.id && f.environment === environmentId).length,
              num_identity_overrides: 0,
              is_num_identity_overrides_complete: true,
              is_server_key_only: false,
              last_modified_in_any_environment: null,
              last_modified_in_current_environment: null,
              metadata: [],
              code_references_counts: [],
              lifecycle_stage: 'live',
            };
          });
        return reply(200, page(found, url));
      }

      if (method === 'GET' && pathname === '/api/v1/features/feature-segments/') {
        const environmentId = Number(url.searchParams.get('environment'));
        const featureId = Number(url.searchParams.get('feature'));
        const found = state.featureSegments
          .filter((f) => f.environment === environmentId && f.feature === featureId)
          .sort((a, b) => a.priority - b.priority)
          .map((f) => {
            const segment = state.segments.find((s) => s.id === f.segment)!;
            return { id: f.id, uuid: randomUUIDFor(f.id), segment: f.segment, priority: f.priority, environment: f.environment, segment_name: segment.name, is_feature_specific: segment.feature !== null };
          });
        return reply(200, page(found, url));
      }

      if ((match = pathname.match(new RegExp(`^/api/v1/projects/${projectId}/segments/(\\d+)/(associated-features/)?$`)))) {
        const segment = state.segments.find((s) => s.id === Number(match![1]));
        if (!segment) return reply(404, { detail: 'No Segment matches the given query.' });
        if (match[2] && method === 'GET') {
          // The description documents one item; Flagsmith pages them (its CustomPagination, 999 a page). Each item is checked against the documented shape.
          const uses = state.featureStates
            .filter((fs) => fs.featureSegment !== null && state.featureSegments.find((f) => f.id === fs.featureSegment)?.segment === segment.id)
            .map((fs) => ({ id: fs.id, feature: fs.feature, environment: fs.environment }));
          for (const use of uses) problems.push(...openApi.checkResponse({ method, pathname, status: 200, body: use }));
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ count: uses.length, next: null, previous: null, results: uses }));
          return;
        }
        if (method === 'GET') return reply(200, segmentBody(segment));
        if (method === 'PATCH') {
          const patch = body as { rules?: SegmentRule[]; metadata?: FsSegment['metadata']; name?: string };
          // Flagsmith replaces the segment's metadata with what a save sends: a save without it would erase it.
          if (patch.metadata === undefined && segment.metadata.length > 0) problems.push(`PATCH segment ${segment.id} without its metadata would erase it`);
          if (patch.rules) segment.rules = patch.rules.map(cleanRule);
          segment.metadata = (patch.metadata ?? []).map(({ model_field, field_value }) => ({ model_field, field_value }));
          if (patch.name !== undefined) segment.name = patch.name;
          writes.push({ method, path: pathname, body });
          return reply(200, segmentBody(segment));
        }
      }

      if (method === 'GET' && pathname === '/api/v1/features/featurestates/') {
        const environmentId = Number(url.searchParams.get('environment'));
        const featureId = url.searchParams.get('feature');
        const featureSegment = url.searchParams.get('feature_segment');
        const found = state.featureStates
          .filter((fs) => fs.environment === environmentId)
          .filter((fs) => featureId === null || fs.feature === Number(featureId))
          .filter((fs) => featureSegment === null || fs.featureSegment === Number(featureSegment))
          .map(stateBody);
        return reply(200, page(found, url));
      }

      if (method === 'PATCH' && (match = pathname.match(/^\/api\/v1\/features\/featurestates\/(\d+)\/$/))) {
        const fs = state.featureStates.find((candidate) => candidate.id === Number(match![1]));
        if (!fs) return reply(404, { detail: 'No FeatureState matches the given query.' });
        const patch = body as { enabled?: boolean; environment?: number; feature?: number };
        if (patch.environment === undefined) problems.push(`PATCH feature state ${fs.id} without its environment: Flagsmith's serializer fails without it`);
        if (patch.environment !== undefined && patch.environment !== fs.environment) return reply(400, { detail: 'Cannot change the environment of a feature state' });
        if (patch.feature !== undefined && patch.feature !== fs.feature) return reply(400, { detail: 'Cannot change the feature of a feature state' });
        const environment = state.environments.find((env) => env.id === fs.environment)!;
        if (environment.v2Versioning) return reply(400, { detail: 'Cannot write feature states directly in an environment with feature versioning.' });
        if (patch.enabled !== undefined) fs.enabled = patch.enabled;
        writes.push({ method, path: pathname, body });
        return reply(200, stateBody(fs));
      }

      problems.push(`${method} ${pathname}: not an operation this server plays`);
      return reply(404, { detail: 'Not found.' });
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const api: FlagsmithServer = {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    token,
    readOnlyToken,
    projectId,
    state,
    writes,
    requests,
    problems,
    inject: (pathPart, ...answers) => void injected.push(...answers.map((answer) => ({ pathPart, answer }))),
    clearInjected: () => void injected.splice(0),
    addEnvironment(name, options = {}) {
      const environmentId = id();
      const environment: FsEnvironment = { id: environmentId, name, apiKey: `env${environmentId}Key${name.replace(/\W/g, '')}`, serverKey: `ser.env${environmentId}ServerKey`, v2Versioning: options.v2Versioning ?? false };
      state.environments.push(environment);
      for (const feature of state.features) state.featureStates.push({ id: id(), uuid: randomUUID(), feature: feature.id, environment: environment.id, featureSegment: null, enabled: false, value: null });
      return environment;
    },
    addFeature(name, options = {}) {
      const feature: FsFeature = { id: id(), name };
      state.features.push(feature);
      for (const environment of state.environments) {
        state.featureStates.push({ id: id(), uuid: randomUUID(), feature: feature.id, environment: environment.id, featureSegment: null, enabled: (options.enabledIn ?? []).includes(environment.id), value: null });
      }
      return feature;
    },
    addSegment(name, rules, options = {}) {
      const segment: FsSegment = { id: id(), name, description: null, feature: options.feature ?? null, rules, metadata: options.metadata ?? [] };
      state.segments.push(segment);
      return segment;
    },
    addOverride(feature, segment, environment, options = {}) {
      const existing = state.featureSegments.filter((f) => f.feature === feature.id && f.environment === environment.id);
      const featureSegment: FsFeatureSegment = { id: id(), feature: feature.id, segment: segment.id, environment: environment.id, priority: options.priority ?? existing.length };
      state.featureSegments.push(featureSegment);
      const fs: FsFeatureState = { id: id(), uuid: randomUUID(), feature: feature.id, environment: environment.id, featureSegment: featureSegment.id, enabled: options.enabled ?? true, value: options.value ?? null };
      state.featureStates.push(fs);
      return fs;
    },
    defaultState(feature, environment) {
      return state.featureStates.find((fs) => fs.feature === feature.id && fs.environment === environment.id && fs.featureSegment === null)!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return api;
}

/** What Flagsmith keeps of a saved rule: type, nested rules, and each condition's operator, property, value, description. */
function cleanRule(rule: SegmentRule): SegmentRule {
  return {
    type: rule.type,
    ...(rule.rules === undefined ? {} : { rules: rule.rules.map(cleanRule) }),
    conditions: (rule.conditions ?? []).map((c) => ({ operator: c.operator, property: c.property ?? null, value: c.value ?? null, description: c.description ?? null })),
  };
}

function typedValue(value: FsFeatureState['value']): Json {
  return {
    type: typeof value === 'number' ? 'int' : typeof value === 'boolean' ? 'bool' : 'unicode',
    string_value: typeof value === 'string' ? value : null,
    integer_value: typeof value === 'number' ? value : null,
    boolean_value: typeof value === 'boolean' ? value : null,
  };
}

function randomUUIDFor(n: number): string {
  return `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
}
