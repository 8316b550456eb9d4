import { createGitHubClient } from '../../github/client.js';
import { parseRepository } from '../../github/event.js';
import { readEventPayload } from '../shared/github-event.js';
import * as log from '../shared/log.js';
import type { PublishPlace } from '../shared/publish-inputs.js';
import { publishPullRequestComment, verdictCommit } from '../shared/pull-request-comment.js';

export interface BudgetComment {
  token: string;
  /** Tells two lighthouse-budget steps' comments apart, e.g. mobile and desktop. */
  title: string;
  markdown: string;
  passed: boolean;
  /** `commit`, `pr-number`, `comment-on-pass`. */
  place: PublishPlace;
  env: NodeJS.ProcessEnv;
}

/**
 * Puts the summary's tables in one sticky pull-request comment, updated in
 * place on every run. Needs `pull-requests: write`. A failure to comment is
 * an error annotation naming the endpoint, and never changes the decision.
 */
export async function publishComment(comment: BudgetComment): Promise<void> {
  const { env } = comment;
  const repository = parseRepository(env.GITHUB_REPOSITORY ?? '');
  if (!repository.ok) {
    log.error(`cannot comment on the pull request: GITHUB_REPOSITORY ${repository.error}`);
    return;
  }
  const event = await readEventPayload(env.GITHUB_EVENT_PATH);
  const commit = verdictCommit(comment.place, event, env);
  if (!commit.ok) {
    log.error(`cannot comment on the pull request: ${commit.error}`);
    return;
  }
  const octokit = await createGitHubClient({ token: comment.token, apiUrl: env.GITHUB_API_URL });
  await publishPullRequestComment({
    octokit,
    ...repository.value,
    event,
    place: comment.place,
    commit: commit.value,
    marker: `lighthouse-budget:${comment.title}`,
    body: comment.markdown,
    passed: comment.passed,
  });
}
