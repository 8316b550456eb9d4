import type { MetricConfig, Threshold } from '../../engine/analysis/config.js';
import { type BreachRule, type BreachTrigger, describeBreachRule } from '../../engine/breach.js';
import { formatValue, significant } from '../../engine/judge/format.js';

/**
 * How the watch's findings read in reasons, logs and the report: values in
 * the metric's own terms (a ratio as a percentage), thresholds as written
 * (`max 5%`, `max-increase 50%`), and which samples breached (flagger#1810:
 * show the values and thresholds behind a decision).
 */
export function formatMetricValue(metric: MetricConfig, value: number | null): string {
  return formatValue(metric.measure.kind, value);
}

export function formatThreshold(metric: MetricConfig, threshold: Threshold): string {
  const value = threshold.kind === 'relative' ? `${significant(threshold.value * 100)}%` : formatMetricValue(metric, threshold.value);
  return `${threshold.key} ${value}`;
}

/** The thresholds that can roll back (fail level), e.g. `max 5%` or `max 5% / max-increase 50%`. */
export function describeFailThresholds(metric: MetricConfig): string {
  const fails = metric.thresholds.filter((t) => t.level === 'fail');
  return fails.map((t) => formatThreshold(metric, t)).join(' / ') || 'no fail threshold';
}

/** `error-rate breached max 5% in 3 consecutive samples (12%, 14%, 13%)`. */
export function describeMetricBreach(metric: MetricConfig, trigger: BreachTrigger, values: readonly (number | null)[]): string {
  const shown = values.slice(trigger.firstBreachIndex, trigger.triggerIndex + 1).map((value) => formatMetricValue(metric, value));
  const rule = trigger.rule.kind === 'consecutive' ? describeBreachRule(trigger.rule) : `${trigger.rule.n} of ${trigger.rule.m} consecutive samples`;
  return `${metric.name} breached ${describeFailThresholds(metric)} in ${rule} (${shown.join(', ')})`;
}

/** `more than 3 failures in 5 checks`, the health rule as the runbook states it. */
export function describeHealthRule(rule: BreachRule): string {
  if (rule.kind === 'consecutive') return `${rule.count} consecutive failures`;
  return `more than ${rule.n - 1} failure${rule.n - 1 === 1 ? '' : 's'} in ${rule.m} checks`;
}

/** Seconds with one decimal, as the `rollback-seconds` output shows them. */
export function roundSeconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
