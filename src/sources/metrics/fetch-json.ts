import { type Result, ok } from '../../engine/result.js';
import { type HttpOptions, type HttpRequest, sendRequest } from '../http/send-request.js';
import { redactUrl } from '../http/redact-url.js';
import { describeJsonTextError, parseJsonText } from '../json-text.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * GET a JSON document from a provider through the one HTTP helper
 * (`src/sources/http/send-request.ts`: timeouts covering the body, a size
 * cap, retries with backoff, no credentials across origins). What fails is a
 * `provider` fault, apart from a failure of the change under test; a 2xx
 * whose body is not JSON is `malformed`.
 */
export type { HttpOptions } from '../http/send-request.js';
export { redactUrl } from '../http/redact-url.js';

export interface GetJsonRequest {
  url: string;
  /** Credentials and custom headers; never sent to another origin. */
  headers?: Record<string, string>;
  /** Extra words for a failed status, e.g. "check PERCY_TOKEN" for a 401, from the status and what the answer said. */
  hint?: (status: number, errorBody: unknown) => string | undefined;
  /** A header holding the seconds to wait on 429 when `Retry-After` is absent. */
  retryAfterHeader?: string;
  /** A header holding the UTC epoch second a retry may go after 429 when `Retry-After` is absent. */
  retryAtHeader?: string;
}

/** The outcome of a GET, keeping what a failed answer said (a provider's error envelope), which the fault alone drops. */
export interface JsonAnswer {
  body: Result<unknown, SourceFault>;
  /** The body of a failed answer (JSON, else its text, first 4 KB), or `undefined` when none came. */
  errorBody: unknown;
  /** The HTTP status of a failed answer. */
  status?: number;
}

export async function getJson(request: GetJsonRequest, options: HttpOptions = {}): Promise<Result<unknown, SourceFault>> {
  return (await getJsonAnswer(request, options)).body;
}

export async function getJsonAnswer(request: GetJsonRequest, options: HttpOptions = {}): Promise<JsonAnswer> {
  const label = `GET ${redactUrl(request.url)}`;
  const http: HttpRequest = { url: request.url, headers: request.headers, publicHeaders: { accept: 'application/json' }, label, retryAfterHeader: request.retryAfterHeader, retryAtHeader: request.retryAtHeader };
  const sent = await sendRequest(http, options);
  if (!sent.ok) return { body: fault('provider', sent.error.message), errorBody: undefined };
  const { status, statusText, text, tries } = sent.value;
  if (status < 200 || status >= 300) {
    const parsed = parseJsonText(text);
    const errorBody = parsed.ok ? parsed.value : text;
    const after = tries > 1 ? ` after ${tries} tries` : '';
    const hint = request.hint?.(status, errorBody);
    return { body: fault('provider', `${label} answered ${status}${statusText ? ` ${statusText}` : ''}${after}${hint ? `; ${hint}` : ''}`), errorBody, status };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { body: fault('malformed', `${label} answered ${status}, but its body is ${describeJsonTextError(parsed.error)}`), errorBody: undefined };
  return { body: ok(parsed.value), errorBody: undefined };
}
