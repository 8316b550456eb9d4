import type { Octokit } from '../../github/client.js';
import { type Result, err, ok } from '../../engine/result.js';
import { headSha, isWorkflowRunEvent, pullRequestNumber } from '../../github/event.js';
import { pullRequestHeadSha } from '../../github/pull-request-head.js';
import { clearStickyComment, upsertStickyComment } from '../../github/sticky-comment.js';
import { tokenLogin } from '../../github/token-identity.js';
import * as log from './log.js';
import type { PublishPlace } from './publish-inputs.js';

/**
 * The commit a verdict is about: the `commit` input, else the event's head
 * (see `headSha`), else GITHUB_SHA. On a `workflow_run` event the evidence
 * came from the run at `workflow_run.head_sha`, so a `commit` naming another
 * one is refused: taken from a fork's artifact, it would put the fork's
 * verdict on any commit of the repository.
 */
export function verdictCommit(place: PublishPlace, event: unknown, env: NodeJS.ProcessEnv): Result<string> {
  const fromEvent = headSha(event, env.GITHUB_SHA ?? '');
  if (place.commit === undefined) return ok(fromEvent);
  if (isWorkflowRunEvent(event) && fromEvent.toLowerCase() !== place.commit) {
    return err(`input \`commit\` is ${place.commit}, but this workflow_run is about ${fromEvent} (workflow_run.head_sha), whose run produced the evidence; pass \`github.event.workflow_run.head_sha\` or leave \`commit\` empty`);
  }
  return ok(place.commit);
}

export interface PullRequestComment {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** The workflow's event payload. */
  event: unknown;
  place: PublishPlace;
  /** The commit the verdict is about; the pull request's head must be this commit when the number did not come from the pull request's own event. */
  commit: string;
  marker: string;
  body: string;
  /** The verdict passed: `comment-on-pass` decides what becomes of the comment. */
  passed: boolean;
}

/**
 * Puts the verdict in the sticky comment of the pull request (or, on a pass
 * with `comment-on-pass: delete|hide`, takes it away). Every refusal is one
 * line in the log and never changes the decision.
 */
export async function publishPullRequestComment(comment: PullRequestComment): Promise<void> {
  const { octokit, owner, repo, place } = comment;
  const issueNumber = place.prNumber ?? pullRequestNumber(comment.event);
  if (issueNumber === null) {
    const hint = isWorkflowRunEvent(comment.event) ? ' (a `workflow_run` for a pull request from a fork lists none: pass its number as `pr-number`)' : '';
    log.warning(`input \`comment\` is true but this run is not for a pull request, so no comment was posted${hint}`);
    return;
  }
  // A number from an input (in the fork flow: from an artifact the fork's code wrote) or from another run is checked against the commit judged.
  if (place.prNumber !== undefined || isWorkflowRunEvent(comment.event)) {
    const head = await pullRequestHeadSha(octokit, owner, repo, issueNumber);
    if (!head.ok) {
      log.error(`could not check which commit pull request #${issueNumber} is at, so no comment was posted: ${head.error.message}`);
      return;
    }
    if (head.value !== comment.commit.toLowerCase()) {
      log.warning(`pull request #${issueNumber} is at ${head.value}, not at ${comment.commit} (the commit judged), so no comment was posted: it has newer commits, or \`pr-number\` names another pull request`);
      return;
    }
  }
  const author = await tokenLogin(octokit);
  if (!author.ok) {
    log.error(`could not learn which login the token comments as, so no comment was posted: ${author.error.message}`);
    return;
  }
  const target = { owner, repo, issueNumber, marker: comment.marker, author: author.value };
  if (comment.passed && place.commentOnPass !== 'update') {
    const cleared = await clearStickyComment(octokit, target, place.commentOnPass);
    if (!cleared.ok) log.error(`could not ${place.commentOnPass} the pull-request comment: ${cleared.error.message}`);
    else if (cleared.value) log.info(`pull-request comment ${cleared.value.action} (${cleared.value.url}): the verdict passed`);
    else log.info('the verdict passed and there is no pull-request comment to ' + place.commentOnPass);
    return;
  }
  const sticky = await upsertStickyComment(octokit, { ...target, body: comment.body });
  if (sticky.ok) log.info(`pull-request comment ${sticky.value.action} (${sticky.value.url})`);
  else log.error(`could not post the pull-request comment: ${sticky.error.message}`);
}
