import { renderDeployment, renderDeploymentStatus } from './render.js';
import { type Route, type RouteContext, type RouteReply, idParam, notFound, paginate, validationFailed } from './route.js';
import { type StoredDeployment, type StoredDeploymentStatus, inRepo } from './state.js';

/**
 * Deployments and deployment statuses, where canary-promote keeps a rollout's
 * state. https://docs.github.com/rest/deployments/deployments
 *
 * Not played: `auto_merge` (GitHub may answer 202 after merging the default
 * branch) and `required_contexts` (GitHub answers 409 when a commit status of
 * the ref is not `success`); every create here succeeds with 201.
 */
const DESCRIPTION_LIMIT = 140;

type Body = Record<string, unknown>;
const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/** A string payload that holds a JSON object is stored (and returned) as that object. */
function payloadOf(payload: unknown): StoredDeployment['payload'] {
  if (payload !== null && typeof payload === 'object') return payload as Record<string, unknown>;
  if (typeof payload !== 'string' || payload === '') return {};
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : payload;
  } catch {
    return payload;
  }
}

function createDeployment(context: RouteContext): RouteReply {
  const { owner = '', repo = '' } = context.params;
  const body: Body = context.body;
  const ref = text(body.ref, '');
  const environment = text(body.environment, 'production');
  const deployment: StoredDeployment = {
    id: context.nextId(),
    owner,
    repo,
    sha: context.resolveRef(ref),
    ref,
    task: text(body.task, 'deploy'),
    payload: payloadOf(body.payload),
    environment,
    originalEnvironment: environment,
    description: body.description === null ? null : text(body.description, ''),
    transientEnvironment: body.transient_environment === true,
    productionEnvironment: typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
    createdAt: context.now(),
    statuses: [],
  };
  context.state.deployments.push(deployment);
  return { status: 201, body: renderDeployment(context.api, deployment) };
}

/** Query filters; GitHub's documented default for each is the literal "none" (no filter). */
function matchesFilters(context: RouteContext, deployment: StoredDeployment): boolean {
  const wanted = (name: string): string | null => {
    const value = context.query.get(name);
    return value === null || value === 'none' ? null : value;
  };
  const filters: [string, string][] = [
    ['sha', deployment.sha],
    ['ref', deployment.ref],
    ['task', deployment.task],
    ['environment', deployment.environment],
  ];
  return filters.every(([name, actual]) => {
    const value = wanted(name);
    return value === null || value === actual;
  });
}

function listDeployments(context: RouteContext): RouteReply {
  const { owner = '', repo = '' } = context.params;
  const matching = context.state.deployments
    .filter((deployment) => inRepo(deployment, owner, repo) && matchesFilters(context, deployment))
    .sort((a, b) => b.id - a.id); // newest first, as GitHub lists them
  const { page, headers } = paginate(context, matching);
  return { status: 200, body: page.map((deployment) => renderDeployment(context.api, deployment)), headers };
}

function findDeployment(context: RouteContext): StoredDeployment | undefined {
  const { owner = '', repo = '' } = context.params;
  const id = idParam(context, 'deployment_id');
  return context.state.deployments.find((deployment) => deployment.id === id && inRepo(deployment, owner, repo));
}

function getDeployment(context: RouteContext): RouteReply {
  const deployment = findDeployment(context);
  return deployment ? { status: 200, body: renderDeployment(context.api, deployment) } : notFound();
}

/**
 * `auto_inactive` (default true): a `success` status adds an `inactive` status
 * to every earlier non-transient deployment of the same repository and
 * environment whose latest state is `success`. The REST docs say "non-production",
 * but since the 2018 Deployments API update production deployments are
 * auto-inactivated too (github.blog/changelog/2018-10-16-deployments-api-update).
 * https://docs.github.com/rest/deployments/statuses#create-a-deployment-status
 */
function inactivatePrevious(context: RouteContext, current: StoredDeployment): void {
  for (const earlier of context.state.deployments) {
    const isSameEnvironment = inRepo(earlier, current.owner, current.repo) && earlier.environment === current.environment;
    if (earlier.id >= current.id || !isSameEnvironment || earlier.transientEnvironment) continue;
    const latest = earlier.statuses.at(-1);
    if (latest?.state !== 'success') continue;
    earlier.statuses.push({ ...latest, id: context.nextId(), state: 'inactive', description: '', createdAt: context.now() });
  }
}

function createDeploymentStatus(context: RouteContext): RouteReply {
  const deployment = findDeployment(context);
  if (!deployment) return notFound();
  const body: Body = context.body;
  const description = text(body.description, '');
  if ([...description].length > DESCRIPTION_LIMIT) {
    return validationFailed('DeploymentStatus', 'description', `description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`);
  }
  // "If not defined, the environment of the previous status on the deployment will be used."
  const environment = text(body.environment, deployment.statuses.at(-1)?.environment ?? deployment.environment);
  deployment.environment = environment;
  const logUrl = text(body.log_url, '');
  const status: StoredDeploymentStatus = {
    id: context.nextId(),
    state: text(body.state, ''),
    description,
    environment,
    // "Setting log_url will automatically set target_url to the same value."
    targetUrl: logUrl || text(body.target_url, ''),
    logUrl: logUrl || text(body.target_url, ''),
    environmentUrl: text(body.environment_url, ''),
    createdAt: context.now(),
  };
  deployment.statuses.push(status);
  if (status.state === 'success' && body.auto_inactive !== false) inactivatePrevious(context, deployment);
  return { status: 201, body: renderDeploymentStatus(context.api, deployment, status), headers: { location: `${context.api}${context.path}/${status.id}` } };
}

function listDeploymentStatuses(context: RouteContext): RouteReply {
  const deployment = findDeployment(context);
  if (!deployment) return notFound();
  const { page, headers } = paginate(context, [...deployment.statuses].reverse());
  return { status: 200, body: page.map((status) => renderDeploymentStatus(context.api, deployment, status)), headers };
}

export const DEPLOYMENTS_ROUTES: Route[] = [
  { method: 'POST', template: '/repos/{owner}/{repo}/deployments', handle: createDeployment },
  { method: 'GET', template: '/repos/{owner}/{repo}/deployments', handle: listDeployments },
  { method: 'GET', template: '/repos/{owner}/{repo}/deployments/{deployment_id}', handle: getDeployment },
  { method: 'POST', template: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', handle: createDeploymentStatus },
  { method: 'GET', template: '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', handle: listDeploymentStatuses },
];
