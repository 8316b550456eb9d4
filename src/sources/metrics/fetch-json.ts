import { type Result, ok, messageOf } from '../../engine/result.js';
import { formatDuration } from '../../engine/units.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * GET a JSON document from a provider with a timeout and retries. A backend
 * answering 429 or 5xx, or dropping the connection, is retried with
 * exponential backoff (argo-rollouts#2578, #2771: one 500 must not abort a
 * rollout); what still fails is a `provider` fault, apart from a failure of
 * the change under test. A timeout is not retried: the attempt already waited
 * as long as the user allowed.
 */
export interface HttpOptions {
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Attempts in all, default 3. */
  tries?: number;
  /** First wait between attempts, doubled each time; default 500 ms. */
  backoffMs?: number;
  /** Injected in tests so retries do not wait in real time. */
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

export interface GetJsonRequest {
  url: string;
  headers?: Record<string, string>;
  /** Extra words for a failed status, e.g. "check PERCY_TOKEN" for a 401. */
  hint?: (status: number) => string | undefined;
}

/** Retry-After above this is not honoured; the backoff applies instead. */
const MAX_RETRY_AFTER_MS = 10_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function getJson(request: GetJsonRequest, options: HttpOptions = {}): Promise<Result<unknown, SourceFault>> {
  const tries = Math.max(1, options.tries ?? 3);
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? realSleep;
  const shown = `GET ${redactUrl(request.url)}`;
  let last: Attempt = { kind: 'network', reason: 'not attempted' };
  for (let attempt = 1; attempt <= tries; attempt++) {
    last = await attemptGet(request, options);
    if (last.kind === 'done') return parseBody(last.response, shown);
    if (last.kind === 'timeout') return fault('provider', `${shown} timed out after ${formatDuration(options.timeoutMs ?? 10_000)}`);
    if (last.kind === 'status' && !isRetryable(last.status)) return fault('provider', statusMessage(shown, last, request, 1));
    if (attempt < tries) await sleep(Math.max(backoffMs * 2 ** (attempt - 1), last.kind === 'status' ? last.retryAfterMs : 0));
  }
  if (last.kind === 'status') return fault('provider', statusMessage(shown, last, request, tries));
  const reason = last.kind === 'network' ? last.reason : 'no answer';
  return fault('provider', `${shown}: ${reason} after ${tries} ${tries === 1 ? 'try' : 'tries'}`);
}

/** Rate limiting and server errors pass; a 4xx other than 429 is the request's fault and will not. */
function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

type StatusAttempt = { kind: 'status'; status: number; statusText: string; retryAfterMs: number };
type Attempt = { kind: 'done'; response: Response } | StatusAttempt | { kind: 'network'; reason: string } | { kind: 'timeout' };

async function attemptGet(request: GetJsonRequest, options: HttpOptions): Promise<Attempt> {
  const fetchImpl = options.fetch ?? fetch;
  try {
    const response = await fetchImpl(request.url, {
      headers: { accept: 'application/json', ...request.headers },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (response.ok) return { kind: 'done', response };
    await response.body?.cancel();
    return { kind: 'status', status: response.status, statusText: response.statusText, retryAfterMs: retryAfter(response) };
  } catch (thrown) {
    if (thrown instanceof Error && (thrown.name === 'TimeoutError' || thrown.name === 'AbortError')) return { kind: 'timeout' };
    return { kind: 'network', reason: networkReason(thrown) };
  }
}

async function parseBody(response: Response, shown: string): Promise<Result<unknown, SourceFault>> {
  const text = await response.text();
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (thrown) {
    return fault('malformed', `${shown} answered ${response.status} but the body is not JSON: ${messageOf(thrown)}`);
  }
}

function statusMessage(shown: string, attempt: StatusAttempt, request: GetJsonRequest, tries: number): string {
  const status = `${attempt.status}${attempt.statusText ? ` ${attempt.statusText}` : ''}`;
  const after = tries > 1 ? ` after ${tries} tries` : '';
  const hint = request.hint?.(attempt.status);
  return `${shown} answered ${status}${after}${hint ? `; ${hint}` : ''}`;
}

function retryAfter(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1_000, MAX_RETRY_AFTER_MS) : 0;
}

/** `connection refused (ECONNREFUSED)` from undici's "fetch failed" and its cause. */
function networkReason(thrown: unknown): string {
  const cause = (thrown as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ENOTFOUND') return 'host not found (ENOTFOUND)';
  if (code === 'ECONNRESET') return 'connection reset (ECONNRESET)';
  // undici quotes the URL, credentials included ("cannot be constructed from a URL that includes credentials").
  return (cause?.message ?? messageOf(thrown)).replace(/\/\/[^/\s@]+@/g, '//***@');
}

const SECRET_PARAM = /token|key|secret|password|passwd|auth|signature|sig$/i;

/** A URL fit for logs and reports: no user or password, secret-looking query values masked. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '***');
  }
  return url.toString().replace(/%2A%2A%2A/g, '***');
}
