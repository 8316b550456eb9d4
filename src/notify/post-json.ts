import { type Result, err, messageOf, ok } from '../engine/result.js';
import { formatDuration } from '../engine/units.js';

/**
 * POST a JSON body to a webhook, with a timeout and a few retries on 429,
 * 5xx and dropped connections (Slack asks clients to back off on 429 and
 * honour `Retry-After`: https://api.slack.com/apis/rate-limits). Messages name
 * the notifier by `shown` (a host, never the URL: a webhook's URL is its
 * secret).
 */
export interface PostOptions {
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Attempts in all; default 3. */
  tries?: number;
  /** First wait between attempts, doubled each time; default 500 ms. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export interface PostAnswer {
  status: number;
  /** The first 500 characters of the answer, for messages (Slack answers `ok` or an error word). */
  text: string;
}

/** Retry-After above this is not honoured: a notification must not hold the step for minutes. */
const MAX_RETRY_AFTER_MS = 5_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function postJson(url: string, body: unknown, shown: string, options: PostOptions = {}): Promise<Result<PostAnswer, string>> {
  const tries = Math.max(1, options.tries ?? 3);
  const sleep = options.sleep ?? realSleep;
  let last = '';
  for (let attempt = 1; attempt <= tries; attempt++) {
    const answer = await postOnce(url, body, options);
    if (answer.ok && answer.value.status < 300) return answer;
    const retryable = !answer.ok || answer.value.status === 429 || answer.value.status >= 500;
    last = answer.ok ? `answered ${answer.value.status}${answer.value.text ? ` "${oneLine(answer.value.text)}"` : ''}` : answer.error;
    if (!retryable) return err(`${shown} ${last}`);
    if (attempt < tries) await sleep(Math.max((options.backoffMs ?? 500) * 2 ** (attempt - 1), answer.ok ? answer.value.retryAfterMs : 0));
  }
  return err(`${shown} ${last} after ${tries} ${tries === 1 ? 'try' : 'tries'}`);
}

async function postOnce(url: string, body: unknown, options: PostOptions): Promise<Result<PostAnswer & { retryAfterMs: number }, string>> {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'rollout-guard', ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.text()).slice(0, 500);
    const seconds = Number(response.headers.get('retry-after'));
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1_000, MAX_RETRY_AFTER_MS) : 0;
    return ok({ status: response.status, text, retryAfterMs });
  } catch (thrown) {
    if (thrown instanceof Error && (thrown.name === 'TimeoutError' || thrown.name === 'AbortError')) return err(`timed out after ${formatDuration(timeoutMs)}`);
    const cause = (thrown as { cause?: { code?: string } }).cause;
    return err(cause?.code ? `could not be reached (${cause.code})` : `could not be reached: ${messageOf(thrown).split('\n')[0]}`);
  }
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/** A webhook URL's host, the only part safe to show: the path of a Slack webhook is its secret. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
