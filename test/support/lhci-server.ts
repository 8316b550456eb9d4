import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { startPostgres } from './postgres.js';

/**
 * A real Lighthouse CI server for the upload tests: `@lhci/server` (the
 * package `lhci server` runs, a devDependency) started in this process with
 * its `createServer` API on a free 127.0.0.1 port, storing into a real
 * PostgreSQL (Debian's, see postgres.ts) through the pure-JS `pg` driver.
 *
 * PostgreSQL rather than SQLite: LHCI's SQLite needs the native `sqlite3`
 * module, whose install downloads a prebuilt binary from GitHub or else
 * compiles SQLite with node-gyp (minutes on 2 cores, and a compiler and
 * Node's headers on the machine); `pg` is plain JavaScript and the suite
 * already runs Debian's PostgreSQL for the real Unleash.
 *
 * The project is created the way `lhci wizard` creates one: `POST
 * /v1/projects` with a name, an external URL and a base branch. Its answer
 * is the only time the server shows the admin token unhashed.
 *
 * ```ts
 * const lhci = await startLhciServer({ basicAuth: { username: 'ci', password: 's3cret-pass' } });
 * // … upload to lhci.url with lhci.buildToken …
 * const builds = await lhci.api('GET', `/v1/projects/${lhci.project.id}/builds`);
 * await lhci.stop();
 * ```
 */
export interface RunningLhciServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string;
  project: { id: string; slug: string; name: string; baseBranch: string };
  /** What `lhci upload --token` takes: lets a client create builds and runs in this project. */
  buildToken: string;
  /** What `lhci wizard --type=reset-admin-token` and deletions take. */
  adminToken: string;
  /** From the start of Postgres to the project being created. */
  startupMs: number;
  /** One call to the server's API (with the basic-auth credentials when the server has them); the status and the JSON body (`undefined` when empty or not JSON). */
  api(method: string, apiPath: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown; text: string }>;
  /** Stops the server and its PostgreSQL. */
  stop(): Promise<void>;
}

export interface LhciServerOptions {
  /** Protect everything but `/healthz` with HTTP Basic auth, as `lhci server --basicAuth.password` does. */
  basicAuth?: { username: string; password: string };
  /** The project's base branch (default `main`): a build on it gets its parent as ancestor. */
  baseBranch?: string;
  projectName?: string;
}

interface LhciServerModule {
  createServer(options: Record<string, unknown>): Promise<{ port: number; close(): Promise<void> }>;
}

const require = createRequire(import.meta.url);

export async function startLhciServer(options: LhciServerOptions = {}): Promise<RunningLhciServer> {
  const started = performance.now();
  const postgres = await startPostgres('lhci');
  let server: { port: number; close(): Promise<void> } | undefined;
  try {
    const { createServer } = require('@lhci/server') as LhciServerModule;
    server = await createServer({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      storage: {
        storageMethod: 'sql',
        sqlDialect: 'postgres',
        sqlConnectionUrl: `postgres://${postgres.user}@127.0.0.1:${postgres.port}/postgres`,
      },
      ...(options.basicAuth ? { basicAuth: options.basicAuth } : {}),
    });
    const url = `http://127.0.0.1:${server.port}`;
    const authorization: Record<string, string> = options.basicAuth ? { authorization: `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}` } : {};
    const api: RunningLhciServer['api'] = (method, apiPath, body, headers = {}) => call(url, method, apiPath, body, { ...authorization, ...headers });
    const baseBranch = options.baseBranch ?? 'main';
    const created = await api('POST', '/v1/projects', { name: options.projectName ?? 'rollout-guard upload test', externalUrl: 'https://github.com/example/shop', baseBranch });
    const project = created.json as { id?: string; slug?: string; name?: string; token?: string; adminToken?: string } | undefined;
    if (created.status !== 200 || !project?.id || !project.slug || !project.token || !project.adminToken) throw new Error(`LHCI server on ${url} did not create the project: ${created.status} ${created.text.slice(0, 300)}`);
    const running = server;
    return {
      url,
      project: { id: project.id, slug: project.slug, name: project.name ?? '', baseBranch },
      buildToken: project.token,
      adminToken: project.adminToken,
      startupMs: Math.round(performance.now() - started),
      api,
      stop: async () => {
        await running.close();
        await postgres.stop();
      },
    };
  } catch (error) {
    await server?.close().catch(() => undefined);
    await postgres.stop();
    throw error;
  }
}

async function call(url: string, method: string, apiPath: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${url}${apiPath}`, {
    method,
    headers: { accept: 'application/json', ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}
