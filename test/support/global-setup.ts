import { removeWorkspaceDirs } from './workspace-dir.js';

/** Leftovers of an interrupted run are cleared first; this run's folders when it ends. */
export async function setup(): Promise<void> {
  await removeWorkspaceDirs();
}

export async function teardown(): Promise<void> {
  await removeWorkspaceDirs();
}
