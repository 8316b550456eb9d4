import { type Result, err, messageOf, ok } from '../engine/result.js';

/**
 * A refused or failed GitHub API call, as a value: which endpoint,
 * which status, and one line saying what GitHub answered and what to check.
 * Never a stack trace.
 */
export interface GitHubFailure {
  /** `METHOD /path` of the request, e.g. `POST /repos/octo/app/check-runs`. */
  endpoint: string;
  /** The HTTP status, or null when no answer arrived (network) or no request was sent. */
  status: number | null;
  message: string;
}

/** What a status usually means for an Action's token. */
const STATUS_HINTS: Record<number, string> = {
  401: 'the token is invalid or expired; check the `token` input',
  403: "the token lacks a permission; grant it in the workflow's `permissions:` block",
  404: 'not found, or the token cannot see it; check the repository and the `permissions:` block',
  422: 'GitHub refused the request as invalid',
};

interface RequestErrorShape {
  status?: unknown;
  request?: { method?: string; url?: string };
  response?: { data?: unknown };
}

function endpointOf(thrown: RequestErrorShape, fallback: string): string {
  const { method, url } = thrown.request ?? {};
  if (!method || !url) return fallback;
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return `${method} ${url}`;
  }
}

/** The message GitHub put in the error body, if any. */
function githubMessage(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return typeof data === 'string' && data !== '' ? data : null;
  const message = (data as { message?: unknown }).message;
  return typeof message === 'string' ? message.split('\n')[0]! : null;
}

/** Turns whatever Octokit threw into a {@link GitHubFailure}; `fallbackEndpoint` names calls that never left. */
export function toGitHubFailure(thrown: unknown, fallbackEndpoint: string): GitHubFailure {
  const shape = (thrown ?? {}) as RequestErrorShape;
  const endpoint = endpointOf(shape, fallbackEndpoint);
  // Octokit reports a request that got no answer as status 500 without a response.
  const status = typeof shape.status === 'number' && shape.response ? shape.status : null;
  if (status === null) return { endpoint, status, message: `GitHub API ${endpoint} did not answer: ${messageOf(thrown).split('\n')[0]}` };
  const said = githubMessage(shape.response?.data) ?? messageOf(thrown).split('\n')[0];
  const hint = STATUS_HINTS[status];
  return { endpoint, status, message: `GitHub API ${endpoint} answered ${status} "${said}"${hint ? `: ${hint}` : ''}` };
}

/** Runs one API call and returns its value or the failure, never throwing. */
export async function callGitHub<T>(endpoint: string, call: () => Promise<T>): Promise<Result<T, GitHubFailure>> {
  try {
    return ok(await call());
  } catch (thrown) {
    return err(toGitHubFailure(thrown, endpoint));
  }
}
