import { describe, expect, it } from 'vitest';
import { createIssueNotifier, issueTitle } from '../../src/notify/github-issue.js';
import { OWNER, REPO, useGitHubFixture } from '../github/github-fixture.js';
import { NOTICE } from './notice.js';

/** The GitHub issue notifier against the local GitHub REST server (OpenAPI-checked). */
const github = useGitHubFixture();

describe('GitHub issue notifier', () => {
  it('opens an issue titled with the environment and refs, carrying the evidence table', async () => {
    const sent = await createIssueNotifier(github.octokit, { owner: OWNER, repo: REPO, labels: ['rollback'] }).send(NOTICE);
    expect(sent.ok && sent.value.message).toBe('opened issue #1');
    const [issue] = github.server.state.issues;
    expect(issue).toMatchObject({ title: 'rollout-guard: Rolled back v2 in production to v1', labels: ['rollback'] });
    expect(issue!.body).toContain(NOTICE.summary);
    expect(issue!.body).toContain('- **Rollback time:** 3.4 s from the first breaching sample to traffic restored');
    expect(issue!.body).toContain('### Evidence');
    expect(issue!.body).toContain('| error-rate | metric (ratio) | ❌ fail | 12% | max 5% | 7 | breached |');
  });

  it('titles a failed rollback and a backend failure for what they are', () => {
    expect(issueTitle({ ...NOTICE, decision: 'rollback-failed' })).toBe('rollout-guard: Rollback of v2 in production FAILED (meant to restore v1)');
    expect(issueTitle({ ...NOTICE, decision: 'backend-failed' })).toBe('rollout-guard: Watch of v2 in production stopped: the metrics backend failed');
  });

  it('reports a token without issues: write as a failure naming the endpoint', async () => {
    const sent = await createIssueNotifier(github.clientWithToken('ghs_wrong'), { owner: OWNER, repo: REPO }).send(NOTICE);
    expect(sent.ok).toBe(false);
    expect(!sent.ok && sent.error.message).toMatch(/^could not open an issue in octo\/app issues: GitHub API POST \/repos\/octo\/app\/issues answered 401/);
  });
});
