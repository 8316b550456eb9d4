import type { AnalysisConfig, MetricConfig } from '../analysis/config.js';
import { type BreachTrigger, type SampleOutcome, findBreach } from '../breach.js';
import { type Quantity, divide, exactQuantity, fromNumber, quantityOf } from '../exact.js';
import { type ClassifyOptions, classifyMetric } from './classify-metric.js';
import { isBeyond } from './hold-thresholds.js';
import { tallyOutcomes } from './score.js';
import { isHistogramSeries, isRatioSeries } from './transform.js';
import { decideVerdict } from './verdict.js';
import type { Judgement, LiveInput, LiveSamples, MetricFault, VariantData } from './types.js';

/**
 * Single-version mode (auto-rollback, and canary-promote's 100% step): one
 * live version, no baseline, absolute thresholds only. Two uses:
 * - `judgeLive`: the window as a whole, through the same stages as the canary
 *   judge (a one-shot evaluation, or gate-style "stable for 48 h").
 * - `sampleOutcomes` + `findBreach`: each interval on its own, pass or
 *   breach, for the `consecutive` / `n-of-m` rules that decide a rollback.
 */
export function judgeLive(config: AnalysisConfig, samples: LiveSamples, options: ClassifyOptions = {}): Judgement {
  const metrics = config.metrics.map((metric) => {
    const input = samples[metric.name];
    return classifyMetric(metric, input && 'live' in input ? { canary: input.live } : input, 0, options);
  });
  const tally = tallyOutcomes(metrics);
  return { ...decideVerdict(tally, config.failureLimit), metrics, tally, failureLimit: config.failureLimit, look: null };
}

/**
 * One outcome per interval, oldest first: `breach` when the interval's value
 * breaks a fail-level threshold (warn levels never roll back), `nodata` for a
 * gap or an interval without traffic (or `breach` under `on-no-data: fail`).
 * Values meet thresholds exactly as written; +∞ breaks every `max`.
 * A fault that kept the whole window from being read is one sample's outcome.
 */
export function sampleOutcomes(metric: MetricConfig, input: LiveInput | undefined): SampleOutcome[] {
  if (input === undefined) return [];
  if ('fault' in input) return [faultOutcome(metric, input.fault)];
  const fails = metric.thresholds.filter((t) => t.kind === 'absolute' && t.level === 'fail');
  const noData = noDataOutcome(metric);
  return intervalQuantities(input.live).map((value) => {
    if (value === null) return noData;
    return fails.some((t) => isBeyond(t, value)) ? 'breach' : 'pass';
  });
}

/** `on-no-data` for a sample that could not be judged: a breach, a pass, or no data. */
export function noDataOutcome(metric: MetricConfig): SampleOutcome {
  return metric.onNoData === 'fail' ? 'breach' : metric.onNoData === 'pass' ? 'pass' : 'nodata';
}

/** A provider outage is never read as a breach unless `on-error: fail` says so. */
export function faultOutcome(metric: MetricConfig, _fault: MetricFault): SampleOutcome {
  return metric.onError === 'fail' ? 'breach' : 'nodata';
}

/** The metric's breach rule applied to its outcomes; `times` labels the samples (epoch ms). */
export function watchMetric(metric: MetricConfig, outcomes: readonly SampleOutcome[], times?: readonly number[]): BreachTrigger | null {
  return findBreach(outcomes, metric.breach, times);
}

/**
 * Each interval's value, exactly: a series sample (±Infinity kept: it is a
 * finding), or that interval's events / total. `null` for a gap, or an
 * interval without traffic (no traffic is no data, never 0%).
 */
export function intervalQuantities(data: VariantData): (Quantity | null)[] {
  // Histograms are judged canary against baseline only (the analysis refuses them in single-version mode): no value per interval here.
  if (isHistogramSeries(data)) return (data.buckets.at(-1)?.values ?? []).map(() => null);
  if (!isRatioSeries(data)) return data.map((value) => (Number.isNaN(value) ? null : quantityOf(value)));
  const length = Math.min(data.numerator.length, data.denominator.length);
  const top = data.numerator.slice(data.numerator.length - length);
  const bottom = data.denominator.slice(data.denominator.length - length);
  return top.map((events, i) => {
    const total = bottom[i]!;
    if (!Number.isFinite(events) || !Number.isFinite(total) || total <= 0) return null;
    return exactQuantity(divide(fromNumber(events), fromNumber(total)));
  });
}

/** Each interval's value as a double, for display. */
export function intervalValues(data: VariantData): (number | null)[] {
  return intervalQuantities(data).map((quantity) => quantity?.value ?? null);
}
