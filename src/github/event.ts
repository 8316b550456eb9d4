import { type Result, err, ok } from '../engine/result.js';

/**
 * Pure readers of the workflow's event payload (the parsed
 * `GITHUB_EVENT_PATH` file), which the caller reads at the edge.
 * https://docs.github.com/webhooks/webhook-events-and-payloads
 *
 * Not `@actions/github`'s `context`: it reads `process.env` and the payload
 * once, when first loaded (so loading it would put Octokit in every
 * bundle's main chunk, and tests could not hand it an environment),
 * `context.repo` splits GITHUB_REPOSITORY unchecked, `context.issue` takes
 * any payload's `number`, and it knows no `workflow_run` head commit.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const field = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);

const positiveInteger = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);

/** A full commit SHA: 40 hex digits (SHA-1), or 64 in a SHA-256 repository. */
export function isFullSha(text: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(text);
}

/** The `workflow_run` object of a `workflow_run` event, or undefined for every other event. */
const workflowRun = (event: unknown): unknown => field(event, 'workflow_run');

/** True for a `workflow_run` event: a workflow started by another one's run, e.g. to publish what a fork's tests produced. */
export function isWorkflowRunEvent(event: unknown): boolean {
  return isRecord(workflowRun(event));
}

/**
 * The pull request the run is about: `pull_request` and `pull_request_target`
 * carry `pull_request.number`; an `issue_comment` on a pull request carries
 * `issue.number` with an `issue.pull_request` object (on a plain issue it has
 * none); a `workflow_run` carries `workflow_run.pull_requests[0].number`, but
 * only for a pull request from a branch of this repository: for one from a
 * fork that list is empty, so the first workflow must pass the number on (in
 * its artifact) and this one takes it as the `pr-number` input. Null for
 * every other event.
 */
export function pullRequestNumber(event: unknown): number | null {
  const fromPullRequest = positiveInteger(field(field(event, 'pull_request'), 'number'));
  if (fromPullRequest !== null) return fromPullRequest;
  const issue = field(event, 'issue');
  if (isRecord(field(issue, 'pull_request'))) return positiveInteger(field(issue, 'number'));
  const listed = field(workflowRun(event), 'pull_requests');
  return Array.isArray(listed) ? positiveInteger(field(listed[0], 'number')) : null;
}

/**
 * The commit a verdict belongs to. On `pull_request` events GITHUB_SHA is the
 * temporary merge commit, which no one sees in the PR; the head commit is
 * what the checks list shows. On `workflow_run` events GITHUB_SHA is the
 * default branch's last commit; `workflow_run.head_sha` is the commit the
 * first workflow ran on (a fork's head included). Other events (including
 * `issue_comment`, whose payload has no head) use `fallbackSha`, normally
 * GITHUB_SHA.
 */
export function headSha(event: unknown, fallbackSha: string): string {
  const fromPullRequest = field(field(field(event, 'pull_request'), 'head'), 'sha');
  if (typeof fromPullRequest === 'string' && isFullSha(fromPullRequest)) return fromPullRequest;
  const fromWorkflowRun = field(workflowRun(event), 'head_sha');
  return typeof fromWorkflowRun === 'string' && isFullSha(fromWorkflowRun) ? fromWorkflowRun : fallbackSha;
}

export interface Repository {
  owner: string;
  repo: string;
}

// GitHub's rules: owner 1–39 of [A-Za-z0-9-], not starting with a hyphen; repository names of [A-Za-z0-9._-], at most 100.
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** `owner/repo` (as in GITHUB_REPOSITORY or a `repository` input) split and checked. */
export function parseRepository(text: string): Result<Repository> {
  const parts = text.trim().split('/');
  const [owner = '', repo = ''] = parts;
  if (parts.length !== 2 || !OWNER.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..') {
    return err(`repository must be \`owner/name\` (as in GITHUB_REPOSITORY), got \`${text}\``);
  }
  return ok({ owner, repo });
}
