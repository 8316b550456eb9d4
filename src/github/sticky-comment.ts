import type { Octokit } from '@octokit/rest';
import { type Result, ok } from '../engine/result.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';
import { GITHUB_LIMITS, fitMarkdown } from './text-limits.js';

/** One comment per pull request and marker, kept up to date rather than added to on every run. */
export interface StickyCommentRequest {
  owner: string;
  repo: string;
  /** The pull request (or issue) number. */
  issueNumber: number;
  /** Which sticky comment: e.g. the action and policy name. Characters outside `[A-Za-z0-9_.:/-]` become `-`. */
  marker: string;
  /** Markdown, without the marker (added here). */
  body: string;
}

export interface StickyCommentResult {
  id: number;
  url: string;
  /** `unchanged` when the comment already said exactly this: no update is sent. */
  action: 'created' | 'updated' | 'unchanged';
}

/** The hidden line that identifies the comment; HTML comments do not render, and `--` may not appear inside one. */
export function stickyMarker(marker: string): string {
  const safe = marker.replace(/[^\w.:/-]+/g, '-').replace(/-{2,}/g, '-');
  return `<!-- rollout-guard:${safe} -->`;
}

const sameText = (a: string, b: string): boolean => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');

interface ExistingComment {
  id: number;
  body: string;
  url: string;
}

/** The oldest comment carrying `marker`, reading every page (100 a page, GitHub's maximum) until found. */
async function findMarked(octokit: Octokit, request: StickyCommentRequest, marker: string): Promise<ExistingComment | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((comment) => comment.body?.includes(marker));
    if (found) return { id: found.id, body: found.body ?? '', url: found.html_url };
  }
  return null;
}

/**
 * Creates the sticky comment, or updates the earlier one in place.
 * https://docs.github.com/rest/issues/comments (needs `pull-requests: write` or `issues: write`).
 */
export async function upsertStickyComment(octokit: Octokit, request: StickyCommentRequest): Promise<Result<StickyCommentResult, GitHubFailure>> {
  const { owner, repo, issueNumber } = request;
  const marker = stickyMarker(request.marker);
  const body = `${marker}\n${fitMarkdown(request.body, GITHUB_LIMITS.commentBody - marker.length - 1).text}`;
  const existing = await callGitHub(`GET /repos/${owner}/${repo}/issues/${issueNumber}/comments`, () => findMarked(octokit, request, marker));
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
