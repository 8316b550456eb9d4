import { mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';

/**
 * A fresh folder inside the repository, which `runBundle` gives the bundle
 * as its workspace: evidence outside `GITHUB_WORKSPACE` and `RUNNER_TEMP` is
 * refused, as on a runner, so a test's files belong in here rather than in
 * the system's temp folder. The folders are git-ignored and removed when the
 * test run ends (`test/support/global-setup.ts`).
 */
export const WORK_PREFIX = '.test-work-';

export function workspaceDir(name: string): Promise<string> {
  return mkdtemp(path.join(REPO_ROOT, `${WORK_PREFIX}${name}-`));
}

/** Removes every folder `workspaceDir` made. */
export async function removeWorkspaceDirs(): Promise<void> {
  const entries = await readdir(REPO_ROOT);
  await Promise.all(entries.filter((entry) => entry.startsWith(WORK_PREFIX)).map((entry) => rm(path.join(REPO_ROOT, entry), { recursive: true, force: true })));
}
