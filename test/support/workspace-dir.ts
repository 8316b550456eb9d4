import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';

/**
 * A fresh folder inside the repository, which `runBundle` gives the bundle
 * as its workspace: evidence outside `GITHUB_WORKSPACE` and `RUNNER_TEMP` is
 * refused, as on a runner, so a test's files belong in here rather than in
 * the system's temp folder. The folders are git-ignored and removed when the
 * test run ends (`test/support/global-setup.ts`).
 *
 * Each folder carries the id of the vitest run that made it (the main
 * process's pid, which the workers inherit through the environment), so a
 * second `vitest run` started beside a long one removes only its own
 * folders and those of runs no longer alive.
 */
export const WORK_PREFIX = '.test-work-';
const RUN_ID_VARIABLE = 'ROLLOUT_GUARD_TEST_RUN';

/** Called once per vitest run, in its main process, before any worker starts. */
export function claimRunId(): string {
  process.env[RUN_ID_VARIABLE] ??= String(process.pid);
  return process.env[RUN_ID_VARIABLE];
}

export function workspaceDir(name: string): Promise<string> {
  const run = process.env[RUN_ID_VARIABLE] ?? 'solo';
  return mkdtemp(path.join(REPO_ROOT, `${WORK_PREFIX}${run}-${name}-`));
}

/** Removes the folders of this run, and of runs whose process has ended. */
export async function removeWorkspaceDirs(run: string): Promise<void> {
  const entries = await readdir(REPO_ROOT);
  const removable = entries.filter((entry) => {
    if (!entry.startsWith(WORK_PREFIX)) return false;
    const owner = entry.slice(WORK_PREFIX.length).split('-')[0]!;
    return owner === run || !isAlive(owner);
  });
  await Promise.all(removable.map((entry) => rm(path.join(REPO_ROOT, entry), { recursive: true, force: true })));
}

function isAlive(owner: string): boolean {
  const pid = Number(owner);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
