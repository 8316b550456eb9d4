import type { HttpMethod } from './send-request.js';
import { formatDuration } from '../../engine/units.js';
import { MAX_BODY_BYTES, declaredLength, discardBody, formatBytes, readCapped } from './read-body.js';
import { MAX_REDIRECTS, isRedirect, isSameOrigin, mayFollow } from './redirects.js';
import { redactUrl } from './redact-url.js';

/**
 * One attempt of a request: the redirects it follows and the body it reads,
 * all inside one timeout, so a server that sends its headers and then stalls
 * ends the attempt as a timeout instead of holding the step (or escaping as
 * an exception). Never throws.
 */
export interface Prepared {
  method: HttpMethod;
  url: URL;
  /** Sent wherever a redirect goes: accept, content-type, user-agent. */
  publicHeaders: Record<string, string>;
  /** Credentials and custom headers: sent to the first origin only. */
  privateHeaders: Record<string, string>;
  body: string | undefined;
  read: 'text' | 'none';
  /** True when a redirect to another origin must be refused (see redirects.ts). */
  staysOnOrigin: boolean;
  /** The URL is a secret (a webhook's): messages name hosts only. */
  isSecretUrl: boolean;
  label: string;
  timeoutMs: number;
  maxBodyBytes: number;
  fetch: typeof fetch;
}

export type AttemptOutcome =
  | { kind: 'answer'; status: number; statusText: string; headers: Headers; text: string }
  | { kind: 'timeout' | 'refused'; reason: string }
  | { kind: 'network'; reason: string; code: string | null };

/** What an error answer's body is read for: a reason to quote in one line. */
const ERROR_BODY_BYTES = 4_096;

export async function attempt(prepared: Prepared): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), prepared.timeoutMs);
  try {
    return await followRedirects(prepared, controller.signal);
  } catch (thrown) {
    if (controller.signal.aborted) return { kind: 'timeout', reason: `timed out after ${formatDuration(prepared.timeoutMs)}` };
    return { kind: 'network', ...networkReason(thrown) };
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(prepared: Prepared, signal: AbortSignal): Promise<AttemptOutcome> {
  let url = prepared.url;
  let isPrivate = true;
  for (let hop = 0; ; hop++) {
    const headers = isPrivate ? { ...prepared.publicHeaders, ...prepared.privateHeaders } : prepared.publicHeaders;
    const response = await prepared.fetch(url.href, { method: prepared.method, headers, body: prepared.body, redirect: 'manual', signal });
    const location = isRedirect(response.status) && mayFollow(prepared.method, response.status) ? response.headers.get('location') : null;
    if (location === null) return readAnswer(response, prepared);
    discardBody(response);
    const next = parseLocation(location, url);
    if (next === null) return { kind: 'refused', reason: `answered ${response.status} with a Location that is not an http(s) URL` };
    if (hop >= MAX_REDIRECTS) return { kind: 'refused', reason: `redirected more than ${MAX_REDIRECTS} times (last to ${shown(prepared, next)})` };
    if (isPrivate && !isSameOrigin(prepared.url, next)) {
      if (prepared.staysOnOrigin) return { kind: 'refused', reason: crossOriginRefusal(prepared, next) };
      isPrivate = false;
    }
    url = next;
  }
}

function crossOriginRefusal(prepared: Prepared, next: URL): string {
  const what = Object.keys(prepared.privateHeaders).length > 0 ? 'credentials or custom headers' : prepared.isSecretUrl ? 'a secret URL' : 'a secret in its body';
  return `redirected to ${shown(prepared, next)}, another origin; not followed, because the request carries ${what}, which are sent only to ${prepared.url.origin}`;
}

/** A URL for a message: redacted, or only its host when the request's URL is itself a secret (its path could be echoed in a redirect). */
function shown(prepared: Prepared, url: URL): string {
  return prepared.isSecretUrl ? url.host : redactUrl(url.href);
}

function parseLocation(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : null;
  } catch {
    return null;
  }
}

async function readAnswer(response: Response, prepared: Prepared): Promise<AttemptOutcome> {
  const base = { kind: 'answer' as const, status: response.status, statusText: response.statusText, headers: response.headers };
  if (prepared.read === 'none') {
    // A health check needs the status only; a slow body must not hold it.
    discardBody(response);
    return { ...base, text: '' };
  }
  const isSuccess = response.status >= 200 && response.status < 300;
  const cap = isSuccess ? prepared.maxBodyBytes : ERROR_BODY_BYTES;
  const declared = declaredLength(response);
  if (isSuccess && declared !== null && declared > cap) {
    discardBody(response);
    return { kind: 'refused', reason: tooLarge(cap) };
  }
  const body = await readCapped(response.body, cap);
  if (isSuccess && body.isCut) return { kind: 'refused', reason: tooLarge(cap) };
  return { ...base, text: body.text };
}

function tooLarge(cap: number): string {
  return `answered with a body larger than ${formatBytes(cap)}, the most rollout-guard reads (MAX_BODY_BYTES${cap === MAX_BODY_BYTES ? '' : ', lowered for this request'})`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  EAI_AGAIN: 'name lookup failed',
  UND_ERR_SOCKET: 'connection closed before an answer',
};

/** `connection refused (ECONNREFUSED)` from undici's "fetch failed" and its cause; URLs in the text redacted. */
function networkReason(thrown: unknown): { reason: string; code: string | null } {
  const cause = (thrown as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  if (code !== null && NETWORK_CODES[code]) return { reason: `${NETWORK_CODES[code]} (${code})`, code };
  const raw = typeof cause?.message === 'string' ? cause.message : thrown instanceof Error ? thrown.message : String(thrown);
  const line = raw.split('\n')[0]!.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, (url) => redactUrl(url));
  return { reason: code !== null ? `${line} (${code})` : line, code };
}
