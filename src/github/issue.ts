import type { Octokit } from './client.js';
import { type Result, ok } from '../engine/result.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';
import { GITHUB_LIMITS, fitMarkdown } from './text-limits.js';

/** An issue to open, e.g. auto-rollback's record of a rollback with its evidence. */
export interface IssueRequest {
  owner: string;
  repo: string;
  title: string;
  /** Markdown; cut to GitHub's 65536 characters with a note. */
  body: string;
  /** Label names; GitHub creates missing ones when the token may push. */
  labels?: string[];
}

export interface CreatedIssue {
  number: number;
  url: string;
}

/** https://docs.github.com/rest/issues/issues#create-an-issue (needs `issues: write`). */
export async function createIssue(octokit: Octokit, request: IssueRequest): Promise<Result<CreatedIssue, GitHubFailure>> {
  const { owner, repo } = request;
  const body = fitMarkdown(request.body, GITHUB_LIMITS.commentBody, 'the workflow run').text;
  const created = await callGitHub(`POST /repos/${owner}/${repo}/issues`, () =>
    octokit.rest.issues.create({ owner, repo, title: request.title, body, ...(request.labels?.length ? { labels: request.labels } : {}) }),
  );
  if (!created.ok) return created;
  return ok({ number: created.value.data.number, url: created.value.data.html_url });
}
