import { type Result, err, ok } from '../engine/result.js';
import { type HttpOptions, sendRequest } from '../sources/http/send-request.js';
import { MASK, hostOf } from '../sources/http/redact-url.js';
import { parseJsonText } from '../sources/json-text.js';
import { noteSecret } from '../sources/secret-registry.js';
import type { Delivery, Notifier, NotifyFailure, RollbackNotice } from './notifier.js';

/**
 * PagerDuty through its Events API v2 (`POST /v2/enqueue`,
 * https://developer.pagerduty.com/docs/events-api-v2/trigger-events/): a
 * rollback triggers an alert, and a later healthy watch (or a completed
 * canary) of the same environment resolves it.
 *
 * The dedup key is `rollout-guard/<owner/repo>/<environment>`: one open
 * alert per environment of a repository, not per release, because what a
 * later run can tell is that the environment is healthy again, whichever
 * release it now serves; and a second rollback while the first is still open
 * adds to that alert instead of paging anew.
 *
 * PagerDuty answers 202; 429 ("slow down") and 5xx are retried by the HTTP
 * helper with backoff; 400 means the event is invalid (a wrong routing key
 * among them) and is not retried. The routing key is masked in the log and
 * never appears in a message: it travels in the body, never in the URL.
 *
 * PagerDuty's JS client (`@pagerduty/pdjs`) is not used: its `event()` only
 * speaks `https://<server>` through its own `cross-fetch`, with no way to hand
 * it our HTTP helper, retries 429 alone (20 s, fixed) and never a 5xx, and
 * adds about 320 KB to the bundle for one JSON POST.
 */
export const PAGERDUTY_KIND = 'pagerduty';

/** PagerDuty cuts `payload.summary` at 1024 characters; cut it ourselves so the end is ours ("…"). */
export const SUMMARY_LIMIT = 1_024;
/** Evidence rows sent in `custom_details`; the rest are counted, so an event stays far below PagerDuty's 512 KB. */
const EVIDENCE_ROWS = 50;
/** Retry-After above this is not honoured: a notification must not hold the step for minutes. */
const MAX_RETRY_AFTER_MS = 5_000;

export interface PagerDutyConfig {
  routingKey: string;
  /** The Events API's base, `https://events.pagerduty.com` (EU: `https://events.eu.pagerduty.com`). */
  url: string;
}

export interface PagerDutyNotifier extends Notifier {
  /** Resolves the environment's alert: a later watch found it healthy, or its canary completed. */
  resolve(notice: RollbackNotice): Promise<Result<Delivery, NotifyFailure>>;
}

/** One alert per environment of a repository (see above). */
export function dedupKey(notice: Pick<RollbackNotice, 'repository' | 'environment'>): string {
  return ['rollout-guard', ...(notice.repository ? [notice.repository] : []), notice.environment].join('/');
}

export function createPagerDutyNotifier(config: PagerDutyConfig, options: HttpOptions = {}): PagerDutyNotifier {
  noteSecret(config.routingKey);
  const where = `PagerDuty Events API at ${hostOf(config.url)}`;
  const enqueue = async (event: Record<string, unknown>, done: string): Promise<Result<Delivery, NotifyFailure>> => {
    const sent = await sendRequest(
      { method: 'POST', url: `${config.url.replace(/\/+$/, '')}/v2/enqueue`, body: JSON.stringify(event), isSecretBody: true, publicHeaders: { 'content-type': 'application/json', accept: 'application/json' }, label: `POST ${where}` },
      { ...options, maxRetryAfterMs: MAX_RETRY_AFTER_MS },
    );
    const hide = (text: string): string => text.split(config.routingKey).join(MASK);
    if (!sent.ok) return err({ kind: 'provider', message: hide(sent.error.message) });
    const { status, tries, text } = sent.value;
    const parsed = parseJsonText(text);
    const answer = (parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? parsed.value : {}) as { status?: unknown; message?: unknown; errors?: unknown; dedup_key?: unknown };
    const after = tries > 1 ? ` after ${tries} tries` : '';
    if (status === 202 || (status >= 200 && status < 300)) {
      const key = typeof answer.dedup_key === 'string' ? answer.dedup_key : String(event.dedup_key);
      return ok({ message: `${done} (dedup_key ${key})${after}`, url: null, incident: { service: 'PagerDuty', reference: key, url: null } });
    }
    const said = [answer.message, ...(Array.isArray(answer.errors) ? answer.errors : [])].filter((part): part is string => typeof part === 'string' && part !== '');
    const words = said.length > 0 ? `: ${hide(said.join('; ')).slice(0, 300)}` : '';
    if (status === 400) return err({ kind: 'config', message: `${where} refused the event (400)${words}; check \`pagerduty-routing-key\` (an Events API v2 integration key of the service)` });
    return err({ kind: 'provider', message: `${where} answered ${status}${words}${after}` });
  };
  return {
    kind: PAGERDUTY_KIND,
    where,
    send: (notice) => enqueue(triggerEvent(config.routingKey, notice), `triggered a PagerDuty alert on ${where}`),
    resolve: (notice) => enqueue(resolveEvent(config.routingKey, notice), `resolved the PagerDuty alert on ${where}`),
  };
}

/** A rollback, or a rollback that failed, is someone's emergency; an unobserved release (`backend-failed`, `inconclusive`) a warning. */
const SEVERITY: Record<string, 'critical' | 'warning'> = { 'rolled-back': 'critical', 'rollback-failed': 'critical', rollback: 'critical' };

export function triggerEvent(routingKey: string, notice: RollbackNotice): Record<string, unknown> {
  const rows = notice.evidence.slice(0, EVIDENCE_ROWS);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey(notice),
    client: 'rollout-guard',
    ...(notice.runUrl ? { client_url: notice.runUrl } : {}),
    payload: {
      summary: cut(`rollout-guard ${notice.decision}: ${notice.summary}`, SUMMARY_LIMIT),
      source: notice.repository ?? 'rollout-guard',
      severity: SEVERITY[notice.decision] ?? 'warning',
      component: notice.environment,
      ...(notice.repository ? { group: notice.repository } : {}),
      class: notice.decision,
      ...(notice.detectedAt ? { timestamp: notice.detectedAt } : {}),
      custom_details: {
        decision: notice.decision,
        environment: notice.environment,
        version: notice.version,
        restoredRef: notice.restoredRef,
        reason: notice.reason,
        detectedAt: notice.detectedAt,
        rollbackSeconds: notice.rollbackSeconds,
        evidence: rows,
        ...(notice.evidence.length > rows.length ? { evidenceLeftOut: notice.evidence.length - rows.length } : {}),
      },
    },
    ...(notice.runUrl ? { links: [{ href: notice.runUrl, text: 'workflow run' }] } : {}),
  };
}

export function resolveEvent(routingKey: string, notice: RollbackNotice): Record<string, unknown> {
  return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey(notice) };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
