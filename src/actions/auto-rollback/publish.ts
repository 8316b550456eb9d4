import type { Result } from '../../engine/result.js';
import { ISSUE_KIND } from '../../notify/github-issue.js';
import type { Delivery, EvidenceRow, IncidentLink, Notifier, NotifyFailure, RollbackNotice } from '../../notify/notifier.js';
import { type CheckReport, type Report, SCHEMA_VERSION } from '../../report/model.js';
import { renderChecksTable, renderReportMarkdown } from '../../report/render-summary.js';
import { readReportContext } from '../shared/github-context.js';
import * as log from '../shared/log.js';
import { setOutput, writeSummary } from '../shared/outputs.js';
import { activeRedactor } from '../shared/redactor.js';
import { defaultReportPath, writeReportFile } from '../shared/report-file.js';
import type { GuardResult } from './guard.js';
import { type NotificationResult, healthCheck, metricCheck, notificationCheck, stepCheck } from './report-checks.js';
import { rollbackTimeline } from './timeline.js';

/**
 * After the decision: notify (never blocking: the rollback is already done),
 * then the report, the outputs and the job summary.
 */
export interface Publication {
  result: GuardResult;
  version: string;
  environment: string;
  notifiers: Notifier[];
  startedAt: Date;
  reportPath: string | undefined;
  env: NodeJS.ProcessEnv;
}

export async function publish(publication: Publication): Promise<Report> {
  const { result, env } = publication;
  const context = readReportContext(env, publication.environment);
  const watchChecks = [
    ...(result.watch?.metrics ?? []).map((track) => metricCheck(track, result.watch?.end.kind === 'backend-failed')),
    ...(result.watch?.health ?? []).map(healthCheck),
    ...(result.rollback?.steps ?? []).map(stepCheck),
  ];
  // Masked before it leaves: Slack, a webhook and a GitHub issue show the evidence to people.
  const notice = activeRedactor().redactDeep(noticeOf(publication, watchChecks, context.repository, context.runUrl));
  const notified = await notify(publication, notice);
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    action: 'auto-rollback',
    decision: result.verdict.decision,
    summary: result.verdict.summary,
    startedAt: publication.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    context,
    checks: [...watchChecks, ...notified.map(notificationCheck)],
  };
  const reportPath = await writeReportFile(report, publication.reportPath ?? defaultReportPath('auto-rollback', env));
  setOutputs(result, reportPath);
  await writeSummary(summaryMarkdown(report, result));
  return report;
}

function setOutputs(result: GuardResult, reportPath: string): void {
  const { verdict } = result;
  setOutput('decision', verdict.decision);
  setOutput('rolled-back', String(verdict.isRolledBack));
  setOutput('restored-ref', verdict.restoredRef ?? '');
  setOutput('reason', verdict.reason);
  setOutput('detected-at', verdict.detectedAt ?? '');
  setOutput('rollback-seconds', verdict.rollbackSeconds === null ? '' : verdict.rollbackSeconds.toFixed(1));
  setOutput('report', reportPath);
  setOutput('summary', verdict.summary);
}

/**
 * Re-runs of a rollback already made notify nobody; a healthy run only
 * resolves what an earlier rollback opened (a PagerDuty alert); everything
 * else notifies, each notifier on its own. The GitHub issue goes last, so
 * it can cite the incidents the others opened (a PagerDuty dedup key).
 */
async function notify(publication: Publication, notice: RollbackNotice): Promise<NotificationResult[]> {
  const { result, notifiers } = publication;
  if (notifiers.length === 0) return [];
  if (result.verdict.decision === 'healthy') return deliver(notifiers.filter((notifier) => notifier.resolve), (notifier) => notifier.resolve!(notice));
  if (result.rollback?.isRepeat) {
    log.info(`not notifying: ${publication.version} was already rolled back, and was notified then`);
    return [];
  }
  const incidents: IncidentLink[] = [];
  const first = await deliver(
    notifiers.filter((notifier) => notifier.kind !== ISSUE_KIND),
    (notifier) => notifier.send(notice),
    incidents,
  );
  const last = await deliver(
    notifiers.filter((notifier) => notifier.kind === ISSUE_KIND),
    (notifier) => notifier.send({ ...notice, incidents: [...incidents] }),
    incidents,
  );
  return [...first, ...last];
}

function deliver(
  notifiers: readonly Notifier[],
  send: (notifier: Notifier) => Promise<Result<Delivery, NotifyFailure>>,
  incidents: IncidentLink[] = [],
): Promise<NotificationResult[]> {
  return Promise.all(
    notifiers.map(async (notifier): Promise<NotificationResult> => {
      const sent = await send(notifier);
      if (sent.ok) log.info(`notified: ${sent.value.message}${sent.value.url ? ` (${sent.value.url})` : ''}`);
      else log.error(`notification failed (the rollback is not affected): ${sent.error.message}`);
      if (sent.ok && sent.value.incident) incidents.push(sent.value.incident);
      return { kind: notifier.kind, where: notifier.where, isDelivered: sent.ok, message: sent.ok ? sent.value.message : sent.error.message, url: sent.ok ? sent.value.url : null };
    }),
  );
}

function noticeOf(publication: Publication, checks: readonly CheckReport[], repository: string | null, runUrl: string | null): RollbackNotice {
  const { verdict } = publication.result;
  const evidence: EvidenceRow[] = checks
    .filter((check) => check.status !== 'skipped')
    .map((check) => ({ name: check.name, status: check.status, value: shownValue(check), threshold: typeof check.threshold === 'string' ? check.threshold : '', message: check.message }));
  return {
    decision: verdict.decision,
    environment: publication.environment,
    version: publication.version,
    restoredRef: verdict.restoredRef,
    reason: verdict.reason,
    detectedAt: verdict.detectedAt,
    rollbackSeconds: verdict.rollbackSeconds,
    summary: verdict.summary,
    repository,
    runUrl,
    evidence,
    markdown: renderChecksTable(checks),
    timeline: rollbackTimeline(publication.result, publication.startedAt, new Date()),
    incidents: [],
  };
}

function shownValue(check: CheckReport): string {
  if (check.value === null) return '—';
  if (typeof check.value === 'string') return check.value;
  return check.unit === 'ratio' ? `${Math.round(check.value * 100_000) / 1_000}%` : String(Math.round(check.value * 10_000) / 10_000);
}

function summaryMarkdown(report: Report, result: GuardResult): string {
  const { verdict } = result;
  const timeline =
    verdict.detectedAt === null
      ? []
      : [
          `- **Detected at:** ${verdict.detectedAt}`,
          `- **Rollback seconds** (first breaching sample → traffic restored): ${verdict.rollbackSeconds?.toFixed(1) ?? '—'}`,
          `- **Restored:** ${verdict.restoredRef ?? '—'}`,
          ...platformLine(result),
          `- **Reason:** ${verdict.reason}`,
          '',
        ];
  return [renderReportMarkdown(report, 'auto-rollback'), ...timeline].join('\n');
}

/** The platform's rollback in one line: what it restored and how it read it back. */
function platformLine(result: GuardResult): string[] {
  const step = result.rollback?.steps.find((candidate) => candidate.name === 'platform-rollback');
  return step ? [`- **Platform rollback** (${step.status}): ${step.message}`] : [];
}
