import type { spawn as spawnType } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChromeLauncher, LauncherClass } from '../../../src/sources/lighthouse/chrome-process.js';
import { type LighthouseApi, openLighthouseRunner } from '../../../src/sources/lighthouse/lighthouse-driver.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

/**
 * The driver against stand-ins with known behaviour: a "Chrome" that is a
 * Node process (alive, or exiting after 300 ms) started through the same
 * `spawn` override chrome-launcher's Launcher takes, and "Lighthouse"
 * modules loaded in the driver's worker thread that answer, hang, reject
 * with nobody listening, or fail to load. The real Chrome and Lighthouse
 * run in test/actions/lighthouse-budget/collect.test.ts.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lh-driver-'));
  await writeFile(path.join(dir, 'desktop-config.mjs'), 'export default { extends: "lighthouse:default", settings: { formFactor: "desktop" } };\n');
});

const LIGHTHOUSE = {
  answers: `export default async (url, flags, config) => ({ lhr: { lighthouseVersion: '12.8.2', requestedUrl: url, finalUrl: url, port: flags.port, formFactor: config?.settings?.formFactor ?? 'mobile', audits: {} } });`,
  hangs: 'export default () => new Promise(() => {});',
  // Hangs on its first call in any thread, answers afterwards (the calls are counted in a file beside it).
  hangsOnce: `import { readFileSync } from 'node:fs';
const calls = new URL(import.meta.url).pathname + '.calls';
export default async (url) => {
  appendFileSync(calls, 'x');
  if (readFileSync(calls, 'utf8').length === 1) return new Promise(() => {});
  return { lhr: { lighthouseVersion: '12.8.2', requestedUrl: url, finalUrl: url, audits: {} } };
};`,
  // What Lighthouse 12 does when Chrome dies during wait-for-condition: a protocol call nobody awaits rejects, and the run never settles.
  strayRejection: `export default () => { Promise.reject(new Error('Protocol error (Runtime.evaluate): Session closed. Most likely the page has been closed.')); return new Promise(() => {}); };`,
  brokenInstall: `throw new Error('Cannot find package "puppeteer-core"');`,
} as const;

/** A Lighthouse module that also counts how often a thread loads it. */
async function lighthouseModule(kind: keyof typeof LIGHTHOUSE): Promise<{ entry: string; loads: () => Promise<number> }> {
  const file = path.join(dir, `lighthouse-${kind}-${Math.random().toString(36).slice(2)}.mjs`);
  const counter = `${file}.loads`;
  await writeFile(file, `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(counter)}, 'x');\n${LIGHTHOUSE[kind]}\n`);
  return { entry: pathToFileURL(file).href, loads: async () => (await readFile(counter, 'utf8').catch(() => '')).length };
}

type ChromeBehaviour = 'alive' | 'crashes';
const CHROME_SCRIPT: Record<ChromeBehaviour, string> = { alive: 'setInterval(() => {}, 1000)', crashes: 'setTimeout(() => process.exit(1), 300)' };

/** A Launcher with chrome-launcher's shape: spawns through the override, detached, and answers on a port unless its launch hangs. */
function fakeLauncher(chrome: ChromeBehaviour, launch: 'answers' | 'hangs' = 'answers') {
  const pids: number[] = [];
  class FakeLauncher implements ChromeLauncher {
    port?: number;
    constructor(
      private readonly options: Record<string, unknown>,
      private readonly overrides: { spawn: typeof spawnType },
    ) {}
    async launch(): Promise<void> {
      const child = this.overrides.spawn(process.execPath, ['-e', CHROME_SCRIPT[chrome]], { detached: true, stdio: 'ignore' });
      pids.push(child.pid!);
      if (launch === 'hangs') return new Promise(() => {});
      this.port = 9222;
    }
    kill(): void {}
  }
  return { Launcher: FakeLauncher as unknown as LauncherClass, pids };
}

const api = (entry: string, Launcher: LauncherClass): LighthouseApi => ({ version: '12.8.2', modules: dir, entries: { lighthouse: entry, desktopConfig: pathToFileURL(path.join(dir, 'desktop-config.mjs')).href }, Launcher });
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const failureOf = async (promise: Promise<unknown>) => promise.then(() => null, (error: { code: string; message: string }) => ({ code: error.code, message: error.message }));

describe('openLighthouseRunner', () => {
  it('returns the LHR of a run, and reuses the thread of a clean run for the next one', async () => {
    const lighthouse = await lighthouseModule('answers');
    const opened = await openLighthouseRunner(api(lighthouse.entry, fakeLauncher('alive').Launcher), { chromePath: '/chrome', preset: 'desktop', timeoutMs: 20_000 });
    if (!opened.ok) throw new Error(opened.error);
    expect(await opened.value.run('http://127.0.0.1/a')).toEqual({ lighthouseVersion: '12.8.2', requestedUrl: 'http://127.0.0.1/a', finalUrl: 'http://127.0.0.1/a', port: 9222, formFactor: 'desktop', audits: {} });
    expect(await opened.value.run('http://127.0.0.1/b')).toMatchObject({ finalUrl: 'http://127.0.0.1/b' });
    expect(await lighthouse.loads()).toBe(1);
    opened.value.close();
  });

  it('fails a run at once when Chrome exits during it, long before the deadline', async () => {
    const lighthouse = await lighthouseModule('hangs');
    const opened = await openLighthouseRunner(api(lighthouse.entry, fakeLauncher('crashes').Launcher), { chromePath: '/chrome', preset: 'mobile', timeoutMs: 20_000 });
    if (!opened.ok) throw new Error(opened.error);
    const started = Date.now();
    expect(await failureOf(opened.value.run('http://127.0.0.1/'))).toEqual({ code: 'CHROME_EXITED', message: 'Chrome exited during the run (exit code 1)' });
    expect(Date.now() - started).toBeLessThan(10_000);
    opened.value.close();
  });

  // The deadline is short to keep the test quick, yet long enough for a loaded machine to start a thread and a "Chrome".
  const SHORT_DEADLINE = 8_000;

  it('kills a Chrome whose run hangs when the deadline passes, and gives the next run a fresh thread', async () => {
    const lighthouse = await lighthouseModule('hangsOnce');
    const chrome = fakeLauncher('alive');
    const opened = await openLighthouseRunner(api(lighthouse.entry, chrome.Launcher), { chromePath: '/chrome', preset: 'mobile', timeoutMs: SHORT_DEADLINE });
    if (!opened.ok) throw new Error(opened.error);
    expect(await failureOf(opened.value.run('http://127.0.0.1/'))).toEqual({ code: 'RUN_TIMEOUT', message: "Lighthouse did not finish within 8 s (Chrome's launch included)" });
    await expect.poll(() => isRunning(chrome.pids[0]!)).toBe(false);
    expect(await opened.value.run('http://127.0.0.1/')).toMatchObject({ finalUrl: 'http://127.0.0.1/' });
    expect(await lighthouse.loads()).toBe(2);
    opened.value.close();
  });

  it('holds a launch that never answers to the same deadline, and kills what it started', async () => {
    const lighthouse = await lighthouseModule('answers');
    const chrome = fakeLauncher('alive', 'hangs');
    const opened = await openLighthouseRunner(api(lighthouse.entry, chrome.Launcher), { chromePath: '/chrome', preset: 'mobile', timeoutMs: SHORT_DEADLINE });
    if (!opened.ok) throw new Error(opened.error);
    expect(await failureOf(opened.value.run('http://127.0.0.1/'))).toMatchObject({ code: 'RUN_TIMEOUT' });
    await expect.poll(() => isRunning(chrome.pids[0]!)).toBe(false);
    opened.value.close();
  });

  it('turns a rejection Lighthouse leaves unhandled into a failed run, and the action lives on', async () => {
    const lighthouse = await lighthouseModule('strayRejection');
    const opened = await openLighthouseRunner(api(lighthouse.entry, fakeLauncher('alive').Launcher), { chromePath: '/chrome', preset: 'mobile', timeoutMs: 20_000 });
    if (!opened.ok) throw new Error(opened.error);
    expect(await failureOf(opened.value.run('http://127.0.0.1/'))).toEqual({ code: 'LIGHTHOUSE_CRASHED', message: 'Lighthouse failed: Protocol error (Runtime.evaluate): Session closed. Most likely the page has been closed.' });
    expect(await failureOf(opened.value.run('http://127.0.0.1/'))).toMatchObject({ code: 'LIGHTHOUSE_CRASHED' });
    expect(await lighthouse.loads()).toBe(2);
    opened.value.close();
  });

  it('ends chrome-launcher\'s port polling when a Chrome that never answered is abandoned, so nothing keeps the action alive', async () => {
    // The real Launcher, and a "Chrome" that dies before opening its port: chrome-launcher would poll for 25 s.
    const { Launcher } = (await import(pathToFileURL(path.join(REPO_ROOT, 'node_modules/chrome-launcher/dist/index.js')).href)) as { Launcher: LauncherClass };
    const launches: Promise<void>[] = [];
    const Spy = class extends (Launcher as unknown as new (...args: unknown[]) => ChromeLauncher) {
      override launch(): Promise<void> {
        const launching = super.launch();
        launches.push(launching);
        return launching;
      }
    } as unknown as LauncherClass;
    const dying = path.join(dir, 'dying-chrome.sh');
    await writeFile(dying, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const lighthouse = await lighthouseModule('answers');
    const opened = await openLighthouseRunner(api(lighthouse.entry, Spy), { chromePath: dying, preset: 'mobile', timeoutMs: 20_000 });
    if (!opened.ok) throw new Error(opened.error);
    expect(await failureOf(opened.value.run('http://127.0.0.1/'))).toEqual({ code: 'CHROME_EXITED', message: 'Chrome exited during the run (exit code 3)' });
    const settled = await Promise.race([launches[0]!.then(() => 'settled', () => 'settled'), new Promise((resolve) => setTimeout(() => resolve('still polling'), 5_000))]);
    expect(settled).toBe('settled');
    opened.value.close();
  });

  it('says in one line that an install does not load, naming its folder', async () => {
    const lighthouse = await lighthouseModule('brokenInstall');
    expect(await openLighthouseRunner(api(lighthouse.entry, fakeLauncher('alive').Launcher), { chromePath: '/chrome', preset: 'mobile', timeoutMs: 20_000 })).toEqual({
      ok: false,
      error: `cannot load Lighthouse from ${dir}: Cannot find package "puppeteer-core"`,
    });
  });
});
