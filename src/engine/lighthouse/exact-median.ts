import { type Rational, add, compare, divide, fraction, fromNumber } from '../exact.js';

/**
 * The median as LHCI's `median` aggregation takes it (the middle value, or
 * the mean of the two middle ones), but exact: each run's value is the
 * decimal its LHR wrote (see exact.ts), and the mean of two is not rounded.
 * In floating point the median of 0.1 and 0.2 is 0.15000000000000002, which
 * would breach a `max-cls: 0.15` that it meets. Null for no values.
 */
export function exactMedian(values: readonly number[]): Rational | null {
  if (values.length === 0 || !values.every(Number.isFinite)) return null;
  const sorted = values.map(fromNumber).sort(compare);
  const middle = Math.floor((sorted.length - 1) / 2);
  if (sorted.length % 2 === 1) return sorted[middle]!;
  return divide(add(sorted[middle]!, sorted[middle + 1]!), fraction(2, 1));
}
