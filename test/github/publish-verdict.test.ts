import { describe, expect, it } from 'vitest';
import type { CheckRunRequest } from '../../src/github/check-run.js';
import { publishVerdict } from '../../src/github/publish-verdict.js';
import { OWNER, REPO, SHA, useGitHubFixture } from './github-fixture.js';

const CREATE_CHECK_RUN = 'POST /repos/{owner}/{repo}/check-runs';
const CREATE_STATUS = 'POST /repos/{owner}/{repo}/statuses/{sha}';

const verdict = (overrides: Partial<CheckRunRequest> = {}): CheckRunRequest => ({
  owner: OWNER,
  repo: REPO,
  sha: SHA,
  name: 'release gates',
  conclusion: 'failure',
  title: `no-go: ${'junit failed (3 failed > max-failed 0); '.repeat(5)}`,
  summary: '### no-go',
  annotations: [{ path: 'test/a.test.ts', line: 3, level: 'failure', title: 'a', message: 'b' }],
  detailsUrl: 'https://github.com/octo/app/actions/runs/7',
  ...overrides,
});

describe('publishVerdict with checks: write', () => {
  const github = useGitHubFixture();

  it('publishes a check run', async () => {
    const result = await publishVerdict(github.octokit, verdict());
    expect(result).toEqual({ ok: true, value: { via: 'check-run', id: expect.any(Number), url: expect.any(String), annotationsSent: 1, note: null } });
    expect(github.server.state.statuses).toEqual([]);
  });

  it('does not fall back on errors other than 403, and returns them as values', async () => {
    github.server.failNext({ route: CREATE_CHECK_RUN, status: 500, times: 3, message: 'Server Error' });
    const result = await publishVerdict(github.octokit, verdict());
    expect(result).toEqual({
      ok: false,
      error: {
        endpoint: `POST /repos/${OWNER}/${REPO}/check-runs`,
        status: 500,
        message: `GitHub API POST /repos/${OWNER}/${REPO}/check-runs answered 500 "Server Error"`,
      },
    });
    expect(github.server.requests).toHaveLength(3);
    expect(github.server.state.statuses).toEqual([]);
  });

  it('returns a bad token as a clean error value, without a stack', async () => {
    const result = await publishVerdict(await github.clientWithToken('ghs_wrong'), verdict());
    expect(result).toEqual({
      ok: false,
      error: {
        endpoint: `POST /repos/${OWNER}/${REPO}/check-runs`,
        status: 401,
        message: `GitHub API POST /repos/${OWNER}/${REPO}/check-runs answered 401 "Bad credentials": the token is invalid or expired; check the \`token\` input`,
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/\n\s+at /);
    expect(github.server.requests).toHaveLength(1);
  });
});

describe('publishVerdict with a token that may not create check runs (fork PR)', () => {
  const github = useGitHubFixture({ forbidden: [CREATE_CHECK_RUN] });

  it('falls back to a commit status and says so', async () => {
    const result = await publishVerdict(github.octokit, verdict());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ via: 'commit-status', annotationsSent: 0, url: 'https://github.com/octo/app/actions/runs/7' });
    expect(result.value.note).toContain('checks: write');
    expect(result.value.note).toContain('1 annotation(s) could not be shown');
    expect(github.server.requests.map((r) => [r.route, r.status])).toEqual([
      [CREATE_CHECK_RUN, 403],
      [CREATE_STATUS, 201],
    ]);
    const status = github.server.requests[1]?.body as Record<string, string>;
    expect(status).toMatchObject({ state: 'failure', context: 'release gates', target_url: 'https://github.com/octo/app/actions/runs/7' });
    expect([...status.description!]).toHaveLength(140);
    expect(status.description!.endsWith('…')).toBe(true);
    expect(github.server.state.statuses).toMatchObject([{ sha: SHA, state: 'failure', context: 'release gates' }]);
  });

  it('publishes a neutral verdict as a success status, since neutral does not block', async () => {
    await publishVerdict(github.octokit, verdict({ conclusion: 'neutral', title: 'advisory warnings only' }));
    expect(github.server.state.statuses).toMatchObject([{ state: 'success', description: 'advisory warnings only' }]);
  });
});

describe('publishVerdict with a read-only token', () => {
  const github = useGitHubFixture({ forbidden: [CREATE_CHECK_RUN, CREATE_STATUS] });

  it('returns both refusals in one error value', async () => {
    const result = await publishVerdict(github.octokit, verdict());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ endpoint: `POST /repos/${OWNER}/${REPO}/statuses/${SHA}`, status: 403 });
    expect(result.error.message).toContain(`The check run was refused (POST /repos/${OWNER}/${REPO}/check-runs answered 403)`);
    expect(result.error.message).toContain('"Resource not accessible by integration"');
    expect(result.error.message).toContain('still in the job summary');
  });
});
