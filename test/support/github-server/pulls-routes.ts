import { renderUser } from './render.js';
import { type Route, type RouteContext, type RouteReply, idParam, notFound } from './route.js';
import { type StoredPullRequest, inRepo } from './state.js';

/**
 * One pull request read by number, as the fork flow checks that a pull
 * request named by an artifact is at the commit judged.
 * https://docs.github.com/rest/pulls/pulls#get-a-pull-request
 *
 * Not played: mergeability (GitHub computes it in the background; here
 * always `mergeable: true`, `clean`), reviews, diffs and counts (all 0).
 */
const HTML = 'https://github.com';

function renderRepository(api: string, owner: string, name: string, id: number): Record<string, unknown> {
  const url = `${api}/repos/${owner}/${name}`;
  const html = `${HTML}/${owner}/${name}`;
  const at = (suffix: string): string => `${url}/${suffix}`;
  return {
    id,
    node_id: `R_${Buffer.from(String(id)).toString('base64')}`,
    name,
    full_name: `${owner}/${name}`,
    owner: renderUser(api, owner),
    private: false,
    html_url: html,
    description: null,
    fork: false,
    url,
    ...Object.fromEntries(
      [
        ['assignees_url', 'assignees', '{/user}'],
        ['blobs_url', 'git/blobs', '{/sha}'],
        ['branches_url', 'branches', '{/branch}'],
        ['collaborators_url', 'collaborators', '{/collaborator}'],
        ['comments_url', 'comments', '{/number}'],
        ['commits_url', 'commits', '{/sha}'],
        ['compare_url', 'compare', '/{base}...{head}'],
        ['contents_url', 'contents', '/{+path}'],
        ['contributors_url', 'contributors', ''],
        ['deployments_url', 'deployments', ''],
        ['downloads_url', 'downloads', ''],
        ['events_url', 'events', ''],
        ['forks_url', 'forks', ''],
        ['git_commits_url', 'git/commits', '{/sha}'],
        ['git_refs_url', 'git/refs', '{/sha}'],
        ['git_tags_url', 'git/tags', '{/sha}'],
        ['hooks_url', 'hooks', ''],
        ['issue_comment_url', 'issues/comments', '{/number}'],
        ['issue_events_url', 'issues/events', '{/number}'],
        ['issues_url', 'issues', '{/number}'],
        ['keys_url', 'keys', '{/key_id}'],
        ['labels_url', 'labels', '{/name}'],
        ['languages_url', 'languages', ''],
        ['merges_url', 'merges', ''],
        ['milestones_url', 'milestones', '{/number}'],
        ['notifications_url', 'notifications', '{?since,all,participating}'],
        ['pulls_url', 'pulls', '{/number}'],
        ['releases_url', 'releases', '{/id}'],
        ['stargazers_url', 'stargazers', ''],
        ['statuses_url', 'statuses', '/{sha}'],
        ['subscribers_url', 'subscribers', ''],
        ['subscription_url', 'subscription', ''],
        ['tags_url', 'tags', ''],
        ['teams_url', 'teams', ''],
        ['trees_url', 'git/trees', '{/sha}'],
      ].map(([key, path, template]) => [key, `${at(path!)}${template}`]),
    ),
    archive_url: at('{archive_format}{/ref}'),
    clone_url: `${html}.git`,
    git_url: `git://github.com/${owner}/${name}.git`,
    ssh_url: `git@github.com:${owner}/${name}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    default_branch: 'main',
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: 0,
    open_issues_count: 0,
    size: 0,
    has_downloads: true,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: '2026-01-01T00:00:00Z',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

function renderPullRequest(api: string, pr: StoredPullRequest): Record<string, unknown> {
  const repoApi = `${api}/repos/${pr.owner}/${pr.repo}`;
  const url = `${repoApi}/pulls/${pr.number}`;
  const html = `${HTML}/${pr.owner}/${pr.repo}/pull/${pr.number}`;
  const issue = `${repoApi}/issues/${pr.number}`;
  const headRepoName = pr.repo;
  const end = (ref: string, sha: string, owner: string, repoId: number) => ({
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: renderUser(api, owner),
    repo: renderRepository(api, owner, headRepoName, repoId),
  });
  const isFork = pr.headOwner.toLowerCase() !== pr.owner.toLowerCase();
  const head = end(pr.headRef, pr.headSha, pr.headOwner, isFork ? pr.id + 2 : pr.id + 1);
  return {
    url,
    id: pr.id,
    node_id: `PR_${Buffer.from(String(pr.id)).toString('base64')}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApi}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${repoApi}/statuses/${pr.headSha}`,
    number: pr.number,
    state: 'open',
    locked: false,
    title: `Pull request ${pr.number}`,
    user: renderUser(api, pr.headOwner),
    body: null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pr.createdAt,
    updated_at: pr.createdAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: { ...head, repo: { ...(head.repo as object), fork: isFork } },
    base: end(pr.baseRef, 'b'.repeat(40), pr.owner, pr.id + 1),
    _links: Object.fromEntries(
      [
        ['self', url],
        ['html', html],
        ['issue', issue],
        ['comments', `${issue}/comments`],
        ['review_comments', `${url}/comments`],
        ['review_comment', `${repoApi}/pulls/comments{/number}`],
        ['commits', `${url}/commits`],
        ['statuses', `${repoApi}/statuses/${pr.headSha}`],
      ].map(([name, href]) => [name, { href }]),
    ),
    author_association: isFork ? 'CONTRIBUTOR' : 'MEMBER',
    auto_merge: null,
    draft: false,
    merged: false,
    mergeable: true,
    rebaseable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

function getPullRequest(context: RouteContext): RouteReply {
  const { owner = '', repo = '' } = context.params;
  const number = idParam(context, 'pull_number');
  const pr = context.state.pullRequests.find((one) => one.number === number && inRepo(one, owner, repo));
  return pr ? { status: 200, body: renderPullRequest(context.api, pr) } : notFound();
}

export const PULLS_ROUTES: Route[] = [{ method: 'GET', template: '/repos/{owner}/{repo}/pulls/{pull_number}', handle: getPullRequest }];
