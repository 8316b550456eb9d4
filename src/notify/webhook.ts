import { type Result, err, ok } from '../engine/result.js';
import type { Delivery, Notifier, NotifyFailure, RollbackNotice } from './notifier.js';
import { type PostOptions, hostOf, postJson } from './post-json.js';

/**
 * A generic JSON webhook: one POST of the payload below, for a pager, a chat
 * bot or an incident tool. Any 2xx is delivered; 429, 5xx and dropped
 * connections are retried. The URL is treated as a secret (masked in the
 * log, never in messages), so a token may sit in its path or query.
 *
 * Payload (`schema: "rollout-guard/rollback@1"`; fields are added, never
 * renamed, within a schema version):
 * ```json
 * { "schema": "rollout-guard/rollback@1", "action": "auto-rollback",
 *   "decision": "rolled-back", "environment": "production",
 *   "version": "v2", "restoredRef": "v1",
 *   "reason": "error-rate breached max 5% in 3 consecutive samples",
 *   "detectedAt": "2026-03-03T10:04:00.000Z", "rollbackSeconds": 3.4,
 *   "summary": "…", "repository": "octo/app", "runUrl": "https://github.com/…",
 *   "evidence": [{ "name": "error-rate", "status": "fail", "value": "14%", "threshold": "max 5%", "message": "…" }],
 *   "timeline": [{ "at": "2026-03-03T10:02:00.000Z", "event": "first breaching sample" }] }
 * ```
 */
export const WEBHOOK_KIND = 'webhook';
export const WEBHOOK_SCHEMA = 'rollout-guard/rollback@1';

/** The notice as every notifier gets it, less its Markdown and the incidents (other notifiers may not have sent yet), tagged with the schema. */
export type WebhookPayload = { schema: typeof WEBHOOK_SCHEMA; action: 'auto-rollback' } & Omit<RollbackNotice, 'markdown' | 'incidents'>;

export function createWebhookNotifier(url: string, options: PostOptions = {}): Notifier {
  const where = `webhook at ${hostOf(url)}`;
  return {
    kind: WEBHOOK_KIND,
    where,
    async send(notice: RollbackNotice): Promise<Result<Delivery, NotifyFailure>> {
      const posted = await postJson(url, webhookPayload(notice), where, options);
      if (!posted.ok) return err({ message: posted.error });
      return ok({ message: `posted to ${where} (${posted.value.status})`, url: null });
    },
  };
}

export function webhookPayload(notice: RollbackNotice): WebhookPayload {
  const { decision, environment, version, restoredRef, reason, detectedAt, rollbackSeconds, summary, repository, runUrl, evidence, timeline } = notice;
  return { schema: WEBHOOK_SCHEMA, action: 'auto-rollback', decision, environment, version, restoredRef, reason, detectedAt, rollbackSeconds, summary, repository, runUrl, evidence, timeline };
}
