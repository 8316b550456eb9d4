import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/engine/result.js';
import { type RetryPolicy, USER_AGENT, createGitHubClient, loadToolkit, retryDelay } from '../../src/github/client.js';
import { startForwardProxy } from '../support/forward-proxy.js';
import { OWNER, REPO, TOKEN, useGitHubFixture } from './github-fixture.js';

const github = useGitHubFixture();
const COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const list = () => github.octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });

describe('createGitHubClient', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('sends the token and the rollout-guard user agent to the API URL it was given', async () => {
    const octokit = await createGitHubClient({ token: TOKEN, apiUrl: `${github.server.url}/` });
    await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });
    const [request] = github.server.requests;
    expect(request).toMatchObject({ path: `/repos/${OWNER}/${REPO}/issues/1/comments`, authorization: `token ${TOKEN}` });
    expect(request?.userAgent?.startsWith(`${USER_AGENT} `)).toBe(true);
  });

  it("adds the runner's orchestration id to the user agent, as the toolkit does", async () => {
    vi.stubEnv('ACTIONS_ORCHESTRATION_ID', 'run 42/job:7');
    const octokit = await createGitHubClient({ token: TOKEN, apiUrl: github.server.url });
    await octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });
    expect(github.server.requests[0]?.userAgent).toMatch(new RegExp(`^${USER_AGENT} actions_orchestration_id/run_42_job_7 `));
  });

  it('refuses an empty token naming the input, rather than calling GitHub anonymously', async () => {
    await expect(createGitHubClient({ token: '', apiUrl: github.server.url })).rejects.toEqual(new ConfigError('a GitHub client needs a token: give `github-token`'));
  });

  it('names GITHUB_EVENT_PATH when the toolkit cannot load (it parses that file as it loads)', async () => {
    vi.stubEnv('GITHUB_EVENT_PATH', '/runner/_temp/event.json');
    const failing = () => Promise.reject(new SyntaxError('Unexpected token \'n\', "not json" is not valid JSON'));
    await expect(loadToolkit(failing)).rejects.toEqual(
      new ConfigError('cannot make the GitHub client: loading @actions/github failed (it reads GITHUB_EVENT_PATH /runner/_temp/event.json): Unexpected token \'n\', "not json" is not valid JSON'),
    );
  });

  it('retries a 500 and returns the answer of the second try', async () => {
    github.server.failNext({ route: COMMENTS, status: 500 });
    const { status } = await list();
    expect(status).toBe(200);
    expect(github.server.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(github.sleeps).toEqual([1000]);
  });

  it('backs off exponentially and stops after 3 tries', async () => {
    github.server.failNext({ route: COMMENTS, status: 502, times: 5 });
    await expect(list()).rejects.toMatchObject({ status: 502 });
    expect(github.server.requests).toHaveLength(3);
    expect(github.sleeps).toEqual([1000, 2000]);
  });

  it('waits as long as a 429 retry-after says', async () => {
    github.server.failNext({ route: COMMENTS, status: 429, headers: { 'retry-after': '7' } });
    await list();
    expect(github.server.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(github.sleeps).toEqual([7000]);
  });

  it('does not retry a 403 that is not a rate limit', async () => {
    github.server.failNext({ route: COMMENTS, status: 403, message: 'Resource not accessible by integration' });
    await expect(list()).rejects.toMatchObject({ status: 403 });
    expect(github.server.requests).toHaveLength(1);
    expect(github.sleeps).toEqual([]);
  });
});

describe('createGitHubClient behind a proxy', () => {
  afterEach(() => vi.unstubAllEnvs());

  // The toolkit's own dispatcher never proxies loopback hosts; this shows ours replaced it.
  it('sends its calls through HTTP_PROXY, and not when NO_PROXY names the host', async () => {
    const proxy = await startForwardProxy();
    try {
      const host = new URL(github.server.url).host;
      vi.stubEnv('HTTP_PROXY', proxy.url);
      await (await createGitHubClient({ token: TOKEN, apiUrl: github.server.url })).rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });
      expect(proxy.seen).toEqual([`CONNECT ${host}`]);

      vi.stubEnv('NO_PROXY', new URL(github.server.url).hostname);
      await (await createGitHubClient({ token: TOKEN, apiUrl: github.server.url })).rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 });
      expect(proxy.seen).toEqual([`CONNECT ${host}`]);
      expect(github.server.requests.map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await proxy.close();
    }
  });
});

describe('retryDelay', () => {
  const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 60_000, sleep: async () => {} };
  const failure = (status: number, headers: Record<string, string> = {}) => ({ status, response: { headers } });

  it('waits for the primary rate limit reset when it is near, and gives up when it is far', () => {
    const now = 1_700_000_000_000;
    const soon = failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) });
    const later = failure(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3600) });
    expect(retryDelay(soon, 1, policy, now)).toBe(30_000);
    expect(retryDelay(later, 1, policy, now)).toBeNull();
  });

  it('retries a secondary rate limit 403 with retry-after, and no 4xx without one', () => {
    expect(retryDelay(failure(403, { 'retry-after': '2' }), 1, policy)).toBe(2000);
    for (const status of [400, 401, 403, 404, 422]) expect(retryDelay(failure(status), 1, policy)).toBeNull();
  });

  it('doubles the base delay per attempt for 5xx', () => {
    expect([1, 2, 3].map((attempt) => retryDelay(failure(503), attempt, policy))).toEqual([100, 200, 400]);
  });
});

describe('createGitHubClient: every attempt has a timeout', () => {
  const stalled = async (mode: 'headers' | 'body') => {
    const { startServer } = await import('../actions/boundary-servers.js');
    return startServer((_request, response) => {
      if (mode === 'headers') return; // never answers
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": ');
    });
  };

  it('a GitHub that never answers times out each attempt; reads are retried, then fail with the endpoint', async () => {
    const server = await stalled('headers');
    const sleeps: number[] = [];
    const octokit = await createGitHubClient({ token: TOKEN, apiUrl: server.url, timeoutMs: 200, retry: { sleep: async (ms) => void sleeps.push(ms) } });
    const started = Date.now();
    await expect(octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 })).rejects.toMatchObject({ name: 'TimeoutError', message: 'timed out after 200ms' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
    await server.close();
  });

  it('a body that stalls after the headers is a timeout, never an empty success', async () => {
    const server = await stalled('body');
    const octokit = await createGitHubClient({ token: TOKEN, apiUrl: server.url, timeoutMs: 200, retry: { maxAttempts: 1 } });
    await expect(octokit.rest.repos.get({ owner: OWNER, repo: REPO })).rejects.toMatchObject({ name: 'TimeoutError' });
    await server.close();
  });

  it('a write that times out is not sent again (it may have landed), and reads as "did not answer"', async () => {
    const server = await stalled('headers');
    const { callGitHub } = await import('../../src/github/github-failure.js');
    const octokit = await createGitHubClient({ token: TOKEN, apiUrl: server.url, timeoutMs: 200, retry: { sleep: async () => undefined } });
    const created = await callGitHub('POST /repos/{owner}/{repo}/issues', () => octokit.rest.issues.create({ owner: OWNER, repo: REPO, title: 't' }));
    expect(server.requests).toHaveLength(1);
    expect(created).toMatchObject({ ok: false, error: { status: null, message: expect.stringMatching(/^GitHub API POST \/repos\/.*issues did not answer: timed out after 200ms$/) as unknown } });
    await server.close();
  });
});
