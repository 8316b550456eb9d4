import type { Octokit } from './client.js';
import { type Result, err, ok } from '../engine/result.js';
import { type CheckRunRequest, publishCheckRun } from './check-run.js';
import { type CommitStatusRequest, publishCommitStatus } from './commit-status.js';
import type { GitHubFailure } from './github-failure.js';

/** How the verdict reached the commit, and what the user should know about it. */
export type PublishedVerdict =
  | { via: 'check-run'; id: number; url: string | null; annotationsSent: number; note: string | null }
  | { via: 'commit-status'; id: number; url: string | null; annotationsSent: 0; note: string };

/** A commit status has no `neutral`; a neutral check does not block a merge, so neither may its stand-in. */
const STATUS_STATE = {
  success: 'success',
  failure: 'failure',
  neutral: 'success',
} as const satisfies Record<CheckRunRequest['conclusion'], CommitStatusRequest['state']>;

/**
 * Publishes a verdict as a check run (`name` is its name), falling back to a
 * commit status (`name` as its context) when GitHub refuses the check run
 * with 403: a token without `checks: write`. That helps a workflow whose
 * `permissions:` grant `statuses: write` only; on pull requests from forks
 * the GITHUB_TOKEN is read-only and the status is refused too, and then the
 * failure says both and where the verdict still is.
 * https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
 */
export async function publishVerdict(octokit: Octokit, request: CheckRunRequest): Promise<Result<PublishedVerdict, GitHubFailure>> {
  const checkRun = await publishCheckRun(octokit, request);
  if (checkRun.ok) {
    const { id, url, annotationsSent, isTruncated } = checkRun.value;
    const note = isTruncated ? "The check run's summary was cut to GitHub's 65535-character limit; the job summary has it all." : null;
    return ok({ via: 'check-run', id, url, annotationsSent, note });
  }
  if (checkRun.error.status !== 403) return checkRun;
  const refusal = `${checkRun.error.endpoint} answered 403`;
  const status = await publishCommitStatus(octokit, {
    owner: request.owner,
    repo: request.repo,
    sha: request.sha,
    context: request.name,
    state: STATUS_STATE[request.conclusion],
    description: request.title,
    ...(request.detailsUrl ? { targetUrl: request.detailsUrl } : {}),
  });
  if (!status.ok) {
    const where = 'The verdict is still in the job summary and the outputs (a pull request from a fork gets a read-only token).';
    return err({ ...status.error, message: `The check run was refused (${refusal}), and so was the commit status fallback: ${status.error.message}. ${where}` });
  }
  const dropped = request.annotations.length > 0 ? ` ${request.annotations.length} annotation(s) could not be shown (commit statuses have none).` : '';
  const why = `The token may not create check runs (${refusal}; grant \`checks: write\` in the workflow's \`permissions:\`)`;
  return ok({
    via: 'commit-status',
    id: status.value.id,
    url: request.detailsUrl ?? null,
    annotationsSent: 0,
    note: `${why}, so the verdict was published as commit status "${request.name}".${dropped}`,
  });
}
