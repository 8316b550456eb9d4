import { describe, expect, it } from 'vitest';
import { clearStickyComment, hiddenMarker, stickyMarker, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { tokenLogin } from '../../src/github/token-identity.js';
import { OWNER, REPO, useGitHubFixture } from './github-fixture.js';

const github = useGitHubFixture();
const PR = 17;
// What GitHub shows as the author of GITHUB_TOKEN's comments, and what the fake server's GraphQL `viewer` answers.
const BOT = 'github-actions[bot]';
const target = (marker = 'gate-checks:release') => ({ owner: OWNER, repo: REPO, issueNumber: PR, marker, author: BOT });
const sticky = (body: string, marker = 'gate-checks:release') => upsertStickyComment(github.octokit, { ...target(marker), body });
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

  it('never edits a look-alike: a comment by someone else holding the marker gets a new comment beside it', async () => {
    const planted = github.server.seedComment({ owner: OWNER, repo: REPO, issueNumber: PR, body: `${stickyMarker('gate-checks:release')}\n🟢 go (forged)`, login: 'mallory' });

    const result = await sticky('### no-go');

    expect(result.ok && result.value.action).toBe('created');
    expect(planted.body).toBe(`${stickyMarker('gate-checks:release')}\n🟢 go (forged)`);
    expect(github.server.state.comments.map((c) => [c.login, c.body])).toEqual([
      ['mallory', `${stickyMarker('gate-checks:release')}\n🟢 go (forged)`],
      [BOT, `${stickyMarker('gate-checks:release')}\n### no-go`],
    ]);
    expect(routes().filter((route) => route?.startsWith('PATCH'))).toEqual([]);
  });

  it('matches the author case-insensitively, as GitHub treats logins', async () => {
    const ours = github.server.seedComment({ owner: OWNER, repo: REPO, issueNumber: PR, body: `${stickyMarker('gate-checks:release')}\nold` });
    const result = await upsertStickyComment(github.octokit, { ...target(), author: 'GitHub-Actions[bot]', body: 'new' });
    expect(result.ok && result.value).toMatchObject({ id: ours.id, action: 'updated' });
  });
});

describe('tokenLogin', () => {
  it('asks GraphQL `viewer` (allowed to installation tokens, unlike GET /user) and gets the bot login the comments show', async () => {
    expect(await tokenLogin(github.octokit)).toEqual({ ok: true, value: BOT });
    expect(github.server.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/graphql']]);
  });

  it('returns a refusal as a value naming GraphQL, not a throw', async () => {
    github.server.failNext({ route: 'POST /graphql', status: 401, message: 'Bad credentials' });
    const result = await tokenLogin(github.octokit);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/^GitHub API POST \/graphql answered 401 "Bad credentials".*\(viewer \{ login \}\)$/);
  });
});

describe('clearStickyComment (comment-on-pass)', () => {
  it('delete: deletes our sticky comment, and leaves a look-alike by someone else alone', async () => {
    const planted = github.server.seedComment({ owner: OWNER, repo: REPO, issueNumber: PR, body: `${stickyMarker('gate-checks:release')}\nforged`, login: 'mallory' });
    const created = await sticky('### no-go');

    const cleared = await clearStickyComment(github.octokit, target(), 'delete');

    expect(cleared).toEqual({ ok: true, value: { id: created.ok && created.value.id, url: expect.any(String), action: 'deleted' } });
    expect(github.server.state.comments).toEqual([planted]);
    expect(routes().at(-1)).toBe('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}');
  });

  it('delete: nothing to do when there is no comment of ours (only a look-alike)', async () => {
    github.server.seedComment({ owner: OWNER, repo: REPO, issueNumber: PR, body: `${stickyMarker('gate-checks:release')}\nforged`, login: 'mallory' });
    expect(await clearStickyComment(github.octokit, target(), 'delete')).toEqual({ ok: true, value: null });
    expect(github.server.state.comments).toHaveLength(1);
    expect(routes().filter((route) => !route?.startsWith('GET') && route !== 'POST /graphql')).toEqual([]);
  });

  it('hide: folds the comment as outdated and unmarks it, so a later failure gets a new visible comment', async () => {
    const created = await sticky('### no-go');
    const comment = github.server.state.comments[0]!;

    const cleared = await clearStickyComment(github.octokit, target(), 'hide');

    expect(cleared.ok && cleared.value).toMatchObject({ id: created.ok && created.value.id, action: 'hidden' });
    expect(comment.minimizedReason).toBe('outdated');
    expect(comment.body).toBe(`${hiddenMarker('gate-checks:release')}\n### no-go`);
    const mutation = github.server.requests.at(-1)!;
    expect(mutation).toMatchObject({ method: 'POST', path: '/graphql' });
    expect((mutation.body as { variables: unknown }).variables).toEqual({ input: { subjectId: expect.stringMatching(/^IC_/), classifier: 'OUTDATED' } });

    const later = await sticky('### no-go again');
    expect(later.ok && later.value.action).toBe('created');
    expect(github.server.state.comments).toHaveLength(2);
    expect(comment.body).toBe(`${hiddenMarker('gate-checks:release')}\n### no-go`);
  });
});
