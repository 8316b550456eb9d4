import { finiteSamples, percentile, ratioOfSums } from '../aggregate.js';
import type { OutlierPolicy } from '../analysis/config.js';
import { type Result, ok, err } from '../result.js';
import type { RatioSeries, VariantCounts, VariantData } from './types.js';

/**
 * Stage 1 of the judge (Kayenta's `transformMetric`): turn one variant's raw
 * samples into what the statistics need. Gaps (NaN) are dropped, never read
 * as zero (Kayenta's default NaN strategy `remove`); counts are summed over
 * the window; outliers are removed only when asked (Kayenta's default is
 * none).
 */
export interface PreparedCounts extends VariantCounts {
  /** Intervals where both counts were finite. */
  samples: number;
  /** events / total, or null when the total is 0 (no traffic is no data, not 0%). */
  rate: number | null;
}

export interface PreparedSeries {
  values: number[];
  /** Samples removed as outliers. */
  removed: number;
}

export function isRatioSeries(data: VariantData): data is RatioSeries {
  return !Array.isArray(data) && typeof data === 'object' && data !== null && 'numerator' in data && 'denominator' in data;
}

/**
 * Sums a ratio's counts. Counts are rounded to whole events: Prometheus'
 * `increase()` extrapolates to fractions, and the exact test counts events.
 */
export function prepareCounts(data: VariantData, names: { numerator: string; denominator: string }): Result<PreparedCounts> {
  if (!isRatioSeries(data)) return err(`expected counts of \`${names.numerator}\` and \`${names.denominator}\`, got a single series`);
  const summed = ratioOfSums(data.numerator, data.denominator);
  const events = Math.round(summed.numerator);
  const total = Math.round(summed.denominator);
  if (events < 0 || total < 0) return err(`counts must not be negative; got ${names.numerator} ${events}, ${names.denominator} ${total}`);
  if (events > total) return err(`${names.numerator} (${events}) exceed ${names.denominator} (${total}); a ratio of counts must be at most 1`);
  return ok({ events, total, samples: summed.samples, rate: total === 0 ? null : events / total });
}

export function prepareSeries(data: VariantData, outliers: OutlierPolicy): Result<PreparedSeries> {
  if (isRatioSeries(data)) return err('expected one series of samples, got numerator/denominator counts');
  const finite = finiteSamples([...data]);
  const values = outliers === 'iqr' ? removeOutliersIqr(finite) : finite;
  return ok({ values, removed: finite.length - values.length });
}

/**
 * Tukey's fences as Kayenta's `IQRDetector` draws them; the defaults are
 * `IQRDetector(factor = 3.0, reduceSensitivity = true)`, as its
 * NetflixACAJudge builds it (`outliers.outlierFactor` defaults to 3.0): fences
 * at Q1 − 3·IQR and Q3 + 3·IQR, widened to the 1st/99th percentiles so a
 * tight series does not lose its tails. Percentiles are R-7, as Kayenta's
 * `DescriptiveStatistics.percentile`.
 */
export function removeOutliersIqr(values: readonly number[], factor = 3, reduceSensitivity = true): number[] {
  if (!(factor > 0)) throw new RangeError(`IQR factor must be greater than zero, got ${factor}`);
  if (values.length === 0) return [];
  const q1 = percentile(values, 0.25);
  const q3 = percentile(values, 0.75);
  const iqr = q3 - q1;
  const lower = reduceSensitivity ? Math.min(percentile(values, 0.01), q1 - factor * iqr) : q1 - factor * iqr;
  const upper = reduceSensitivity ? Math.max(percentile(values, 0.99), q3 + factor * iqr) : q3 + factor * iqr;
  return values.filter((value) => value >= lower && value <= upper);
}
