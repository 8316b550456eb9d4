import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { onJsonBody } from './json-body.js';
import { loadVendorOpenApi } from './vendor-openapi.js';

/**
 * Plays Netlify's REST API on 127.0.0.1 for tests: one site, its deploys and
 * which one is published, kept in memory. Answers the three operations
 * rollout-guard uses (`getSite`, `listSiteDeploys`, `restoreSiteDeploy`) in
 * the shapes of Netlify's published description
 * (`test/fixtures/netlify/swagger.yml`), and checks every request it
 * receives and every answer it sends against it: `problems` must stay empty.
 * Failures can be queued per operation (a 429 with Retry-After, a 5xx, a
 * 401), and a restore can be made to change nothing (`ignoreRestores`), to
 * test the read-back.
 */
export interface NetlifyDeploy {
  id: string;
  commit_ref: string;
  state: string;
  context: string;
  published_at: string | null;
  created_at: string;
}

export interface Injected {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | undefined;
}

export interface NetlifyServer {
  /** `http://127.0.0.1:<port>/api/v1`, for `netlify-api-url`. */
  apiUrl: string;
  token: string;
  siteId: string;
  state: { deploys: NetlifyDeploy[]; publishedId: string | null; ignoreRestores: boolean };
  calls: RecordedCall[];
  problems: string[];
  /** The next answers of an operation (`getSite`, `listSiteDeploys`, `restoreSiteDeploy`), before it is served normally. */
  inject(operation: string, ...answers: Injected[]): void;
  /** Deploys of these commits, oldest first, each published in turn; the last is live. */
  seed(commits: readonly string[]): void;
  restores(): string[];
  reset(): void;
  close(): Promise<void>;
}

const SPEC = path.join(REPO_ROOT, 'test', 'fixtures', 'netlify', 'swagger.yml');

export async function startNetlifyServer(options: { token?: string; siteId?: string } = {}): Promise<NetlifyServer> {
  const openApi = loadVendorOpenApi(SPEC, { basePath: '/api/v1' });
  const token = options.token ?? 'nfp_testtoken0123456789abcdef';
  const siteId = options.siteId ?? '3970e0fe-8564-4903-9a55-c5f8de49fb8b';
  const state: NetlifyServer['state'] = { deploys: [], publishedId: null, ignoreRestores: false };
  const calls: RecordedCall[] = [];
  const problems: string[] = [];
  const injected = new Map<string, Injected[]>();
  let port = 0;

  const deployBody = (deploy: NetlifyDeploy): Record<string, unknown> => ({
    id: deploy.id,
    site_id: siteId,
    state: deploy.state,
    name: 'shop',
    context: deploy.context,
    branch: 'main',
    commit_ref: deploy.commit_ref,
    url: 'https://shop.example.com',
    ssl_url: 'https://shop.example.com',
    deploy_url: `http://${deploy.id}--shop.netlify.app`,
    deploy_ssl_url: `https://${deploy.id}--shop.netlify.app`,
    admin_url: 'https://app.netlify.com/projects/shop',
    created_at: deploy.created_at,
    updated_at: deploy.published_at ?? deploy.created_at,
    ...(deploy.published_at ? { published_at: deploy.published_at } : {}),
    locked: false,
    skipped: false,
  });
  const siteBody = (): Record<string, unknown> => {
    const published = state.deploys.find((deploy) => deploy.id === state.publishedId);
    return {
      id: siteId,
      name: 'shop',
      state: 'current',
      url: 'https://shop.example.com',
      ssl_url: 'https://shop.example.com',
      admin_url: 'https://app.netlify.com/projects/shop',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: published?.published_at ?? '2026-01-01T00:00:00.000Z',
      ...(published ? { published_deploy: deployBody(published) } : {}),
    };
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const method = request.method ?? 'GET';
    calls.push({ method, path: `${url.pathname}${url.search}`, authorization: request.headers.authorization });
    onJsonBody(request, problems, (body) => {
      problems.push(...openApi.checkRequest({ method, pathname: url.pathname, query: url.searchParams, body }));
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
        problems.push(...openApi.checkResponse({ method, pathname: url.pathname, status, body: payload }));
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(payload));
      };
      const operation = operationOf(method, url.pathname, siteId);
      if (operation === null) return reply(404, { code: 404, message: 'Not Found' });
      if (request.headers.authorization !== `Bearer ${token}`) return reply(401, { code: 401, message: 'Access Denied: Invalid Token' });
      const queue = injected.get(operation.name);
      const next = queue?.shift();
      if (next) return reply(next.status, next.body ?? { code: next.status, message: `injected ${next.status}` }, next.headers);
      if (operation.name === 'getSite') return reply(200, siteBody());
      if (operation.name === 'listSiteDeploys') {
        const perPage = Number(url.searchParams.get('per_page') ?? 100);
        const page = Number(url.searchParams.get('page') ?? 1);
        const wanted = state.deploys
          .filter((deploy) => url.searchParams.get('production') !== 'true' || deploy.context === 'production')
          .filter((deploy) => !url.searchParams.has('state') || deploy.state === url.searchParams.get('state'))
          .sort((a, b) => b.created_at.localeCompare(a.created_at));
        return reply(200, wanted.slice((page - 1) * perPage, page * perPage).map(deployBody));
      }
      const deploy = state.deploys.find((candidate) => candidate.id === operation.deployId);
      if (!deploy) return reply(404, { code: 404, message: 'Not Found' });
      if (!state.ignoreRestores) {
        state.publishedId = deploy.id;
        deploy.published_at = new Date().toISOString();
      }
      return reply(201, deployBody(deploy));
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    token,
    siteId,
    state,
    calls,
    problems,
    inject: (operation, ...answers) => void injected.set(operation, [...(injected.get(operation) ?? []), ...answers]),
    seed(commits) {
      state.deploys = commits.map((commit, index) => {
        const at = new Date(Date.UTC(2026, 10, 1 + index, 9)).toISOString();
        return { id: `6a1f0c${String(index).padStart(2, '0')}e2b7d9001a8c4f5e`, commit_ref: commit, state: 'ready', context: 'production', published_at: at, created_at: at };
      });
      state.publishedId = state.deploys.at(-1)?.id ?? null;
    },
    restores: () => calls.filter((call) => call.method === 'POST').map((call) => /deploys\/([^/]+)\/restore/.exec(call.path)?.[1] ?? call.path),
    reset() {
      state.deploys = [];
      state.publishedId = null;
      state.ignoreRestores = false;
      calls.length = 0;
      problems.length = 0;
      injected.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function operationOf(method: string, pathname: string, siteId: string): { name: string; deployId?: string } | null {
  const site = `/api/v1/sites/${siteId}`;
  if (method === 'GET' && pathname === site) return { name: 'getSite' };
  if (method === 'GET' && pathname === `${site}/deploys`) return { name: 'listSiteDeploys' };
  const restore = new RegExp(`^${site}/deploys/([^/]+)/restore$`).exec(pathname);
  if (method === 'POST' && restore) return { name: 'restoreSiteDeploy', deployId: decodeURIComponent(restore[1]!) };
  return null;
}
