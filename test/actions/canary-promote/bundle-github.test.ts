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

  it('release-tag publishes a release for the completed version once, tagged at its ref; earlier ticks and re-runs publish nothing', async () => {
    const done = await makeWorkdir('rg-cp-bundle-release-');
    const runs = [];
    for (const [at, more] of [[0, { 'canary-ref': SHAS.v3, 'canary-version': 'v3.0.0' }], [10, {}], [20, {}], [30, {}], [40, {}], [41, {}]] as const) {
      runs.push(await runBundle('canary-promote', { cwd: done.dir, env: env(), inputs: { analysis: done.analysis, 'github-token': TOKEN, state: `file:${done.stateFile}`, 'traffic-command': done.trafficCommand, 'release-tag': 'true', now: minutes(at), ...more } }));
    }
    expect(runs.map((run) => run.outputs.decision)).toEqual(['start', 'promote', 'promote', 'promote', 'complete', 'complete']);
    expect(runs.map((run) => run.outputs['release-url'])).toEqual(['', '', '', '', 'https://github.com/acme/shop/releases/tag/v3.0.0', 'https://github.com/acme/shop/releases/tag/v3.0.0']);
    expect(github.state.releases.map((r) => [r.tagName, r.targetCommitish, r.name])).toEqual([['v3.0.0', SHAS.v3, 'v3.0.0']]);
    expect(runs[4]!.stdout).toContain('published release v3.0.0 at');
    expect(runs[5]!.stdout).toContain('release v3.0.0 already exists; left as it is');
    expect(runs[4]!.summary).toContain('🏷️ published release v3.0.0');
    expect(github.validationErrors).toEqual([]);
  });

  it('release-tag that cannot publish warns and the rollout stays complete', async () => {
    const done = await makeWorkdir('rg-cp-bundle-release-refused-');
    const base = { analysis: done.analysis, 'github-token': TOKEN, state: `file:${done.stateFile}`, 'traffic-command': done.trafficCommand, 'release-tag': 'true' };
    for (const at of [0, 10, 20, 30]) await runBundle('canary-promote', { cwd: done.dir, env: env(), inputs: { ...base, now: minutes(at), ...(at === 0 ? { 'canary-ref': 'v4 beta' } : {}) } });
    const last = await runBundle('canary-promote', { cwd: done.dir, env: env(), inputs: { ...base, now: minutes(40) } });
    expect([last.code, last.outputs.decision, last.outputs['release-url']]).toEqual([0, 'complete', '']);
    expect(last.stdout).toMatch(/::warning::no release published: the version `v4 beta` cannot be a git tag/);
    expect(github.state.releases.some((r) => r.tagName.startsWith('v4'))).toBe(false);
  });

  it('release-tag without a token is refused before anything moves', async () => {
    const run = await runBundle('canary-promote', { cwd: work.dir, inputs: { analysis: work.analysis, state: `file:${work.stateFile}`, 'release-tag': 'true', now: minutes(0) } });
    expect([run.code, run.outputs.decision]).toEqual([1, 'hold']);
    expect(run.errors.join('\n')).toContain('input `release-tag` is true but no `github-token` was given (it needs `contents: write`)');
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
