import { installUnleash } from './unleash-server.js';
import { claimRunId, removeWorkspaceDirs } from './workspace-dir.js';

/**
 * Leftovers of runs that ended without cleaning up are cleared first; this
 * run's folders when it ends. The real Unleash is installed here, once,
 * before any test file starts: on a fresh machine that install takes most of
 * a minute, which must not count against one test's timeout.
 */
export async function setup(): Promise<void> {
  await removeWorkspaceDirs(claimRunId());
  await installUnleash();
}

export async function teardown(): Promise<void> {
  await removeWorkspaceDirs(claimRunId());
}
