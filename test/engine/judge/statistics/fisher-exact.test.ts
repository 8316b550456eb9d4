import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fisherExact } from '../../../../src/engine/judge/statistics/fisher-exact.js';

const table = (canaryEvents: number, canaryTotal: number, baselineEvents: number, baselineTotal: number) => ({ canaryEvents, canaryTotal, baselineEvents, baselineTotal });

describe('fisherExact', () => {
  it("gives R's fisher.test for the tea-tasting table (alternative = greater: p = 17/70)", () => {
    // R: fisher.test(matrix(c(3, 1, 1, 3), nrow = 2), alternative = "greater")$p.value = 0.2429
    expect(fisherExact(table(3, 4, 1, 4), 'greater').pValue).toBeCloseTo(17 / 70, 14);
  });

  // scipy.stats.fisher_exact([[a, n - a], [b, nb - b]], alternative=…).pvalue
  it.each([
    [41, 1000, 9, 1000, 'greater', 2.1682375825334194e-6],
    [3, 60, 2, 1180, 'greater', 0.0010062267926159458],
    [48, 4800, 456, 91200, 'greater', 1.8652991115920228e-5],
    [2, 100, 0, 1900, 'greater', 0.0024762381190595296],
    [2, 1000, 30, 9000, 'less', 0.36629738533516126],
    [20, 100, 300, 1000, 'less', 0.02111420708596958],
  ] as const)('%i/%i vs %i/%i, %s: p = %f', (a, n, b, nb, tail, expected) => {
    const { pValue } = fisherExact(table(a, n, b, nb), tail);
    expect(Math.abs(pValue - expected) / expected).toBeLessThan(1e-9);
  });

  it('stays exact at a low-traffic canary: 2 errors against none, 5% of the traffic', () => {
    // All K errors in the canary has probability C(n, K)/C(N, K): here 100·99 / (2000·1999).
    const result = fisherExact(table(2, 100, 0, 1900), 'greater');
    expect(result.pValue / ((100 * 99) / (2000 * 1999))).toBeCloseTo(1, 10);
    expect(result.minPValue).toBeCloseTo(result.pValue, 14);
  });

  it('refuses what is not a table of counts instead of looping or guessing', () => {
    expect(() => fisherExact(table(5, 4, 0, 10), 'greater')).toThrow(RangeError);
    expect(() => fisherExact(table(1.5, 4, 0, 10), 'less')).toThrow('not a 2×2 table of counts: 1.5/4 against 0/10');
  });

  it('says p = 1 for empty and for identical tables in the "greater" tail', () => {
    expect(fisherExact(table(0, 60, 0, 1180), 'greater')).toEqual({ pValue: 1, minPValue: 1, statistic: 0 });
    expect(fisherExact(table(0, 0, 0, 0), 'greater').pValue).toBe(1);
    expect(fisherExact(table(5, 100, 5, 100), 'greater').pValue).toBeGreaterThan(0.5);
  });

  it('gives complementary tails: P(X ≥ a) + P(X ≤ a − 1) = 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 3000 }), fc.nat(60), fc.nat(60), (n, nb, rawA, rawB) => {
        const a = Math.min(rawA, n);
        const b = Math.min(rawB, nb);
        // Same margins: the canary's a − 1 events with one more in the baseline.
        if (a === 0 || b + 1 > nb) return;
        const greater = fisherExact(table(a, n, b, nb), 'greater').pValue;
        const lessBelow = fisherExact(table(a - 1, n, b + 1, nb), 'less').pValue;
        expect(greater + lessBelow).toBeCloseTo(1, 9);
      }),
    );
  });

  it('never falls below the least p-value the margins allow, and more canary events never raise p', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 5000 }), fc.nat(30), fc.nat(30), (n, nb, rawA, rawB) => {
        const a = Math.min(rawA, n - 1);
        const b = Math.min(rawB, nb - 1);
        const here = fisherExact(table(a, n, b, nb), 'greater');
        const more = fisherExact(table(a + 1, n, b, nb), 'greater');
        expect(here.pValue).toBeGreaterThanOrEqual(here.minPValue * (1 - 1e-9));
        expect(more.pValue).toBeLessThanOrEqual(fisherExact(table(a, n, b + 1, nb), 'greater').pValue + 1e-12);
      }),
    );
  });

  it('never underflows to p = 0 in the wrong tail: a canary far better than its baseline is not significantly worse', () => {
    // The canary's P(X = 0) is far below the smallest double; summing upward from it used to give p = 0.
    const better = fisherExact(table(0, 1_000_000, 50_000, 1_000_000), 'greater');
    expect(better.pValue).toBe(1);
    const worse = fisherExact(table(50_000, 1_000_000, 0, 1_000_000), 'greater');
    expect(worse.pValue).toBe(0);
    expect(fisherExact(table(50_000, 1_000_000, 0, 1_000_000), 'less').pValue).toBe(1);
  });

  it('does bounded work at counts near 10^13 (it used to loop through every count), matching the normal law there', () => {
    // At the mean the tail is a half; 10^5 standard deviations above it, nothing.
    const atMean = fisherExact(table(50_000_000_000, 10_000_000_000_000, 100_000_000_000, 20_000_000_000_000), 'greater');
    expect(atMean.pValue).toBeCloseTo(0.5, 4);
    expect(fisherExact(table(49_000_000_000, 10_000_000_000_000, 101_000_000_000, 20_000_000_000_000), 'greater').pValue).toBe(1);
    expect(fisherExact(table(51_000_000_000, 10_000_000_000_000, 99_000_000_000, 20_000_000_000_000), 'greater').pValue).toBe(0);
  });

  it('refuses counts beyond 2^53, where they are no longer whole numbers', () => {
    expect(() => fisherExact(table(1, 2 ** 60, 1, 2 ** 60), 'greater')).toThrow(RangeError);
  });
});

