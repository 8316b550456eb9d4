import type { EvidenceRow, RollbackNotice } from '../../notify/notifier.js';
import { createPagerDutyNotifier } from '../../notify/pagerduty.js';
import { releaseName } from '../../engine/rollout/plan.js';
import type { CheckReport, Report } from '../../report/model.js';
import * as log from '../shared/log.js';
import type { PagerDutyInputs } from '../shared/pagerduty-inputs.js';
import { activeRedactor } from '../shared/redactor.js';
import type { TickOutcome } from './tick.js';

/**
 * PagerDuty for a canary: a tick that decides `rollback` triggers the
 * environment's alert (the same dedup key auto-rollback uses, so either
 * action's later good news resolves it), and a tick that completes the
 * rollout resolves it. Nothing else is sent: a promote or a hold is no news,
 * and a dry run changes nothing, so it pages nobody. A failure to notify is
 * a row in the report and an error line, never a change of the decision.
 */
export async function notifyPagerDuty(pagerduty: PagerDutyInputs | null, outcome: TickOutcome, report: Report): Promise<CheckReport | null> {
  const { decision, failure } = outcome.standing;
  if (pagerduty === null || outcome.dryRun) return null;
  const isRollback = decision === 'rollback';
  if (!isRollback && !(decision === 'complete' && failure === null)) return null;
  const notifier = createPagerDutyNotifier(pagerduty);
  const notice = activeRedactor().redactDeep(noticeOf(outcome, report));
  const sent = isRollback ? await notifier.send(notice) : await notifier.resolve(notice);
  if (sent.ok) log.info(`notified: ${sent.value.message}`);
  else log.error(`notification failed (the decision is not affected): ${sent.error.message}`);
  return {
    name: `notify: ${notifier.kind}`,
    type: 'notification',
    status: sent.ok ? 'pass' : 'error',
    level: 'advisory',
    value: sent.ok ? 'sent' : 'failed',
    threshold: null,
    unit: '',
    samples: null,
    message: sent.ok ? sent.value.message : sent.error.message,
    evidence: { where: notifier.where, url: null },
  };
}

function noticeOf(outcome: TickOutcome, report: Report): RollbackNotice {
  const plan = outcome.state?.plan ?? outcome.settled?.plan ?? null;
  const evidence: EvidenceRow[] = report.checks
    .filter((check) => check.status !== 'skipped')
    .map((check) => ({ name: check.name, status: check.status, value: check.value === null ? '—' : String(check.value), threshold: typeof check.threshold === 'string' ? check.threshold : '', message: check.message }));
  return {
    decision: outcome.standing.decision,
    environment: report.context.environment ?? 'production',
    version: plan ? releaseName(plan.canary) : 'canary',
    restoredRef: plan?.stable ? releaseName(plan.stable) : null,
    reason: outcome.standing.reason,
    detectedAt: outcome.standing.decision === 'rollback' ? report.finishedAt : null,
    rollbackSeconds: null,
    summary: report.summary,
    repository: report.context.repository,
    runUrl: report.context.runUrl,
    evidence,
    markdown: '',
    timeline: outcome.standing.decision === 'rollback' ? [{ at: report.finishedAt, event: `canary rolled back: ${outcome.standing.reason}` }] : [],
    incidents: [],
  };
}
