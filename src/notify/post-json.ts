import { type Result, err, ok } from '../engine/result.js';
import { type HttpOptions, sendRequest } from '../sources/http/send-request.js';
import { MASK, secretPartsOfUrl } from '../sources/http/redact-url.js';

export { hostOf } from '../sources/http/redact-url.js';

/**
 * POST a JSON body to a webhook through the one HTTP helper (a timeout that
 * covers the answer's body, retries on 429, 5xx and dropped connections:
 * Slack asks clients to back off on 429 and honour `Retry-After`,
 * https://api.slack.com/apis/rate-limits). A webhook's URL is its secret, so:
 * messages name the notifier by `shown` (a host, never the URL); the
 * request never follows a redirect to another origin; and what the receiver
 * answered is quoted only after every part of the URL that could be the
 * secret is masked (Slack's error pages echo the request path).
 */
export type PostOptions = Omit<HttpOptions, 'maxRetryAfterMs'> & {
  /** Extra request headers; never sent to another origin. */
  headers?: Record<string, string>;
};

export interface PostAnswer {
  status: number;
  /** The start of the answer, secrets of the URL masked, for messages (Slack answers `ok` or an error word). */
  text: string;
}

/** Retry-After above this is not honoured: a notification must not hold the step for minutes. */
const MAX_RETRY_AFTER_MS = 5_000;

export async function postJson(url: string, body: unknown, shown: string, options: PostOptions = {}): Promise<Result<PostAnswer, string>> {
  const { headers, ...http } = options;
  const sent = await sendRequest(
    { method: 'POST', url, body: JSON.stringify(body), headers, publicHeaders: { 'content-type': 'application/json' }, isSecretUrl: true, label: shown },
    { ...http, maxRetryAfterMs: MAX_RETRY_AFTER_MS },
  );
  if (!sent.ok) return err(maskUrlParts(failureLine(shown, sent.error), url));
  const text = maskUrlParts(sent.value.text, url).slice(0, 500);
  if (sent.value.status >= 200 && sent.value.status < 300) return ok({ status: sent.value.status, text });
  const after = sent.value.tries > 1 ? ` after ${sent.value.tries} tries` : '';
  return err(`${shown} answered ${sent.value.status}${text ? ` "${oneLine(text)}"` : ''}${after}`);
}

function failureLine(shown: string, failure: { kind: string; reason: string; code: string | null; tries: number }): string {
  const after = failure.tries > 1 ? ` after ${failure.tries} tries` : '';
  if (failure.kind === 'network') return `${shown} could not be reached (${failure.code ?? failure.reason})${after}`;
  return `${shown} ${failure.kind === 'timeout' ? failure.reason : `failed: ${failure.reason}`}`;
}

/** The receiver's words with the URL's secret parts (path, query values, userinfo) masked, longest first; parts under 4 characters are no secret and would mask half the text. */
function maskUrlParts(text: string, url: string): string {
  const parts = secretPartsOfUrl(url, true)
    .filter((part) => part.length >= 4)
    .sort((a, b) => b.length - a.length);
  return parts.reduce((masked, part) => masked.split(part).join(MASK), text);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
