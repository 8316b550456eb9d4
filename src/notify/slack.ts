import { type Result, err, ok } from '../engine/result.js';
import type { Delivery, EvidenceRow, Notifier, NotifyFailure, RollbackNotice } from './notifier.js';
import { type PostOptions, hostOf, postJson } from './post-json.js';

/**
 * A Slack incoming webhook (https://api.slack.com/messaging/webhooks): a
 * message in Block Kit with the decision, the releases, the timing and the
 * evidence, and `text` as the fallback notifications show. Limits from the
 * Block Kit reference: header text 150 characters, a section's text 3000, a
 * field 2000, ten fields. Slack answers `200 ok`, or 4xx with an error word
 * (`invalid_payload`, `no_service`) that the failure message repeats.
 */
export const SLACK_KIND = 'slack';

const ICONS: Record<string, string> = { 'rolled-back': '🟠', 'rollback-failed': '🔴', 'backend-failed': '🔴', inconclusive: '🟡', healthy: '🟢' };
const STATUS_ICONS: Record<string, string> = { pass: '✅', fail: '❌', error: '💥', nodata: '⭕', warn: '⚠️', skipped: '⏭️', inconclusive: '❔' };
const LIMITS = { header: 150, section: 3_000, field: 2_000 } as const;

export function createSlackNotifier(webhookUrl: string, options: PostOptions = {}): Notifier {
  const where = `Slack webhook at ${hostOf(webhookUrl)}`;
  return {
    kind: SLACK_KIND,
    where,
    async send(notice: RollbackNotice): Promise<Result<Delivery, NotifyFailure>> {
      const posted = await postJson(webhookUrl, slackMessage(notice), where, options);
      if (!posted.ok) return err({ message: posted.error });
      return ok({ message: `posted to ${where}`, url: null });
    },
  };
}

/** The message Slack receives; exported for tests and for the documentation of its shape. */
export function slackMessage(notice: RollbackNotice): { text: string; blocks: unknown[] } {
  const icon = ICONS[notice.decision] ?? '';
  const title = `${icon} ${notice.decision}: ${notice.version} in ${notice.environment}`.trim();
  const fields = [
    ['Environment', notice.environment],
    ['Rolled back', `\`${notice.version}\``],
    ['Restored', notice.restoredRef ? `\`${notice.restoredRef}\`` : '—'],
    ['Detected at', notice.detectedAt ?? '—'],
    ['Rollback time', notice.rollbackSeconds === null ? '—' : `${notice.rollbackSeconds.toFixed(1)} s`],
  ].map(([name, value]) => ({ type: 'mrkdwn', text: cut(`*${name}*\n${escape(value!)}`, LIMITS.field) }));
  const links = [notice.runUrl ? `<${notice.runUrl}|workflow run>` : null, notice.repository ? escape(notice.repository) : null].filter((part) => part !== null);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(title, LIMITS.header), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(`${escape(notice.summary)}\n*Reason:* ${escape(notice.reason)}`, LIMITS.section) } },
    { type: 'section', fields },
    { type: 'section', text: { type: 'mrkdwn', text: cut(`*Evidence*\n${notice.evidence.map(evidenceLine).join('\n') || '—'}`, LIMITS.section) } },
  ];
  if (links.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' · ') }] });
  return { text: `${title}: ${notice.summary}`, blocks };
}

function evidenceLine(row: EvidenceRow): string {
  const threshold = row.threshold ? ` (${row.threshold})` : '';
  return `${STATUS_ICONS[row.status] ?? '•'} *${escape(row.name)}* ${escape(row.value)}${escape(threshold)}: ${escape(row.message)}`;
}

/** Slack's mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
