import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkdir, minutes } from '../actions/canary-promote/support.js';
import { type GitHubServer, startGitHubServer } from '../support/github-server.js';
import { REPO_ROOT, runBundle } from '../support/run-bundle.js';
import { RUNNER_NODE_VERSION, runnerNode } from '../support/runner-node.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * Every bundle on the Node the runner uses (`using: node24`), beside the
 * Node 20 the rest of the suite runs them on: the same decisions, outputs
 * and summaries, the GitHub client included.
 */
const TOKEN = 'ghs_node24token0123456789';
let node: string;
let dir: string;
let github: GitHubServer;

beforeAll(async () => {
  node = await runnerNode();
  github = await startGitHubServer({ token: TOKEN });
  dir = await workspaceDir('node24');
  await writeFile(path.join(dir, 'gates.yml'), `checks:\n  unit-tests:\n    type: junit\n    path: ${path.join(REPO_ROOT, 'action-examples/demo/reports/junit.xml')}\n`);
}, 240_000);
afterAll(async () => github?.close());

describe(`the bundles on Node ${RUNNER_NODE_VERSION}`, () => {
  it('is the runner’s Node', () => {
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${RUNNER_NODE_VERSION}`);
  });

  it('gate-checks decides go and publishes its check run through the GitHub client', async () => {
    const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'f'.repeat(40), GITHUB_RUN_ID: '42' };
    const run = await runBundle('gate-checks', { node, cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml'), 'github-token': TOKEN }, env });
    expect([run.code, run.errors, run.outputs.decision], run.stdout + run.stderr).toEqual([0, [], 'go']);
    expect(run.summary).toContain('`go`');
    expect(github.state.checkRuns.map((checkRun) => checkRun.conclusion)).toEqual(['success']);
    expect(github.validationErrors).toEqual([]);
  });

  it('lighthouse-budget judges saved runs: pass', async () => {
    const run = await runBundle('lighthouse-budget', { node, cwd: REPO_ROOT, inputs: { 'results-path': 'test/fixtures/lighthouse/light-run*.report.json' } });
    expect([run.code, run.errors, run.outputs.decision], run.stdout + run.stderr).toEqual([0, [], 'pass']);
  });

  it('canary-promote starts a rollout, then promotes it on healthy metrics', async () => {
    const work = await makeWorkdir('rg-node24-canary-');
    const inputs = { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand };
    const start = await runBundle('canary-promote', { node, cwd: work.dir, inputs: { ...inputs, 'canary-ref': 'v2', now: minutes(0) } });
    const promote = await runBundle('canary-promote', { node, cwd: work.dir, inputs: { ...inputs, now: minutes(10) } });
    expect([start.outputs.decision, start.outputs.weight, promote.outputs.decision, promote.outputs.weight], promote.stdout + promote.stderr).toEqual(['start', '5', 'promote', '25']);
  });

  it('auto-rollback rolls back on request and says so', async () => {
    const run = await runBundle('auto-rollback', { node, cwd: dir, inputs: { force: 'true', reason: 'drill', version: 'v2', 'rollback-command': JSON.stringify([process.execPath, '-e', '0']) } });
    expect([run.code, run.errors, run.outputs.decision], run.stdout + run.stderr).toEqual([0, [], 'rolled-back']);
  });
});
