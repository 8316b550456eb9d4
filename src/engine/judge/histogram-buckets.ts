import { type Result, ok, err } from '../result.js';
import type { IntervalBuckets } from './statistics/grouped-rank-sum.js';
import { isHistogramSeries } from './transform.js';
import type { VariantData } from './types.js';

/**
 * The transform stage for histogram metrics: one variant's `_bucket`
 * counters, interval by interval, checked and made whole, and what the
 * statistics read from them (bucket counts, Prometheus' quantile).
 */
export interface PreparedHistogram {
  /** Upper bounds, ascending, the last +Inf (Infinity). */
  bounds: number[];
  /** Per interval, oldest first: requests at or below each bound (whole, never decreasing), or null for a gap. */
  cumulative: Array<number[] | null>;
  /** Intervals without a gap. */
  samples: number;
  /** Requests over those intervals. */
  requests: number;
}

/** Beyond 2^53 a sum is no longer a count of anything. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** `le="0.25"`, `le="+Inf"`: a bucket as Prometheus names it. */
export const bucketName = (le: number): string => `le="${le === Infinity ? '+Inf' : le}"`;

/**
 * Checks one variant's buckets: every bucket has a value for every interval
 * (NaN is a gap, and a gap in any bucket leaves the interval out), bounds are
 * distinct, the +Inf bucket (every request) is there, and counts are finite
 * and not negative. Counts are rounded to whole requests (`increase()`
 * extrapolates to fractions) and, interval by interval, made non-decreasing
 * across bounds as Prometheus' `histogram_quantile` does: extrapolated
 * buckets of one histogram can cross by a fraction of a request.
 */
export function prepareHistogram(data: VariantData): Result<PreparedHistogram> {
  if (!isHistogramSeries(data)) return err('expected histogram buckets (one series per `le`), got a single series or a ratio');
  const buckets = [...data.buckets].sort((a, b) => a.le - b.le);
  if (buckets.length === 0) return ok({ bounds: [], cumulative: [], samples: 0, requests: 0 });
  for (const [index, bucket] of buckets.entries()) {
    if (Number.isNaN(bucket.le)) return err('a bucket has an `le` that is not a number');
    if (index > 0 && buckets[index - 1]!.le === bucket.le) return err(`two buckets have ${bucketName(bucket.le)}; each upper bound must be read once`);
  }
  if (buckets.at(-1)!.le !== Infinity) return err(`has no ${bucketName(Infinity)} bucket; it counts every request, so read it with the others`);
  const length = buckets.at(-1)!.values.length;
  const uneven = buckets.find((bucket) => bucket.values.length !== length);
  if (uneven) return err(`${bucketName(uneven.le)} has ${uneven.values.length} intervals and ${bucketName(Infinity)} ${length}; each interval needs every bucket`);
  const cumulative: Array<number[] | null> = [];
  let samples = 0;
  let requests = 0;
  for (let index = 0; index < length; index++) {
    const counts = buckets.map((bucket) => bucket.values[index]!);
    if (counts.some(Number.isNaN)) {
      cumulative.push(null);
      continue;
    }
    const bad = counts.findIndex((count) => !Number.isFinite(count) || count < 0 || count > MAX_COUNT);
    if (bad >= 0) return err(`${bucketName(buckets[bad]!.le)}[${index}] is ${counts[bad]}; a bucket counts requests (finite, not negative)`);
    let most = 0;
    const whole = counts.map((count) => (most = Math.max(most, Math.round(count))));
    cumulative.push(whole);
    samples++;
    requests += whole.at(-1)!;
  }
  return ok({ bounds: buckets.map((bucket) => bucket.le), cumulative, samples, requests });
}

/**
 * The bounds both variants have, ascending (always +Inf): a canary that
 * changed its buckets is compared where they agree, values included, so
 * neither variant is read at a finer resolution than the other.
 */
export function sharedBounds(a: PreparedHistogram, b: PreparedHistogram): number[] {
  const other = new Set(b.bounds);
  return a.bounds.filter((bound) => other.has(bound));
}

/** Requests per bucket (not cumulative) at the chosen bounds, from one interval's cumulative counts. */
export function bucketCounts(cumulative: readonly number[], bounds: readonly number[], chosen: readonly number[]): number[] {
  let below = 0;
  return chosen.map((bound) => {
    const atOrBelow = cumulative[bounds.indexOf(bound)]!;
    const count = atOrBelow - below;
    below = atOrBelow;
    return count;
  });
}

/**
 * Both variants' intervals, paired by index, as bucket counts at the shared
 * bounds; an interval where either has a gap is left out. Series of different
 * lengths cannot be paired by index: the window is then one interval of the
 * summed counts, still a valid stratum, only blind to what moved within it.
 */
export function pairHistogramIntervals(canary: PreparedHistogram, baseline: PreparedHistogram, chosen: readonly number[] = sharedBounds(canary, baseline)): IntervalBuckets[] {
  if (canary.cumulative.length !== baseline.cumulative.length) {
    return [{ canary: bucketCounts(summed(canary), canary.bounds, chosen), baseline: bucketCounts(summed(baseline), baseline.bounds, chosen) }];
  }
  const pairs: IntervalBuckets[] = [];
  canary.cumulative.forEach((counts, index) => {
    const other = baseline.cumulative[index];
    if (counts && other) pairs.push({ canary: bucketCounts(counts, canary.bounds, chosen), baseline: bucketCounts(other, baseline.bounds, chosen) });
  });
  return pairs;
}

/** The window's cumulative counts at the chosen bounds (all by default): each bound's requests summed over the intervals without a gap. */
export function summed(histogram: PreparedHistogram, chosen: readonly number[] = histogram.bounds): number[] {
  const sums = histogram.bounds.map(() => 0);
  for (const counts of histogram.cumulative) counts?.forEach((count, k) => (sums[k]! += count));
  return chosen.map((bound) => sums[histogram.bounds.indexOf(bound)]!);
}

/**
 * The q-quantile of cumulative bucket counts as Prometheus'
 * `histogram_quantile` computes it for a classic histogram, so the value a
 * verdict quotes is the one a dashboard shows: linear interpolation within
 * the bucket holding rank q·N, the first bucket starting at 0 (or at its
 * bound when that is 0 or below). One deliberate difference: a rank in the
 * +Inf bucket is +∞ (beyond every bound the histogram has), where Prometheus
 * returns the highest finite bound, which would read a canary whose p99 left
 * the histogram's range as within it and as no slower than a baseline just
 * below that bound. +∞ breaches any `max`, as a series' +∞ does. Null when
 * there are no requests or no finite bound.
 */
export function histogramQuantile(quantile: number, bounds: readonly number[], cumulative: readonly number[]): number | null {
  const total = cumulative.at(-1) ?? 0;
  if (bounds.length < 2 || total === 0) return null;
  let rank = quantile * total;
  const b = cumulative.findIndex((count) => count >= rank);
  if (b === bounds.length - 1) return Infinity;
  if (b === 0 && bounds[0]! <= 0) return bounds[0]!;
  let start = 0;
  let count = cumulative[b]!;
  if (b > 0) {
    start = bounds[b - 1]!;
    count -= cumulative[b - 1]!;
    rank -= cumulative[b - 1]!;
  }
  return start + (bounds[b]! - start) * (rank / count);
}
