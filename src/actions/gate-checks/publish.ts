import { createGitHubClient } from '../../github/client.js';
import { parseRepository } from '../../github/event.js';
import { publishVerdict } from '../../github/publish-verdict.js';
import type { Annotation } from '../../report/annotation.js';
import type { Report } from '../../report/model.js';
import { readEventPayload } from '../shared/github-event.js';
import * as log from '../shared/log.js';
import type { PublishPlace } from '../shared/publish-inputs.js';
import { publishPullRequestComment, verdictCommit } from '../shared/pull-request-comment.js';

export interface GatePublication {
  token: string;
  /** The check run's name and the sticky comment's marker. */
  title: string;
  report: Report;
  markdown: string;
  annotations: Annotation[];
  comment: boolean;
  /** `commit`, `pr-number`, `comment-on-pass`. */
  place: PublishPlace;
  env: NodeJS.ProcessEnv;
  workspace: string;
}

/**
 * Puts the verdict on the commit (a check run, or a commit status when the
 * token may not create check runs) and, when asked, in one sticky comment.
 * A publishing failure is loud (an error annotation naming the endpoint) but
 * never changes the decision: the outputs and job summary still carry it.
 */
export async function publishGate(publication: GatePublication): Promise<void> {
  const { env, report, title, markdown } = publication;
  const repository = parseRepository(env.GITHUB_REPOSITORY ?? '');
  if (!repository.ok) {
    log.error(`cannot publish the gate to GitHub: GITHUB_REPOSITORY ${repository.error}`);
    return;
  }
  const { owner, repo } = repository.value;
  const event = await readEventPayload(env.GITHUB_EVENT_PATH);
  const octokit = await createGitHubClient({ token: publication.token, apiUrl: env.GITHUB_API_URL });
  const judged = verdictCommit(publication.place, event, env);
  if (!judged.ok) {
    log.error(`cannot publish the gate to GitHub: ${judged.error}`);
    return;
  }
  const commit = judged.value;

  const published = await publishVerdict(octokit, {
    owner,
    repo,
    sha: commit,
    name: title,
    conclusion: report.decision === 'go' ? 'success' : 'failure',
    title: report.summary,
    summary: markdown,
    annotations: publication.annotations,
    workspace: publication.workspace,
    ...(report.context.runUrl ? { detailsUrl: report.context.runUrl } : {}),
  });
  if (published.ok) {
    log.info(`published the gate as a ${published.value.via}${published.value.url ? ` (${published.value.url})` : ''} with ${published.value.annotationsSent} annotation(s)`);
    if (published.value.note) log.warning(published.value.note);
  } else {
    log.error(`could not publish the gate to GitHub: ${published.error.message}`);
  }

  if (!publication.comment) return;
  await publishPullRequestComment({ octokit, owner, repo, event, place: publication.place, commit, marker: title, body: markdown, passed: report.decision === 'go' });
}
