import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { type Result, err, messageOf, ok } from '../engine/result.js';
import type { StoreFault } from './state-store.js';

/**
 * An exclusive lock between processes on one machine (or one shared
 * volume): `open(…, 'wx')` creates the lock file only if it does not exist,
 * which the OS does atomically (O_CREAT|O_EXCL), so of two runs racing
 * exactly one gets it. A lock older than `staleMs` is a crashed run's and is
 * broken, by renaming it aside and checking it is still the one judged stale
 * (so two runs breaking the same stale lock cannot both win). The work done
 * under the lock (read, compare, write) takes milliseconds, far below
 * `staleMs`, so a live holder is never taken for a crashed one.
 */
export interface LockOptions {
  /** A lock file older than this was left by a crashed run. Default 30 s. */
  staleMs: number;
  /** Give up after waiting this long for a live lock. Default 10 s. */
  waitMs: number;
  /** Pause between tries. Default 50 ms. */
  retryMs: number;
  sleep: (ms: number) => Promise<void>;
  nowMs: () => number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = {
  staleMs: 30_000,
  waitMs: 10_000,
  retryMs: 50,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  nowMs: () => Date.now(),
};

const codeOf = (thrown: unknown): string | undefined => (thrown as { code?: string } | null)?.code;

/** Runs `work` holding the lock at `lockPath`; the lock is released however `work` ends. */
export async function withFileLock<T>(lockPath: string, options: LockOptions, work: () => Promise<T>): Promise<Result<T, StoreFault>> {
  const token = `${process.pid} ${randomUUID()}`;
  const acquired = await acquire(lockPath, token, options);
  if (!acquired.ok) return acquired;
  try {
    return ok(await work());
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, token: string, options: LockOptions): Promise<Result<true, StoreFault>> {
  const startedAt = options.nowMs();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(token).finally(() => handle.close());
      return ok(true);
    } catch (thrown) {
      if (codeOf(thrown) !== 'EEXIST') return err({ kind: 'unavailable', message: `cannot create lock file \`${lockPath}\`: ${messageOf(thrown)}` });
    }
    if (await breakIfStale(lockPath, options)) continue;
    if (options.nowMs() - startedAt >= options.waitMs) {
      const message = `state lock \`${lockPath}\` is held by another run (waited ${options.waitMs} ms); if no run is active, delete the lock file`;
      return err({ kind: 'unavailable', message });
    }
    await options.sleep(options.retryMs);
  }
}

/** True when a stale lock was removed (or vanished) and acquiring should be tried again at once. */
async function breakIfStale(lockPath: string, options: LockOptions): Promise<boolean> {
  let judged: string;
  try {
    const info = await stat(lockPath);
    if (options.nowMs() - info.mtimeMs < options.staleMs) return false;
    judged = await readFile(lockPath, 'utf8');
  } catch (thrown) {
    return codeOf(thrown) === 'ENOENT';
  }
  const aside = `${lockPath}.${randomUUID()}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (thrown) {
    return codeOf(thrown) === 'ENOENT';
  }
  const moved = await readFile(aside, 'utf8').catch(() => judged);
  // Another run replaced the stale lock between our check and our rename: put its lock back.
  if (moved !== judged) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return true;
}
