import type { Octokit } from './client.js';
import { type Result, ok } from '../engine/result.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';
import { callGraphql } from './graphql-call.js';
import { GITHUB_LIMITS, fitMarkdown } from './text-limits.js';

/**
 * Which sticky comment: one per pull request, marker and author. Only
 * comments written by `author` count: anyone may write a comment holding the
 * marker, and one planted by someone else must never be edited, deleted or
 * hidden as ours.
 */
export interface StickyCommentTarget {
  owner: string;
  repo: string;
  /** The pull request (or issue) number. */
  issueNumber: number;
  /** Which sticky comment: e.g. the action and policy name. Characters outside `[A-Za-z0-9_.:/-]` become `-`. */
  marker: string;
  /** The login the token acts as (see token-identity.ts), as GitHub shows it on the comments it writes. */
  author: string;
}

/** One comment per pull request and marker, kept up to date rather than added to on every run. */
export interface StickyCommentRequest extends StickyCommentTarget {
  /** Markdown, without the marker (added here). */
  body: string;
}

export interface StickyCommentResult {
  id: number;
  url: string;
  /** `unchanged` when the comment already said exactly this: no update is sent. */
  action: 'created' | 'updated' | 'unchanged';
}

const safeName = (marker: string): string => marker.replace(/[^\w.:/-]+/g, '-').replace(/-{2,}/g, '-');

/** The hidden line that identifies the comment; HTML comments do not render, and `--` may not appear inside one. */
export function stickyMarker(marker: string): string {
  return `<!-- rollout-guard:${safeName(marker)} -->`;
}

/** The line a hidden comment carries instead, so a later verdict is never written into a comment readers see folded. */
export function hiddenMarker(marker: string): string {
  return `<!-- rollout-guard-hidden:${safeName(marker)} -->`;
}

const sameText = (a: string, b: string): boolean => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');

interface ExistingComment {
  id: number;
  /** The GraphQL node id, which `minimizeComment` takes. */
  nodeId: string;
  body: string;
  url: string;
}

/** Logins compare case-insensitively, as GitHub treats them. */
const sameLogin = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The oldest comment by `target.author` carrying `marker`, reading every page (100 a page, GitHub's maximum) until found. */
async function findMarked(octokit: Octokit, target: StickyCommentTarget, marker: string): Promise<ExistingComment | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((comment) => sameLogin(comment.user?.login, target.author) && comment.body?.includes(marker));
    if (found) return { id: found.id, nodeId: found.node_id, body: found.body ?? '', url: found.html_url };
  }
  return null;
}

const listEndpoint = (target: StickyCommentTarget): string => `GET /repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`;

/**
 * Creates the sticky comment, or updates the earlier one in place.
 * https://docs.github.com/rest/issues/comments (needs `pull-requests: write` or `issues: write`).
 */
export async function upsertStickyComment(octokit: Octokit, request: StickyCommentRequest): Promise<Result<StickyCommentResult, GitHubFailure>> {
  const { owner, repo, issueNumber } = request;
  const marker = stickyMarker(request.marker);
  const body = `${marker}\n${fitMarkdown(request.body, GITHUB_LIMITS.commentBody - marker.length - 1).text}`;
  const existing = await callGitHub(listEndpoint(request), () => findMarked(octokit, request, marker));
  if (!existing.ok) return existing;
  const earlier = existing.value;
  if (earlier && sameText(earlier.body, body)) return ok({ id: earlier.id, url: earlier.url, action: 'unchanged' });
  if (earlier) {
    const updated = await callGitHub(`PATCH /repos/${owner}/${repo}/issues/comments/${earlier.id}`, () =>
      octokit.rest.issues.updateComment({ owner, repo, comment_id: earlier.id, body }),
    );
    return updated.ok ? ok({ id: earlier.id, url: updated.value.data.html_url, action: 'updated' }) : updated;
  }
  const created = await callGitHub(`POST /repos/${owner}/${repo}/issues/${issueNumber}/comments`, () =>
    octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body }),
  );
  return created.ok ? ok({ id: created.value.data.id, url: created.value.data.html_url, action: 'created' }) : created;
}

export interface ClearedStickyComment {
  id: number;
  url: string;
  action: 'deleted' | 'hidden';
}

/**
 * Removes the sticky comment once the verdict passes, for teams that want a
 * pull request's conversation to show only what needs fixing. `delete`
 * deletes it; `hide` folds it as outdated (GraphQL `minimizeComment`, which
 * REST does not offer) after swapping its marker for `hiddenMarker`, so a
 * later failure gets a new, visible comment rather than an update nobody sees.
 * Null when there is no sticky comment by `author`.
 */
export async function clearStickyComment(octokit: Octokit, target: StickyCommentTarget, how: 'delete' | 'hide'): Promise<Result<ClearedStickyComment | null, GitHubFailure>> {
  const { owner, repo } = target;
  const marker = stickyMarker(target.marker);
  const existing = await callGitHub(listEndpoint(target), () => findMarked(octokit, target, marker));
  if (!existing.ok) return existing;
  const found = existing.value;
  if (found === null) return ok(null);
  const commentEndpoint = `/repos/${owner}/${repo}/issues/comments/${found.id}`;
  if (how === 'delete') {
    const deleted = await callGitHub(`DELETE ${commentEndpoint}`, () => octokit.rest.issues.deleteComment({ owner, repo, comment_id: found.id }));
    return deleted.ok ? ok({ id: found.id, url: found.url, action: 'deleted' }) : deleted;
  }
  const body = found.body.replace(marker, hiddenMarker(target.marker));
  const unmarked = await callGitHub(`PATCH ${commentEndpoint}`, () => octokit.rest.issues.updateComment({ owner, repo, comment_id: found.id, body }));
  if (!unmarked.ok) return unmarked;
  const minimized = await callGraphql(octokit, 'minimizeComment', MINIMIZE, { input: { subjectId: found.nodeId, classifier: 'OUTDATED' } });
  return minimized.ok ? ok({ id: found.id, url: found.url, action: 'hidden' }) : minimized;
}

const MINIMIZE = 'mutation ($input: MinimizeCommentInput!) { minimizeComment(input: $input) { minimizedComment { isMinimized } } }';
