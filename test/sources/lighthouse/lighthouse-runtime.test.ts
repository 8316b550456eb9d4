import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InstallPlan, installLighthouse, loadLighthouse, runtimeLock, useExistingInstall } from '../../../src/sources/lighthouse/lighthouse-runtime.js';
import { findNpm, npmInstallArgs } from '../../../src/sources/lighthouse/npm-run.js';
import { makeStaging, publish, readRuntimeLock, storePlace } from '../../../src/sources/lighthouse/runtime-store.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const LOCK_FILE = path.join(REPO_ROOT, 'src/sources/lighthouse/runtime/lighthouse-runtime.package-lock.json');
const LOCK_TEXT = readFileSync(LOCK_FILE, 'utf8');
const LOCK_HASH = createHash('sha256').update(LOCK_TEXT).digest('hex').slice(0, 12);
const VERSION_DIR = `12.8.2-lock-${LOCK_HASH}`;
const LOCKED = Object.entries((JSON.parse(LOCK_TEXT) as { packages: Record<string, { version: string; optional?: boolean }> }).packages).filter(([key]) => key !== '');

/**
 * A stand-in for npm-cli.js, for what a real npm cannot be made to do
 * quickly and without the registry: "install" by writing the package.json
 * of every package in the prefix's lockfile, or leave one out, or exit 0
 * after a full disk's warnings. It records its arguments and the names of
 * the variables it was given. The real npm runs in the tests further down.
 */
const FAKE_NPM = `
const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_NPM_LOG, JSON.stringify({ args, env: Object.keys(process.env) }) + '\\n');
const prefix = args[args.indexOf('--prefix') + 1];
const lock = JSON.parse(fs.readFileSync(path.join(prefix, 'package-lock.json'), 'utf8'));
for (const [key, entry] of Object.entries(lock.packages)) {
  if (key === '' || key.endsWith('/' + process.env.FAKE_NPM_SKIP)) continue;
  fs.mkdirSync(path.join(prefix, key), { recursive: true });
  fs.writeFileSync(path.join(prefix, key, 'package.json'), JSON.stringify({ name: key, version: entry.version }));
}
if (process.env.FAKE_NPM_FULL_DISK) process.stderr.write('npm warn tar TAR_ENTRY_ERROR ENOSPC: no space left on device, write\\n'.repeat(3));
`;

let dir: string;
let log: string;
let npm: { file: string; args: string[] };
const calls = async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { args: string[]; env: string[] });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lh-runtime-'));
  log = path.join(dir, 'npm.log');
  await writeFile(path.join(dir, 'npm-cli.cjs'), FAKE_NPM);
  npm = { file: process.execPath, args: [path.join(dir, 'npm-cli.cjs')] };
});

function plan(overrides: Partial<InstallPlan> & { notes?: string[] } = {}): InstallPlan {
  const notes = overrides.notes ?? [];
  return {
    toolCaches: [path.join(dir, 'tool-cache')],
    npm,
    env: { PATH: process.env.PATH, FAKE_NPM_LOG: log, RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64' },
    timeoutMs: 60_000,
    installedBy: '1001/1/lighthouse',
    hosted: false,
    note: (line) => notes.push(line),
    arch: 'x64',
    ...overrides,
  };
}

describe('the runtime lockfile', () => {
  it('says for every package where it comes from and what its bytes hash to', async () => {
    expect(LOCKED.length).toBeGreaterThan(150);
    for (const [key, entry] of LOCKED as Array<[string, { resolved?: string; integrity?: string }]>) {
      expect(entry.resolved, key).toMatch(/^https:\/\/registry\.npmjs\.org\/\S+\.tgz$/);
      expect(entry.integrity, key).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    }
    const lock = await runtimeLock();
    expect(lock).toMatchObject({ ok: true, value: { hash: LOCK_HASH } });
    if (lock.ok) expect(lock.value.required.get('node_modules/lighthouse')).toBe('12.8.2');
  });

  it('is refused when a package lacks resolved or integrity, naming it', () => {
    const lock = JSON.parse(LOCK_TEXT) as { packages: Record<string, Record<string, unknown>> };
    delete lock.packages['node_modules/chrome-launcher']!.integrity;
    delete lock.packages['node_modules/chrome-launcher']!.resolved;
    expect(readRuntimeLock(JSON.stringify(lock), 'lock.json')).toEqual({ ok: false, error: 'lock.json: packages["node_modules/chrome-launcher"] lacks resolved and integrity' });
  });
});

describe('installLighthouse into the tool cache', () => {
  it('installs with npm beside its place, moves it in, writes the marker last, and reuses it', async () => {
    const folder = path.join(dir, 'tool-cache', 'rollout-guard-lighthouse', VERSION_DIR, 'x64');
    const installed = await installLighthouse(plan({ env: { PATH: process.env.PATH, FAKE_NPM_LOG: log, RUNNER_OS: 'Linux', RUNNER_ARCH: 'X64', 'INPUT_GITHUB-TOKEN': 'ghs_x', ACTIONS_RUNTIME_TOKEN: 'y', NODE_AUTH_TOKEN: 'z' } }));
    expect(installed).toEqual({ ok: true, value: { modules: path.join(folder, 'node_modules'), version: '12.8.2', source: 'npm', cacheKey: `rollout-guard-lighthouse-Linux-X64-${VERSION_DIR}` } });
    const [call] = await calls();
    const staging = call!.args[call!.args.indexOf('--prefix') + 1]!;
    expect(staging.startsWith(`${folder}.partial-`)).toBe(true);
    expect(call!.args).toEqual(npmInstallArgs(staging));
    expect(call!.args).toEqual(expect.arrayContaining(['--prefer-offline', '--ignore-scripts']));
    // npm gets neither the step's inputs nor the runner's credentials; what a user set for a private registry stays.
    expect(call!.env).not.toContain('INPUT_GITHUB-TOKEN');
    expect(call!.env).not.toContain('ACTIONS_RUNTIME_TOKEN');
    expect(call!.env).toContain('NODE_AUTH_TOKEN');
    expect(existsSync(staging)).toBe(false);
    expect(JSON.parse(await readFile(`${folder}.complete`, 'utf8'))).toMatchObject({ lighthouse: '12.8.2', lockHash: LOCK_HASH, installedBy: '1001/1/lighthouse' });
    expect(readFileSync(path.join(folder, 'package-lock.json'), 'utf8')).toBe(LOCK_TEXT);

    // Where it came from: this job's earlier step, a self-hosted runner's earlier job, a hosted runner's cache restore.
    expect(await installLighthouse(plan())).toMatchObject({ ok: true, value: { source: 'earlier-step', modules: path.join(folder, 'node_modules') } });
    expect(await installLighthouse(plan({ installedBy: '1002/1/lighthouse' }))).toMatchObject({ ok: true, value: { source: 'tool-cache' } });
    expect(await installLighthouse(plan({ installedBy: '1002/1/lighthouse', hosted: true }))).toMatchObject({ ok: true, value: { source: 'cache-restore' } });
    expect(await calls()).toHaveLength(1);
  });

  it('installs again over an install that is not complete, saying why', async () => {
    const folder = path.join(dir, 'tool-cache', 'rollout-guard-lighthouse', VERSION_DIR, 'x64');
    const damage: Array<[string, () => Promise<void>, RegExp]> = [
      ['no marker', () => rm(`${folder}.complete`), /x64 has no x64\.complete marker \(an install that did not finish\)/],
      ['a package at another version', () => writeFile(path.join(folder, 'node_modules/chrome-launcher/package.json'), '{"version":"1.0.0"}'), /chrome-launcher\/package\.json has version 1\.0\.0, not 1\.2\.1/],
      ['a package missing', () => rm(path.join(folder, 'node_modules/lighthouse'), { recursive: true }), /lighthouse\/package\.json is missing or unreadable/],
      ['a marker of another lockfile', () => writeFile(`${folder}.complete`, '{"lockHash":"000000000000"}'), /x64\.complete does not name lockfile/],
    ];
    expect(await installLighthouse(plan())).toMatchObject({ ok: true, value: { source: 'npm' } });
    for (const [what, harm, said] of damage) {
      await harm();
      const notes: string[] = [];
      expect(await installLighthouse(plan({ notes })), what).toMatchObject({ ok: true, value: { source: 'npm' } });
      expect(notes, what).toEqual([expect.stringMatching(said)]);
    }
    expect(await calls()).toHaveLength(1 + damage.length);
  });

  it('refuses what npm left incomplete, and keeps nothing of it', async () => {
    const toolDir = path.join(dir, 'tool-cache', 'rollout-guard-lighthouse', VERSION_DIR);
    const skipped = await installLighthouse(plan({ env: { ...plan().env, FAKE_NPM_SKIP: 'lighthouse-logger' } }));
    expect(skipped.ok ? '' : skipped.error).toMatch(
      new RegExp(`^could not install Lighthouse 12\\.8\\.2 with npm into ${toolDir}/x64: npm finished but \\S+/node_modules/lighthouse-logger/package\\.json is missing or unreadable; or set input \`lighthouse-path\``),
    );
    // npm exits 0 on a full disk: its warnings are the failure.
    const full = await installLighthouse(plan({ env: { ...plan().env, FAKE_NPM_FULL_DISK: '1' } }));
    expect(full.ok ? '' : full.error).toMatch(/: the disk is full \(npm: ENOSPC: no space left on device, write\); free space on the runner .*; or set input `lighthouse-path`/);
    expect(await readdir(toolDir)).toEqual([]);
  });

  it('keeps the install of a job sharing the cache that finished first, and drops its own', async () => {
    expect(await installLighthouse(plan({ installedBy: 'first' }))).toMatchObject({ ok: true });
    const lock = await runtimeLock();
    if (!lock.ok) throw new Error(lock.error);
    const place = storePlace(path.join(dir, 'tool-cache'), '12.8.2', lock.value, 'x64');
    const staging = await makeStaging(place);
    await writeFile(path.join(staging, 'package.json'), '{}');
    expect(await publish(staging, place, lock.value, { lighthouse: '12.8.2', lockHash: LOCK_HASH, installedBy: 'second', installedAt: '' })).toEqual({ ok: true, value: place.folder });
    expect(existsSync(staging)).toBe(false);
    expect(JSON.parse(await readFile(place.marker, 'utf8'))).toMatchObject({ installedBy: 'first' });
  });

  it('falls back to the next tool cache when one cannot be written, and fails without npm', async () => {
    const notFolder = path.join(dir, 'a-file');
    await writeFile(notFolder, '');
    const notes: string[] = [];
    const installed = await installLighthouse(plan({ toolCaches: [notFolder, path.join(dir, 'temp')], notes }));
    expect(installed).toMatchObject({ ok: true, value: { modules: path.join(dir, 'temp', 'rollout-guard-lighthouse', VERSION_DIR, 'x64', 'node_modules') } });
    expect(notes).toEqual([expect.stringMatching(/^cannot write the tool cache \(\S+a-file\/rollout-guard-lighthouse\/\S+: ENOTDIR: .*\); installing into \S+\/temp$/)]);
    expect(await installLighthouse(plan({ toolCaches: [path.join(dir, 'other')], npm: null }))).toEqual({
      ok: false,
      error: 'cannot install Lighthouse 12.8.2: no npm found beside node or on PATH; or set input `lighthouse-path` to a folder where lighthouse and chrome-launcher are installed',
    });
  });

  it('on a GitHub-hosted runner leaves one version to cache; a self-hosted one keeps the others; killed installs are cleared', async () => {
    const toolDir = path.join(dir, 'tool-cache', 'rollout-guard-lighthouse');
    const old = path.join(toolDir, '12.8.1-lock-000000000000', 'x64');
    const abandoned = path.join(toolDir, VERSION_DIR, 'x64.partial-old');
    const recent = path.join(toolDir, VERSION_DIR, 'x64.partial-now');
    for (const folder of [old, abandoned, recent]) await mkdir(folder, { recursive: true });
    const day = new Date(Date.now() - 24 * 3600_000);
    await utimes(abandoned, day, day);
    await installLighthouse(plan());
    expect((await readdir(toolDir)).sort()).toEqual(['12.8.1-lock-000000000000', VERSION_DIR]);
    expect((await readdir(path.join(toolDir, VERSION_DIR))).sort()).toEqual(['x64', 'x64.complete', 'x64.partial-now']);

    await rm(path.join(toolDir, VERSION_DIR, 'x64.complete'));
    const notes: string[] = [];
    await installLighthouse(plan({ hosted: true, notes }));
    expect(await readdir(toolDir)).toEqual([VERSION_DIR]);
    expect(notes.at(-1)).toBe('removed other versions of rollout-guard-lighthouse from the tool cache, so a cache saved from it holds this one alone: 12.8.1-lock-000000000000');
  });
});

/**
 * Real npm, failing fast against a registry on 127.0.0.1 with an empty npm
 * cache and no retries: what the user reads is the cause and what to do,
 * and nothing is left in the tool cache.
 */
describe('installLighthouse with the real npm', () => {
  const realNpm = findNpm(process.execPath, process.env);
  const servers: Array<http.Server | net.Server> = [];
  let standIn: Buffer;

  beforeAll(async () => {
    // A real package tarball, served in place of every package: its bytes are no package's of the lockfile.
    const pack = await mkdtemp(path.join(os.tmpdir(), 'rg-lh-pack-'));
    await writeFile(path.join(pack, 'package.json'), '{ "name": "stand-in", "version": "1.0.0" }\n');
    const name = execFileSync(realNpm!.file, [...realNpm!.args, 'pack', '--silent'], { cwd: pack, encoding: 'utf8', env: { PATH: process.env.PATH, npm_config_cache: path.join(pack, 'cache') } }).trim();
    standIn = readFileSync(path.join(pack, name));
  });
  afterAll(() => servers.forEach((server) => server.close()));

  const listen = async (server: http.Server | net.Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  };
  const realPlan = async (registry: string, timeoutMs = 60_000): Promise<InstallPlan> => ({
    ...plan(),
    npm: realNpm,
    timeoutMs,
    env: { PATH: process.env.PATH, HOME: dir, npm_config_cache: await mkdtemp(path.join(dir, 'npm-cache-')), npm_config_registry: registry, npm_config_fetch_retries: '0', npm_config_userconfig: path.join(dir, 'none') },
  });
  const leftovers = async () => readdir(path.join(dir, 'tool-cache', 'rollout-guard-lighthouse', VERSION_DIR)).catch(() => []);

  it('a registry nobody listens on: npm could not reach it, check network, proxy and registry', async () => {
    const closed = await listen(net.createServer());
    servers.pop()!.close();
    const installed = await installLighthouse(await realPlan(`http://127.0.0.1:${closed}/`));
    expect(installed.ok ? '' : installed.error).toMatch(
      new RegExp(
        `^could not install Lighthouse 12\\.8\\.2 with npm into \\S+/x64: npm could not reach the registry http://127\\.0\\.0\\.1:${closed}/ \\(npm: ECONNREFUSED: request to http://127\\.0\\.0\\.1:${closed}/\\S+\\.tgz failed, reason: connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}\\); check the runner's network, its proxy .*; or set input \`lighthouse-path\` to a folder where lighthouse and chrome-launcher are installed$`,
      ),
    );
    expect(installed.ok ? '' : installed.error).not.toMatch(/complete log/);
    expect(await leftovers()).toEqual([]);
  });

  it('a registry that serves other bytes: the package whose integrity failed, and the cache to verify', async () => {
    const port = await listen(http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(standIn)));
    const installed = await installLighthouse(await realPlan(`http://127.0.0.1:${port}/`));
    const error = installed.ok ? '' : installed.error;
    expect(error).toMatch(/: a package npm fetched does not match the lockfile's integrity hash \(npm: EINTEGRITY: (\S+)@(\d+\.\d+\.\d+\S*): sha512-\S{16}… integrity checksum failed .*\); .*npm cache verify.*; or set input `lighthouse-path`/);
    const [, name, version] = /EINTEGRITY: (\S+)@(\d+\.\d+\.\d+\S*):/.exec(error)!;
    expect(LOCKED).toContainEqual([`node_modules/${name}`, expect.objectContaining({ version })]);
    expect(await leftovers()).toEqual([]);
  });

  it('a registry that accepts and never answers: npm is stopped at the deadline, which is named', async () => {
    const sockets: net.Socket[] = [];
    const port = await listen(net.createServer((socket) => sockets.push(socket)));
    const installed = await installLighthouse(await realPlan(`http://127.0.0.1:${port}/`, 2_000));
    sockets.forEach((socket) => socket.destroy());
    expect(installed.ok ? '' : installed.error).toMatch(/: npm did not finish within 2s \(input `lighthouse-install-timeout`\) and was stopped: a registry or proxy that does not answer\? .*; or set input `lighthouse-path`/);
    expect(await leftovers()).toEqual([]);
  });
});

describe('useExistingInstall and loadLighthouse', () => {
  it("uses the repository's own Lighthouse, given the project folder or its node_modules", async () => {
    const modules = path.join(REPO_ROOT, 'node_modules');
    expect(await useExistingInstall(REPO_ROOT)).toEqual({ ok: true, value: { modules, version: '12.8.2', source: 'lighthouse-path', cacheKey: null } });
    expect(await useExistingInstall(modules)).toMatchObject({ ok: true, value: { modules } });
    const api = await loadLighthouse({ modules, version: '12.8.2', source: 'lighthouse-path', cacheKey: null });
    expect(api).toMatchObject({
      ok: true,
      value: {
        version: '12.8.2',
        modules,
        entries: { lighthouse: pathToFileURL(path.join(modules, 'lighthouse/core/index.js')).href, desktopConfig: pathToFileURL(path.join(modules, 'lighthouse/core/config/desktop-config.js')).href },
        Launcher: expect.any(Function),
      },
    });
  });

  it('names the folders it looked in', async () => {
    expect(await useExistingInstall(dir)).toEqual({ ok: false, error: `input \`lighthouse-path\`: no lighthouse package in ${path.join(dir, 'node_modules')} or ${dir}` });
    expect(await loadLighthouse({ modules: dir, version: '12.8.2', source: 'lighthouse-path', cacheKey: null })).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`^cannot load Lighthouse from ${dir}: `)) });
  });
});
