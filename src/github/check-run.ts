import type { Octokit } from './client.js';
import { type Result, err, ok } from '../engine/result.js';
import type { Annotation } from '../report/annotation.js';
import { inBatches, toGitHubAnnotation } from './check-annotations.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';
import { GITHUB_LIMITS, fitMarkdown } from './text-limits.js';

/** A verdict to publish as a completed check run on a commit. */
export interface CheckRunRequest {
  owner: string;
  repo: string;
  /** The commit the run is attached to: a pull request's head, not the merge commit. */
  sha: string;
  /** The check's name in the PR's checks list (the policy name). */
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  /** Markdown; cut to GitHub's 65535 characters with a note. */
  summary: string;
  /** More Markdown shown below the summary; same limit. */
  text?: string;
  annotations: readonly Annotation[];
  /** The "Details" link, e.g. the workflow run's URL. */
  detailsUrl?: string;
  /** `GITHUB_WORKSPACE`: absolute annotation paths inside it are made repository-relative. */
  workspace?: string;
}

export interface PublishedCheckRun {
  id: number;
  /** The run's page on GitHub. */
  url: string | null;
  annotationsSent: number;
  /** True when the summary or text had to be cut to fit. */
  isTruncated: boolean;
}

/**
 * Creates a completed check run with the first 50 annotations, then adds the
 * rest 50 at a time with updates (GitHub's limit per request; annotations of
 * each update are appended). https://docs.github.com/rest/checks/runs
 */
export async function publishCheckRun(octokit: Octokit, request: CheckRunRequest): Promise<Result<PublishedCheckRun, GitHubFailure>> {
  const { owner, repo } = request;
  const summary = fitMarkdown(request.summary, GITHUB_LIMITS.checkRunOutput);
  const text = request.text === undefined ? undefined : fitMarkdown(request.text, GITHUB_LIMITS.checkRunOutput);
  const batches = inBatches(
    request.annotations.map((annotation) => toGitHubAnnotation(annotation, request.workspace)),
    GITHUB_LIMITS.annotationsPerRequest,
  );
  const output = { title: request.title, summary: summary.text };
  const created = await callGitHub(`POST /repos/${owner}/${repo}/check-runs`, () =>
    octokit.rest.checks.create({
      owner,
      repo,
      name: request.name,
      head_sha: request.sha,
      status: 'completed',
      conclusion: request.conclusion,
      ...(request.detailsUrl ? { details_url: request.detailsUrl } : {}),
      output: { ...output, ...(text ? { text: text.text } : {}), annotations: batches[0] ?? [] },
    }),
  );
  if (!created.ok) return created;
  const { id, html_url: url } = created.value.data;
  let annotationsSent = batches[0]?.length ?? 0;
  for (const batch of batches.slice(1)) {
    const updated = await callGitHub(`PATCH /repos/${owner}/${repo}/check-runs/${id}`, () =>
      octokit.rest.checks.update({ owner, repo, check_run_id: id, output: { ...output, annotations: batch } }),
    );
    if (!updated.ok) {
      const sent = `check run ${id} was created with ${annotationsSent} of ${request.annotations.length} annotations`;
      return err({ ...updated.error, message: `${updated.error.message} (${sent})` });
    }
    annotationsSent += batch.length;
  }
  return ok({ id, url, annotationsSent, isTruncated: summary.isTruncated || text?.isTruncated === true });
}
