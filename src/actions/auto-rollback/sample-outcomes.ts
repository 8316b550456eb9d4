import type { MetricConfig, Threshold } from '../../engine/analysis/config.js';
import type { SampleOutcome } from '../../engine/breach.js';
import { intervalValues, noDataOutcome, sampleOutcomes } from '../../engine/judge/single-version.js';
import type { VariantData } from '../../engine/judge/types.js';

/**
 * Pure: each new sample of a watched metric, pass or breach. Absolute
 * thresholds are the judge's single-version rule (`sampleOutcomes`); where a
 * baseline exists, relative thresholds compare each interval of the watched
 * release with the same interval of the baseline. No significance test runs
 * per interval: the breach rule (`consecutive` / `n-of-m`) is what keeps one
 * noisy interval from rolling back, as the runbooks' "for 5 consecutive
 * minutes" does. Only fail levels breach; warn levels never roll back.
 */
export interface SampleVerdicts {
  outcomes: SampleOutcome[];
  /** The watched release's value per sample (a ratio's rate), `null` for a gap or no traffic. */
  values: (number | null)[];
  /** The baseline's, for metrics judged against one. */
  baselineValues: (number | null)[] | null;
}

export function judgeSamples(metric: MetricConfig, watched: VariantData, baseline: VariantData | null): SampleVerdicts {
  const values = intervalValues(watched);
  const absolute = sampleOutcomes(metric, { live: watched });
  const relative = metric.thresholds.filter((t) => t.kind === 'relative' && t.level === 'fail');
  if (relative.length === 0 || baseline === null) return { outcomes: absolute, values, baselineValues: baseline === null ? null : intervalValues(baseline) };
  const baselineValues = intervalValues(baseline);
  const hasAbsolute = metric.thresholds.some((t) => t.kind === 'absolute' && t.level === 'fail');
  const outcomes = values.map((value, index): SampleOutcome => {
    const own = absolute[index] ?? 'nodata';
    const against = relativeOutcome(relative, value, baselineValues[index] ?? null);
    if (own === 'breach' || against === 'breach') return 'breach';
    if (hasAbsolute) return own;
    return against === 'pass' ? 'pass' : noDataOutcome(metric);
  });
  return { outcomes, values, baselineValues };
}

/** The change of one interval against the baseline's: +0.5 is 50% more. A zero baseline makes any rise infinite, as the judge reads it. */
export function relativeChange(value: number, baseline: number): number {
  if (baseline === 0) return value === 0 ? 0 : value > 0 ? Infinity : -Infinity;
  return value / baseline - 1;
}

function relativeOutcome(thresholds: readonly Threshold[], value: number | null, baseline: number | null): SampleOutcome {
  if (value === null || baseline === null) return 'nodata';
  const change = relativeChange(value, baseline);
  const broken = thresholds.some((t) => (t.bound === 'max' ? change > t.value : change < -t.value));
  return broken ? 'breach' : 'pass';
}
