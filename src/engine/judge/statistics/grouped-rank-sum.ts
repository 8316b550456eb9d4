import type { Tail } from './fisher-exact.js';
import { studentUpperTail } from './special.js';

/**
 * A rank test on request counts: a latency histogram's buckets, compared
 * canary against baseline request by request rather than on one quantile
 * per interval.
 *
 * The model. In interval i the canary served n_i requests and the baseline
 * m_i; each request fell in one of the histogram's buckets (ascending upper
 * bounds, the same for both). Under "no difference" the N_i = n_i + m_i
 * requests of an interval are exchangeable: given how many fell in each bucket
 * (t_ik) and how many the canary served, which of them are the canary's is a
 * uniformly random draw of n_i without replacement. Conditioning on each
 * interval's pooled counts is what makes the tests immune to whatever moves
 * both variants together (load through the day, a slow database at minute 3):
 * each interval is its own stratum.
 *
 * A request's score is its bucket's mid-rank among the interval's pooled
 * requests (ties share the average rank of their bucket), so the canary's
 * rank sum is Wilcoxon's statistic on grouped data (Lehmann, "Nonparametrics:
 * statistical methods based on ranks", 1975, §1.4 and §3.3 for strata).
 */

/** One interval's requests per bucket, each array ascending by upper bound and of the same length. */
export interface IntervalBuckets {
  canary: readonly number[];
  baseline: readonly number[];
}

export interface RankSumResult {
  /** The standardized stratified rank sum, after any widening for dispersion: > 0 when the canary's requests sit in slower buckets. */
  z: number;
  /** How much more the intervals' rank sums vary than requests drawn at random would make them (1: no more); the variance is widened by it. */
  dispersion: number;
  /** Intervals that compared both variants (the t reference has one fewer degree of freedom). */
  intervals: number;
  /** One-sided p-value in the tail's direction; 1 with fewer than two such intervals. */
  pValue: number;
  /** The least p-value these pooled counts could give: every interval's canary requests in its slowest (`greater`) or fastest buckets, no dispersion. */
  minPValue: number;
}

/** Checks that an interval is whole, non-negative counts over the same buckets (the transform stage guarantees it). */
function checkIntervalBuckets(intervals: readonly IntervalBuckets[]): void {
  for (const { canary, baseline } of intervals) {
    if (canary.length !== baseline.length || canary.length === 0) throw new RangeError('canary and baseline need counts for the same buckets');
    for (const count of [...canary, ...baseline]) {
      if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`not a count of requests: ${count}`);
    }
  }
}

/** Per bucket: pooled requests and mid-rank (1-based), given an interval's counts. */
function pooledRanks(interval: IntervalBuckets): { pooled: number[]; midRanks: number[]; total: number } {
  const pooled = interval.canary.map((count, k) => count + interval.baseline[k]!);
  const midRanks: number[] = [];
  let below = 0;
  for (const count of pooled) {
    midRanks.push(below + (count + 1) / 2);
    below += count;
  }
  return { pooled, midRanks, total: below };
}

/**
 * The canary's requests placed as far as they can go in the tail's
 * direction, bucket totals kept: the most extreme split of this interval.
 */
function extremeSplit(interval: IntervalBuckets, tail: Tail): IntervalBuckets {
  const pooled = interval.canary.map((count, k) => count + interval.baseline[k]!);
  let left = interval.canary.reduce((sum, count) => sum + count, 0);
  const canary = new Array<number>(pooled.length).fill(0);
  const order = tail === 'greater' ? [...pooled.keys()].reverse() : [...pooled.keys()];
  for (const k of order) {
    canary[k] = Math.min(pooled[k]!, left);
    left -= canary[k]!;
  }
  return { canary, baseline: pooled.map((count, k) => count - canary[k]!) };
}

/**
 * Van Elteren's stratified Wilcoxon test, widened for dispersion. Per
 * interval, the canary's rank sum W_i less its mean n_i(N_i + 1)/2 under no
 * difference, weighted by 1/(N_i + 1) (the locally most powerful weights for
 * one shift in every stratum; van Elteren, "On the combination of independent
 * two-sample tests of Wilcoxon", Bull. Int. Statist. Inst. 1960): a_i, with
 * variance v_i from the tie-corrected
 *   Var W_i = n_i m_i / 12 · [(N_i + 1) − Σ_k (t_ik³ − t_ik) / (N_i (N_i − 1))].
 *
 * That variance holds when the canary's requests are a random draw of the
 * interval's; they are not when the variants' pods differ from minute to
 * minute (a canary pod on a busier node), and a test on thousands of requests
 * would then call every such minute significant. So the spread of the a_i
 * between intervals is measured too, as quasi-likelihood does for
 * overdispersed counts (McCullagh & Nelder, "Generalized Linear Models",
 * 2nd ed., 1989, §4.5): φ = Σ (a_i − θ v_i)² / v_i / (k − 1), θ = Σ a_i / Σ v_i
 * the common shift, so a steady slowdown does not inflate it. The variance
 * is widened by max(1, φ) and the statistic read against Student's t with
 * k − 1 degrees of freedom, which is what an estimated variance costs. One
 * interval cannot tell a slower canary from a slower minute: p is then 1.
 * Intervals where a variant served nothing say nothing and are skipped.
 */
export function stratifiedRankSum(intervals: readonly IntervalBuckets[], tail: Tail): RankSumResult {
  checkIntervalBuckets(intervals);
  const sign = tail === 'greater' ? 1 : -1;
  const observed = contributions(intervals, (interval) => interval);
  const extreme = contributions(intervals, (interval) => extremeSplit(interval, tail));
  const k = observed.length;
  const variance = observed.reduce((sum, c) => sum + c.variance, 0);
  if (k < 2 || !(variance > 0)) return { z: 0, dispersion: 1, intervals: k, pValue: 1, minPValue: 1 };
  const centered = observed.reduce((sum, c) => sum + c.centered, 0);
  const shift = centered / variance;
  const dispersion = observed.reduce((sum, c) => sum + (c.centered - shift * c.variance) ** 2 / c.variance, 0) / (k - 1);
  const z = centered / Math.sqrt(variance * Math.max(1, dispersion));
  const zExtreme = extreme.reduce((sum, c) => sum + c.centered, 0) / Math.sqrt(variance);
  return { z, dispersion, intervals: k, pValue: studentUpperTail(sign * z, k - 1), minPValue: studentUpperTail(sign * zExtreme, k - 1) };
}

/**
 * Each interval's own standardized statistic, (W_i − E W_i) / √Var W_i, oldest
 * first: about N(0, 1) under no difference with requests drawn at random,
 * N(0, φ) when the variants also differ minute to minute; the sequential
 * t-test (`t-test-e-process.ts`) reads them.
 */
export function standardizedIntervals(intervals: readonly IntervalBuckets[]): number[] {
  checkIntervalBuckets(intervals);
  return contributions(intervals, (interval) => interval).map((c) => c.centered / Math.sqrt(c.variance));
}

/** Per interval that compares both variants: w_i (W_i − E W_i) and w_i² Var W_i, with the canary's requests as `split` places them. */
function contributions(intervals: readonly IntervalBuckets[], split: (interval: IntervalBuckets) => IntervalBuckets): Array<{ centered: number; variance: number }> {
  const kept: Array<{ centered: number; variance: number }> = [];
  for (const interval of intervals) {
    const { pooled, midRanks, total } = pooledRanks(interval);
    const canary = split(interval).canary;
    const n = canary.reduce((sum, count) => sum + count, 0);
    const m = total - n;
    if (n === 0 || m === 0) continue;
    const weight = 1 / (total + 1);
    const rankSum = canary.reduce((sum, count, k) => sum + count * midRanks[k]!, 0);
    const ties = pooled.reduce((sum, t) => sum + (t * t * t - t), 0);
    const variance = weight * weight * ((n * m) / 12) * (total + 1 - ties / (total * (total - 1)));
    // Every request in one bucket: no order to compare.
    if (variance > 0) kept.push({ centered: weight * (rankSum - (n * (total + 1)) / 2), variance });
  }
  return kept;
}
