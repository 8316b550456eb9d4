import type { GitHubServerState } from './state.js';

/** What a route handler gets: path parameters, query, the request body (already schema-checked). */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  state: GitHubServerState;
  /** The server's own base URL, for the API URLs in responses and `Link` headers. */
  api: string;
  /** The request's path, without the query. */
  path: string;
  nextId(): number;
  /** Now, as GitHub writes timestamps (ISO 8601, seconds). */
  now(): string;
  /** The commit a ref names (a 40-hex ref is its own sha). */
  resolveRef(ref: string): string;
}

export interface RouteReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Set when the request was well-formed by the schema but GitHub refuses it
   * anyway (e.g. a status description over 140 characters). The server
   * records it with the schema errors, since it is a client bug either way.
   */
  rejection?: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path exactly as GitHub's OpenAPI description spells it. */
  template: string;
  handle(context: RouteContext): RouteReply;
}

/** GitHub's error body: `message`, `documentation_url`, and (lately) `status` as a string. */
export function githubError(status: number, message: string, documentationUrl = 'https://docs.github.com/rest'): RouteReply {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status) } };
}

export function notFound(): RouteReply {
  return githubError(404, 'Not Found');
}

/** 422 "Validation Failed" with one `custom` error, as GitHub reports a refused field. */
export function validationFailed(resource: string, field: string, message: string): RouteReply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource, code: 'custom', field, message }],
      documentation_url: 'https://docs.github.com/rest',
      status: '422',
    },
    rejection: `${resource}.${field}: ${message}`,
  };
}

/**
 * One page of `items` by `per_page` (default 30, at most 100) and `page`
 * (from 1), with a `Link` header carrying `next`/`last`/`first`/`prev` as
 * GitHub does; Octokit's paginate follows `rel="next"`.
 * https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export function paginate<T>(context: RouteContext, items: readonly T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(context.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(context.query.get('page') ?? 1) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (target: number): string => {
    const query = new URLSearchParams(context.query);
    query.set('per_page', String(perPage));
    query.set('page', String(target));
    return `<${context.api}${context.path}?${query.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${linkTo(page - 1)}; rel="prev"`);
  if (page < lastPage) links.push(`${linkTo(page + 1)}; rel="next"`, `${linkTo(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${linkTo(1)}; rel="first"`);
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

/** A path parameter as a positive integer id, or null (the route then answers 404). */
export function idParam(context: RouteContext, name: string): number | null {
  const value = Number(context.params[name]);
  return Number.isInteger(value) && value > 0 ? value : null;
}
