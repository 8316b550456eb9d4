import { describe, expect, it } from 'vitest';
import { stickyMarker, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { OWNER, REPO, useGitHubFixture } from './github-fixture.js';

const github = useGitHubFixture();
const PR = 17;
const sticky = (body: string, marker = 'gate-checks:release') =>
  upsertStickyComment(github.octokit, { owner: OWNER, repo: REPO, issueNumber: PR, marker, body });
const routes = () => github.server.requests.map((r) => r.route);

describe('upsertStickyComment', () => {
  it('creates the comment, then updates that same comment in place', async () => {
    const created = await sticky('### go');
    const updated = await sticky('### no-go');

    expect(created).toEqual({ ok: true, value: { id: expect.any(Number), url: expect.any(String), action: 'created' } });
    expect(updated).toEqual({ ok: true, value: { id: created.ok && created.value.id, url: expect.any(String), action: 'updated' } });
    expect(github.server.state.comments).toHaveLength(1);
    expect(github.server.state.comments[0]).toMatchObject({ issueNumber: PR, body: '<!-- rollout-guard:gate-checks:release -->\n### no-go' });
    expect(routes()).toEqual([
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    ]);
  });

  it('sends no update when the body is already the same', async () => {
    await sticky('### go');
    const again = await sticky('### go');
    expect(again.ok && again.value.action).toBe('unchanged');
    expect(routes().filter((route) => route?.startsWith('PATCH'))).toEqual([]);
  });

  it('pages through every comment to find the marker (150 comments, marker on page 2)', async () => {
    for (let i = 0; i < 150; i++) {
      const body = i === 120 ? `${stickyMarker('gate-checks:release')}\nold verdict` : `comment ${i}`;
      github.server.seedComment({ owner: OWNER, repo: REPO, issueNumber: PR, body, login: i === 120 ? undefined : 'octocat' });
    }
    const marked = github.server.state.comments[120]!;

    const result = await sticky('new verdict');

    expect(result).toEqual({ ok: true, value: { id: marked.id, url: expect.any(String), action: 'updated' } });
    expect(github.server.requests.filter((r) => r.method === 'GET').map((r) => r.query)).toEqual([{ per_page: '100' }, { per_page: '100', page: '2' }]);
    expect(github.server.state.comments).toHaveLength(150);
    expect(marked.body).toBe(`${stickyMarker('gate-checks:release')}\nnew verdict`);
    expect(github.server.state.comments.filter((c) => c.body.startsWith('comment '))).toHaveLength(149);
  });

  it('keeps separate comments for separate markers', async () => {
    await sticky('gates', 'gate-checks:release');
    await sticky('lighthouse', 'lighthouse-budget');
    expect(github.server.state.comments.map((c) => c.body)).toEqual([
      '<!-- rollout-guard:gate-checks:release -->\ngates',
      '<!-- rollout-guard:lighthouse-budget -->\nlighthouse',
    ]);
  });

  it('keeps the marker a valid HTML comment whatever the name', () => {
    expect(stickyMarker('my policy -->x')).toBe('<!-- rollout-guard:my-policy-x -->');
  });

  it('cuts a body over 65536 characters so GitHub accepts it', async () => {
    const result = await sticky('z'.repeat(70_000));
    expect(result.ok).toBe(true);
    expect(github.server.state.comments[0]?.body.length).toBeLessThanOrEqual(65_536);
    expect(github.server.state.comments[0]?.body).toContain('truncated by rollout-guard');
  });

  it('returns a failed listing as a value naming the endpoint', async () => {
    github.server.failNext({ route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 404, message: 'Not Found' });
    const result = await sticky('x');
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ endpoint: `GET /repos/${OWNER}/${REPO}/issues/${PR}/comments`, status: 404 }),
    });
    expect(github.server.state.comments).toEqual([]);
  });
});
