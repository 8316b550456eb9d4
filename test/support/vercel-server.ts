import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays Vercel's REST API on 127.0.0.1 for tests, keeping its state in
 * memory: projects with a rolling release (stages, active stage, canary and
 * current production deployment), approve-stage, complete, and the instant
 * rollback. Every request and every answer is held to Vercel's published
 * OpenAPI description (`test/fixtures/vercel/`); what does not match is
 * recorded in `problems`, which tests assert stays empty. Failures can be
 * queued: a 429 with `Retry-After` or `X-RateLimit-Reset`, a 5xx, a 401/403.
 */
export const VERCEL_OPENAPI_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/vercel/openapi-subset.json');

export interface VercelDeployment {
  id: string;
  url: string;
  name: string;
  createdAt: number;
  readyState: 'READY' | 'ERROR' | 'BUILDING' | 'CANCELED' | 'QUEUED' | 'INITIALIZING' | 'BLOCKED';
  target: 'production' | null;
  /** The commit Vercel's Git integration built it from, listed as `meta.githubCommitSha`. */
  gitSha?: string;
}

export interface VercelRelease {
  state: 'ACTIVE' | 'COMPLETE' | 'ABORTED';
  advancementType: 'manual-approval' | 'automatic';
  /** Index into the project's stages; null once aborted. */
  activeIndex: number | null;
  canaryId: string;
  /** The deployment production served when the release started. */
  currentId: string;
}

export interface VercelProject {
  id: string;
  name: string;
  teamId: string | null;
  stages: number[];
  deployments: VercelDeployment[];
  /** The deployment production serves outside a rolling release's split. */
  productionId: string;
  release: VercelRelease | null;
  /** The last promote or rollback alias job, as the project document shows it. */
  lastAliasRequest?: { fromDeploymentId: string | null; toDeploymentId: string; jobStatus: 'succeeded' | 'failed' | 'in-progress'; requestedAt: number; type: 'rollback' | 'promote' } | null;
  /** How the next rollback's alias job ends; default `succeeded` (`failed` leaves production where it was). */
  rollbackJobStatus?: 'succeeded' | 'failed';
}

export interface QueuedFailure {
  status: number;
  headers?: Record<string, string>;
  /** A body off Vercel's description, for answers the client must refuse; default Vercel's error envelope. */
  body?: unknown;
  /** Only requests whose path ends with this; default any. */
  pathEndsWith?: string;
}

export interface RecordedVercelRequest {
  method: string;
  path: string;
  query: string;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface VercelServer {
  apiUrl: string;
  token: string;
  projects: Map<string, VercelProject>;
  requests: RecordedVercelRequest[];
  /** Requests or answers off Vercel's description; must stay empty. */
  problems: string[];
  /** The next matching requests answer with these, in order, before the API handles any. */
  fail(...failures: QueuedFailure[]): void;
  addProject(project: VercelProject): void;
  close(): Promise<void>;
}

const openApi = loadVendorOpenApi(VERCEL_OPENAPI_FILE);

export function deployment(id: string, createdAt: number, overrides: Partial<VercelDeployment> = {}): VercelDeployment {
  return { id, url: `shop-${id.replace(/^dpl_/, '').toLowerCase()}.vercel.app`, name: 'shop', createdAt, readyState: 'READY', target: 'production', ...overrides };
}

/** A project mid-release: stable `dpl_stable` in production, canary `dpl_canary` at the first stage. */
export function projectInRelease(overrides: Partial<VercelProject> = {}): VercelProject {
  return {
    id: 'prj_shop',
    name: 'shop',
    teamId: 'team_acme',
    stages: [5, 25, 50, 100],
    deployments: [deployment('dpl_old', 1_000), deployment('dpl_stable', 2_000), deployment('dpl_canary', 3_000)],
    productionId: 'dpl_stable',
    release: { state: 'ACTIVE', advancementType: 'manual-approval', activeIndex: 0, canaryId: 'dpl_canary', currentId: 'dpl_stable' },
    ...overrides,
  };
}

export async function startVercelServer(token = 'vercel-test-token-6f1c2a9e'): Promise<VercelServer> {
  const projects = new Map<string, VercelProject>();
  const requests: RecordedVercelRequest[] = [];
  const problems: string[] = [];
  const failures: QueuedFailure[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${method} ${url.pathname}: the body is not JSON`);
      }
    }
    problems.push(...openApi.checkRequest({ method, pathname: url.pathname, query: url.searchParams, body }));
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}, documented = true): void => {
      requests.push({ method, path: url.pathname, query: url.search, authorization: request.headers.authorization, body, status });
      if (documented) problems.push(...openApi.checkResponse({ method, pathname: url.pathname, status, body: payload }));
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const failure = failures.findIndex((queued) => queued.pathEndsWith === undefined || url.pathname.endsWith(queued.pathEndsWith));
    if (failure >= 0) {
      const [queued] = failures.splice(failure, 1);
      // 429 and 5xx are answers Vercel gives to any call but its description lists for few; they are not held to it.
      // A queued body is off the description on purpose.
      const documented = queued!.body === undefined && (queued!.status === 401 || queued!.status === 403);
      const payload = queued!.body ?? { error: { code: queued!.status === 429 ? 'rate_limited' : 'forbidden', message: `injected ${queued!.status}` } };
      return answer(queued!.status, payload, queued!.headers, documented);
    }
    if (request.headers.authorization !== `Bearer ${token}`) return answer(403, { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } });
    const route = routeOf(method, url.pathname, url.searchParams);
    if (!route) return answer(404, { error: { code: 'not_found', message: 'The requested path was not found' } }, {}, false);
    const project = findProject(projects, decodeURIComponent(route.project), url.searchParams.get('teamId'));
    // Vercel answers 404 for an unknown project; every operation here documents it (with no body schema).
    if (!project) return answer(404, { error: { code: 'not_found', message: 'Project not found' } });
    const result = route.handle(project, body as Record<string, unknown> | undefined, route.rest);
    return answer(result.status, result.body);
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    token,
    projects,
    requests,
    problems,
    fail: (...queued) => void failures.push(...queued),
    addProject: (project) => void projects.set(project.id, project),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Handler = (project: VercelProject, body: Record<string, unknown> | undefined, rest: string) => { status: number; body: unknown };

function routeOf(method: string, pathname: string, query: URLSearchParams): { project: string; rest: string; handle: Handler } | null {
  if (method === 'GET' && pathname === '/v7/deployments') return { project: query.get('projectId') ?? '', rest: query.get('limit') ?? '20', handle: listDeployments };
  const project = /^\/v9\/projects\/([^/]+)$/.exec(pathname);
  if (method === 'GET' && project) return { project: project[1]!, rest: '', handle: (found) => ({ status: 200, body: projectDocument(found) }) };
  const release = /^\/v1\/projects\/([^/]+)\/rolling-release(\/approve-stage|\/complete)?$/.exec(pathname);
  if (release) {
    const action = release[2] ?? '';
    if (method === 'GET' && action === '') return { project: release[1]!, rest: '', handle: (project) => ({ status: 200, body: releaseDocument(project) }) };
    if (method === 'POST' && action === '/approve-stage') return { project: release[1]!, rest: '', handle: approveStage };
    if (method === 'POST' && action === '/complete') return { project: release[1]!, rest: '', handle: complete };
    return null;
  }
  const rollback = /^\/v1\/projects\/([^/]+)\/rollback\/([^/]+)$/.exec(pathname);
  // The description names this parameter `projectId` (other paths take `idOrName`): a name is not accepted here.
  if (rollback && method === 'POST' && rollback[1]!.startsWith('prj_')) return { project: rollback[1]!, rest: decodeURIComponent(rollback[2]!), handle: rollBack };
  return null;
}

/** Production deployments of the project, newest first, in the list's shape. */
function listDeployments(project: VercelProject, _body: unknown, limit: string): { status: number; body: unknown } {
  const deployments = [...project.deployments]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, Number(limit))
    .map((found) => ({
      uid: found.id,
      name: found.name,
      url: found.url,
      created: found.createdAt,
      createdAt: found.createdAt,
      creator: { uid: 'usr_release_bot', username: 'release-bot' },
      inspectorUrl: null,
      projectId: project.id,
      readyState: found.readyState,
      target: found.target,
      type: 'LAMBDAS',
      isRollbackCandidate: found.readyState === 'READY' && found.target === 'production',
      ...(found.gitSha ? { meta: { githubCommitSha: found.gitSha, githubCommitRef: 'main', githubOrg: 'acme', githubRepo: 'shop' } } : {}),
    }));
  return { status: 200, body: { deployments, pagination: { count: deployments.length, next: null, prev: null } } };
}

/** The project document: the fields Vercel always sends, production's deployment, and the last alias job (a promote or rollback). */
export function projectDocument(project: VercelProject): unknown {
  const production = project.deployments.find((candidate) => candidate.id === project.productionId)!;
  return {
    accountId: project.teamId ?? 'usr_release_bot',
    id: project.id,
    name: project.name,
    alias: [],
    defaultResourceConfig: { functionDefaultRegions: ['iad1'] },
    resourceConfig: { functionDefaultRegions: ['iad1'] },
    deploymentExpiration: { expirationDays: 180 },
    directoryListing: false,
    nodeVersion: '22.x',
    lastAliasRequest: project.lastAliasRequest ?? null,
    targets: {
      production: {
        id: production.id,
        name: production.name,
        url: production.url,
        createdAt: production.createdAt,
        createdIn: 'iad1',
        creator: { uid: 'usr_release_bot', username: 'release-bot', email: 'bot@example.com' },
        deploymentHostname: production.url,
        plan: 'pro',
        private: false,
        readyState: production.readyState,
        type: 'LAMBDAS',
        target: 'production',
      },
    },
  };
}

function findProject(projects: Map<string, VercelProject>, idOrName: string, teamId: string | null): VercelProject | undefined {
  const project = [...projects.values()].find((candidate) => candidate.id === idOrName || candidate.name === idOrName);
  // A team's project is invisible without its teamId, as on Vercel.
  return project && (project.teamId ?? null) === teamId ? project : undefined;
}

function approveStage(project: VercelProject, body: Record<string, unknown> | undefined): { status: number; body: unknown } {
  const release = project.release;
  if (!release || release.state !== 'ACTIVE' || release.activeIndex === null) return badRequest('There is no active rolling release');
  if (body?.canaryDeploymentId !== release.canaryId) return badRequest('The canary deployment does not match the active rolling release');
  if (body.nextStageIndex !== release.activeIndex + 1) return badRequest(`nextStageIndex must be ${release.activeIndex + 1}`);
  release.activeIndex += 1;
  if (release.activeIndex === project.stages.length - 1) {
    release.state = 'COMPLETE';
    project.productionId = release.canaryId;
  }
  return { status: 200, body: releaseDocument(project) };
}

function complete(project: VercelProject, body: Record<string, unknown> | undefined): { status: number; body: unknown } {
  const release = project.release;
  if (!release || release.state !== 'ACTIVE') return badRequest('There is no active rolling release');
  if (body?.canaryDeploymentId !== release.canaryId) return badRequest('The canary deployment does not match the active rolling release');
  release.state = 'COMPLETE';
  release.activeIndex = project.stages.length - 1;
  project.productionId = release.canaryId;
  return { status: 200, body: releaseDocument(project) };
}

/** Instant rollback: production goes to the deployment, and an active rolling release ends. */
function rollBack(project: VercelProject, _body: unknown, deploymentId: string): { status: number; body: unknown } {
  const target = project.deployments.find((candidate) => candidate.id === deploymentId);
  if (!target || target.readyState !== 'READY' || target.target !== 'production') return { status: 422, body: { error: { code: 'invalid_deployment', message: 'The deployment cannot be rolled back to' } } };
  project.lastAliasRequest = { fromDeploymentId: project.productionId, toDeploymentId: deploymentId, jobStatus: project.rollbackJobStatus ?? 'succeeded', requestedAt: 1_716_210_700_000, type: 'rollback' };
  if (project.rollbackJobStatus !== 'failed') project.productionId = deploymentId;
  if (project.release?.state === 'ACTIVE') {
    project.release.state = 'ABORTED';
    project.release.activeIndex = null;
  }
  return { status: 201, body: undefined };
}

function badRequest(message: string): { status: number; body: unknown } {
  return { status: 400, body: { error: { code: 'bad_request', message } } };
}

/** The rolling release document, in the shape Vercel's description gives it. */
export function releaseDocument(project: VercelProject): unknown {
  const release = project.release;
  if (!release) return { rollingRelease: null };
  const stages = project.stages.map((targetPercentage, index) => ({ index, isFinalStage: index === project.stages.length - 1, targetPercentage, requireApproval: release.advancementType === 'manual-approval' && index < project.stages.length - 1, duration: null }));
  const active = release.activeIndex === null ? null : (stages[release.activeIndex] ?? null);
  const next = release.state === 'ACTIVE' && release.activeIndex !== null ? (stages[release.activeIndex + 1] ?? null) : null;
  const summary = (id: string) => {
    const found = project.deployments.find((candidate) => candidate.id === id);
    return found ? { id: found.id, name: found.name, url: found.url, target: found.target, source: 'git', createdAt: found.createdAt, readyState: found.readyState, readyStateAt: found.createdAt + 60_000 } : null;
  };
  return {
    rollingRelease: {
      state: release.state,
      substate: null,
      advancementType: release.advancementType,
      activeStage: active,
      nextStage: next,
      stages,
      canaryDeployment: summary(release.canaryId),
      currentDeployment: summary(release.currentId),
      queuedDeploymentId: null,
      startedAt: 1_716_210_500_000,
      updatedAt: 1_716_210_600_000,
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
