import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { onJsonBody } from './json-body.js';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays LaunchDarkly on 127.0.0.1 for tests: one project, its environments
 * and flags, kept in memory.
 *
 * The REST side answers the two operations rollout-guard uses,
 * `getFeatureFlag` and `patchFeatureFlag` with a semantic patch, in the shapes
 * of LaunchDarkly's published description
 * (`test/fixtures/launchdarkly/openapi.yaml`), and checks every request it
 * receives and every answer it sends against it: `problems` must stay empty.
 * A semantic patch body is held to the description's semantic-patch schema
 * for flags (`flagSempatch`) and each instruction to what the operation's
 * prose documents; the instructions rollout-guard sends
 * (`updateFallthroughVariationOrRollout`, `turnFlagOn`, `turnFlagOff`) are
 * applied to the flag, all or none, in order. Anything else is a problem.
 *
 * The SDK side answers the server-side SDKs' polling request
 * (`GET /sdk/latest-all`, authorised by the environment's SDK key) with the
 * environment's flags in the SDK's data model, built from the same state: an
 * official SDK pointed here (`baseUri`, `stream: false`) evaluates exactly
 * what the REST calls wrote.
 */
export interface LdVariation {
  _id: string;
  value: unknown;
  name?: string;
}

export interface LdRollout {
  variations: { variation: number; weight: number }[];
  bucketBy?: string;
  contextKind?: string;
}

export interface LdClause {
  _id: string;
  attribute: string;
  op: string;
  values: unknown[];
  negate: boolean;
  contextKind?: string;
}

/** One flag's configuration in one environment, in the REST API's shape. */
export interface LdEnvironmentConfig {
  on: boolean;
  salt: string;
  version: number;
  lastModified: number;
  offVariation?: number;
  fallthrough: { variation?: number; rollout?: LdRollout };
  targets: { values: string[]; variation: number; contextKind?: string }[];
  contextTargets: { values: string[]; variation: number; contextKind?: string }[];
  rules: { _id: string; variation?: number; rollout?: LdRollout; clauses: LdClause[]; trackEvents: boolean }[];
  prerequisites: { key: string; variation: number }[];
  /** The environment makes flag changes wait for a review: a direct change answers 405. */
  approvalsRequired?: boolean;
}

export interface LdFlag {
  key: string;
  name: string;
  kind: 'boolean' | 'multivariate';
  variations: LdVariation[];
  archived: boolean;
  _version: number;
  environments: Record<string, LdEnvironmentConfig>;
}

export interface Injected {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A deliberately off-shape answer, for a test of how the client takes it: not recorded as a problem. */
  offShape?: boolean;
}

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  apiVersion: string | undefined;
  body: unknown;
}

export type LdOperation = 'getFeatureFlag' | 'patchFeatureFlag';

export interface LaunchDarklyServer {
  /** `http://127.0.0.1:<port>`, for `flag-api-url` and the SDK's `baseUri`. */
  url: string;
  /** An access token with the Writer role. */
  token: string;
  /** An access token with the Reader role: reads, and is answered 401 on a change. */
  readerToken: string;
  projectKey: string;
  /** The SDK key of each environment, for `GET /sdk/latest-all`. */
  sdkKeys: Record<string, string>;
  flags: Map<string, LdFlag>;
  calls: RecordedCall[];
  problems: string[];
  /** The next answers of an operation, before it is served normally. */
  inject(operation: LdOperation, ...answers: Injected[]): void;
  /** The semantic patches received, in order. */
  patches(): { environmentKey?: string; instructions: Record<string, unknown>[]; query: string }[];
  reset(): void;
  close(): Promise<void>;
}

const SPEC = path.join(REPO_ROOT, 'test', 'fixtures', 'launchdarkly', 'openapi.yaml');
const SEMANTIC_PATCH_SCHEMA = '/components/schemas/flagSempatch';
const MAX_WEIGHT = 100_000;

export const LD_ENVIRONMENTS = ['production', 'staging'] as const;

export async function startLaunchDarklyServer(): Promise<LaunchDarklyServer> {
  const openApi = loadVendorOpenApi(SPEC);
  const token = 'api-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
  const readerToken = 'api-reader-1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809';
  const projectKey = 'shop';
  const sdkKeys: Record<string, string> = { production: 'sdk-prod-5b1c9a7e-0d42-4f8e-a3b6-2c9e71d0f4aa', staging: 'sdk-stg-8e3f6b21-7c59-4a0d-9e1f-3b7a2c6d5e40' };
  const flags = new Map<string, LdFlag>();
  const calls: RecordedCall[] = [];
  const problems: string[] = [];
  const injected = new Map<LdOperation, Injected[]>();
  let port = 0;

  const restFlag = (flag: LdFlag, onlyEnvironment: string | null): Record<string, unknown> => ({
    key: flag.key,
    name: flag.name,
    kind: flag.kind,
    _version: flag._version,
    creationDate: 1767225600000,
    archived: flag.archived,
    temporary: true,
    tags: [],
    customProperties: {},
    experiments: { baselineIdx: 0, items: [] },
    includeInSnippet: false,
    variations: flag.variations,
    defaults: { onVariation: 0, offVariation: 1 },
    _links: { self: { href: `/api/v2/flags/${projectKey}/${flag.key}`, type: 'application/json' }, parent: { href: `/api/v2/flags/${projectKey}`, type: 'application/json' } },
    environments: Object.fromEntries(
      Object.entries(flag.environments)
        .filter(([key]) => onlyEnvironment === null || key === onlyEnvironment)
        .map(([key, config]) => {
          const { approvalsRequired: _approvals, ...shown } = config;
          return [
            key,
            {
              ...shown,
              archived: false,
              sel: '0f3b2c1a9e8d7c6b5a4f3e2d1c0b9a8f',
              trackEvents: false,
              trackEventsFallthrough: false,
              _environmentName: key[0]!.toUpperCase() + key.slice(1),
              _site: { href: `/${projectKey}/${key}/features/${flag.key}`, type: 'text/html' },
            },
          ];
        }),
    ),
  });

  /** The flag in one environment as the server-side SDKs receive it. */
  const sdkFlag = (flag: LdFlag, environment: string): Record<string, unknown> => {
    const config = flag.environments[environment]!;
    const sdkRollout = (rollout: LdRollout | undefined) => (rollout ? { rollout: { kind: 'rollout', ...rollout } } : {});
    return {
      key: flag.key,
      version: config.version,
      on: config.on,
      salt: config.salt,
      variations: flag.variations.map((variation) => variation.value),
      ...(config.offVariation === undefined ? {} : { offVariation: config.offVariation }),
      fallthrough: config.fallthrough.rollout ? sdkRollout(config.fallthrough.rollout) : { variation: config.fallthrough.variation },
      targets: config.targets.filter((target) => (target.contextKind ?? 'user') === 'user').map(({ values, variation }) => ({ values, variation })),
      contextTargets: config.contextTargets,
      rules: config.rules.map((rule) => ({
        id: rule._id,
        ...(rule.rollout ? sdkRollout(rule.rollout) : { variation: rule.variation }),
        clauses: rule.clauses.map(({ _id, ...clause }) => ({ contextKind: 'user', ...clause })),
        trackEvents: rule.trackEvents,
      })),
      prerequisites: config.prerequisites,
      trackEvents: false,
      trackEventsFallthrough: false,
      clientSide: false,
      deleted: false,
    };
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';
    onJsonBody(request, problems, (body) => {
      const contentType = request.headers['content-type'];
      calls.push({ method, path: `${url.pathname}${url.search}`, authorization: request.headers.authorization, contentType, apiVersion: request.headers['ld-api-version'] as string | undefined, body });

      if (url.pathname === '/sdk/latest-all') return serveSdk(request, response, method);

      const isSemanticPatch = method === 'PATCH' && /;\s*domain-model=launchdarkly\.semanticpatch\b/.test(contentType ?? '');
      problems.push(...openApi.checkRequest({ method, pathname: url.pathname, query: url.searchParams, body, ...(isSemanticPatch ? { bodySchema: SEMANTIC_PATCH_SCHEMA } : {}) }));
      if (request.headers['ld-api-version'] !== '20240415') problems.push(`${method} ${url.pathname}: no LD-API-Version header pinning the API version`);
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}, offShape = false): void => {
        if (!offShape) problems.push(...openApi.checkResponse({ method, pathname: url.pathname, status, body: payload }));
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      const error = (status: number, code: string, message: string): void => reply(status, { code, message });

      const match = /^\/api\/v2\/flags\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      const operation: LdOperation | null = match && method === 'GET' ? 'getFeatureFlag' : match && method === 'PATCH' ? 'patchFeatureFlag' : null;
      if (!match || !operation) return error(404, 'not_found', 'Invalid resource identifier');
      const authorization = request.headers.authorization;
      if (authorization !== token && authorization !== readerToken) return error(401, 'unauthorized', 'Invalid access token');
      const next = injected.get(operation)?.shift();
      if (next) return reply(next.status, next.body ?? { code: 'injected', message: `injected ${next.status}` }, next.headers, next.offShape);
      if (decodeURIComponent(match[1]!) !== projectKey) return error(404, 'not_found', 'Unknown project');
      const flag = flags.get(decodeURIComponent(match[2]!));
      if (!flag) return error(404, 'not_found', 'Unknown flag');

      if (operation === 'getFeatureFlag') return reply(200, restFlag(flag, url.searchParams.get('env')));

      // The description: a call the token's role does not permit answers 401 (`patchFeatureFlag` documents no 403).
      if (authorization === readerToken) return error(401, 'unauthorized', 'Your access token does not have permission to update this flag');
      if (!isSemanticPatch) {
        problems.push(`PATCH ${url.pathname}: Content-Type \`${contentType ?? ''}\` is not a semantic patch`);
        return error(400, 'invalid_request', 'Invalid request body');
      }
      const patch = body as { environmentKey?: unknown; instructions?: unknown };
      const environmentKey = typeof patch?.environmentKey === 'string' ? patch.environmentKey : undefined;
      const config = environmentKey === undefined ? undefined : flag.environments[environmentKey];
      if (!config) {
        problems.push(`PATCH ${url.pathname}: the instructions need \`environmentKey\` of an environment of the project, got ${JSON.stringify(patch?.environmentKey)}`);
        return error(400, 'invalid_request', 'environmentKey is required for these instructions');
      }
      if (config.approvalsRequired) return error(405, 'method_not_allowed', `Approval is required to make this request: environment ${environmentKey} requires approvals for flag changes`);
      const applied = applyInstructions(flag, config, Array.isArray(patch.instructions) ? (patch.instructions as Record<string, unknown>[]) : []);
      if (!applied.ok) {
        problems.push(`PATCH ${url.pathname}: ${applied.problem}`);
        return error(400, 'invalid_request', applied.problem);
      }
      flag.environments[environmentKey!] = applied.config;
      if (applied.changed) {
        applied.config.version += 1;
        applied.config.lastModified += 1000;
        flag._version += 1;
      }
      return reply(200, restFlag(flag, null));
    });
  };

  const serveSdk = (request: IncomingMessage, response: ServerResponse, method: string): void => {
    const environment = Object.entries(sdkKeys).find(([, key]) => key === request.headers.authorization)?.[0];
    if (method !== 'GET' || environment === undefined) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{}');
      return;
    }
    const live = [...flags.values()].filter((flag) => !flag.archived && flag.environments[environment]);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ flags: Object.fromEntries(live.map((flag) => [flag.key, sdkFlag(flag, environment)])), segments: {} }));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    readerToken,
    projectKey,
    sdkKeys,
    flags,
    calls,
    problems,
    inject: (operation, ...answers) => void injected.set(operation, [...(injected.get(operation) ?? []), ...answers]),
    patches: () =>
      calls
        .filter((call) => call.method === 'PATCH')
        .map((call) => ({ ...(call.body as { environmentKey?: string; instructions: Record<string, unknown>[] }), query: call.path.split('?')[1] ?? '' })),
    reset() {
      flags.clear();
      calls.length = 0;
      problems.length = 0;
      injected.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Applied = { ok: true; config: LdEnvironmentConfig; changed: boolean } | { ok: false; problem: string };

/** Applies the instructions to a copy of the environment's configuration, in order; one invalid instruction applies none. */
function applyInstructions(flag: LdFlag, original: LdEnvironmentConfig, instructions: Record<string, unknown>[]): Applied {
  const config = structuredClone(original);
  if (instructions.length === 0) return { ok: false, problem: 'no instructions' };
  for (const instruction of instructions) {
    const { kind, ...parameters } = instruction;
    if (kind === 'turnFlagOn' || kind === 'turnFlagOff') {
      if (Object.keys(parameters).length > 0) return { ok: false, problem: `${kind} takes no parameters, got ${Object.keys(parameters).join(', ')}` };
      config.on = kind === 'turnFlagOn';
      continue;
    }
    if (kind !== 'updateFallthroughVariationOrRollout') return { ok: false, problem: `instruction \`${String(kind)}\` is not one this server plays` };
    const { variationId, rolloutWeights, rolloutBucketBy, rolloutContextKind, ...stray } = parameters;
    if (Object.keys(stray).length > 0) return { ok: false, problem: `${kind} does not take ${Object.keys(stray).join(', ')}` };
    if (variationId !== undefined) {
      const index = flag.variations.findIndex((variation) => variation._id === variationId);
      if (index < 0 || rolloutWeights !== undefined) return { ok: false, problem: `${kind}: variationId must name a variation of the flag, without rolloutWeights` };
      config.fallthrough = { variation: index };
      continue;
    }
    if (rolloutWeights === null || typeof rolloutWeights !== 'object') return { ok: false, problem: `${kind} needs variationId or rolloutWeights` };
    const weights = Object.entries(rolloutWeights as Record<string, unknown>);
    let total = 0;
    for (const [id, weight] of weights) {
      if (!flag.variations.some((variation) => variation._id === id)) return { ok: false, problem: `${kind}: rolloutWeights names \`${id}\`, not a variation id of the flag` };
      if (!Number.isInteger(weight) || (weight as number) < 0 || (weight as number) > MAX_WEIGHT) return { ok: false, problem: `${kind}: weight ${JSON.stringify(weight)} is not thousandths of a percent (0–100000)` };
      total += weight as number;
    }
    if (total !== MAX_WEIGHT) return { ok: false, problem: `${kind}: rolloutWeights add up to ${total}, not ${MAX_WEIGHT}` };
    for (const [name, value] of [['rolloutBucketBy', rolloutBucketBy], ['rolloutContextKind', rolloutContextKind]] as const) {
      if (value !== undefined && typeof value !== 'string') return { ok: false, problem: `${kind}: ${name} must be a string` };
    }
    // The rollout lists every variation in the flag's order, whatever order the weights came in: bucketing walks that list.
    config.fallthrough = {
      rollout: {
        variations: flag.variations.map((variation, index) => ({ variation: index, weight: (rolloutWeights as Record<string, number>)[variation._id] ?? 0 })),
        ...(rolloutBucketBy === undefined ? {} : { bucketBy: rolloutBucketBy as string }),
        ...(rolloutContextKind === undefined ? {} : { contextKind: rolloutContextKind as string }),
      },
    };
  }
  return { ok: true, config, changed: JSON.stringify(config) !== JSON.stringify(original) };
}

/** A flag in every environment of the server, off, with the default rule a rollout serving `percentage` percent `true`. */
export function booleanFlag(key: string, options: { percentage?: number; on?: boolean; environments?: readonly string[] } = {}): LdFlag {
  const weight = Math.round((options.percentage ?? 0) * 1000);
  const variations: LdVariation[] = [
    { _id: `${key}-true-7a1e`, value: true, name: 'new' },
    { _id: `${key}-false-3c9d`, value: false, name: 'current' },
  ];
  return {
    key,
    name: key,
    kind: 'boolean',
    variations,
    archived: false,
    _version: 1,
    environments: Object.fromEntries(
      (options.environments ?? LD_ENVIRONMENTS).map((environment) => [
        environment,
        {
          on: options.on ?? false,
          salt: `${key}-${environment}-salt-4f2a9c`,
          version: 1,
          lastModified: 1767225600000,
          offVariation: 1,
          fallthrough: { rollout: { variations: [{ variation: 0, weight }, { variation: 1, weight: MAX_WEIGHT - weight }] } },
          targets: [],
          contextTargets: [],
          rules: [],
          prerequisites: [],
        },
      ]),
    ),
  };
}
