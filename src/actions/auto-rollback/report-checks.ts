import { describeBreachRule } from '../../engine/breach.js';
import type { Status } from '../../engine/status.js';
import type { CheckReport } from '../../report/model.js';
import { describeFailThresholds, describeHealthRule, formatMetricValue } from './describe.js';
import type { RollbackStep, StepStatus } from './rollback.js';
import { type HealthTrack, type MetricTrack, hasData, healthTrigger, metricTrigger } from './tracks.js';

/**
 * The report's rows (BRIEF §4): one per metric, one per health URL, one per
 * rollback step and one per notification, each with the numbers behind its
 * status so the summary, the issue and the webhooks render and never
 * recompute (STYLE §7).
 */
export function metricCheck(track: MetricTrack, isOutageAtEnd: boolean): CheckReport {
  const { metric } = track;
  const trigger = metricTrigger(track);
  const values = track.values.filter((value): value is number => value !== null);
  const value = trigger ? (track.values[trigger.breach.triggerIndex] ?? null) : (values.at(-1) ?? null);
  const lastFault = track.faults.at(-1);
  const status: Status = trigger ? 'fail' : isOutageAtEnd && lastFault ? 'error' : hasData(track) ? 'pass' : 'nodata';
  const worst = values.length > 0 ? formatMetricValue(metric, metric.thresholds.some((t) => t.bound === 'min' && t.level === 'fail') ? Math.min(...values) : Math.max(...values)) : null;
  const messages: Record<Status, string> = {
    fail: trigger?.description ?? '',
    error: `metrics backend failing: ${lastFault?.fault.message ?? ''}`,
    nodata: `no data in ${track.outcomes.length} sample${track.outcomes.length === 1 ? '' : 's'}${lastFault ? `; last read failed: ${lastFault.fault.message}` : ''}`,
    pass: `${track.outcomes.length} samples, none breaching ${describeFailThresholds(metric)} for ${describeBreachRule(metric.breach)}; worst ${worst}`,
    warn: '',
    inconclusive: '',
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

export function healthCheck(track: HealthTrack): CheckReport {
  const trigger = healthTrigger(track);
  const window = track.rule.kind === 'consecutive' ? track.rule.count : track.rule.m;
  const failures = track.outcomes.slice(-window).filter((outcome) => outcome === 'breach').length;
  const last = track.results.at(-1);
  return {
    name: track.url,
    type: 'health-check',
    status: trigger ? 'fail' : track.outcomes.length === 0 ? 'nodata' : 'pass',
    level: 'required',
    value: failures,
    threshold: describeHealthRule(track.rule),
    unit: 'count',
    samples: track.outcomes.length,
    message: trigger?.description ?? `${failures} of the last ${Math.min(window, track.outcomes.length)} checks failed; last: ${last?.reason ?? 'none'}`,
    evidence: { rule: describeHealthRule(track.rule), checks: track.results.slice(-20).map((result, i) => ({ ...result, at: new Date(track.times.slice(-20)[i]!).toISOString() })), trigger: trigger?.breach ?? null },
  };
}

const STEP_STATUS = { done: 'pass', already: 'pass', skipped: 'skipped', failed: 'fail' } as const satisfies Record<StepStatus, Status>;
/** Traffic, the command and verification are the rollback; marking deployments is its record. */
const REQUIRED_STEPS: readonly string[] = ['traffic', 'rollback-command', 'verify'];

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
