import type { MetricConfig } from '../../engine/analysis/config.js';
import { type BreachRule, type BreachTrigger, type SampleOutcome, findBreach } from '../../engine/breach.js';
import { faultOutcome, watchMetric } from '../../engine/judge/single-version.js';
import type { HealthCheckResult } from '../../sources/health-check.js';
import type { SourceFault } from '../../sources/source-fault.js';
import { describeHealthRule, describeMetricBreach } from './describe.js';
import type { MetricPoll } from './sample-reader.js';
import { judgeSamples } from './sample-outcomes.js';

/**
 * What the watch has seen so far, per metric and per health URL: one
 * outcome per sample, oldest first, with its time, so the breach rules
 * (`src/engine/breach.ts`) run over the whole stream after every poll.
 * Pure: polls go in, triggers come out.
 */
export interface MetricTrack {
  metric: MetricConfig;
  outcomes: SampleOutcome[];
  /** Epoch ms of the start of each sample's interval: a sample covers the interval before it was read. */
  times: number[];
  values: (number | null)[];
  baselineValues: (number | null)[];
  /** Reads that failed, with when. */
  faults: { at: number; fault: SourceFault }[];
}

export interface HealthTrack {
  url: string;
  rule: BreachRule;
  outcomes: SampleOutcome[];
  times: number[];
  results: HealthCheckResult[];
}

/** A rule that was met: what, where in the stream, and one line saying so. */
export interface Trigger {
  kind: 'metric' | 'health';
  name: string;
  breach: BreachTrigger;
  description: string;
}

export const newMetricTrack = (metric: MetricConfig): MetricTrack => ({ metric, outcomes: [], times: [], values: [], baselineValues: [], faults: [] });
export const newHealthTrack = (url: string, rule: BreachRule): HealthTrack => ({ url, rule, outcomes: [], times: [], results: [] });

/**
 * Adds a poll's new samples. n samples read at `readAt`, `intervalMs` apart,
 * covered the n intervals before it, so sample i started at
 * readAt − (n − i)·interval: the first breaching sample's time is when the
 * breach began, which `rollback-seconds` counts from.
 */
export function addSamples(track: MetricTrack, poll: MetricPoll, readAt: number, fallbackIntervalMs: number): void {
  const verdicts = judgeSamples(track.metric, poll.watched, poll.baseline);
  const spacing = poll.intervalMs ?? fallbackIntervalMs;
  const count = verdicts.outcomes.length;
  verdicts.outcomes.forEach((outcome, index) => {
    track.outcomes.push(outcome);
    track.times.push(readAt - (count - index) * spacing);
    track.values.push(verdicts.values[index] ?? null);
    track.baselineValues.push(verdicts.baselineValues?.[index] ?? null);
  });
}

/** A failed read is one sample: `nodata`, or a breach under `on-error: fail` (BRIEF §3: an outage is never read as health). */
export function addFault(track: MetricTrack, fault: SourceFault, readAt: number, intervalMs: number): void {
  track.faults.push({ at: readAt, fault });
  track.outcomes.push(faultOutcome(track.metric, fault));
  track.times.push(readAt - intervalMs);
  track.values.push(null);
  track.baselineValues.push(null);
}

export function addHealth(track: HealthTrack, result: HealthCheckResult, checkedAt: number): void {
  track.outcomes.push(result.isHealthy ? 'pass' : 'breach');
  track.times.push(checkedAt);
  track.results.push(result);
}

export function metricTrigger(track: MetricTrack): Trigger | null {
  const breach = watchMetric(track.metric, track.outcomes, track.times);
  if (breach === null) return null;
  return { kind: 'metric', name: track.metric.name, breach, description: describeMetricBreach(track.metric, breach, track.values) };
}

export function healthTrigger(track: HealthTrack): Trigger | null {
  const breach = findBreach(track.outcomes, track.rule, track.times);
  if (breach === null) return null;
  const last = track.results[breach.triggerIndex];
  const description = `${track.url} failed ${breach.breaches} of the last ${Math.min(track.outcomes.length, windowOf(track.rule))} checks, ${describeHealthRule(track.rule)} (last: ${last?.reason ?? 'unknown'})`;
  return { kind: 'health', name: track.url, breach, description };
}

const windowOf = (rule: BreachRule): number => (rule.kind === 'consecutive' ? rule.count : rule.m);

/** True when some sample of the metric had a value: a watch that saw none cannot call the release healthy. */
export function hasData(track: MetricTrack): boolean {
  return track.values.some((value) => value !== null);
}
