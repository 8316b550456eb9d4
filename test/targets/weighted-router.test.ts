import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceFile } from '../../src/targets/atomic-file.js';
import { renderUpstream } from '../../src/targets/nginx-upstream.js';
import { createTrafficTarget } from '../../src/targets/registry.js';
import { pickPeer, startWeightedRouter } from '../support/weighted-router.js';
import { type VersionServer, startVersionPair } from '../support/version-server.js';

/** The demo's stand-in for nginx (test/support/weighted-router.ts) splits as nginx does and follows the nginx target. */
let dir: string;
let pair: { stable: VersionServer; canary: VersionServer; close(): Promise<void> };
const versions = { canary: 'v2', stable: 'v1' };
const layout = () => ({ name: 'app', stableServer: pair.stable.address, canaryServer: pair.canary.address });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function split(url: string, count: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const { version } = (await (await fetch(url)).json()) as { version: string };
    counts[version] = (counts[version] ?? 0) + 1;
  }
  return counts;
}

/** Polls until `check` holds; the router reloads asynchronously after a file change or SIGHUP. */
async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 20) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error('condition not reached');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-router-'));
  pair = await startVersionPair('v1', 'v2');
});

afterAll(async () => {
  await pair?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pickPeer', () => {
  const peer = (address: string, weight: number, isDown = false) => ({ address, weight, isDown, isBackup: false, current: 0 });

  it('interleaves 3:1 as nginx does: s, s, c, s', () => {
    const peers = [peer('s', 3), peer('c', 1), peer('d', 5, true)];
    expect(Array.from({ length: 8 }, () => pickPeer(peers)?.address)).toEqual(['s', 's', 'c', 's', 's', 's', 'c', 's']);
  });

  it('picks nothing when every server is down', () => {
    expect(pickPeer([peer('s', 1, true)])).toBeUndefined();
  });
});

describe('weighted router', () => {
  it('splits by the file and follows it when it is replaced', async () => {
    const file = path.join(dir, 'in-process.conf');
    await replaceFile(file, renderUpstream(layout(), { ...versions, canaryWeight: 25 }));
    const router = await startWeightedRouter({ upstreamFile: file });
    try {
      expect(await split(router.url, 40)).toEqual({ v1: 30, v2: 10 });
      await replaceFile(file, renderUpstream(layout(), { ...versions, canaryWeight: 100 }));
      await eventually(() => router.loads === 2);
      expect(await split(router.url, 10)).toEqual({ v2: 10 });
      await writeFile(file, 'upstream app { server 127.0.0.1:1 weight=0; }\n');
      await eventually(() => router.lastError !== null);
      expect(router.lastError).toBe(`${file}: upstream app: server 127.0.0.1:1: \`weight=0\` must be a whole number of 1 or more`);
      expect(await split(router.url, 4)).toEqual({ v2: 4 });
    } finally {
      await router.stop();
    }
  });

  it('runs as a program the nginx target drives with -t and -s reload', async () => {
    const file = path.join(dir, 'program.conf');
    const pidFile = path.join(dir, 'router.pid');
    await replaceFile(file, renderUpstream(layout(), { ...versions, canaryWeight: 0 }));
    const routerArgs = ['--import', 'tsx', path.resolve('test/support/weighted-router.ts'), '--upstream-file', file, '--pid-file', pidFile];
    const child: ChildProcess = spawn(process.execPath, routerArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          const listening = /listening on (\S+)/.exec(chunk.toString());
          if (listening?.[1]) resolve(listening[1]);
        });
        child.once('exit', (code) => reject(new Error(`weighted-router exited with ${String(code)}`)));
      });
      const inputs: Record<string, string> = { 'traffic-target': 'nginx', 'upstream-file': file, 'upstream-name': 'app', 'stable-server': pair.stable.address, 'canary-server': pair.canary.address, 'nginx-bin': process.execPath, 'nginx-args': JSON.stringify(routerArgs) };
      const target = createTrafficTarget((name) => inputs[name] ?? '', { workspace: process.cwd(), env: process.env });
      const change = target.ok && target.value ? await target.value.setWeight({ ...versions, canaryWeight: 50 }) : null;
      expect(change?.ok && change.value.steps.map((step) => [step.name, step.outcome?.exitCode, step.outcome?.tail])).toEqual([
        ['nginx -t', 0, [`weighted-router: ${file} test is successful`]],
        ['reload', 0, []],
      ]);
      await eventually(async () => (await split(url, 1)).v2 === 1);
      expect(await split(url, 20)).toEqual({ v1: 10, v2: 10 });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
