import { GitHub } from '@actions/github/lib/utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubServer, startGitHubServer } from './github-server.js';

/**
 * The fake GitHub itself: it must refuse what GitHub's OpenAPI description
 * refuses, record it, and play the behaviours the adapters rely on.
 */
const SHA = 'a'.repeat(40);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let server: GitHubServer;
let octokit: InstanceType<typeof GitHub>;

beforeAll(async () => {
  server = await startGitHubServer({ token: 't0k3n' });
  octokit = new GitHub({ auth: 't0k3n', baseUrl: server.url, log: quiet });
});
afterAll(() => server.close());

describe('OpenAPI checks', () => {
  afterEach(() => {
    server.validationErrors.length = 0;
  });

  it('accepts a valid check run and answers with a body valid against the response schema', async () => {
    const { data, status } = await octokit.rest.checks.create({
      owner: 'octo',
      repo: 'app',
      name: 'gates',
      head_sha: SHA,
      conclusion: 'success',
      output: { title: 'ok', summary: 'all good' },
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({ name: 'gates', status: 'completed', conclusion: 'success', head_sha: SHA });
    expect(server.validationErrors).toEqual([]);
  });

  it('rejects a body GitHub would refuse with 422 and records it', async () => {
    const before = server.state.checkRuns.length;
    const response = await fetch(`${server.url}/repos/octo/app/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token t0k3n', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'gates', head_sha: SHA, conclusion: 'bogus' }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain('/conclusion');
    expect(server.validationErrors).toHaveLength(1);
    expect(server.validationErrors[0]).toMatchObject({ kind: 'request', route: 'POST /repos/{owner}/{repo}/check-runs', status: 422 });
    expect(server.validationErrors[0]!.errors.join('\n')).toContain('allowed values');
    expect(server.state.checkRuns).toHaveLength(before);
  });

  it('rejects more than 50 annotations in one request, as GitHub does', async () => {
    const annotation = { path: 'a.ts', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'x' } as const;
    await expect(
      octokit.rest.checks.create({
        owner: 'octo',
        repo: 'app',
        name: 'gates',
        head_sha: SHA,
        conclusion: 'failure',
        output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(server.validationErrors.map((e) => e.kind)).toEqual(['request']);
  });

  it('refuses a commit status description over 140 characters', async () => {
    await expect(
      octokit.rest.repos.createCommitStatus({ owner: 'octo', repo: 'app', sha: SHA, state: 'success', description: 'x'.repeat(141) }),
    ).rejects.toMatchObject({ status: 422 });
    expect(server.validationErrors[0]?.errors[0]).toContain('maximum is 140');
  });

  it('accepts null where the schema says nullable (an in-progress run has no conclusion)', async () => {
    const { data } = await octokit.rest.checks.create({ owner: 'octo', repo: 'app', name: 'slow', head_sha: SHA, status: 'in_progress' });
    expect(data).toMatchObject({ status: 'in_progress', conclusion: null, completed_at: null });
    expect(server.validationErrors).toEqual([]);
  });

  it('records a response GitHub would never send', async () => {
    const { data } = await octokit.rest.checks.create({ owner: 'octo', repo: 'app', name: 'x', head_sha: SHA, conclusion: 'neutral' });
    server.state.checkRuns.find((run) => run.id === data.id)!.conclusion = 'bogus';
    await octokit.rest.checks.get({ owner: 'octo', repo: 'app', check_run_id: data.id });
    expect(server.validationErrors).toEqual([
      expect.objectContaining({ kind: 'response', route: 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}', status: 200 }),
    ]);
    expect(server.validationErrors[0]!.errors.join('\n')).toContain('/conclusion');
  });

  it('records a request to an endpoint it does not play', async () => {
    await expect(octokit.rest.repos.get({ owner: 'octo', repo: 'app' })).rejects.toMatchObject({ status: 404 });
    expect(server.validationErrors).toEqual([expect.objectContaining({ kind: 'route', route: 'GET /repos/octo/app' })]);
  });
});

describe('auth and injected failures', () => {
  afterEach(() => expect(server.validationErrors).toEqual([]));

  it('answers 401 in GitHub’s error shape to a wrong token', async () => {
    const response = await fetch(`${server.url}/repos/octo/app/issues/1/comments`, { headers: { authorization: 'token nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
  });

  it('fails the next N requests on a route with the given status and headers', async () => {
    server.failNext({ route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 429, times: 2, headers: { 'retry-after': '7' } });
    const first = await fetch(`${server.url}/repos/octo/app/issues/1/comments`, { headers: { authorization: 'token t0k3n' } });
    const second = await fetch(`${server.url}/repos/octo/app/issues/1/comments`, { headers: { authorization: 'token t0k3n' } });
    const third = await fetch(`${server.url}/repos/octo/app/issues/1/comments`, { headers: { authorization: 'token t0k3n' } });
    expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
    expect(first.headers.get('retry-after')).toBe('7');
  });

  it('answers 403 "Resource not accessible by integration" on a forbidden route', async () => {
    const forked = await startGitHubServer({ forbidden: ['POST /repos/{owner}/{repo}/check-runs'] });
    try {
      const client = new GitHub({ baseUrl: forked.url, log: quiet });
      await expect(
        client.rest.checks.create({ owner: 'o', repo: 'r', name: 'n', head_sha: SHA, conclusion: 'success', output: { title: 't', summary: 's' } }),
      ).rejects.toMatchObject({ status: 403, response: { data: { message: 'Resource not accessible by integration' } } });
      expect(forked.state.checkRuns).toEqual([]);
      expect(forked.validationErrors).toEqual([]);
    } finally {
      await forked.close();
    }
  });
});

describe('comments', () => {
  afterEach(() => expect(server.validationErrors).toEqual([]));

  it('pages comments oldest first with a Link header Octokit follows', async () => {
    for (let i = 0; i < 7; i++) server.seedComment({ owner: 'octo', repo: 'app', issueNumber: 42, body: `c${i}`, login: i % 2 ? 'octocat' : undefined });
    const first = await octokit.rest.issues.listComments({ owner: 'octo', repo: 'app', issue_number: 42, per_page: 3 });
    expect(first.data.map((c) => c.body)).toEqual(['c0', 'c1', 'c2']);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: 'octo', repo: 'app', issue_number: 42, per_page: 3 });
    expect(all.map((c) => c.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });
});

describe('deployments', () => {
  afterEach(() => expect(server.validationErrors).toEqual([]));

  const deploy = async (environment: string, ref = 'main') =>
    (await octokit.rest.repos.createDeployment({ owner: 'octo', repo: 'dep', ref, environment, auto_merge: false, required_contexts: [] })).data as { id: number };
  const latestState = async (id: number) =>
    (await octokit.rest.repos.listDeploymentStatuses({ owner: 'octo', repo: 'dep', deployment_id: id })).data[0]?.state;

  it('lists deployments newest first, filtered by environment, ref and sha', async () => {
    const a = await deploy('staging');
    const b = await deploy('production', 'v2');
    const c = await deploy('staging', 'v2');
    const all = await octokit.rest.repos.listDeployments({ owner: 'octo', repo: 'dep' });
    expect(all.data.map((d) => d.id)).toEqual([c.id, b.id, a.id]);
    const staging = await octokit.rest.repos.listDeployments({ owner: 'octo', repo: 'dep', environment: 'staging' });
    expect(staging.data.map((d) => d.id)).toEqual([c.id, a.id]);
    const v2Prod = await octokit.rest.repos.listDeployments({ owner: 'octo', repo: 'dep', ref: 'v2', environment: 'production' });
    expect(v2Prod.data.map((d) => d.id)).toEqual([b.id]);
    const bySha = await octokit.rest.repos.listDeployments({ owner: 'octo', repo: 'dep', sha: all.data[0]!.sha });
    expect(bySha.data.map((d) => d.id)).toEqual([c.id, b.id]);
    expect(all.data.find((d) => d.id === b.id)).toMatchObject({ production_environment: true, task: 'deploy', payload: {} });
  });

  it('marks earlier successful deployments of the environment inactive on a new success (auto_inactive)', async () => {
    const env = 'canary-env';
    const first = await deploy(env);
    const other = await deploy('elsewhere');
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'dep', deployment_id: first.id, state: 'success' });
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'dep', deployment_id: other.id, state: 'success' });
    const second = await deploy(env);
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'dep', deployment_id: second.id, state: 'in_progress', description: 'canary 25%' });
    expect(await latestState(first.id)).toBe('success');
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'dep', deployment_id: second.id, state: 'success' });
    expect(await latestState(first.id)).toBe('inactive');
    expect(await latestState(other.id)).toBe('success');
    const statuses = await octokit.rest.repos.listDeploymentStatuses({ owner: 'octo', repo: 'dep', deployment_id: second.id });
    expect(statuses.data.map((s) => s.state)).toEqual(['success', 'in_progress']);
  });

  it('leaves earlier deployments alone when auto_inactive is false', async () => {
    const first = await deploy('keep');
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'dep', deployment_id: first.id, state: 'success' });
    const second = await deploy('keep');
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'dep', deployment_id: second.id, state: 'success', auto_inactive: false });
    expect(await latestState(first.id)).toBe('success');
  });

  it('returns one deployment by id and 404 for an unknown one', async () => {
    const created = await deploy('one');
    const { data } = await octokit.rest.repos.getDeployment({ owner: 'octo', repo: 'dep', deployment_id: created.id });
    expect(data.environment).toBe('one');
    await expect(octokit.rest.repos.getDeployment({ owner: 'octo', repo: 'dep', deployment_id: 999_999 })).rejects.toMatchObject({ status: 404 });
  });
});
