import { runnerNode } from './runner-node.js';
import { installUnleash } from './unleash-server.js';
import { claimRunId, removeWorkspaceDirs } from './workspace-dir.js';

/**
 * Leftovers of runs that ended without cleaning up are cleared first; this
 * run's folders when it ends. The real Unleash and the runner's Node 24
 * (which runs half the bundle runs) are installed here, once, before any
 * test file starts: on a fresh machine those installs take most of a minute,
 * which must not count against one test's timeout.
 */
export async function setup(): Promise<void> {
  await removeWorkspaceDirs(claimRunId());
  await installUnleash();
  await runnerNode();
}

export async function teardown(): Promise<void> {
  await removeWorkspaceDirs(claimRunId());
}
