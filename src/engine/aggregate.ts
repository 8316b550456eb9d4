/**
 * Folding a metric's samples over a window into one value (gate-checks'
 * `metric` check, the canary judge). Pure: arrays in, numbers out. A gap (a
 * sample a source wrote as NaN) is dropped, never read as zero, and a window
 * with nothing left yields `null`: no data is explicit, never a pass. ±Infinity
 * is not a gap but a finding (a p99 in Prometheus' +Inf bucket): it is kept,
 * so it breaches a `max` (or a `min`).
 */
export const AGGREGATES = ['mean', 'max', 'min', 'last', 'sum', 'p50', 'p95', 'p99'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

type Fold = (values: readonly number[]) => number;

const FOLDS = {
  mean: (values) => sumOf(values) / values.length,
  max: (values) => values.reduce((a, b) => Math.max(a, b)),
  min: (values) => values.reduce((a, b) => Math.min(a, b)),
  last: (values) => values[values.length - 1]!,
  sum: (values) => sumOf(values),
  p50: (values) => percentile(values, 0.5),
  p95: (values) => percentile(values, 0.95),
  p99: (values) => percentile(values, 0.99),
} as const satisfies Record<Aggregate, Fold>;

/** The samples of the last `windowMs` when samples are `intervalMs` apart: the last ceil(window / interval). */
export function takeWindow(values: readonly number[], windowMs: number, intervalMs: number | null): number[] {
  if (intervalMs === null || !(intervalMs > 0) || !Number.isFinite(windowMs)) return [...values];
  const count = Math.ceil(windowMs / intervalMs);
  return count <= 0 ? [] : values.slice(-count);
}

/** The finite samples only. */
export function finiteSamples(values: readonly number[]): number[] {
  return values.filter((value) => Number.isFinite(value));
}

/** The samples without gaps: NaN dropped, ±Infinity kept as the finding it is. */
export function presentSamples(values: readonly number[]): number[] {
  return values.filter((value) => !Number.isNaN(value));
}

/**
 * One value for the window, or `null` when no sample is in it (or when +∞ and
 * −∞ both occur and the fold has no value, as a mean of them has none).
 */
export function aggregate(values: readonly number[], how: Aggregate): number | null {
  const samples = presentSamples(values);
  if (samples.length === 0) return null;
  const value = FOLDS[how](samples);
  return Number.isNaN(value) ? null : value;
}

/**
 * Quantile by linear interpolation between closest ranks (rank q·(n−1)), the
 * definition Prometheus' `quantile_over_time` and numpy's default use, so a
 * p95 here matches what a dashboard shows for the same samples.
 */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort(ascending);
  const rank = q * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  // Between equal (or infinite) neighbours there is nothing to interpolate: ∞ − ∞ would be NaN.
  if (low === high || rank === lower || !Number.isFinite(low)) return low;
  if (!Number.isFinite(high)) return high;
  return low + (high - low) * (rank - lower);
}

export interface RatioResult {
  /** sum(numerator) / sum(denominator); `null` when the denominator sums to 0 or nothing pairs up. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Intervals where both series had a finite sample. */
  samples: number;
}

/**
 * A ratio of counts over a window, e.g. errors / requests: the sums are
 * divided, not the per-interval ratios averaged, so a quiet minute with 1
 * error in 2 requests does not weigh like a busy one. Both series are oldest
 * first; they are aligned on their latest samples.
 */
export function ratioOfSums(numerator: readonly number[], denominator: readonly number[]): RatioResult {
  const length = Math.min(numerator.length, denominator.length);
  const top = numerator.slice(numerator.length - length);
  const bottom = denominator.slice(denominator.length - length);
  let numeratorSum = 0;
  let denominatorSum = 0;
  let samples = 0;
  for (let i = 0; i < length; i++) {
    const n = top[i]!;
    const d = bottom[i]!;
    if (!Number.isFinite(n) || !Number.isFinite(d)) continue;
    numeratorSum += n;
    denominatorSum += d;
    samples++;
  }
  const value = denominatorSum === 0 ? null : numeratorSum / denominatorSum;
  return { value, numerator: numeratorSum, denominator: denominatorSum, samples };
}

/** Ascending order that holds for ±Infinity too (`a − b` is NaN for two equal infinities, which breaks a sort). */
export function ascending(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sumOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
