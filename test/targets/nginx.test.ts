import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderUpstream } from '../../src/targets/nginx-upstream.js';
import { createTrafficTarget } from '../../src/targets/registry.js';
import type { TrafficTarget } from '../../src/targets/traffic-target.js';
import { type RunningNginx, startNginx } from '../support/nginx.js';
import { type VersionServer, startVersionPair } from '../support/version-server.js';

/**
 * The nginx target against a real nginx (Debian's /usr/sbin/nginx, started in
 * a temp prefix by test/support/nginx.ts) in front of two version servers.
 *
 * Split tolerance: a random 25% split of 400 requests would be binomial with
 * σ = √(400·0.25·0.75) ≈ 8.7, so ±4σ is 100 ± 35. nginx is not random: with
 * one worker, its smooth weighted round-robin with weights 75:25 repeats
 * stable, stable, canary, stable, so every 4 consecutive requests hold exactly
 * one canary, from any starting point. 400 requests therefore give exactly
 * 100, and the test asserts that; a drift would mean requests bypassed the
 * round-robin (a retry, a second worker), which is worth failing on.
 */
let nginx: RunningNginx;
let pair: { stable: VersionServer; canary: VersionServer; close(): Promise<void> };
let target: TrafficTarget;
const versions = { canary: 'v2', stable: 'v1' };

function targetFor(canaryServer: string): TrafficTarget {
  const inputs: Record<string, string> = {
    'traffic-target': 'nginx',
    'upstream-file': nginx.upstreamFile,
    'upstream-name': 'app',
    'stable-server': pair.stable.address,
    'canary-server': canaryServer,
    'nginx-bin': nginx.bin,
    'nginx-args': JSON.stringify(nginx.reloadArgs),
  };
  const created = createTrafficTarget((name) => inputs[name] ?? '', { workspace: nginx.prefix, env: { PATH: process.env.PATH } });
  if (!created.ok || created.value === null) throw new Error(created.ok ? 'no target' : created.error.message);
  return created.value;
}

/** One GET on a fresh connection (no keep-alive, so an old worker never answers after a reload); the version that answered. */
const getVersion = () =>
  new Promise<string>((resolve, reject) => {
    const call = request(`${nginx.url}/`, { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => (response.statusCode === 200 ? resolve((JSON.parse(body) as { version: string }).version) : reject(new Error(`status ${response.statusCode}: ${body}`))));
    });
    call.on('error', reject);
    call.end();
  });

/** Sends `count` requests, 4 at a time, and counts answers per version. */
async function split(count: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let sent = 0; sent < count; sent += 4) {
    const batch = await Promise.all(Array.from({ length: Math.min(4, count - sent) }, getVersion));
    for (const version of batch) counts[version] = (counts[version] ?? 0) + 1;
  }
  return counts;
}

/** Sets a weight and waits until nginx's new workers serve it. */
async function setWeight(canaryWeight: number) {
  const workers = nginx.workerPids();
  const change = await target.setWeight({ ...versions, canaryWeight });
  if (!change.ok) throw new Error(change.error.message);
  await nginx.waitForReload(workers);
  return change.value;
}

beforeAll(async () => {
  pair = await startVersionPair('v1', 'v2');
  nginx = await startNginx({ initialUpstream: renderUpstream({ name: 'app', stableServer: pair.stable.address, canaryServer: pair.canary.address }, { ...versions, canaryWeight: 0 }) });
  target = targetFor(pair.canary.address);
});

afterAll(async () => {
  await nginx?.stop();
  await pair?.close();
});

describe('nginx target with a real nginx', () => {
  it('sends 25% to the canary: exactly 100 of 400 requests', async () => {
    const change = await setWeight(25);
    expect(change.steps.map((step) => [step.name, step.argv.slice(-2), step.outcome?.exitCode])).toEqual([
      ['nginx -t', [nginx.errorLog, '-t'], 0],
      ['reload', ['-s', 'reload'], 0],
    ]);
    expect(change.file).toEqual({ path: nginx.upstreamFile, content: await readFile(nginx.upstreamFile, 'utf8'), backup: `${nginx.upstreamFile}.bak` });
    expect(change.verification).toEqual({ passed: true, detail: `nginx -t passed and reload was signalled; ${nginx.upstreamFile} reads back canary 25% (expected 25%)` });
    pair.stable.reset();
    pair.canary.reset();
    expect(await split(400)).toEqual({ v1: 300, v2: 100 });
    expect([pair.stable.requests, pair.canary.requests]).toEqual([300, 100]);
    expect(await target.currentWeight?.()).toEqual({ ok: true, value: 25 });
  });

  it('sends everything to stable at 0 and everything to the canary at 100', async () => {
    await setWeight(0);
    expect(await split(40)).toEqual({ v1: 40 });
    await setWeight(100);
    expect(await split(40)).toEqual({ v2: 40 });
    expect(await target.currentWeight?.()).toEqual({ ok: true, value: 100 });
  });

  it('undoes a change nginx -t rejects: previous file back, no reload, traffic unchanged', async () => {
    await setWeight(25);
    const before = await readFile(nginx.upstreamFile, 'utf8');
    const workers = nginx.workerPids();
    const broken = targetFor('127.0.0.1:99999');
    const change = await broken.setWeight({ ...versions, canaryWeight: 50 });
    expect(change.ok).toBe(false);
    if (change.ok) return;
    expect(change.error.kind).toBe('config');
    expect(change.error.message).toMatch(new RegExp(`^nginx upstream app in ${nginx.upstreamFile}: nginx -t failed: nginx: \\[emerg\\] invalid port in upstream "127\\.0\\.0\\.1:99999" in ${nginx.upstreamFile}:\\d+; restored the previous ${nginx.upstreamFile}; traffic unchanged$`));
    expect(change.error.steps?.map((step) => [step.name, step.outcome?.exitCode])).toEqual([['nginx -t', 1]]);
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
    expect(nginx.workerPids()).toEqual(workers);
    expect(await split(40)).toEqual({ v1: 30, v2: 10 });
  });

  it('writes nothing and runs nothing in a dry run', async () => {
    const before = await readFile(nginx.upstreamFile, 'utf8');
    const change = await target.setWeight({ ...versions, canaryWeight: 50, dryRun: true });
    expect(change.ok && change.value.steps.map((step) => [step.name, step.outcome])).toEqual([
      ['nginx -t', null],
      ['reload', null],
    ]);
    expect(change.ok && change.value.file?.content).toContain('weight=50;');
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
    expect(existsSync(nginx.upstreamFile)).toBe(true);
  });
});
