import { describe, expect, it } from 'vitest';
import { createIssueNotifier, issueBody, issueTitle } from '../../src/notify/github-issue.js';
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

  it('starts the post-mortem: the timeline in order, the incidents opened elsewhere, and the review questions as tasks', () => {
    const body = issueBody({ ...NOTICE, incidents: [{ service: 'PagerDuty', reference: 'rollout-guard/octo/app/production', url: null }] });
    expect(body).toContain('### Timeline (UTC)\n\n| When | What |\n|---|---|\n| 2026-03-03T10:00:00.000Z | watch started |\n| 2026-03-03T10:02:00.000Z | first breaching sample |');
    expect(body.indexOf('first breaching sample')).toBeLessThan(body.indexOf('users back on the stable version'));
    expect(body).toContain('### Incidents\n\n- **PagerDuty:** `rollout-guard/octo/app/production`');
    expect(body).toContain('### Post-mortem');
    expect(body.match(/^- \[ \] \*\*/gm)).toHaveLength(6);
    // The evidence comes before the review, which ends the issue.
    expect(body.indexOf('### Evidence')).toBeLessThan(body.indexOf('### Post-mortem'));
  });

  it('keeps a timeline event with a pipe or a line break inside its table row', () => {
    const body = issueBody({ ...NOTICE, timeline: [{ at: '2026-03-03T10:04:00.000Z', event: 'rollback decided: a|b\nc' }] });
    expect(body).toContain('| 2026-03-03T10:04:00.000Z | rollback decided: a\\|b c |');
  });

  it('leaves out the incidents section when no other service opened one', () => {
    expect(issueBody(NOTICE)).not.toContain('### Incidents');
  });

  it('titles a failed rollback and a backend failure for what they are', () => {
    expect(issueTitle({ ...NOTICE, decision: 'rollback-failed' })).toBe('rollout-guard: Rollback of v2 in production FAILED (meant to restore v1)');
    expect(issueTitle({ ...NOTICE, decision: 'backend-failed' })).toBe('rollout-guard: Watch of v2 in production stopped: the metrics backend failed');
  });

  it('reports a token without issues: write as a failure naming the endpoint', async () => {
    const sent = await createIssueNotifier(await github.clientWithToken('ghs_wrong'), { owner: OWNER, repo: REPO }).send(NOTICE);
    expect(sent.ok).toBe(false);
    expect(!sent.ok && sent.error.message).toMatch(/^could not open an issue in octo\/app issues: GitHub API POST \/repos\/octo\/app\/issues answered 401/);
  });
});
