import { type Result, err, ok } from '../../engine/result.js';
import { checkTimerDuration } from '../../engine/units.js';
import { type AttemptOutcome, type Prepared, attempt } from './attempt.js';
import { MAX_BODY_BYTES } from './read-body.js';
import { redactUrl } from './redact-url.js';
import { proxyAwareFetch } from './proxy-fetch.js';

/**
 * The one way rollout-guard sends HTTP: metric sources, Percy, Slack and
 * webhook notifications and health checks all go through `sendRequest`, so
 * what every call must do is done once, here:
 * - one timeout per attempt covers the headers, the redirects and the body
 *   (`attempt.ts`); a body is capped at {@link MAX_BODY_BYTES} (`read-body.ts`);
 * - redirects are followed by hand, and credentials never go to another
 *   origin (`redirects.ts`);
 * - 429, 5xx and dropped connections are retried with exponential backoff
 *   (argo-rollouts#2578, #2771: one 500 must not abort a rollout); a timeout
 *   is not, as the attempt already waited as long as the user allowed;
 * - nothing throws: an answer of any status is a value, and so is no answer.
 * Proxy support (HTTPS_PROXY / NO_PROXY) belongs here too, as the dispatcher
 * of the one `fetch` call in `attempt.ts`.
 */
/** Every method sent: flag services' management APIs change a flag with PUT, PATCH and DELETE. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method?: HttpMethod;
  url: string;
  /** Credentials and custom headers: sent to the origin of `url` only. */
  headers?: Record<string, string>;
  /** Headers that carry nothing secret (accept, content-type), sent wherever a redirect goes. */
  publicHeaders?: Record<string, string>;
  /** The body of a POST, PUT or PATCH. */
  body?: string;
  /** `text` (default) reads the body; `none` takes the status and never waits for the body. */
  read?: 'text' | 'none';
  /** The URL itself is a secret (a webhook's): a redirect to another origin is refused. */
  isSecretUrl?: boolean;
  /** The body holds a secret (PagerDuty's routing key): a 307/308 would resend it, so a redirect to another origin is refused. */
  isSecretBody?: boolean;
  /** A header holding the seconds to wait on 429 when `Retry-After` is absent (Datadog: `X-RateLimit-Reset`). */
  retryAfterHeader?: string;
  /** A header holding the UTC epoch second a retry may go after 429 when `Retry-After` is absent (Sentry: `X-Sentry-Rate-Limit-Reset`). */
  retryAtHeader?: string;
  /** How messages name the request; default `GET <url, redacted>`. */
  label?: string;
}

export interface HttpOptions {
  /** Per attempt, headers to last byte of the body; default 10 s. */
  timeoutMs?: number;
  /** Attempts in all, default 3. */
  tries?: number;
  /** First wait between attempts, doubled each time; default 500 ms. */
  backoffMs?: number;
  /** Retry-After above this is not honoured; the backoff applies instead. Default 10 s. */
  maxRetryAfterMs?: number;
  /** The most of a successful body read; default {@link MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Injected in tests so retries do not wait in real time. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body (a failed answer's first 4 KB); `''` when not read. */
  text: string;
  /** Attempts made. */
  tries: number;
}

export interface HttpFailure {
  /** `timeout`: no complete answer in time; `network`: no answer after the retries; `refused`: we would not go on (a redirect, a body too large, a bad URL). */
  kind: 'timeout' | 'network' | 'refused';
  /** Without the label: `connection refused (ECONNREFUSED)`, `timed out after 10s`. */
  reason: string;
  /** The system error code of a network failure (`ECONNREFUSED`), when there is one. */
  code: string | null;
  tries: number;
  /** One line: the label, then the reason (and the tries). */
  message: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendRequest(request: HttpRequest, options: HttpOptions = {}): Promise<Result<HttpAnswer, HttpFailure>> {
  const method = request.method ?? 'GET';
  const label = request.label ?? `${method} ${redactUrl(request.url)}`;
  const prepared = prepare(request, options, label);
  if (!prepared.ok) return err({ kind: 'refused', reason: prepared.error, code: null, tries: 0, message: `${label}: ${prepared.error}` });
  const tries = Math.max(1, options.tries ?? 3);
  let last: AttemptOutcome = { kind: 'network', reason: 'not attempted', code: null };
  for (let round = 1; round <= tries; round++) {
    last = await attempt(prepared.value);
    if (last.kind === 'answer' && !isRetryable(last.status)) return ok({ ...answerOf(last), tries: round });
    if (last.kind === 'timeout' || last.kind === 'refused') return err({ kind: last.kind, reason: last.reason, code: null, tries: round, message: `${label}${last.kind === 'timeout' ? ' ' : ': '}${last.reason}` });
    if (round < tries) await (options.sleep ?? realSleep)(waitBefore(round + 1, last, request, options));
  }
  if (last.kind === 'answer') return ok({ ...answerOf(last), tries });
  const after = `after ${tries} ${tries === 1 ? 'try' : 'tries'}`;
  return err({ kind: 'network', reason: last.reason, code: last.kind === 'network' ? last.code : null, tries, message: `${label}: ${last.reason} ${after}` });
}

/** Rate limiting and server errors pass; a 4xx other than 429 is the request's fault and will not. */
export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

function answerOf(outcome: Extract<AttemptOutcome, { kind: 'answer' }>): Omit<HttpAnswer, 'tries'> {
  return { status: outcome.status, statusText: outcome.statusText, headers: outcome.headers, text: outcome.text };
}

function prepare(request: HttpRequest, options: HttpOptions, label: string): Result<Prepared> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return err('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err('not an http:// or https:// URL');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = checkTimerDuration(timeoutMs);
  if (!timer.ok || !(timeoutMs > 0)) return err(`timeout: ${timer.ok ? 'must be more than 0' : timer.error}`);
  const privateHeaders = { ...userinfoAuthorization(url), ...request.headers };
  // Userinfo goes as a header: fetch refuses URLs that hold credentials, and a header can be kept from other origins.
  url.username = '';
  url.password = '';
  return ok({
    method: request.method ?? 'GET',
    url,
    publicHeaders: { 'user-agent': 'rollout-guard', ...request.publicHeaders },
    privateHeaders,
    body: request.body,
    read: request.read ?? 'text',
    staysOnOrigin: Object.keys(privateHeaders).length > 0 || request.isSecretUrl === true || request.isSecretBody === true,
    isSecretUrl: request.isSecretUrl === true,
    label,
    timeoutMs,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    fetch: options.fetch ?? proxyAwareFetch,
  });
}

/** `https://user:pass@host` as HTTP Basic, the scheme userinfo means to a browser and to curl. */
function userinfoAuthorization(url: URL): Record<string, string> {
  if (url.username === '' && url.password === '') return {};
  const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
  return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Backoff doubling from `backoffMs`, or the provider's Retry-After when longer (up to `maxRetryAfterMs`). */
function waitBefore(round: number, last: AttemptOutcome, request: HttpRequest, options: HttpOptions): number {
  const backoff = (options.backoffMs ?? 500) * 2 ** (round - 2);
  if (last.kind !== 'answer') return backoff;
  const raw = last.headers.get('retry-after') ?? (request.retryAfterHeader ? last.headers.get(request.retryAfterHeader) : null);
  const seconds = Number(raw);
  const at = raw === null && request.retryAtHeader ? Number(last.headers.get(request.retryAtHeader) ?? NaN) * 1_000 - Date.now() : NaN;
  const asked = raw !== null && Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : Number.isFinite(at) && at > 0 ? at : 0;
  return Math.max(backoff, Math.min(asked, options.maxRetryAfterMs ?? 10_000));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
