import { renderCheckRun, renderStatus } from './render.js';
import { type Route, type RouteContext, type RouteReply, idParam, notFound, validationFailed } from './route.js';
import { type StoredCheckRun, inRepo } from './state.js';

/**
 * Check runs and commit statuses: the two ways a verdict lands on a commit.
 * https://docs.github.com/rest/checks/runs and https://docs.github.com/rest/commits/statuses
 */
type Output = { title?: string; summary?: string; text?: string; annotations?: Record<string, unknown>[] };

/** GitHub appends each request's annotations to the run; title, summary and text are replaced. */
function applyOutput(run: StoredCheckRun, output: Output | undefined): void {
  if (!output) return;
  if (output.title !== undefined) run.output.title = output.title;
  if (output.summary !== undefined) run.output.summary = output.summary;
  if (output.text !== undefined) run.output.text = output.text;
  run.annotations.push(...(output.annotations ?? []));
}

/** Giving a conclusion completes the run ("Providing conclusion will automatically set the status parameter to completed"). */
function applyProgress(context: RouteContext, run: StoredCheckRun): RouteReply | null {
  const { status, conclusion, completed_at: completedAt } = context.body as Record<string, string | undefined>;
  if (conclusion !== undefined) {
    run.conclusion = conclusion;
    run.status = 'completed';
  } else if (status !== undefined) {
    run.status = status;
  }
  if (run.status === 'completed' && run.conclusion === null) {
    return validationFailed('CheckRun', 'conclusion', 'conclusion must be provided when status is completed');
  }
  if (run.status === 'completed') run.completedAt = completedAt ?? run.completedAt ?? context.now();
  return null;
}

function createCheckRun(context: RouteContext): RouteReply {
  const { owner = '', repo = '' } = context.params;
  const body = context.body as Record<string, string | undefined> & { output?: Output };
  const run: StoredCheckRun = {
    id: context.nextId(),
    owner,
    repo,
    name: body.name ?? '',
    headSha: body.head_sha ?? '',
    status: 'queued',
    conclusion: null,
    startedAt: body.started_at ?? context.now(),
    completedAt: null,
    detailsUrl: body.details_url ?? null,
    externalId: body.external_id ?? '',
    output: { title: null, summary: null, text: null },
    annotations: [],
  };
  const refused = applyProgress(context, run);
  if (refused) return refused;
  applyOutput(run, body.output);
  context.state.checkRuns.push(run);
  return { status: 201, body: renderCheckRun(context.api, run) };
}

function findCheckRun(context: RouteContext): StoredCheckRun | undefined {
  const { owner = '', repo = '' } = context.params;
  const id = idParam(context, 'check_run_id');
  return context.state.checkRuns.find((run) => run.id === id && inRepo(run, owner, repo));
}

function updateCheckRun(context: RouteContext): RouteReply {
  const run = findCheckRun(context);
  if (!run) return notFound();
  const body = context.body as Record<string, string | undefined> & { output?: Output };
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  const refused = applyProgress(context, run);
  if (refused) return refused;
  applyOutput(run, body.output);
  return { status: 200, body: renderCheckRun(context.api, run) };
}

function getCheckRun(context: RouteContext): RouteReply {
  const run = findCheckRun(context);
  return run ? { status: 200, body: renderCheckRun(context.api, run) } : notFound();
}

/** A commit status description is cut off by GitHub at 140 characters: longer ones are refused. */
const STATUS_DESCRIPTION_LIMIT = 140;

function createCommitStatus(context: RouteContext): RouteReply {
  const { owner = '', repo = '', sha = '' } = context.params;
  const body = context.body as Record<string, string | null | undefined>;
  const description = body.description ?? null;
  if (description !== null && [...description].length > STATUS_DESCRIPTION_LIMIT) {
    return validationFailed('Status', 'description', `description is too long (maximum is ${STATUS_DESCRIPTION_LIMIT} characters)`);
  }
  const status = {
    id: context.nextId(),
    owner,
    repo,
    sha,
    state: body.state ?? '',
    description,
    targetUrl: body.target_url ?? null,
    context: body.context ?? 'default',
    createdAt: context.now(),
  };
  context.state.statuses.push(status);
  return { status: 201, body: renderStatus(context.api, status) };
}

export const CHECKS_ROUTES: Route[] = [
  { method: 'POST', template: '/repos/{owner}/{repo}/check-runs', handle: createCheckRun },
  { method: 'PATCH', template: '/repos/{owner}/{repo}/check-runs/{check_run_id}', handle: updateCheckRun },
  { method: 'GET', template: '/repos/{owner}/{repo}/check-runs/{check_run_id}', handle: getCheckRun },
  { method: 'POST', template: '/repos/{owner}/{repo}/statuses/{sha}', handle: createCommitStatus },
];
