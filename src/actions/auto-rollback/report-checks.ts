import { describeBreachRule } from '../../engine/breach.js';
import type { Status } from '../../engine/status.js';
import type { CheckReport } from '../../report/model.js';
import { describeFailThresholds, describeHealthRule, formatMetricValue } from './describe.js';
import type { RollbackStep, StepStatus } from './rollback.js';
import { type HealthTrack, type MetricTrack, hasData, healthTrigger, metricTrigger } from './tracks.js';

/**
 * The report's rows: one per metric, one per health URL, one per rollback
 * step and one per notification, each with the numbers behind its status so
 * the summary, the issue and the webhooks render and never recompute. A row
 * whose data was too thin to call healthy (`evidence.ts`) is `inconclusive`,
 * and says by how much. Health URLs are named as shown (`shown-url.ts`).
 */
export function metricCheck(track: MetricTrack, isOutageAtEnd: boolean): CheckReport {
  const { metric } = track;
  const trigger = metricTrigger(track);
  const values = track.values.filter((value): value is number => value !== null);
  const value = trigger ? (track.values[trigger.breach.triggerIndex] ?? null) : (values.at(-1) ?? null);
  const lastFault = track.faults.at(-1);
  const status = metricStatus(track, trigger !== null, isOutageAtEnd && lastFault !== undefined);
  const worst = values.length > 0 ? formatMetricValue(metric, metric.thresholds.some((t) => t.bound === 'min' && t.level === 'fail') ? Math.min(...values) : Math.max(...values)) : null;
  const messages: Record<Status, string> = {
    fail: trigger?.description ?? '',
    error: `metrics backend failing: ${lastFault?.fault.message ?? ''}`,
    nodata: `no data in ${track.outcomes.length} sample${track.outcomes.length === 1 ? '' : 's'}${lastFault ? `; last read failed: ${lastFault.fault.message}` : ''}`,
    pass: `${track.outcomes.length} samples, none breaching ${describeFailThresholds(metric)} for ${describeBreachRule(metric.breach)}; worst ${worst}${track.shortfall ? ` (${track.shortfall}; on-no-data: pass)` : ''}`,
    warn: '',
    inconclusive: `${track.shortfall ?? ''}; none breaching ${describeFailThresholds(metric)}, worst ${worst}`,
    skipped: '',
  };
  return {
    name: metric.name,
    type: `metric (${metric.measure.kind})`,
    status,
    level: 'required',
    value,
    threshold: describeFailThresholds(metric),
    unit: metric.measure.kind === 'ratio' ? 'ratio' : '',
    samples: track.outcomes.length,
    message: messages[status],
    evidence: {
      rule: describeBreachRule(metric.breach),
      outcomes: track.outcomes,
      values: track.values,
      ...(track.baselineValues.some((v) => v !== null) ? { baselineValues: track.baselineValues } : {}),
      sampleTimes: track.times.map((time) => new Date(time).toISOString()),
      faults: track.faults.map(({ at, fault }) => ({ at: new Date(at).toISOString(), kind: fault.kind, message: fault.message })),
      trigger: trigger?.breach ?? null,
    },
  };
}

/** A rule met fails; an outage at the end is an error; data too thin to judge is inconclusive (unless `on-no-data: pass`). */
function metricStatus(track: MetricTrack, isTriggered: boolean, isFailingAtEnd: boolean): Status {
  if (isTriggered) return 'fail';
  if (isFailingAtEnd) return 'error';
  if (!hasData(track)) return 'nodata';
  return track.shortfall !== null && track.metric.onNoData !== 'pass' ? 'inconclusive' : 'pass';
}

export function healthCheck(track: HealthTrack): CheckReport {
  const trigger = healthTrigger(track);
  const window = track.rule.kind === 'consecutive' ? track.rule.count : track.rule.m;
  const failures = track.outcomes.slice(-window).filter((outcome) => outcome === 'breach').length;
  const last = track.results.at(-1);
  return {
    name: track.shown,
    type: 'health-check',
    status: trigger ? 'fail' : track.outcomes.length === 0 ? 'nodata' : track.shortfall ? 'inconclusive' : 'pass',
    level: 'required',
    value: failures,
    threshold: describeHealthRule(track.rule),
    unit: 'count',
    samples: track.outcomes.length,
    message: trigger?.description ?? `${failures} of the last ${Math.min(window, track.outcomes.length)} checks failed; last: ${last?.reason ?? 'none'}${track.shortfall ? `; ${track.shortfall}` : ''}`,
    evidence: { rule: describeHealthRule(track.rule), checks: track.results.slice(-20).map((result, i) => ({ ...result, at: new Date(track.times.slice(-20)[i]!).toISOString() })), trigger: trigger?.breach ?? null },
  };
}

const STEP_STATUS = { done: 'pass', already: 'pass', skipped: 'skipped', failed: 'fail' } as const satisfies Record<StepStatus, Status>;
/** Traffic, the platform, the command and verification are the rollback; marking deployments is its record. */
const REQUIRED_STEPS: readonly string[] = ['traffic', 'platform-rollback', 'rollback-command', 'reapply-traffic', 'verify'];

export function stepCheck(step: RollbackStep): CheckReport {
  return {
    name: `rollback: ${step.name}`,
    type: 'rollback-step',
    status: STEP_STATUS[step.status],
    level: REQUIRED_STEPS.includes(step.name) ? 'required' : 'advisory',
    value: step.status,
    threshold: null,
    unit: '',
    samples: null,
    message: step.message,
    evidence: step.evidence,
  };
}

export interface NotificationResult {
  kind: string;
  where: string;
  isDelivered: boolean;
  message: string;
  url: string | null;
}

export function notificationCheck(result: NotificationResult): CheckReport {
  return {
    name: `notify: ${result.kind}`,
    type: 'notification',
    status: result.isDelivered ? 'pass' : 'error',
    level: 'advisory',
    value: result.isDelivered ? 'sent' : 'failed',
    threshold: null,
    unit: '',
    samples: null,
    message: result.message,
    evidence: { where: result.where, url: result.url },
  };
}
