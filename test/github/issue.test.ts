import { describe, expect, it } from 'vitest';
import { createIssue } from '../../src/github/issue.js';
import { OWNER, REPO, useGitHubFixture } from './github-fixture.js';

const github = useGitHubFixture();

describe('createIssue', () => {
  it('opens an issue with labels and returns its number and page', async () => {
    const result = await createIssue(github.octokit, { owner: OWNER, repo: REPO, title: 'Rolled back v2', body: 'error rate 7% > 5%', labels: ['rollback', 'incident'] });
    expect(result).toEqual({ ok: true, value: { number: 1, url: `https://github.com/${OWNER}/${REPO}/issues/1` } });
    expect(github.server.requests[0]?.body).toEqual({ title: 'Rolled back v2', body: 'error rate 7% > 5%', labels: ['rollback', 'incident'] });
    expect(github.server.state.issues).toMatchObject([{ number: 1, labels: ['rollback', 'incident'] }]);
  });

  it('omits labels when there are none', async () => {
    await createIssue(github.octokit, { owner: OWNER, repo: REPO, title: 't', body: 'b' });
    expect(github.server.requests[0]?.body).toEqual({ title: 't', body: 'b' });
  });

  it('returns a refusal as a value', async () => {
    github.server.failNext({ route: 'POST /repos/{owner}/{repo}/issues', status: 410, message: 'Issues are disabled for this repo' });
    const result = await createIssue(github.octokit, { owner: OWNER, repo: REPO, title: 't', body: 'b' });
    expect(result).toEqual({
      ok: false,
      error: { endpoint: `POST /repos/${OWNER}/${REPO}/issues`, status: 410, message: `GitHub API POST /repos/${OWNER}/${REPO}/issues answered 410 "Issues are disabled for this repo"` },
    });
  });
});
