import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nextBundleNode, noteBundleNode } from '../../support/bundle-node.js';
import { type BundleRun, REPO_ROOT, parseOutputFile } from '../../support/run-bundle.js';

/**
 * Runs dist/lighthouse-budget/ from a copy outside the repository, as the
 * runner does for `uses: …/actions/lighthouse-budget@v1`: only the bundle
 * folder exists there, so no node_modules is reachable from it. Otherwise
 * the same as test/support/run-bundle.ts (INPUT_* variables, output and
 * summary files, an event file).
 */
let copied: Promise<string> | undefined;

/** The copied bundle's index.js (copied once per test file). */
export function copiedBundle(): Promise<string> {
  copied ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lb-dist-'));
    await cp(path.join(REPO_ROOT, 'dist', 'lighthouse-budget'), path.join(dir, 'lighthouse-budget'), { recursive: true });
    return path.join(dir, 'lighthouse-budget', 'index.js');
  })();
  return copied;
}

export interface CopiedRunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  event?: unknown;
}

export async function runLighthouseBudget(options: CopiedRunOptions = {}): Promise<BundleRun> {
  // Chosen before anything else is awaited, as runBundle does: the runner's Node 24 and the suite's Node in turn.
  const node = await nextBundleNode();
  noteBundleNode('lighthouse-budget', node);
  const bundle = await copiedBundle();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lighthouse-budget-'));
  const files = { output: path.join(dir, 'output.txt'), summary: path.join(dir, 'summary.md'), event: path.join(dir, 'event.json') };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  await writeFile(files.event, JSON.stringify(options.event ?? {}));
  const inputEnv = Object.fromEntries(Object.entries(options.inputs ?? {}).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_WORKSPACE: REPO_ROOT,
    RUNNER_TEMP: dir,
    ...inputEnv,
    ...options.env,
  };
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(node.path, [bundle], { env, cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, out, errOut) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: out, stderr: errOut });
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    errors: stdout.split('\n').filter((line) => line.startsWith('::error')),
    dir,
    node: node.version,
  };
}
