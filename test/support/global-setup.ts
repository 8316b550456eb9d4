import { claimRunId, removeWorkspaceDirs } from './workspace-dir.js';

/** Leftovers of runs that ended without cleaning up are cleared first; this run's folders when it ends. */
export async function setup(): Promise<void> {
  await removeWorkspaceDirs(claimRunId());
}

export async function teardown(): Promise<void> {
  await removeWorkspaceDirs(claimRunId());
}
