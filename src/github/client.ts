import type { getOctokit } from '@actions/github';
import { ConfigError, messageOf } from '../engine/result.js';
import { MAX_TIMER_MS, formatDuration } from '../engine/units.js';
import { proxyAwareFetch } from '../sources/http/proxy-fetch.js';

/**
 * The one place an Octokit client is made: the toolkit's `getOctokit`
 * (Octokit with the REST endpoint methods and pagination, the runner's
 * orchestration id in the user agent), loaded only when a client is asked
 * for, as most runs have no token and Octokit is most of a bundle. Adapters
 * in `src/github/` take the client as an argument (as argo-rollouts passes
 * its API client to providers), so tests point it at a local server playing
 * GitHub's API.
 *
 * GraphQL goes where Octokit derives it from the REST base URL: on GitHub
 * Enterprise Server `https://HOST/api/v3` becomes `https://HOST/api/graphql`;
 * on github.com and GHE.com it is `<api>/graphql`. That is what the runner
 * sets GITHUB_GRAPHQL_URL to, so that variable is not read.
 */

/** The client every adapter takes: what `getOctokit` returns. */
export type Octokit = ReturnType<typeof getOctokit>;

/** How failed requests are retried; every field has a default. */
export interface RetryPolicy {
  /** Tries in all, the first included. Default 3. */
  maxAttempts: number;
  /** Wait before the 2nd try when GitHub gives no `retry-after`; doubled each time. Default 1000 ms. */
  baseDelayMs: number;
  /** Longer waits (e.g. a rate limit reset an hour away) are not waited for: the error is returned. Default 60 s. */
  maxDelayMs: number;
  /** Waits; injectable so tests can see the delays asked for without waiting. */
  sleep: (ms: number) => Promise<void>;
}

/** The logger Octokit accepts (its default is the console). */
export interface GitHubClientLog {
  debug: (message: string, ...rest: unknown[]) => void;
  info: (message: string, ...rest: unknown[]) => void;
  warn: (message: string, ...rest: unknown[]) => void;
  error: (message: string, ...rest: unknown[]) => void;
}

export interface GitHubClientOptions {
  token: string;
  /** Per attempt, from the request to the last byte of the answer; default 30 s, at most 2^31 − 1 ms (a timer's limit). */
  timeoutMs?: number;
  /**
   * `GITHUB_API_URL` as the runner sets it (GHES: `https://HOST/api/v3`); the
   * caller reads the environment. Passed on rather than left to
   * `@actions/github`, which reads `process.env` once, when it is first loaded.
   */
  apiUrl?: string;
  retry?: Partial<RetryPolicy>;
  log?: GitHubClientLog;
}

export const DEFAULT_API_URL = 'https://api.github.com';
/** GitHub answers in well under a second; 30 s is an outage, and a stalled call must not hang the step until the job's 6-hour limit. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const USER_AGENT = 'rollout-guard';

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface FailedRequest {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

function header(thrown: FailedRequest, name: string): number | null {
  const value = thrown.response?.headers?.[name];
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * How long to wait before retrying, or null when the failure is not worth a
 * retry. Retried: 5xx, 429, and 403 when it is a rate limit (GitHub signals
 * secondary limits with `retry-after`, the primary one with
 * `x-ratelimit-remaining: 0` and a reset time). Other 4xx are the request's
 * fault and are returned at once, e.g. 403 "Resource not accessible by integration".
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
export function retryDelay(thrown: unknown, attempt: number, policy: RetryPolicy, nowMs = Date.now()): number | null {
  const failed = (thrown ?? {}) as FailedRequest;
  const status = typeof failed.status === 'number' ? failed.status : 0;
  const isRateLimitStatus = status === 403 || status === 429;
  const retryAfter = header(failed, 'retry-after');
  const remaining = header(failed, 'x-ratelimit-remaining');
  const reset = header(failed, 'x-ratelimit-reset');
  let delay: number | null = null;
  if (retryAfter !== null && (isRateLimitStatus || status >= 500)) delay = retryAfter * 1000;
  else if (isRateLimitStatus && remaining === 0 && reset !== null) delay = Math.max(0, reset * 1000 - nowMs);
  else if (status === 429 || status >= 500) delay = policy.baseDelayMs * 2 ** (attempt - 1);
  return delay !== null && delay <= policy.maxDelayMs ? delay : null;
}

/**
 * An Octokit client for `apiUrl` with the rollout-guard user agent, a timeout
 * per attempt, and retries with backoff. Async because it loads
 * `@actions/github` on first use.
 */
export async function createGitHubClient(options: GitHubClientOptions): Promise<Octokit> {
  // getOctokit refuses an empty token with a bare Error; name the input instead.
  if (options.token === '') throw new ConfigError('a GitHub client needs a token: give `github-token`');
  const { getOctokit } = await loadToolkit();
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_TIMER_MS);
  const octokit = getOctokit(options.token, {
    baseUrl: (options.apiUrl || DEFAULT_API_URL).replace(/\/+$/, ''),
    userAgent: USER_AGENT,
    // Our fetch, not the toolkit's: every call of ours goes through one proxy
    // rule (proxy-fetch.ts). The toolkit's proxy dispatcher is fixed when it
    // is first loaded, for that moment's GITHUB_API_URL, and by other rules
    // (it never proxies loopback hosts), so a GitHub call and a health check
    // to the same host could take different ways out.
    request: { fetch: proxyAwareFetch },
    ...(options.log ? { log: options.log } : {}),
  });
  // A request hook rather than @octokit/plugin-retry: the policy above is all
  // we need, and it keeps the bundle free of another dependency. POSTs are
  // retried too (as plugin-retry does): a 5xx rarely follows a write that landed.
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      const signal = AbortSignal.timeout(timeoutMs);
      // Set on the options object itself: each hook in Octokit's chain is bound to it, and options passed to `request` are not read.
      requestOptions.request = { ...requestOptions.request, signal };
      try {
        const response = await request(requestOptions);
        // Octokit reads the body after fetch returns and, when that read is aborted, answers with empty data instead of failing.
        if (signal.aborted) throw timedOut(requestOptions, timeoutMs);
        return response;
      } catch (thrown) {
        const failure = signal.aborted ? timedOut(requestOptions, timeoutMs) : thrown;
        const delay = attempt < policy.maxAttempts ? (signal.aborted ? timeoutRetryDelay(requestOptions.method, attempt, policy) : retryDelay(failure, attempt, policy)) : null;
        if (delay === null) throw failure;
        await policy.sleep(delay);
      }
    }
  });
  return octokit;
}

/**
 * A timed-out read is tried again after the backoff; a timed-out write is
 * not, as it may have landed (a second issue, a second deployment status).
 */
function timeoutRetryDelay(method: string, attempt: number, policy: RetryPolicy): number | null {
  return method === 'GET' || method === 'HEAD' ? policy.baseDelayMs * 2 ** (attempt - 1) : null;
}

/** Shaped as Octokit's errors are, without a status, so `toGitHubFailure` reads it as "did not answer" and names the endpoint. */
function timedOut(requestOptions: { method: string; url: string }, timeoutMs: number): Error {
  const error = new Error(`timed out after ${formatDuration(timeoutMs)}`) as Error & { request: { method: string; url: string } };
  error.name = 'TimeoutError';
  error.request = { method: requestOptions.method, url: requestOptions.url };
  return error;
}

/**
 * `@actions/github`, loaded on first use. Loading it reads the event payload
 * (GITHUB_EVENT_PATH) and fails when that file is not JSON; that is named
 * here rather than surfacing as a parser's stack trace. `load` is for tests.
 */
export async function loadToolkit(load: () => Promise<typeof import('@actions/github')> = () => import('@actions/github')): Promise<typeof import('@actions/github')> {
  try {
    return await load();
  } catch (thrown) {
    throw new ConfigError(`cannot make the GitHub client: loading @actions/github failed (it reads GITHUB_EVENT_PATH ${process.env.GITHUB_EVENT_PATH ?? '(unset)'}): ${messageOf(thrown).split('\n')[0]}`);
  }
}
