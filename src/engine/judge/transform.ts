import { percentile, presentSamples } from '../aggregate.js';
import type { EmptyNumeratorPolicy, OutlierPolicy } from '../analysis/config.js';
import { type Rational, fraction } from '../exact.js';
import { type Result, ok, err } from '../result.js';
import type { IntervalCounts } from './statistics/mixture-sprt.js';
import type { HistogramSeries, RatioSeries, VariantCounts, VariantData } from './types.js';

/**
 * Stage 1 of the judge (Kayenta's `transformMetric`): turn one variant's raw
 * samples into what the statistics need. Gaps (NaN) are dropped, never read
 * as zero (Kayenta's default NaN strategy `remove`); counts are checked
 * interval by interval and summed over the window; outliers are removed only
 * when asked (Kayenta's default is none).
 */
export interface PreparedCounts extends VariantCounts {
  /** Intervals where both counts were present. */
  samples: number;
  /** events / total exactly, or null when the total is 0 (no traffic is no data, not 0%). */
  rate: Rational | null;
}

export interface PreparedSeries {
  values: number[];
  /** Samples removed as outliers. */
  removed: number;
}

export function isRatioSeries(data: VariantData): data is RatioSeries {
  return !Array.isArray(data) && typeof data === 'object' && data !== null && 'numerator' in data && 'denominator' in data;
}

export function isHistogramSeries(data: VariantData): data is HistogramSeries {
  return !Array.isArray(data) && typeof data === 'object' && data !== null && 'buckets' in data;
}

/** Counts are summed in doubles; beyond 2^53 a sum is no longer a count of anything. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * Why a ratio's counts cannot be believed, or null. Each interval is checked
 * on its own, so a negative count cannot cancel a positive one in the sum and
 * an interval with more errors than requests is not hidden by busier ones:
 * both series are as long as each other, no count is negative or infinite,
 * and the numerator never exceeds the denominator (compared in whole events:
 * Prometheus' `increase()` extrapolates both to fractions). NaN is a gap.
 */
export function checkRatioCounts(data: RatioSeries, names: { numerator: string; denominator: string }): string | null {
  const { numerator, denominator } = data;
  if (numerator.length !== denominator.length) {
    return `\`${names.numerator}\` has ${numerator.length} samples and \`${names.denominator}\` ${denominator.length}; each interval needs both`;
  }
  for (let index = 0; index < numerator.length; index++) {
    for (const [name, value] of [[names.numerator, numerator[index]!], [names.denominator, denominator[index]!]] as const) {
      if (Number.isNaN(value)) continue;
      if (!Number.isFinite(value) || value > MAX_COUNT) return `\`${name}\`[${index}] is ${value}; a count is a finite number of events`;
      if (value < 0) return `\`${name}\`[${index}] is ${value}; a count cannot be negative`;
    }
    const events = numerator[index]!;
    const total = denominator[index]!;
    if (Math.round(events) > Math.round(total)) return `\`${names.numerator}\`[${index}] (${events}) exceeds \`${names.denominator}\`[${index}] (${total}); a ratio of counts is at most 1`;
  }
  return null;
}

/**
 * A numerator with nothing where its denominator has data (no series at all,
 * or a gap): zero events under `empty-numerator: zero`, a gap (no data)
 * under `nodata`. See `EmptyNumeratorPolicy` for why zero is the default.
 * A numerator of another length is left alone for the check to name.
 */
export function fillEmptyNumerator(data: RatioSeries, policy: EmptyNumeratorPolicy): RatioSeries {
  const { numerator, denominator } = data;
  if (numerator.length !== 0 && numerator.length !== denominator.length) return data;
  const filled = denominator.map((total, index) => {
    const events = numerator.length === 0 ? NaN : numerator[index]!;
    return Number.isNaN(events) && !Number.isNaN(total) && policy === 'zero' ? 0 : events;
  });
  return { numerator: filled, denominator };
}

/**
 * Sums a ratio's counts after checking them. Sums are rounded to whole
 * events: Prometheus' `increase()` extrapolates to fractions, and the exact
 * test counts events.
 */
export function prepareCounts(data: VariantData, names: { numerator: string; denominator: string }): Result<PreparedCounts> {
  if (isHistogramSeries(data)) return err(`expected counts of \`${names.numerator}\` and \`${names.denominator}\`, got histogram buckets`);
  if (!isRatioSeries(data)) return err(`expected counts of \`${names.numerator}\` and \`${names.denominator}\`, got a single series`);
  const problem = checkRatioCounts(data, names);
  if (problem !== null) return err(problem);
  let eventSum = 0;
  let totalSum = 0;
  let samples = 0;
  data.numerator.forEach((events, index) => {
    const total = data.denominator[index]!;
    if (Number.isNaN(events) || Number.isNaN(total)) return;
    eventSum += events;
    totalSum += total;
    samples++;
  });
  const events = Math.round(eventSum);
  const total = Math.round(totalSum);
  if (total > MAX_COUNT) return err(`\`${names.denominator}\` sums to ${total}, beyond 2^53, where counts are no longer exact`);
  return ok({ events, total, samples, rate: total === 0 ? null : fraction(events, total) });
}

/**
 * Both variants' counts interval by interval, for the sequential test, which
 * multiplies one likelihood ratio per interval. Intervals where either
 * variant has a gap are left out (no data, as in the sums). Series of
 * different lengths cannot be paired by index: the window is then one
 * interval of the summed counts, which is still a valid likelihood ratio for
 * that look, only blind to how the traffic split moved within the window.
 * Counts are rounded to whole events, as the sums are.
 */
export function pairIntervals(canary: VariantData, baseline: VariantData, canarySums: VariantCounts, baselineSums: VariantCounts): IntervalCounts[] {
  const whole = [{ canaryEvents: canarySums.events, canaryTotal: canarySums.total, baselineEvents: baselineSums.events, baselineTotal: baselineSums.total }];
  if (!isRatioSeries(canary) || !isRatioSeries(baseline) || canary.denominator.length !== baseline.denominator.length) return whole;
  const intervals: IntervalCounts[] = [];
  for (let index = 0; index < canary.denominator.length; index++) {
    const counts = [canary.numerator[index]!, canary.denominator[index]!, baseline.numerator[index]!, baseline.denominator[index]!];
    if (counts.some((count) => Number.isNaN(count))) continue;
    const [canaryEvents, canaryTotal, baselineEvents, baselineTotal] = counts.map(Math.round) as [number, number, number, number];
    intervals.push({ canaryEvents, canaryTotal, baselineEvents, baselineTotal });
  }
  return intervals;
}

export function prepareSeries(data: VariantData, outliers: OutlierPolicy): Result<PreparedSeries> {
  if (isRatioSeries(data)) return err('expected one series of samples, got numerator/denominator counts');
  if (isHistogramSeries(data)) return err('expected one series of samples, got histogram buckets');
  const present = presentSamples([...data]);
  const values = outliers === 'iqr' ? removeOutliersIqr(present) : present;
  return ok({ values, removed: present.length - values.length });
}

/**
 * Tukey's fences as Kayenta's `IQRDetector` draws them; the defaults are
 * `IQRDetector(factor = 3.0, reduceSensitivity = true)`, as its
 * NetflixACAJudge builds it (`outliers.outlierFactor` defaults to 3.0): fences
 * at Q1 − 3·IQR and Q3 + 3·IQR, widened to the 1st/99th percentiles so a
 * tight series does not lose its tails. Percentiles are R-7, as Kayenta's
 * `DescriptiveStatistics.percentile`. The fences are drawn from the finite
 * samples, and ±Infinity is never removed: it is a finding, not noise.
 */
export function removeOutliersIqr(values: readonly number[], factor = 3, reduceSensitivity = true): number[] {
  if (!(factor > 0)) throw new RangeError(`IQR factor must be greater than zero, got ${factor}`);
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return [...values];
  const q1 = percentile(finite, 0.25);
  const q3 = percentile(finite, 0.75);
  const iqr = q3 - q1;
  const lower = reduceSensitivity ? Math.min(percentile(finite, 0.01), q1 - factor * iqr) : q1 - factor * iqr;
  const upper = reduceSensitivity ? Math.max(percentile(finite, 0.99), q3 + factor * iqr) : q3 + factor * iqr;
  return values.filter((value) => !Number.isFinite(value) || (value >= lower && value <= upper));
}
