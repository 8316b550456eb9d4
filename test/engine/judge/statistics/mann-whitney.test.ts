import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mannWhitneyU } from '../../../../src/engine/judge/statistics/mann-whitney.js';

describe('mannWhitneyU', () => {
  it("gives R's wilcox.test on its documented example (exact, no ties)", () => {
    // R ?wilcox.test, Hollander & Wolfe: wilcox.test(x, y, alternative = "g") → W = 35, p-value = 0.1272
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const result = mannWhitneyU(x, y);
    expect(result).toMatchObject({ u: 35, method: 'exact', shift: 1 });
    expect(result.pValue).toBeCloseTo(2 * 0.1272061272061272, 12);
  });

  it('uses the normal approximation with tie and continuity corrections when values tie', () => {
    // scipy.stats.mannwhitneyu(a, b, method='asymptotic') → U = 27.5, p = 0.05533030886754948
    const result = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5, 5, 9], [2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 10]);
    expect(result).toMatchObject({ u: 27.5, method: 'normal', shift: -1 });
    expect(result.pValue).toBeCloseTo(0.05533030886754948, 12);
  });

  it('uses the normal approximation from 50 samples on', () => {
    const canary = Array.from({ length: 60 }, (_, i) => 200 + ((i * 37) % 50) + (i % 7) * 3);
    const baseline = Array.from({ length: 80 }, (_, i) => 195 + ((i * 41) % 50) + (i % 5) * 2);
    const result = mannWhitneyU(canary, baseline);
    // scipy, method='asymptotic': U = 3185, p = 0.0009535814528143286
    expect(result).toMatchObject({ u: 3185, method: 'normal', shift: 1 });
    expect(result.pValue).toBeCloseTo(0.0009535814528143286, 12);
  });

  it('knows the smallest p-value small samples can reach (5 v 5: 2/252; 4 v 4: 2/70, above 0.02)', () => {
    const separated = mannWhitneyU([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(separated.pValue).toBeCloseTo(2 / 252, 15);
    expect(separated.minPValue).toBeCloseTo(2 / 252, 15);
    expect(mannWhitneyU([5, 6, 7, 8], [1, 2, 3, 4]).minPValue).toBeCloseTo(2 / 70, 15);
  });

  it('gives p = 1 for identical samples and for a single tied value', () => {
    expect(mannWhitneyU([3, 1, 2], [1, 2, 3]).pValue).toBe(1);
    expect(mannWhitneyU([7, 7, 7], [7, 7]).pValue).toBe(1);
    expect(mannWhitneyU([7, 7, 7], [7, 7]).shift).toBe(0);
  });

  it('is symmetric: swapping the samples mirrors U and keeps p', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const forward = mannWhitneyU(a, b);
        const backward = mannWhitneyU(b, a);
        expect(forward.u + backward.u).toBe(a.length * b.length);
        expect(forward.pValue).toBeCloseTo(backward.pValue, 10);
        expect(forward.shift + backward.shift).toBe(0);
        expect(forward.pValue).toBeGreaterThanOrEqual(forward.minPValue - 1e-12);
      }),
    );
  });

  it('knows the least p-value ties allow: [100, 100, 900] against [100, 100, 100] cannot be significant', () => {
    const result = mannWhitneyU([100, 100, 900], [100, 100, 100]);
    // Five tied values and one larger: the canary holding the 900 is as extreme as U gets.
    expect(result.minPValue).toBeCloseTo(result.pValue, 12);
    expect(result.minPValue).toBeGreaterThan(0.5);
    // Without ties the same sizes could reach 2/20.
    expect(mannWhitneyU([1, 2, 9], [3, 4, 5]).minPValue).toBeCloseTo(0.1, 12);
  });

  it('ranks ±Infinity like any value: a canary at +∞ is the largest, not a gap', () => {
    const result = mannWhitneyU([Infinity, Infinity, Infinity, Infinity, Infinity, Infinity], [1, 2, 3, 4, 5, 6]);
    expect(result.shift).toBe(1);
    expect(result.u).toBe(36);
    expect(result.pValue).toBeLessThan(0.01);
  });
});

