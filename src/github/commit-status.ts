import type { Octokit } from './client.js';
import { type Result, ok } from '../engine/result.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';
import { GITHUB_LIMITS, truncateText } from './text-limits.js';

/** A commit status: the older, simpler way to mark a commit, needing only `statuses: write`. */
export interface CommitStatusRequest {
  owner: string;
  repo: string;
  sha: string;
  /** The status's name in the PR's checks list. */
  context: string;
  state: 'success' | 'failure' | 'error' | 'pending';
  /** Cut to GitHub's 140 characters. */
  description: string;
  /** The "Details" link. */
  targetUrl?: string;
}

export interface PublishedCommitStatus {
  id: number;
  /** The description as sent, after truncation. */
  description: string;
}

/** https://docs.github.com/rest/commits/statuses#create-a-commit-status */
export async function publishCommitStatus(octokit: Octokit, request: CommitStatusRequest): Promise<Result<PublishedCommitStatus, GitHubFailure>> {
  const { owner, repo, sha } = request;
  const description = truncateText(request.description.replace(/\s+/g, ' ').trim(), GITHUB_LIMITS.statusDescription, '…');
  const created = await callGitHub(`POST /repos/${owner}/${repo}/statuses/${sha}`, () =>
    octokit.rest.repos.createCommitStatus({
      owner,
      repo,
      sha,
      state: request.state,
      context: request.context,
      description,
      ...(request.targetUrl ? { target_url: request.targetUrl } : {}),
    }),
  );
  if (!created.ok) return created;
  return ok({ id: created.value.data.id, description });
}
