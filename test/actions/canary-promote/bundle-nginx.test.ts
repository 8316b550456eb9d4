import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderUpstream } from '../../../src/targets/nginx-upstream.js';
import { type RunningNginx, startNginx } from '../../support/nginx.js';
import { runBundle } from '../../support/run-bundle.js';
import { startVersionPair } from '../../support/version-server.js';
import { type Workdir, makeWorkdir, minutes } from './support.js';

/**
 * The bundle driving a real nginx (test/support/nginx.ts) in front of two
 * version servers: after each tick, requests through nginx split as the
 * weight says. nginx's smooth weighted round-robin with one worker is
 * deterministic (see test/targets/nginx.test.ts): 400 requests at 5% reach
 * the canary exactly 20 times, at 25% exactly 100 times.
 */
let nginx: RunningNginx;
let pair: Awaited<ReturnType<typeof startVersionPair>>;
let work: Workdir;

beforeAll(async () => {
  pair = await startVersionPair('v1', 'v2');
  const layout = { name: 'app', stableServer: pair.stable.address, canaryServer: pair.canary.address };
  nginx = await startNginx({ initialUpstream: renderUpstream(layout, { canary: 'v2', stable: 'v1', canaryWeight: 0 }) });
  work = await makeWorkdir('rg-cp-bundle-nginx-');
});

afterAll(async () => {
  await nginx?.stop();
  await pair?.close();
});

const tick = (inputs: Record<string, string>) =>
  runBundle('canary-promote', {
    cwd: work.dir,
    inputs: {
      analysis: work.analysis,
      state: `file:${work.stateFile}`,
      'traffic-target': 'nginx',
      'upstream-file': nginx.upstreamFile,
      'upstream-name': 'app',
      'stable-server': pair.stable.address,
      'canary-server': pair.canary.address,
      'nginx-bin': nginx.bin,
      'nginx-args': JSON.stringify(nginx.reloadArgs),
      'stable-ref': 'v1',
      ...inputs,
    },
  });

/** One GET on a fresh connection (an old worker never answers after a reload): the version that answered. */
const getVersion = () =>
  new Promise<string>((resolve, reject) => {
    const call = request(`${nginx.url}/`, { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve((JSON.parse(body) as { version: string }).version));
    });
    call.on('error', reject);
    call.end();
  });

async function split(count: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let sent = 0; sent < count; sent += 4) {
    for (const version of await Promise.all(Array.from({ length: 4 }, getVersion))) counts[version] = (counts[version] ?? 0) + 1;
  }
  return counts;
}

/** Runs a tick and waits until nginx's new workers serve what it wrote. */
async function tickAndReload(inputs: Record<string, string>) {
  const workers = nginx.workerPids();
  const run = await tick(inputs);
  if (run.outputs.changed === 'true') await nginx.waitForReload(workers);
  return run;
}

describe('canary-promote bundle with the nginx target', () => {
  it('moves real traffic through nginx as the rollout promotes', async () => {
    expect(await split(40)).toEqual({ v1: 40 });
    const start = await tickAndReload({ now: minutes(0), 'canary-ref': 'v2' });
    expect([start.code, start.outputs.decision, start.outputs.weight]).toEqual([0, 'start', '5']);
    expect(await split(400)).toEqual({ v1: 380, v2: 20 });

    const promoted = await tickAndReload({ now: minutes(10) });
    expect([promoted.code, promoted.outputs.decision, promoted.outputs['previous-weight'], promoted.outputs.weight]).toEqual([0, 'promote', '5', '25']);
    expect(promoted.stdout).toMatch(/ran nginx -t: /);
    expect(promoted.stdout).toMatch(/ran reload: .* -s reload/);
    expect(await split(400)).toEqual({ v1: 300, v2: 100 });
  });
});
