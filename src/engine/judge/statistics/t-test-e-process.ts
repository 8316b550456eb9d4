import type { Tail } from './fisher-exact.js';

/**
 * An anytime-valid one-sample t-test: is the mean of x_1, x_2, … above (or
 * below) 0, when the x_i are normal with a scale nobody knows? The histogram
 * judge feeds it one number per interval, the interval's standardized rank
 * statistic (`grouped-rank-sum.ts`), so it sees every request of the interval
 * while the scale, estimated from how much the intervals disagree, absorbs
 * whatever makes the variants differ from minute to minute (a canary pod on
 * a busier node) as the widened fixed test does.
 *
 * The statistic is the Bayes factor of "mean δσ with δ ~ N(0, g)" against
 * "mean 0", with the right Haar prior 1/σ on the scale. It depends on the data
 * only through the t statistic, t = x̄√n / s with ν = n − 1 degrees of freedom:
 *
 *   B_n(g) = (1 + ng)^{−1/2} · [(1 + t²/ν) / (1 + t²/(ν(1 + ng)))]^{(ν+1)/2}     (1)
 *
 * (Rouder, Speckman, Sun, Morey & Iverson, "Bayesian t tests for accepting
 * and rejecting the null hypothesis", Psychon. Bull. Rev. 2009, eq. 1 with a
 * fixed g). Because the prior on σ is the right Haar measure of the scale
 * group, B_n is a nonnegative supermartingale under "mean 0" with respect to
 * the scale-invariant information, whatever σ is (Pérez-Ortiz, Lardy, de
 * Heide & Grünwald, "E-statistics, group invariance and anytime-valid
 * testing", Ann. Statist. 2024, Theorem 4), so Ville's inequality holds:
 * P(∃n: B_n ≥ 1/α) ≤ α, looked at after every interval, held, stopped whenever.
 * Equal weights over a few g are again one. Validity rests on the x_i being
 * close to normal, which the hundreds of requests behind each interval's rank
 * statistic give (a central limit); the tests check it on simulated traffic.
 *
 * One-sided: the Bayes factor is symmetric in t, and the test only counts
 * evidence with t on the tail's side, which keeps its level.
 *
 * The prior scales: δ is the effect in units of the intervals' spread. A
 * +25% slowdown of a 5% canary on a few hundred requests a minute is δ ≈ 3
 * to 7; g spans effects from about 1 to 30.
 */
export const PRIOR_SCALES: readonly number[] = [1, 10, 100];

export interface TTestEProcessResult {
  /** The mixture of (1) over the prior scales; 1 (no evidence) with fewer than two values or t on the other side. */
  eValue: number;
  t: number;
  pValue: number;
  /** The least p-value n values could give (t → ∞ on the tail's side): below two values, 1. */
  minPValue: number;
}

export function tTestEProcess(values: readonly number[], tail: Tail, scales: readonly number[] = PRIOR_SCALES): TTestEProcessResult {
  if (values.some((value) => !Number.isFinite(value))) throw new RangeError('values must be finite');
  const n = values.length;
  if (n < 2) return { eValue: 1, t: 0, pValue: 1, minPValue: 1 };
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const sign = tail === 'greater' ? 1 : -1;
  const t = variance > 0 ? (mean * Math.sqrt(n)) / Math.sqrt(variance) : mean === 0 ? 0 : sign * Math.sign(mean) * Infinity;
  const df = n - 1;
  const logMost = logMixture(scales.map((g) => (df / 2) * Math.log1p(n * g)));
  const minPValue = Math.min(1, Math.exp(-logMost));
  if (!(sign * t > 0)) return { eValue: 1, t, pValue: 1, minPValue };
  const logE = Number.isFinite(t)
    ? logMixture(scales.map((g) => -0.5 * Math.log1p(n * g) + ((df + 1) / 2) * (Math.log1p((t * t) / df) - Math.log1p((t * t) / (df * (1 + n * g))))))
    : logMost;
  return { eValue: Math.exp(logE), t, pValue: Math.min(1, Math.exp(-logE)), minPValue };
}

/** ln of the equal-weight average of exp(logs). */
function logMixture(logs: readonly number[]): number {
  const top = Math.max(...logs);
  return top + Math.log(logs.reduce((sum, log) => sum + Math.exp(log - top), 0) / logs.length);
}
