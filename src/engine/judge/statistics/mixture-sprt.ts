import type { Tail } from './fisher-exact.js';

/**
 * An anytime-valid test that the canary fails more often than the baseline,
 * on the counts a ratio metric already has: a mixture sequential probability
 * ratio test (mSPRT) on how each interval's errors split between the variants.
 *
 * The model. In interval i the canary serves n_i requests and the baseline
 * m_i; the errors are (close to) Poisson with rates λ·ρ·n_i and λ·m_i, ρ the
 * canary's rate ratio. Given the interval's K_i = x_i + y_i errors, the
 * canary's x_i is Binomial(K_i, q_i(ρ)) with q_i(ρ) = ρπ_i / (ρπ_i + 1 − π_i),
 * π_i = n_i / (n_i + m_i) its share of the traffic: the baseline's unknown λ
 * drops out (Lindon & Malek, "Anytime-valid inference for multinomial count
 * data", NeurIPS 2022, §3: the same conditioning on the total count). The
 * likelihood ratio of ρ against "no difference" (ρ = 1) is then
 *
 *   L_t(ρ) = Π_{i ≤ t} ρ^{x_i} / (ρπ_i + 1 − π_i)^{K_i}                  (1)
 *
 * and the statistic is its mixture over a prior G on ρ,
 * E_t = Σ_j w_j · L_t(ρ_j) (Robbins 1970; Johari, Pekelis & Walsh, "Always
 * valid inference", 2017, §4). Each L_t(ρ) is a nonnegative martingale with
 * mean 1 under ρ = 1, so E_t is one too, and Ville's inequality gives
 * P(∃t: E_t ≥ 1/α) ≤ α: judged at every look, after any number of held looks,
 * stopped whenever, the false-alarm rate stays at α (Howard, Ramdas,
 * McAuliffe & Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence
 * sequences", Ann. Statist. 2021, §2). 1/E_t is an anytime-valid p-value
 * (Ramdas, Grünwald, Vovk & Shafer, "Game-theoretic statistics and safe
 * anytime-valid inference", Statist. Sci. 2023, §3).
 *
 * Two facts make it hold beyond ρ = 1:
 * - The null is every ρ ≤ 1 ("no worse"): for ρ_j > 1 and a true ρ' ≤ 1,
 *   E[ρ_j^x] / (ρ_jπ + 1 − π)^K per error is (1 + q(ρ')(ρ_j − 1)) / (1 + π(ρ_j − 1)) ≤ 1,
 *   since q(ρ') ≤ π: a supermartingale, so Ville still applies.
 * - Errors counted out of fixed request totals (binomial, not Poisson) make x_i,
 *   given K_i, hypergeometric instead of binomial; the hypergeometric is smaller
 *   in the convex order (Hoeffding, "Probability inequalities for sums of
 *   bounded random variables", JASA 1963, Theorem 4), and ρ^x is convex, so
 *   E[L] ≤ 1 still: the test stays valid, a little conservative.
 *
 * The prior: equal weights on a few rate ratios. Only a change at least as
 * large as `max-increase` can fail a threshold, and the judge's thresholds
 * are tens of percent, so the mass sits from +50% to ×10. Simulated on the
 * bench's traffic, grids reaching down to +25% or up to ×20 caught fewer
 * doubled rates at the same level, and denser grids near ×2 traded false
 * alarms for a point or two of power. For a decrease (`less`), the reciprocals.
 */
export const RATE_RATIOS: readonly number[] = [1.5, 2, 3, 5, 10];

/** One interval of both variants' counts. */
export interface IntervalCounts {
  canaryEvents: number;
  canaryTotal: number;
  baselineEvents: number;
  baselineTotal: number;
}

export interface MixtureSprtResult {
  /** E_t, the mixture likelihood ratio (1): evidence against "no worse"; 1 is none. */
  eValue: number;
  /** min(1, 1/E_t): below α at any look only with probability ≤ α over all looks. */
  pValue: number;
  /**
   * The least p-value these intervals could give: every interval's errors on
   * the canary (`greater`) or on the baseline (`less`), with the same totals.
   * Above the level, this much data cannot show a change however it falls.
   */
  minPValue: number;
}

/** Counts must be whole and 0 ≤ events ≤ total (the transform stage checks and rounds). */
export function mixtureSprt(intervals: readonly IntervalCounts[], tail: Tail, ratios: readonly number[] = RATE_RATIOS): MixtureSprtResult {
  for (const c of intervals) {
    const counts = [c.canaryEvents, c.canaryTotal, c.baselineEvents, c.baselineTotal];
    if (!counts.every(Number.isSafeInteger) || counts.some((n) => n < 0) || c.canaryEvents > c.canaryTotal || c.baselineEvents > c.baselineTotal) {
      throw new RangeError(`not counts of one interval: ${c.canaryEvents}/${c.canaryTotal} against ${c.baselineEvents}/${c.baselineTotal}`);
    }
  }
  if (ratios.length === 0 || ratios.some((r) => !(r > 1) || !Number.isFinite(r))) throw new RangeError('rate ratios must be finite and above 1');
  const components = tail === 'greater' ? ratios : ratios.map((r) => 1 / r);
  const logE = logMixture(intervals, components, (c) => c.canaryEvents);
  // The most extreme split of the same totals: all errors on the side the tail looks at.
  const extreme = tail === 'greater' ? (c: IntervalCounts) => Math.min(c.canaryTotal, c.canaryEvents + c.baselineEvents) : (c: IntervalCounts) => Math.max(0, c.canaryEvents + c.baselineEvents - c.baselineTotal);
  const logMax = logMixture(intervals, components, extreme);
  return { eValue: Math.exp(logE), pValue: Math.min(1, Math.exp(-logE)), minPValue: Math.min(1, Math.exp(-logMax)) };
}

/** ln Σ_j w_j L(ρ_j) with equal weights, L from (1), where `canaryEventsOf` says how each interval's errors split. */
function logMixture(intervals: readonly IntervalCounts[], ratios: readonly number[], canaryEventsOf: (c: IntervalCounts) => number): number {
  const logs = ratios.map((ratio) => {
    let log = 0;
    for (const c of intervals) {
      const errors = c.canaryEvents + c.baselineEvents;
      const traffic = c.canaryTotal + c.baselineTotal;
      // An interval without errors (or traffic) says nothing about how errors split: L is 1.
      if (errors === 0 || traffic === 0) continue;
      const share = c.canaryTotal / traffic;
      log += canaryEventsOf(c) * Math.log(ratio) - errors * Math.log1p(share * (ratio - 1));
    }
    return log - Math.log(ratios.length);
  });
  const top = Math.max(...logs);
  return top + Math.log(logs.reduce((sum, log) => sum + Math.exp(log - top), 0));
}
