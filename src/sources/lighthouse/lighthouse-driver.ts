import { type Result, err, ok } from '../../engine/result.js';
import { type LauncherClass, runFailure, startChrome } from './chrome-process.js';
import type { RunLighthouse } from './collector.js';
import { redactHeaderValues } from './lhr-redaction.js';
import { type FormFactorPreset, type LighthouseEntries, LighthouseWorker, type RunConfig } from './lighthouse-worker.js';
import type { LighthousePreset } from './lhci-collect-settings.js';

export type { FormFactorPreset } from './lighthouse-worker.js';

/**
 * One Lighthouse run in a fresh headless Chrome, through Lighthouse's Node
 * API and chrome-launcher (what `lhci collect` runs via the Lighthouse CLI).
 * Every run ends within its deadline, whatever Chrome and Lighthouse do:
 * the launch, loading Lighthouse and the run itself race the deadline and
 * Chrome's exit, so a crashed Chrome fails the run at once (and the
 * collector retries it) and a hung one is killed when the deadline passes.
 */

/**
 * Flags that let Chrome run as root in a container with no network beyond
 * the site under test: no sandbox (it needs user namespaces root lacks), no
 * GPU, no background traffic (component updates, sync, safe-browsing
 * lists) that would wait on an unreachable network or add requests to the
 * measurement, and /tmp instead of a small /dev/shm (Docker's 64 MB makes
 * Chrome crash on large pages).
 */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Default deadline of one run, launch included: a mobile run of a heavy page takes about 20 s on a 2-core runner. */
export const RUN_TIMEOUT_MS = 180_000;

/** What the driver needs of an install: chrome-launcher's Launcher (loaded here) and where Lighthouse is (loaded in a thread). */
export interface LighthouseApi {
  version: string;
  /** The node_modules folder, for messages. */
  modules: string;
  entries: LighthouseEntries;
  Launcher: LauncherClass;
}

/** The browser, Lighthouse's config and flags, and the deadline of one run. */
export interface DriverOptions {
  chromePath: string;
  /** Lighthouse's built-in config: `mobile` is its default one. */
  preset: FormFactorPreset | LighthousePreset;
  /** Lighthouse flags (ci.collect.settings), applied over the preset as Lighthouse's CLI applies them. */
  flags?: Record<string, unknown>;
  /** Chrome flags added after {@link CHROME_FLAGS}. */
  chromeFlags?: readonly string[];
  timeoutMs?: number;
}

export interface LighthouseRunner {
  run: RunLighthouse;
  /** Ends the idle Lighthouse thread. */
  close(): void;
}

/** Loads Lighthouse (once, in a thread, within the deadline) and returns the runner; an install that does not load is one line naming it. */
export async function openLighthouseRunner(api: LighthouseApi, options: DriverOptions): Promise<Result<LighthouseRunner>> {
  const timeoutMs = options.timeoutMs ?? RUN_TIMEOUT_MS;
  const lighthouse: RunConfig = { config: options.preset === 'mobile' ? null : options.preset, flags: options.flags ?? {} };
  const chromeFlags = [...CHROME_FLAGS, ...(options.chromeFlags ?? [])];
  const headers = lighthouse.flags.extraHeaders as Record<string, string> | undefined;
  const first = await startWorker(api, timeoutMs);
  if (!first.ok) return err(`cannot load Lighthouse from ${api.modules}: ${first.error.message}`);
  let idle: LighthouseWorker | null = first.value;
  const take = async (deadline: Promise<never>): Promise<LighthouseWorker> => {
    const previous = idle;
    idle = null;
    if (previous?.usable) return previous;
    previous?.terminate();
    const fresh = await startWorker(api, timeoutMs, deadline);
    if (!fresh.ok) throw fresh.error;
    return fresh.value;
  };
  const run: RunLighthouse = async (url) => {
    const chrome = startChrome(api.Launcher, { chromePath: options.chromePath, chromeFlags });
    const deadline = startDeadline(timeoutMs);
    const held: { worker: LighthouseWorker | null; over: boolean } = { worker: null, over: false };
    const measure = async (): Promise<Record<string, unknown>> => {
      const port = await chrome.ready;
      held.worker = await take(deadline.expired);
      // The race may have ended while the thread was loading: it is not used, and `finally` has run.
      if (held.over) held.worker.terminate();
      return held.worker.run(url, port, lighthouse);
    };
    try {
      const lhr = await Promise.race([measure(), chrome.exited, deadline.expired]);
      idle = held.worker;
      held.worker = null;
      return redactHeaderValues(lhr, headers);
    } finally {
      held.over = true;
      deadline.clear();
      chrome.stop();
      // A thread whose run failed may still hold Lighthouse's work on the dead browser.
      held.worker?.terminate();
    }
  };
  return ok({ run, close: () => idle?.terminate() });
}

async function startWorker(api: LighthouseApi, timeoutMs: number, deadline?: Promise<never>): Promise<Result<LighthouseWorker, Error>> {
  const worker = new LighthouseWorker(api.entries);
  const own = deadline ? null : startDeadline(timeoutMs);
  try {
    await Promise.race([worker.ready, deadline ?? own!.expired]);
    return ok(worker);
  } catch (failure) {
    worker.terminate();
    return err(failure as Error);
  } finally {
    own?.clear();
  }
}

interface Deadline {
  expired: Promise<never>;
  clear(): void;
}

function startDeadline(timeoutMs: number): Deadline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(runFailure('RUN_TIMEOUT', `Lighthouse did not finish within ${timeoutMs / 1000} s (Chrome's launch included)`)), timeoutMs);
  });
  expired.catch(() => undefined);
  return { expired, clear: () => clearTimeout(timer) };
}
