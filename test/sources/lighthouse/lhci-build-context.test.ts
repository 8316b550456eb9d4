import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildContextSources, gitIn, readBuildContext } from '../../../src/sources/lighthouse/lhci-build-context.js';
import { type TestCommit, commit, git, initRepo } from '../../support/git-repo.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * The build context against a real git history, and what a shallow
 * checkout's git cannot say (git answering nothing) taken from the event.
 */
let repo: string;
let first: TestCommit;
let second: TestCommit;
let feature: TestCommit;

beforeAll(async () => {
  repo = await workspaceDir('build-context');
  initRepo(repo);
  first = commit(repo, 'First', '2026-01-01T00:00:00Z');
  second = commit(repo, 'Second', '2026-01-02T00:00:00Z', { name: 'Grace Hopper', email: 'grace@example.com' });
  git(repo, ['checkout', '-q', '-b', 'feature/very-long-branch-name-that-goes-beyond-forty-characters']);
  feature = commit(repo, `A subject longer than eighty characters ${'x'.repeat(60)}`, '2026-01-03T00:00:00Z');
  git(repo, ['checkout', '-q', 'main']);
});

const sources = (overrides: Partial<BuildContextSources>): BuildContextSources => ({ env: {}, event: {}, commit: undefined, baseBranch: 'main', git: gitIn(repo, {}), now: new Date('2026-02-01T00:00:00Z'), ...overrides });
const noGit = async () => null;

describe('readBuildContext', () => {
  it('with git alone (a local run): HEAD, its branch, its parent as ancestor on the base branch', async () => {
    const result = await readBuildContext(sources({}));
    expect(result).toMatchObject({ ok: true, value: { unknown: [], context: { hash: second.sha, branch: 'main', ancestorHash: first.sha, commitMessage: 'Second', author: 'Grace Hopper <grace@example.com>', committedAt: second.committedAt, ancestorCommittedAt: first.committedAt, externalBuildUrl: '', runAt: '2026-02-01T00:00:00.000Z' } } });
  });

  it('a branch is cut to 40 characters, its subject to 80, and compared with its merge base', async () => {
    const result = await readBuildContext(sources({ env: { GITHUB_SHA: feature.sha, GITHUB_REF: 'refs/heads/feature/very-long-branch-name-that-goes-beyond-forty-characters' } }));
    expect(result.ok && result.value.context).toMatchObject({ hash: feature.sha, branch: 'feature/very-long-branch-name-that-goes-', ancestorHash: second.sha, commitMessage: feature.subject.slice(0, 80) });
  });

  it('LHCI_BUILD_CONTEXT__ variables win over GitHub and git, as in LHCI; an all-zero ancestor is no ancestor', async () => {
    const env = {
      LHCI_BUILD_CONTEXT__CURRENT_HASH: 'a'.repeat(40),
      LHCI_BUILD_CONTEXT__CURRENT_BRANCH: 'refs/heads/release',
      LHCI_BUILD_CONTEXT__ANCESTOR_HASH: '0'.repeat(40),
      LHCI_BUILD_CONTEXT__COMMIT_MESSAGE: '  Release notes  ',
      LHCI_BUILD_CONTEXT__AUTHOR: 'Bot <bot@example.com>',
      LHCI_BUILD_CONTEXT__AVATAR_URL: 'https://example.com/bot.png',
      LHCI_BUILD_CONTEXT__COMMIT_TIME: '2026-01-05T00:00:00Z',
      LHCI_BUILD_CONTEXT__EXTERNAL_BUILD_URL: 'https://ci.example.com/7',
      GITHUB_SHA: second.sha,
      GITHUB_HEAD_REF: 'ignored',
      GITHUB_REPOSITORY: 'example/shop',
      GITHUB_RUN_ID: '1',
    };
    const result = await readBuildContext(sources({ env, git: noGit }));
    expect(result.ok && result.value.context).toMatchObject({ hash: 'a'.repeat(40), branch: 'release', ancestorHash: '', commitMessage: 'Release notes', author: 'Bot <bot@example.com>', avatarUrl: 'https://example.com/bot.png', committedAt: '2026-01-05T00:00:00Z', externalBuildUrl: 'https://ci.example.com/7' });
  });

  it('a shallow pull-request checkout: the head commit and base from the event, the fields git cannot read named as unknown', async () => {
    const event = { pull_request: { head: { sha: feature.sha }, base: { sha: second.sha } } };
    const result = await readBuildContext(sources({ env: { GITHUB_SHA: 'f'.repeat(40), GITHUB_HEAD_REF: 'feature', GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_REPOSITORY: 'example/shop', GITHUB_RUN_ID: '99' }, event, git: noGit }));
    expect(result).toMatchObject({ ok: true, value: { unknown: ['commitMessage', 'author', 'committedAt'], context: { hash: feature.sha, branch: 'feature', ancestorHash: second.sha, commitMessage: undefined, avatarUrl: undefined, externalBuildUrl: 'https://ghe.example.com/example/shop/actions/runs/99' } } });
  });

  it("a shallow push to the base branch: the push's head_commit and `before`", async () => {
    const event = { before: first.sha, head_commit: { id: second.sha, message: 'Second\n\nbody', timestamp: '2026-01-02T00:00:00Z', author: { name: 'Grace Hopper', email: 'grace@example.com' } } };
    const result = await readBuildContext(sources({ env: { GITHUB_SHA: second.sha, GITHUB_REF: 'refs/heads/main' }, event, git: noGit }));
    expect(result).toMatchObject({ ok: true, value: { unknown: [], context: { hash: second.sha, branch: 'main', ancestorHash: first.sha, commitMessage: 'Second', author: 'Grace Hopper <grace@example.com>', committedAt: '2026-01-02T00:00:00Z' } } });
  });

  it('a workflow_run: the first workflow head commit and branch; the commit input wins over both', async () => {
    const event = { workflow_run: { head_sha: feature.sha, head_branch: 'from-fork' } };
    const fromEvent = await readBuildContext(sources({ env: { GITHUB_SHA: second.sha, GITHUB_REF: 'refs/heads/main' }, event }));
    expect(fromEvent.ok && fromEvent.value.context).toMatchObject({ hash: feature.sha, branch: 'from-fork' });
    const fromInput = await readBuildContext(sources({ env: { GITHUB_SHA: second.sha }, event, commit: first.sha }));
    expect(fromInput.ok && fromInput.value.context.hash).toBe(first.sha);
  });

  it('no commit and no branch anywhere: one line naming the variable to set', async () => {
    expect(await readBuildContext(sources({ git: noGit }))).toEqual({ ok: false, error: expect.stringContaining('set LHCI_BUILD_CONTEXT__CURRENT_HASH') as unknown });
    expect(await readBuildContext(sources({ env: { GITHUB_SHA: second.sha }, git: noGit }))).toEqual({ ok: false, error: expect.stringContaining('set LHCI_BUILD_CONTEXT__CURRENT_BRANCH') as unknown });
  });

  it('git runs without the action inputs in its environment', async () => {
    const seen = await gitIn(repo, { PATH: process.env.PATH, 'INPUT_SERVER-TOKEN': 'secret-token-value', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'alias.show-env', GIT_CONFIG_VALUE_0: '!env' })(['show-env']);
    expect(seen).toContain('GIT_CONFIG_COUNT');
    expect(seen).not.toContain('secret-token-value');
  });
});
