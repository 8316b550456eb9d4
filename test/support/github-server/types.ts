/** `METHOD /path/template`, spelled as in GitHub's OpenAPI description, e.g. `POST /repos/{owner}/{repo}/check-runs`. */
export type RouteKey = string;

/** Answer `status` (with optional headers such as `retry-after`) to the next `times` requests on `route`. */
export interface FailureInjection {
  route: RouteKey;
  status: number;
  /** How many requests fail before the route answers normally again; default 1. */
  times?: number;
  headers?: Record<string, string>;
  message?: string;
}

export interface GitHubServerOptions {
  /** When set, requests without `Authorization: token <it>` (or `Bearer`) get 401 "Bad credentials". */
  token?: string;
  /**
   * Routes that answer 403 "Resource not accessible by integration", as GitHub
   * does for a token without the permission, e.g. a fork PR's read-only
   * GITHUB_TOKEN on `POST /repos/{owner}/{repo}/check-runs`.
   */
  forbidden?: RouteKey[];
  failures?: FailureInjection[];
  /** The clock for timestamps; default the real one. */
  now?: () => Date;
  /** Commit shas of refs, for deployments; unknown refs get a stable fake sha. */
  refs?: Record<string, string>;
  /**
   * Plays a GitHub Enterprise Server: REST under `/api/v3` (the server's `url`
   * is then `http://127.0.0.1:PORT/api/v3`, as GITHUB_API_URL is on GHES) and
   * GraphQL at `/api/graphql`. Anything outside those is an unplayed route.
   */
  enterprise?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The matched route, or null when the server does not play the endpoint. */
  route: RouteKey | null;
  query: Record<string, string>;
  body: unknown;
  status: number;
  authorization: string | null;
  userAgent: string | null;
}

/** A request GitHub would refuse, a response GitHub would never send, an endpoint not played, or a handler that threw. */
export interface ValidationIssue {
  kind: 'request' | 'response' | 'route' | 'handler';
  route: string;
  status: number;
  errors: string[];
}
