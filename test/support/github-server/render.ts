import {
  BOT_LOGIN,
  type StoredCheckRun,
  type StoredComment,
  type StoredDeployment,
  type StoredDeploymentStatus,
  type StoredIssue,
  type StoredStatus,
} from './state.js';

/**
 * The REST objects GitHub returns, built from stored records. API URLs point
 * at the fake server (so a client can follow them); html URLs point at
 * github.com as the real ones do. Every object is checked against GitHub's
 * OpenAPI response schema before it is sent, so a missing required field here
 * shows up as a validation error in the test that hit it.
 */
const HTML = 'https://github.com';

const nodeId = (prefix: string, id: number): string => `${prefix}_${Buffer.from(String(id)).toString('base64')}`;

/** A `simple-user`; the bot for API-made records, a plain user for seeded ones. */
export function renderUser(api: string, login: string = BOT_LOGIN): Record<string, unknown> {
  const isBot = login.endsWith('[bot]');
  const id = isBot ? 41898282 : 1000 + [...login].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  const user = `${api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(isBot ? 'BOT' : 'U', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: user,
    html_url: `${HTML}/${isBot ? 'apps/github-actions' : login}`,
    followers_url: `${user}/followers`,
    following_url: `${user}/following{/other_user}`,
    gists_url: `${user}/gists{/gist_id}`,
    starred_url: `${user}/starred{/owner}{/repo}`,
    subscriptions_url: `${user}/subscriptions`,
    organizations_url: `${user}/orgs`,
    repos_url: `${user}/repos`,
    events_url: `${user}/events{/privacy}`,
    received_events_url: `${user}/received_events`,
    type: isBot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

const repoApi = (api: string, r: { owner: string; repo: string }): string => `${api}/repos/${r.owner}/${r.repo}`;

export function renderCheckRun(api: string, run: StoredCheckRun): Record<string, unknown> {
  const url = `${repoApi(api, run)}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId('CR', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url,
    html_url: `${HTML}/${run.owner}/${run.repo}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${HTML}/${run.owner}/${run.repo}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${url}/annotations` },
    name: run.name,
    check_suite: { id: run.id + 500_000 },
    app: null,
    pull_requests: [],
  };
}

export function renderStatus(api: string, status: StoredStatus): Record<string, unknown> {
  return {
    url: `${repoApi(api, status)}/statuses/${status.sha}`,
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    id: status.id,
    node_id: nodeId('SC', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: renderUser(api),
  };
}

export function renderComment(api: string, comment: StoredComment): Record<string, unknown> {
  const base = repoApi(api, comment);
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${base}/issues/comments/${comment.id}`,
    html_url: `${HTML}/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(api, comment.login),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${base}/issues/${comment.issueNumber}`,
    author_association: 'NONE',
    performed_via_github_app: null,
  };
}

export function renderIssue(api: string, issue: StoredIssue): Record<string, unknown> {
  const url = `${repoApi(api, issue)}/issues/${issue.number}`;
  return {
    id: issue.id,
    node_id: nodeId('I', issue.id),
    url,
    repository_url: repoApi(api, issue),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${HTML}/${issue.owner}/${issue.repo}/issues/${issue.number}`,
    number: issue.number,
    state: 'open',
    state_reason: null,
    title: issue.title,
    body: issue.body,
    user: renderUser(api),
    labels: issue.labels.map((name, index) => ({
      id: issue.id * 100 + index,
      node_id: nodeId('LA', issue.id * 100 + index),
      url: `${repoApi(api, issue)}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: false,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: null,
    created_at: issue.createdAt,
    updated_at: issue.createdAt,
    author_association: 'NONE',
  };
}

export function renderDeployment(api: string, deployment: StoredDeployment): Record<string, unknown> {
  const url = `${repoApi(api, deployment)}/deployments/${deployment.id}`;
  return {
    url,
    id: deployment.id,
    node_id: nodeId('DE', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    creator: renderUser(api),
    created_at: deployment.createdAt,
    updated_at: deployment.statuses.at(-1)?.createdAt ?? deployment.createdAt,
    statuses_url: `${url}/statuses`,
    repository_url: repoApi(api, deployment),
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: null,
  };
}

export function renderDeploymentStatus(api: string, deployment: StoredDeployment, status: StoredDeploymentStatus): Record<string, unknown> {
  const deploymentUrl = `${repoApi(api, deployment)}/deployments/${deployment.id}`;
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DES', status.id),
    state: status.state,
    creator: renderUser(api),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    log_url: status.logUrl,
    environment_url: status.environmentUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    deployment_url: deploymentUrl,
    repository_url: repoApi(api, deployment),
    performed_via_github_app: null,
  };
}
