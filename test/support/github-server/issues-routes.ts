import { renderComment, renderIssue } from './render.js';
import { type Route, type RouteContext, type RouteReply, idParam, notFound, paginate, validationFailed } from './route.js';
import { BOT_LOGIN, type StoredComment, inRepo } from './state.js';

/**
 * Issues and their comments (pull requests share both: a PR's conversation
 * comments are issue comments). https://docs.github.com/rest/issues/comments
 */

/** GitHub refuses comment and issue bodies over 65536 characters. */
const BODY_LIMIT = 65_536;

function tooLong(resource: string, body: unknown): RouteReply | null {
  if (typeof body === 'string' && [...body].length > BODY_LIMIT) {
    return validationFailed(resource, 'body', `Body is too long (maximum is ${BODY_LIMIT} characters)`);
  }
  return null;
}

function commentsOf(context: RouteContext, issueNumber: number): StoredComment[] {
  const { owner = '', repo = '' } = context.params;
  // GitHub lists an issue's comments in ascending order of id.
  return context.state.comments.filter((c) => c.issueNumber === issueNumber && inRepo(c, owner, repo)).sort((a, b) => a.id - b.id);
}

function listComments(context: RouteContext): RouteReply {
  const issueNumber = idParam(context, 'issue_number');
  if (issueNumber === null) return notFound();
  const { page, headers } = paginate(context, commentsOf(context, issueNumber));
  return { status: 200, body: page.map((comment) => renderComment(context.api, comment)), headers };
}

function createComment(context: RouteContext): RouteReply {
  const issueNumber = idParam(context, 'issue_number');
  if (issueNumber === null) return notFound();
  const body = String(context.body.body ?? '');
  const refused = tooLong('IssueComment', body);
  if (refused) return refused;
  const { owner = '', repo = '' } = context.params;
  const now = context.now();
  const comment: StoredComment = { id: context.nextId(), owner, repo, issueNumber, body, login: BOT_LOGIN, createdAt: now, updatedAt: now };
  context.state.comments.push(comment);
  return { status: 201, body: renderComment(context.api, comment) };
}

function findComment(context: RouteContext): StoredComment | undefined {
  const { owner = '', repo = '' } = context.params;
  const id = idParam(context, 'comment_id');
  return context.state.comments.find((c) => c.id === id && inRepo(c, owner, repo));
}

function updateComment(context: RouteContext): RouteReply {
  const comment = findComment(context);
  if (!comment) return notFound();
  const body = String(context.body.body ?? '');
  const refused = tooLong('IssueComment', body);
  if (refused) return refused;
  comment.body = body;
  comment.updatedAt = context.now();
  return { status: 200, body: renderComment(context.api, comment) };
}

/** 204 with no body, as GitHub answers. */
function deleteComment(context: RouteContext): RouteReply {
  const comment = findComment(context);
  if (!comment) return notFound();
  context.state.comments.splice(context.state.comments.indexOf(comment), 1);
  return { status: 204 };
}

function getComment(context: RouteContext): RouteReply {
  const comment = findComment(context);
  return comment ? { status: 200, body: renderComment(context.api, comment) } : notFound();
}

/** Label names from strings or `{ name }` objects, the two shapes GitHub accepts. */
function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((label) => (typeof label === 'string' ? label : String((label as { name?: unknown }).name ?? ''))).filter(Boolean);
}

function createIssue(context: RouteContext): RouteReply {
  const { owner = '', repo = '' } = context.params;
  const refused = tooLong('Issue', context.body.body);
  if (refused) return refused;
  const numbers = context.state.issues.filter((issue) => inRepo(issue, owner, repo)).map((issue) => issue.number);
  const issue = {
    id: context.nextId(),
    owner,
    repo,
    number: Math.max(0, ...numbers) + 1,
    title: String(context.body.title),
    body: typeof context.body.body === 'string' ? context.body.body : null,
    labels: labelNames(context.body.labels),
    createdAt: context.now(),
  };
  context.state.issues.push(issue);
  return { status: 201, body: renderIssue(context.api, issue) };
}

export const ISSUES_ROUTES: Route[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', handle: listComments },
  { method: 'POST', template: '/repos/{owner}/{repo}/issues/{issue_number}/comments', handle: createComment },
  { method: 'GET', template: '/repos/{owner}/{repo}/issues/comments/{comment_id}', handle: getComment },
  { method: 'PATCH', template: '/repos/{owner}/{repo}/issues/comments/{comment_id}', handle: updateComment },
  { method: 'DELETE', template: '/repos/{owner}/{repo}/issues/comments/{comment_id}', handle: deleteComment },
  { method: 'POST', template: '/repos/{owner}/{repo}/issues', handle: createIssue },
];
