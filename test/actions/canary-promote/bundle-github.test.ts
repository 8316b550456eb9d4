import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubServer, startGitHubServer } from '../../support/github-server.js';
import { runBundle } from '../../support/run-bundle.js';
import { FAULTY_CANARY, HEALTHY_BASELINE, type Workdir, makeWorkdir, minutes } from './support.js';

/**
 * The bundle keeping its rollout in GitHub Deployments (the default state
 * when a token is given), against the local server that checks every request
 * and response against GitHub's OpenAPI description.
 */
const TOKEN = 'ghs_canarytoken0123456789';
const SHAS = { v2: '2'.repeat(40), v3: '3'.repeat(40) };
let github: GitHubServer;
let work: Workdir;

beforeAll(async () => {
  github = await startGitHubServer({ token: TOKEN, refs: SHAS });
  work = await makeWorkdir('rg-cp-bundle-github-');
});
afterAll(async () => github?.close());

const env = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: SHAS.v2, GITHUB_RUN_ID: '77', GITHUB_SERVER_URL: 'https://github.com' });
const tick = (inputs: Record<string, string>) =>
  runBundle('canary-promote', { cwd: work.dir, inputs: { analysis: work.analysis, 'github-token': TOKEN, 'traffic-command': work.trafficCommand, ...inputs }, env: env() });
const statuses = (index: number) => github.state.deployments[index]!.statuses.map((s) => `${s.state}: ${(s.description ?? '').replace(/ \[rg:.*\]$/, '')}`);

describe('canary-promote bundle on GitHub Deployments', () => {
  it('keeps the rollout as a deployment with a status per tick: in_progress, inactive when superseded, failure on rollback', async () => {
    const start = await tick({ now: minutes(0), 'canary-ref': 'v2' });
    expect(start.code, start.stdout).toBe(0);
    // The token is masked first thing, and appears nowhere else in the log.
    expect(start.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(start.stdout.split(TOKEN)).toHaveLength(2);
    const promoted = await tick({ now: minutes(10) });
    expect([promoted.outputs.decision, promoted.outputs.weight]).toEqual(['promote', '25']);
    expect(github.state.deployments.map((d) => [d.ref, d.environment, d.task])).toEqual([['v2', 'production', 'deploy:canary']]);
    expect(statuses(0)).toEqual([
      'in_progress: canary 5% (step 1/4): started the rollout of v2: canary 5%, judged after 10m',
      'in_progress: canary 25% (step 2/4): promoted 5% → 25%, judged after 10m: 2 metrics passed',
    ]);
    expect(github.state.deployments[0]!.statuses[0]).toMatchObject({ logUrl: 'https://github.com/acme/shop/actions/runs/77' });

    await work.writeMetrics(HEALTHY_BASELINE, FAULTY_CANARY);
    const v3 = await tick({ now: minutes(12), 'canary-ref': 'v3' });
    expect([v3.outputs.decision, v3.outputs['previous-weight'], v3.outputs.weight]).toEqual(['start', '25', '5']);
    const rolled = await tick({ now: minutes(22), 'fail-on-rollback': 'false' });
    expect([rolled.code, rolled.outputs.decision, rolled.outputs.weight]).toEqual([0, 'rollback', '0']);
    expect(statuses(0).at(-1)).toMatch(/^inactive: canary superseded at step 2\/4: superseded by v3 at 25%/);
    expect(statuses(1)).toEqual([
      // GitHub caps a status description at 140 characters; the state line after it is kept whole.
      'in_progress: canary 5% (step 1/4): v3 replaces v2 mid-rollout at 25% and restarts from the first step: canary 5%, j…',
      expect.stringMatching(/^failure: canary rolled back at step 1\/4: rolled back 5% → 0%: 2 metrics failed \(error-rate, latency\)/),
    ]);
    expect(rolled.summary).toContain('state: github acme/shop deployments');
    expect(github.validationErrors).toEqual([]);
  });

  it('a token GitHub refuses holds and fails in one line, naming the endpoint', async () => {
    // 403 without a rate limit is not retried, so this answers at once.
    github.failNext({ route: 'GET /repos/{owner}/{repo}/deployments', status: 403, message: 'Resource not accessible by integration' });
    const run = await tick({ now: minutes(30) });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('hold');
    expect(run.outputs.weight).toBe('');
    expect(run.errors).toEqual([expect.stringMatching(/^::error::could not read the rollout state from acme\/shop deployments: .*GET \/repos\/acme\/shop\/deployments.*403/)]);
  });
});
