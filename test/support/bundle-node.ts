import { TestRunner, onTestFailed } from 'vitest';
import { RUNNER_NODE_VERSION, runnerNode } from './runner-node.js';

/**
 * Which Node runs the next bundle. Runners run our actions on Node 24
 * (`using: node24`); the package supports Node 20 up (`engines`), and
 * `npm run action` runs the bundles on whatever Node is installed: the
 * suite's own, Node 20 here. Both must decide alike, and running every
 * bundle test on both would cost the suite minutes it does not have; so the
 * bundle runs of each test file alternate, the runner's Node first, then
 * the suite's, in the order the file starts them (deterministic: a run is
 * assigned when it starts). Every file thus exercises both, and test/node24/
 * runs the same cases on both and compares them. `BUNDLE_NODE=runner` or
 * `BUNDLE_NODE=suite` runs every bundle on one of them, to tell which one a
 * failure belongs to.
 */
export interface BundleNode {
  /** The binary. */
  path: string;
  /** `24.22.3`, for messages. */
  version: string;
}

const CHOICE = process.env.BUNDLE_NODE ?? 'alternate';
if (!['alternate', 'runner', 'suite'].includes(CHOICE)) throw new Error(`BUNDLE_NODE must be runner, suite or unset (alternate), got ${CHOICE}`);

export const SUITE_NODE: BundleNode = { path: process.execPath, version: process.versions.node };

let started = 0;

export async function nextBundleNode(): Promise<BundleNode> {
  // Outside the test suite (`npm run demo:vercel-sentry` drives the bundles through the same helpers): the Node running it.
  if (!process.env.VITEST) return SUITE_NODE;
  const onRunner = CHOICE === 'runner' || (CHOICE === 'alternate' && started++ % 2 === 0);
  return onRunner ? { path: await runnerNode(), version: RUNNER_NODE_VERSION } : SUITE_NODE;
}

/**
 * When the test fails, say which Node ran each of its bundle runs: the
 * assertion alone does not. A run started from a hook (`beforeAll`) has no
 * test to say it to.
 */
export function noteBundleNode(action: string, node: BundleNode): void {
  const choice = node.version === RUNNER_NODE_VERSION ? 'runner' : 'suite';
  if (TestRunner.getCurrentTest()) onTestFailed(() => console.error(`${action} ran on Node ${node.version} (BUNDLE_NODE=${choice} runs every bundle on it)`));
}
