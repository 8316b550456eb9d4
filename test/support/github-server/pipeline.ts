import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHECKS_ROUTES } from './checks-routes.js';
import { DEPLOYMENTS_ROUTES } from './deployments-routes.js';
import { answerGraphql } from './graphql.js';
import { ISSUES_ROUTES } from './issues-routes.js';
import { PULLS_ROUTES } from './pulls-routes.js';
import { RELEASES_ROUTES } from './releases-routes.js';
import { basicErrorValidator, describeErrors, operationValidators } from './openapi.js';
import { type Route, type RouteContext, type RouteReply, githubError } from './route.js';
import { type GitHubServerState, createState } from './state.js';
import type { FailureInjection, GitHubServerOptions, RecordedRequest, RouteKey, ValidationIssue } from './types.js';

const ROUTES: Route[] = [...CHECKS_ROUTES, ...ISSUES_ROUTES, ...DEPLOYMENTS_ROUTES, ...RELEASES_ROUTES, ...PULLS_ROUTES];
/** GitHub's GraphQL endpoint; not in the REST description, so checked against the GraphQL schema instead (graphql.ts). */
const GRAPHQL = 'POST /graphql';
/** Where GitHub Enterprise Server serves REST, and GraphQL beside it (not under it). */
const ENTERPRISE_REST_PREFIX = '/api/v3';
const ENTERPRISE_GRAPHQL = 'POST /api/graphql';
const MATCHERS = ROUTES.map((route) => ({ route, pattern: new RegExp(`^${route.template.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`) }));

function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
  for (const { route, pattern } of MATCHERS) {
    const match = route.method === method ? pattern.exec(path) : null;
    if (!match) continue;
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
    return { route, params };
  }
  return null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * One request's way through the fake GitHub: route, auth, injected failures,
 * permissions, request-body schema, handler, response schema, record.
 */
export class FakeGitHub {
  readonly state: GitHubServerState = createState();
  readonly requests: RecordedRequest[] = [];
  readonly validationErrors: ValidationIssue[] = [];
  readonly failures: (FailureInjection & { remaining: number })[] = [];
  url = '';
  private lastId = 1000;

  constructor(private readonly options: GitHubServerOptions) {
    for (const failure of options.failures ?? []) this.failNext(failure);
  }

  failNext(failure: FailureInjection): void {
    this.failures.push({ ...failure, remaining: failure.times ?? 1 });
  }

  nextId = (): number => ++this.lastId;

  now = (): string => (this.options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');

  resolveRef = (ref: string): string =>
    this.options.refs?.[ref] ?? (/^[0-9a-f]{40}$/.test(ref) ? ref : createHash('sha1').update(ref).digest('hex'));

  reset(): void {
    Object.assign(this.state, createState());
    for (const list of [this.requests, this.validationErrors, this.failures]) list.length = 0;
  }

  /** Auth, injected failures and permissions, in the order GitHub would apply them. */
  private gatekeep(key: RouteKey, authorization: string | undefined): RouteReply | null {
    const presented = /^(?:token|bearer)\s+(.+)$/i.exec(authorization ?? '')?.[1];
    if (this.options.token !== undefined && presented !== this.options.token) return githubError(401, 'Bad credentials');
    const failure = this.failures.find((f) => f.route === key && f.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      return { ...githubError(failure.status, failure.message ?? 'Injected failure'), headers: failure.headers ?? {} };
    }
    if (this.options.forbidden?.includes(key)) return githubError(403, 'Resource not accessible by integration');
    return null;
  }

  private dispatch(route: Route, context: RouteContext, rawBody: string, authorization: string | undefined): RouteReply {
    const key = `${route.method} ${route.template}`;
    const refused = this.gatekeep(key, authorization);
    if (refused) return refused;
    if (rawBody.trim() !== '') {
      const parsed = parseJson(rawBody);
      if (!parsed.ok) return githubError(400, 'Problems parsing JSON');
      context.body = parsed.value as Record<string, unknown>;
    }
    const validators = operationValidators(route.method, route.template);
    if (validators?.request && !validators.request(context.body)) {
      const errors = describeErrors(validators.request);
      this.validationErrors.push({ kind: 'request', route: key, status: 422, errors });
      return githubError(422, `Invalid request.\n\n${errors.join('\n')}`, validators.docsUrl);
    }
    const reply = route.handle(context);
    if (reply.rejection) this.validationErrors.push({ kind: 'request', route: key, status: reply.status, errors: [reply.rejection] });
    return reply;
  }

  /** Checks what is about to be sent against the operation's documented response for that status (or GitHub's basic error). */
  private checkResponse(route: Route, reply: RouteReply): void {
    const key = `${route.method} ${route.template}`;
    const validators = operationValidators(route.method, route.template);
    const validate = validators?.responses.get(reply.status) ?? (reply.status >= 400 ? basicErrorValidator() : undefined);
    if (validate === undefined && !validators?.responses.has(reply.status)) {
      this.validationErrors.push({ kind: 'response', route: key, status: reply.status, errors: [`status ${reply.status} is not documented`] });
    } else if (validate && !validate(reply.body)) {
      this.validationErrors.push({ kind: 'response', route: key, status: reply.status, errors: describeErrors(validate) });
    }
  }

  private graphql(rawBody: string, authorization: string | undefined): RouteReply {
    const refused = this.gatekeep(GRAPHQL, authorization);
    if (refused) return refused;
    const parsed = parseJson(rawBody);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return githubError(400, 'Problems parsing JSON');
    const { body, invalid } = answerGraphql(this.state, parsed.value as Record<string, unknown>);
    if (invalid.length > 0) this.validationErrors.push({ kind: 'request', route: GRAPHQL, status: 200, errors: invalid });
    return { status: 200, body };
  }

  /** The path as github.com would have it, or null for one a GHES would not serve (the REST prefix missing). */
  private apiPath(pathname: string): string | null {
    if (!this.options.enterprise) return pathname;
    if (pathname.startsWith(`${ENTERPRISE_REST_PREFIX}/`)) return pathname.slice(ENTERPRISE_REST_PREFIX.length);
    return null;
  }

  private isGraphql(method: string, pathname: string): boolean {
    return `${method} ${pathname}` === (this.options.enterprise ? ENTERPRISE_GRAPHQL : GRAPHQL);
  }

  private reply(method: string, url: URL, rawBody: string, authorization: string | undefined): { route: RouteKey | null; reply: RouteReply } {
    if (this.isGraphql(method, url.pathname)) {
      try {
        return { route: GRAPHQL, reply: this.graphql(rawBody, authorization) };
      } catch (thrown) {
        this.validationErrors.push({ kind: 'handler', route: GRAPHQL, status: 500, errors: [String(thrown)] });
        return { route: GRAPHQL, reply: githubError(500, 'Server Error') };
      }
    }
    const path = this.apiPath(url.pathname);
    const matched = path === null ? null : matchRoute(method, path);
    if (!matched) {
      const key = `${method} ${url.pathname}`;
      this.validationErrors.push({ kind: 'route', route: key, status: 404, errors: ['endpoint not played by the fake GitHub server'] });
      return { route: null, reply: githubError(404, 'Not Found') };
    }
    const { route, params } = matched;
    const key = `${route.method} ${route.template}`;
    const context: RouteContext = {
      ...{ params, query: new URLSearchParams(url.search), body: {}, path: path ?? url.pathname },
      ...{ state: this.state, api: this.url, nextId: this.nextId, now: this.now, resolveRef: this.resolveRef },
    };
    let reply: RouteReply;
    try {
      reply = this.dispatch(route, context, rawBody, authorization);
    } catch (thrown) {
      this.validationErrors.push({ kind: 'handler', route: key, status: 500, errors: [String(thrown)] });
      reply = githubError(500, 'Server Error');
    }
    this.checkResponse(route, reply);
    return { route: key, reply };
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const rawBody = await readBody(request);
    const { route, reply } = this.reply(method, url, rawBody, request.headers.authorization);
    const recordedBody = rawBody === '' ? undefined : parseJson(rawBody);
    this.requests.push({
      method,
      path: url.pathname,
      route,
      query: Object.fromEntries(url.searchParams),
      body: recordedBody === undefined ? undefined : recordedBody.ok ? recordedBody.value : rawBody,
      status: reply.status,
      authorization: request.headers.authorization ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    const headers = { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': `RG:${this.requests.length}`, ...reply.headers };
    response.writeHead(reply.status, headers);
    response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }
}
