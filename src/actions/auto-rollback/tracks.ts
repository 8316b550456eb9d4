import type { MetricConfig } from '../../engine/analysis/config.js';
import { type BreachRule, type BreachTrigger, type SampleOutcome, findBreach } from '../../engine/breach.js';
import { faultOutcome, watchMetric } from '../../engine/judge/single-version.js';
import type { HealthCheckResult } from '../../sources/health-check.js';
import type { SourceFault } from '../../sources/source-fault.js';
import { describeHealthRule, describeMetricBreach } from './describe.js';
import type { MetricPoll } from './metric-read.js';
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
  /** Per sample: held to a fail-level threshold on data (see `judgeSamples`). */
  judged: boolean[];
  /** The most samples one read brought: what each poll of a query source should bring. */
  mostPerRead: number;
  /** Reads that failed, with when. */
  faults: { at: number; fault: SourceFault }[];
  /** Set when a watch ends without a breach: why its data was too thin to call it healthy, or `null`. */
  shortfall: string | null;
}

export interface HealthTrack {
  /** The URL as given, for checking only: it may carry credentials. */
  url: string;
  /** The URL as shown everywhere (`redactUrl`, numbered when two look the same). */
  shown: string;
  rule: BreachRule;
  outcomes: SampleOutcome[];
  times: number[];
  results: HealthCheckResult[];
  /** As a metric track's. */
  shortfall: string | null;
}

/** A rule that was met: what, where in the stream, and one line saying so. */
export interface Trigger {
  kind: 'metric' | 'health';
  name: string;
  breach: BreachTrigger;
  description: string;
}

export const newMetricTrack = (metric: MetricConfig): MetricTrack => ({ metric, outcomes: [], times: [], values: [], baselineValues: [], judged: [], mostPerRead: 0, faults: [], shortfall: null });
export const newHealthTrack = (url: string, shown: string, rule: BreachRule): HealthTrack => ({ url, shown, rule, outcomes: [], times: [], results: [], shortfall: null });

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
  track.mostPerRead = Math.max(track.mostPerRead, count);
  verdicts.outcomes.forEach((outcome, index) => {
    track.outcomes.push(outcome);
    track.times.push(readAt - (count - index) * spacing);
    track.values.push(verdicts.values[index] ?? null);
    track.baselineValues.push(verdicts.baselineValues?.[index] ?? null);
    track.judged.push(verdicts.judged[index] ?? false);
  });
}

/** A failed read is one sample: `nodata`, or a breach under `on-error: fail` (an outage is never read as health). */
export function addFault(track: MetricTrack, fault: SourceFault, readAt: number, intervalMs: number): void {
  track.faults.push({ at: readAt, fault });
  track.outcomes.push(faultOutcome(track.metric, fault));
  track.times.push(readAt - intervalMs);
  track.values.push(null);
  track.baselineValues.push(null);
  track.judged.push(false);
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
  const description = `${track.shown} failed ${breach.breaches} of the last ${Math.min(track.outcomes.length, windowOf(track.rule))} checks, ${describeHealthRule(track.rule)} (last: ${last?.reason ?? 'unknown'})`;
  return { kind: 'health', name: track.shown, breach, description };
}

const windowOf = (rule: BreachRule): number => (rule.kind === 'consecutive' ? rule.count : rule.m);

/** True when some sample of the metric was held to a threshold on data. */
export function hasData(track: MetricTrack): boolean {
  return track.judged.some(Boolean);
}
