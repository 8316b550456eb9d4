import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTY_CANARY, makeWorkdir, minutes } from '../actions/canary-promote/support.js';
import { type BundleNode, SUITE_NODE } from '../support/bundle-node.js';
import { type GitHubServer, startGitHubServer } from '../support/github-server.js';
import { type BundleRun, REPO_ROOT, runBundle } from '../support/run-bundle.js';
import { RUNNER_NODE_VERSION, runnerNode } from '../support/runner-node.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * The same cases on the runner's Node 24 (`using: node24`) and on Node 20,
 * compared: exit code, error lines, every output and the job summary must be
 * the same, with only the run's own folders told apart. The rest of the
 * suite alternates its bundle runs between the two (test/support/bundle-node.ts),
 * so a difference in what a test asserts fails there; this catches one in
 * what no test asserts. The cases cover each action's positive and negative
 * verdicts and the GitHub client.
 */
const TOKEN = 'ghs_node24token0123456789';
let runner: BundleNode;
let dir: string;
let github: GitHubServer;

beforeAll(async () => {
  runner = { path: await runnerNode(), version: RUNNER_NODE_VERSION };
  github = await startGitHubServer({ token: TOKEN });
  dir = await workspaceDir('node24');
  await writeFile(path.join(dir, 'gates.yml'), `checks:\n  unit-tests:\n    type: junit\n    path: ${path.join(REPO_ROOT, 'action-examples/demo/reports/junit.xml')}\n`);
});
afterAll(async () => github?.close());

/**
 * What a run decided and wrote, with the folders that differ from run to
 * run, and what the wall clock measured (`clock`: a time, a duration), named
 * instead.
 */
function comparable(runs: BundleRun[], folders: string[], clock: readonly RegExp[] = []) {
  const neutral = (text: string) =>
    clock.reduce((out, pattern) => out.replace(pattern, '<clock>'), [...runs.map((run) => run.dir), ...folders].reduce((out, folder) => out.replaceAll(folder, '<folder>'), text));
  return runs.map((run) => ({
    code: run.code,
    errors: run.errors.map(neutral),
    outputs: Object.fromEntries(Object.entries(run.outputs).map(([name, value]) => [name, neutral(value)])),
    summary: neutral(run.summary),
  }));
}

/** A case: the decisions its runs must reach, and its bundle runs on one Node with the folders they used. */
interface Case {
  name: string;
  decisions: string[];
  /** What the wall clock measures in the outputs and summary. */
  clock?: RegExp[];
  run(node: BundleNode): Promise<{ runs: BundleRun[]; folders: string[] }>;
}

const CASES: Case[] = [
  {
    name: 'gate-checks: go, published as a check run through the GitHub client',
    decisions: ['go'],
    run: async (node) => {
      const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'f'.repeat(40), GITHUB_RUN_ID: '42' };
      const run = await runBundle('gate-checks', { node: node.path, cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml'), 'github-token': TOKEN }, env });
      return { runs: [run], folders: [dir] };
    },
  },
  {
    name: 'gate-checks: no-go on the demo’s broken evidence (JUnit, coverage, audit, axe, Lighthouse, metric, deploy window)',
    decisions: ['no-go'],
    run: async (node) => {
      const run = await runBundle('gate-checks', { node: node.path, cwd: REPO_ROOT, inputs: { policy: 'action-examples/demo/gates-broken.yml', now: '2026-11-27T11:00:00Z', 'fail-on-no-go': 'false' } });
      return { runs: [run], folders: [] };
    },
  },
  {
    name: 'lighthouse-budget: saved runs, pass',
    decisions: ['pass'],
    run: async (node) => {
      const run = await runBundle('lighthouse-budget', { node: node.path, cwd: REPO_ROOT, inputs: { 'results-path': 'test/fixtures/lighthouse/light-run*.report.json' } });
      return { runs: [run], folders: [] };
    },
  },
  {
    name: 'lighthouse-budget: saved runs over budget, fail',
    decisions: ['fail'],
    run: async (node) => {
      const run = await runBundle('lighthouse-budget', { node: node.path, cwd: REPO_ROOT, inputs: { 'results-path': 'test/fixtures/lighthouse/heavy-run1.report.json', 'min-performance': '0.9', 'fail-on-fail': 'false' } });
      return { runs: [run], folders: [] };
    },
  },
  {
    name: 'canary-promote: start, then promote on healthy metrics',
    decisions: ['start', 'promote'],
    run: async (node) => {
      const work = await makeWorkdir('rg-node24-canary-');
      const inputs = { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand };
      const start = await runBundle('canary-promote', { node: node.path, cwd: work.dir, inputs: { ...inputs, 'canary-ref': 'v2', now: minutes(0) } });
      const promote = await runBundle('canary-promote', { node: node.path, cwd: work.dir, inputs: { ...inputs, now: minutes(10) } });
      return { runs: [start, promote], folders: [work.dir] };
    },
  },
  {
    name: 'canary-promote: a faulty canary rolled back',
    decisions: ['start', 'rollback'],
    run: async (node) => {
      const work = await makeWorkdir('rg-node24-faulty-', FAULTY_CANARY);
      const inputs = { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand, 'fail-on-rollback': 'false' };
      const start = await runBundle('canary-promote', { node: node.path, cwd: work.dir, inputs: { ...inputs, 'canary-ref': 'v2', now: minutes(0) } });
      const rollback = await runBundle('canary-promote', { node: node.path, cwd: work.dir, inputs: { ...inputs, now: minutes(10) } });
      return { runs: [start, rollback], folders: [work.dir] };
    },
  },
  {
    name: 'auto-rollback: rolled back on request',
    decisions: ['rolled-back'],
    // The time of the request, how long the command and the whole rollback took.
    clock: [/\d{4}-\d\d-\d\dT[\d:.]+Z/g, /(?<=exited 0 in )\d+ ms/g, /(?<=in production in )[\d.]+ s/g, /^[\d.]+$/, /(?<=\(first breaching sample → traffic restored\): )[\d.]+/g],
    run: async (node) => {
      const run = await runBundle('auto-rollback', { node: node.path, cwd: dir, inputs: { force: 'true', reason: 'drill', version: 'v2', 'rollback-command': JSON.stringify([process.execPath, '-e', '0']) } });
      return { runs: [run], folders: [dir] };
    },
  },
];

describe(`the bundles on Node ${RUNNER_NODE_VERSION} and on Node ${SUITE_NODE.version}`, () => {
  it('are the runner’s Node and the suite’s', () => {
    expect(execFileSync(runner.path, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${RUNNER_NODE_VERSION}`);
    expect(RUNNER_NODE_VERSION.split('.')[0]).toBe('24');
    expect(SUITE_NODE.version.split('.')[0]).not.toBe('24');
  });

  it.each(CASES)('$name: the same on both', async ({ decisions, clock, run }) => {
    const [onRunner, onSuite] = await Promise.all([run(runner), run(SUITE_NODE)]);
    const runnerRuns = comparable(onRunner.runs, onRunner.folders, clock);
    expect(runnerRuns.map((one) => one.outputs.decision), JSON.stringify(runnerRuns, null, 1)).toEqual(decisions);
    expect(comparable(onSuite.runs, onSuite.folders, clock)).toEqual(runnerRuns);
  });

  it('published a successful check run from each Node, checked against GitHub’s description', () => {
    expect(github.state.checkRuns.map((checkRun) => checkRun.conclusion)).toEqual(['success', 'success']);
    expect(github.validationErrors).toEqual([]);
  });
});
