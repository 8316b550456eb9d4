import type { AnalysisConfig, MetricConfig } from '../analysis/config.js';
import { type BreachTrigger, type SampleOutcome, findBreach } from '../breach.js';
import { classifyMetric } from './classify-metric.js';
import { tallyOutcomes } from './score.js';
import { isRatioSeries } from './transform.js';
import { decideVerdict } from './verdict.js';
import type { Judgement, LiveInput, LiveSamples, MetricFault, VariantData } from './types.js';

/**
 * Single-version mode (auto-rollback, issue 5): one live version, no
 * baseline, absolute thresholds only (the parser refuses relative ones in
 * `live` mode). Two uses:
 * - `judgeLive`: the window as a whole, through the same stages as the canary
 *   judge (a one-shot evaluation, or gate-style "stable for 48 h").
 * - `sampleOutcomes` + `findBreach`: each interval on its own, pass or
 *   breach, for the `consecutive` / `n-of-m` rules that decide a rollback.
 */
export function judgeLive(config: AnalysisConfig, samples: LiveSamples): Judgement {
  const metrics = config.metrics.map((metric) => {
    const input = samples[metric.name];
    return classifyMetric(metric, input && 'live' in input ? { canary: input.live } : input, 0);
  });
  const tally = tallyOutcomes(metrics);
  return { ...decideVerdict(tally, config.failureLimit), metrics, tally, failureLimit: config.failureLimit, look: null };
}

/**
 * One outcome per interval, oldest first: `breach` when the interval's value
 * breaks a fail-level threshold (warn levels never roll back), `nodata` for a
 * gap or an interval without traffic (or `breach` under `on-no-data: fail`).
 * A fault that kept the whole window from being read is one sample's outcome.
 */
export function sampleOutcomes(metric: MetricConfig, input: LiveInput | undefined): SampleOutcome[] {
  if (input === undefined) return [];
  if ('fault' in input) return [faultOutcome(metric, input.fault)];
  const values = intervalValues(input.live);
  const fails = metric.thresholds.filter((t) => t.kind === 'absolute' && t.level === 'fail');
  const noData = noDataOutcome(metric);
  return values.map((value) => {
    if (value === null) return noData;
    const broken = fails.some((t) => (t.bound === 'max' ? value > t.value : value < t.value));
    return broken ? 'breach' : 'pass';
  });
}

/** `on-no-data` for a sample that could not be judged: a breach, a pass, or no data. */
export function noDataOutcome(metric: MetricConfig): SampleOutcome {
  return metric.onNoData === 'fail' ? 'breach' : metric.onNoData === 'pass' ? 'pass' : 'nodata';
}

/** A provider outage is never read as a breach unless `on-error: fail` says so (BRIEF §3). */
export function faultOutcome(metric: MetricConfig, _fault: MetricFault): SampleOutcome {
  return metric.onError === 'fail' ? 'breach' : 'nodata';
}

/** The metric's breach rule applied to its outcomes; `times` labels the samples (epoch ms). */
export function watchMetric(metric: MetricConfig, outcomes: readonly SampleOutcome[], times?: readonly number[]): BreachTrigger | null {
  return findBreach(outcomes, metric.breach, times);
}

/** Each interval's value: a series sample, or that interval's events / total (null for no traffic or a gap). */
export function intervalValues(data: VariantData): (number | null)[] {
  if (!isRatioSeries(data)) return data.map((value) => (Number.isFinite(value) ? value : null));
  const length = Math.min(data.numerator.length, data.denominator.length);
  const top = data.numerator.slice(data.numerator.length - length);
  const bottom = data.denominator.slice(data.denominator.length - length);
  return top.map((events, i) => {
    const total = bottom[i]!;
    return Number.isFinite(events) && Number.isFinite(total) && total > 0 ? events / total : null;
  });
}
