import { describe, expect, it } from 'vitest';
import { fraction } from '../../../src/engine/exact.js';
import type { AssertionResult } from '../../../src/engine/lighthouse/assertion-result.js';
import { judgeMedianExactly } from '../../../src/engine/lighthouse/exact-budgets.js';
import { exactMedian } from '../../../src/engine/lighthouse/exact-median.js';

/** A result as LHCI's `median` aggregation gives it: the float median and the float comparison. */
const lhci = (name: 'maxNumericValue' | 'minScore', values: number[], expected: number): AssertionResult => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor((sorted.length - 1) / 2);
  const actual = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle]! + sorted[middle + 1]!) / 2;
  const passed = name === 'maxNumericValue' ? actual <= expected : actual >= expected;
  return { name, expected, actual, values, operator: name === 'maxNumericValue' ? '<=' : '>=', passed, auditId: 'cumulative-layout-shift', level: 'error', url: 'https://a.dev/' };
};

describe('exactMedian', () => {
  it('takes the middle value, or the exact mean of the two middle ones; null for no value or a non-finite one', () => {
    expect(exactMedian([0.3, 0.1, 0.2])).toEqual(fraction(1, 5));
    expect(exactMedian([0.1, 0.2])).toEqual(fraction(3, 20));
    expect(exactMedian([])).toBeNull();
    expect(exactMedian([1, NaN])).toBeNull();
  });
});

describe('judgeMedianExactly', () => {
  it('passes a median of exactly the budget that floating point puts over it (0.1 and 0.2 against max-cls 0.15)', () => {
    const float = lhci('maxNumericValue', [0.1, 0.2], 0.15);
    expect(float).toMatchObject({ actual: 0.15000000000000002, passed: false });
    expect(judgeMedianExactly(float, fraction(3, 20))).toMatchObject({ actual: 0.15, passed: true });
  });

  it('holds `max` at or below and `min` at or above, as LHCI\'s operators do', () => {
    expect(judgeMedianExactly(lhci('maxNumericValue', [2500], 2500), fraction(2500, 1)).passed).toBe(true);
    expect(judgeMedianExactly(lhci('maxNumericValue', [2500.001], 2500), fraction(2500, 1)).passed).toBe(false);
    expect(judgeMedianExactly(lhci('minScore', [0.89, 0.91], 0.9), fraction(9, 10)).passed).toBe(true);
    expect(judgeMedianExactly(lhci('minScore', [0.89, 0.9], 0.9), fraction(9, 10)).passed).toBe(false);
  });

  it('passes a score median of exactly the minimum that floating point puts under it (0.88 and 0.96 against min-performance 0.92)', () => {
    const float = lhci('minScore', [0.88, 0.96], 0.92);
    expect(float).toMatchObject({ actual: 0.9199999999999999, passed: false });
    expect(judgeMedianExactly(float, fraction(23, 25))).toMatchObject({ actual: 0.92, passed: true });
  });

  it('leaves a result that read no value as LHCI gave it (it blocks as unmeasured)', () => {
    const noValue: AssertionResult = { ...lhci('maxNumericValue', [1], 1), actual: NaN, values: [NaN], passed: false };
    expect(judgeMedianExactly(noValue, fraction(1, 1))).toBe(noValue);
    const missing: AssertionResult = { ...noValue, name: 'auditRan', expected: 1, actual: 0, values: [0] };
    expect(judgeMedianExactly(missing, fraction(1, 1))).toBe(missing);
  });
});
