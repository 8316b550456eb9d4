import { performance } from 'node:perf_hooks';
import { type Result, err, ok } from '../engine/result.js';
import { formatDuration } from '../engine/units.js';
import { redactUrl } from './http/redact-url.js';
import { sendRequest } from './http/send-request.js';

/**
 * One HTTP health check (auto-rollback's watch and its verification): GET a
 * URL within a timeout; it passes when the answer's status is one of those
 * expected. A timeout, a refused or reset connection, or any other status
 * fails, with the reason in one line. Never throws: a check that could not
 * be made is a failed check, so an unreachable app is never read as a
 * healthy one. The body is never read: only the status matters, and a slow
 * body must not hold the check.
 *
 * Redirects are followed, as Kubernetes' HTTP probes follow them: a health
 * URL that redirects to a login page answers that page's status, and a plain
 * `/` that redirects to `/home` does not roll a healthy release back. A
 * health check sends nothing secret unless its URL holds credentials
 * (`https://user:pass@host/healthz`, sent as HTTP Basic), so it follows a
 * redirect to another origin, except with credentials: then that redirect
 * is a failed check saying why (the rules are in `http/redirects.ts`).
 */
export interface HealthCheckRequest {
  url: string;
  /** The statuses that mean healthy, e.g. [200] or 200–299 for `2xx`. */
  expectedStatus: readonly number[];
  timeoutMs: number;
  /** Injected in tests. */
  fetch?: typeof fetch;
}

export interface HealthCheckResult {
  /** The URL without credentials or query values, for logs and reports. */
  url: string;
  isHealthy: boolean;
  /** The answer's status; `null` when none came (timeout, refused). */
  status: number | null;
  durationMs: number;
  /** One line: `200 in 12ms`, `answered 500, expected 200`, `timed out after 2s`, `connection refused (ECONNREFUSED)`. */
  reason: string;
}

export async function checkHealth(request: HealthCheckRequest): Promise<HealthCheckResult> {
  const started = performance.now();
  const shown = redactUrl(request.url);
  const answer = await sendRequest(
    { url: request.url, read: 'none', publicHeaders: { 'user-agent': 'rollout-guard-health-check', accept: '*/*' } },
    { timeoutMs: request.timeoutMs, tries: 1, ...(request.fetch ? { fetch: request.fetch } : {}) },
  );
  const durationMs = Math.round(performance.now() - started);
  if (!answer.ok) return { url: shown, isHealthy: false, status: null, durationMs, reason: answer.error.reason };
  const status = answer.value.status;
  const isHealthy = request.expectedStatus.includes(status);
  const reason = isHealthy ? `${status} in ${formatDuration(durationMs)}` : `answered ${status}, expected ${describeStatuses(request.expectedStatus)}`;
  return { url: shown, isHealthy, status, durationMs, reason };
}

/** `200`, `200 or 204`, `2xx` for a whole class. */
export function describeStatuses(statuses: readonly number[]): string {
  const sorted = [...new Set(statuses)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    const first = sorted[index]!;
    const isClass = first % 100 === 0 && Array.from({ length: 100 }, (_, k) => first + k).every((code) => sorted.includes(code));
    if (isClass) {
      parts.push(`${first / 100}xx`);
      index += 100;
    } else {
      parts.push(String(first));
      index += 1;
    }
  }
  return parts.join(' or ');
}

/**
 * Parses an expected-status input: `200`, `200,204`, `2xx`, or a mix
 * (`2xx,301`). Returns the statuses or the second half of a message.
 */
export function parseExpectedStatus(text: string): Result<number[]> {
  const statuses: number[] = [];
  for (const part of text.split(/[\s,]+/).filter((p) => p !== '')) {
    const single = /^[1-5]\d\d$/.test(part) ? Number(part) : null;
    const klass = /^([1-5])xx$/i.exec(part)?.[1];
    if (single !== null) statuses.push(single);
    else if (klass !== undefined) statuses.push(...Array.from({ length: 100 }, (_, k) => Number(klass) * 100 + k));
    else return err(`got \`${text}\`; expected HTTP statuses such as 200, 200,204 or 2xx`);
  }
  return statuses.length > 0 ? ok(statuses) : err(`got \`${text}\`; expected HTTP statuses such as 200, 200,204 or 2xx`);
}
