import { createGitHubClient } from '../../github/client.js';
import { parseRepository, pullRequestNumber } from '../../github/event.js';
import { upsertStickyComment } from '../../github/sticky-comment.js';
import { readEventPayload } from '../shared/github-event.js';
import * as log from '../shared/log.js';

/**
 * Puts the summary's tables in one sticky pull-request comment, updated in
 * place on every run (`title` tells two lighthouse-budget steps apart, e.g.
 * mobile and desktop). Needs `pull-requests: write`. A failure to comment is
 * an error annotation naming the endpoint, and never changes the decision.
 */
export async function publishComment(token: string, title: string, markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  const repository = parseRepository(env.GITHUB_REPOSITORY ?? '');
  if (!repository.ok) {
    log.error(`cannot comment on the pull request: GITHUB_REPOSITORY ${repository.error}`);
    return;
  }
  const issueNumber = pullRequestNumber(await readEventPayload(env.GITHUB_EVENT_PATH));
  if (issueNumber === null) {
    log.warning('input `comment` is true but this run is not for a pull request, so no comment was posted');
    return;
  }
  const octokit = createGitHubClient({ token, apiUrl: env.GITHUB_API_URL });
  const sticky = await upsertStickyComment(octokit, { ...repository.value, issueNumber, marker: `lighthouse-budget:${title}`, body: markdown });
  if (sticky.ok) log.info(`pull-request comment ${sticky.value.action} (${sticky.value.url})`);
  else log.error(`could not post the pull-request comment: ${sticky.error.message}`);
}
