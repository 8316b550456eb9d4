import { type Rational, compare, toNumber } from '../exact.js';
import type { AssertionResult } from './assertion-result.js';
import { exactMedian } from './exact-median.js';

/**
 * The simple budgets (`max-lcp`, `min-performance`, the defaults) are
 * evaluated by LHCI's code, which takes the median of two runs in floating
 * point and compares it with the threshold as a double. Their verdict is
 * ours to give, so it is given again exactly: the median of the runs'
 * values as written (exact-median.ts) against the threshold as the user
 * wrote it. The operators stay LHCI's: `maxNumericValue` passes at or below
 * the threshold (`<=`), `minScore` at or above it (`>=`), so a value of
 * exactly the budget is within it.
 */
const HOLDS = {
  maxNumericValue: (order: number) => order <= 0,
  minScore: (order: number) => order >= 0,
} as const;

/** LHCI's result of a `median` assertion, with `actual` and `passed` recomputed exactly; results that read no value are left as LHCI gave them. */
export function judgeMedianExactly(result: AssertionResult, threshold: Rational): AssertionResult {
  if (result.name !== 'maxNumericValue' && result.name !== 'minScore') return result;
  const median = exactMedian(result.values);
  if (median === null || Number.isNaN(result.actual)) return result;
  return { ...result, actual: toNumber(median), passed: HOLDS[result.name](compare(median, threshold)) };
}
