import { performance } from 'node:perf_hooks';
import { type Result, ok } from '../../engine/result.js';
import { type HttpMethod, type HttpOptions, sendRequest } from '../../sources/http/send-request.js';
import type { FlagCall, FlagFault } from './flag-service.js';

/** An answer of a flag service's API: its status and its body parsed as JSON (`undefined` when empty or not JSON). */
export interface FlagAnswer {
  status: number;
  json: unknown;
  /** The raw body, for messages (first 4 KB of a failed answer). */
  text: string;
}

/**
 * A flag service's management API through rollout-guard's one HTTP helper
 * (timeouts, retries on 429/5xx, proxies, credentials kept to the API's
 * origin), recording every call for the evidence. Services read the status
 * themselves: what a 403 or 404 means is theirs to say.
 */
export class FlagApi {
  readonly calls: FlagCall[] = [];

  constructor(
    /** The API's base URL without a trailing slash. */
    readonly baseUrl: string,
    /** The credentials header(s); sent to `baseUrl`'s origin only. */
    private readonly credentials: Record<string, string>,
    private readonly http: HttpOptions,
    /** Names the service in messages: `Unleash`. */
    private readonly title: string,
  ) {}

  /** Sends one request; a network failure or timeout is a `provider` fault, any answer a value. */
  async send(method: HttpMethod, path: string, body?: unknown, contentType = 'application/json'): Promise<Result<FlagAnswer, FlagFault>> {
    const label = `${method} ${path.split('?')[0]}`;
    const started = performance.now();
    const sent = await sendRequest(
      {
        method,
        url: `${this.baseUrl}${path}`,
        headers: this.credentials,
        publicHeaders: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': contentType }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        label: `${this.title} ${label}`,
      },
      this.http,
    );
    const durationMs = Math.round(performance.now() - started);
    if (!sent.ok) {
      this.calls.push({ label, status: null, durationMs });
      return { ok: false, error: { kind: 'provider', message: sent.error.message, calls: [...this.calls] } };
    }
    this.calls.push({ label, status: sent.value.status, durationMs });
    return ok({ status: sent.value.status, json: parseJson(sent.value.text), text: sent.value.text });
  }

  /** The calls made since the last `take()`, for one change's evidence. */
  take(): FlagCall[] {
    return this.calls.splice(0);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The service's own words from an error answer (`message`, `detail`, `error`), one line, at most 200 characters. */
export function serviceMessage(answer: FlagAnswer): string | null {
  const body = answer.json as Record<string, unknown> | undefined;
  const candidates = body && typeof body === 'object' ? [body.message, body.detail, body.error, body.details] : [];
  for (const value of candidates) {
    if (typeof value === 'string' && value.trim() !== '') return value.split('\n')[0]!.slice(0, 200);
    if (Array.isArray(value) && typeof (value[0] as { message?: unknown })?.message === 'string') return String((value[0] as { message: string }).message).slice(0, 200);
  }
  return null;
}
