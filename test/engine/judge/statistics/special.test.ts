import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logChoose, logGamma, normalCdf, normalUpperTail, studentUpperTail } from '../../../../src/engine/judge/statistics/special.js';

// Reference values from Python 3: 0.5·math.erfc(−x/√2) (NormalDist().cdf loses digits in the tail) and math.lgamma.
describe('normalCdf', () => {
  it.each([
    [-5, 2.866515718791946e-7],
    [-3, 0.0013498980316300957],
    [-2.326, 0.01000927534086767],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
  ])('Φ(%f) = %f', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-10);
  });

  it('keeps relative precision deep in the tail, where p-values live', () => {
    expect(normalUpperTail(10) / 7.619853024160593e-24).toBeCloseTo(1, 7);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('is symmetric and monotone', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, step) => {
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
        expect(normalCdf(x + step)).toBeGreaterThanOrEqual(normalCdf(x));
      }),
    );
  });
});

describe('logGamma and logChoose', () => {
  it.each([
    [0.5, 0.5723649429247004],
    [1, 0],
    [3.5, 1.2009736023470738],
    [100, 359.1342053695754],
    [1e7, 151180949.3694739],
  ])('ln Γ(%f) = %f', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12 - Math.max(0, Math.floor(Math.log10(Math.abs(expected) + 1))));
  });

  it('gives ln C(n, k) for small and very large n', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2598960, 3);
    expect(logChoose(10_000_000, 500_000)).toBeCloseTo(1985144.9789849818, 5);
    expect(logChoose(5, 0)).toBe(0);
    expect(logChoose(5, 6)).toBe(-Infinity);
  });
});

describe('studentUpperTail', () => {
  // Closed forms: df 1 is Cauchy, df 2 has P(T ≥ t) = ½ − t / (2√(t² + 2)); a large df is the normal.
  it('matches the closed forms of 1 and 2 degrees of freedom', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 200, noNaN: true }), (t) => {
        expect(studentUpperTail(t, 1)).toBeCloseTo(0.5 - Math.atan(t) / Math.PI, 11);
        expect(studentUpperTail(t, 2)).toBeCloseTo(0.5 - t / (2 * Math.sqrt(t * t + 2)), 11);
      }),
    );
  });

  // Quantiles from statistical tables (R: qt(0.995, 9) = 3.249836, qt(0.975, 9) = 2.262157, qt(0.995, 30) = 2.749996).
  it.each([
    [3.249836, 9, 0.005],
    [2.262157, 9, 0.025],
    [2.749996, 30, 0.005],
  ])('P(T ≥ %f; %i) = %f', (t, df, tail) => {
    expect(studentUpperTail(t, df) / tail).toBeCloseTo(1, 5);
  });

  it('tends to the normal tail and is symmetric', () => {
    expect(studentUpperTail(2.326348, 1e7) / normalUpperTail(2.326348)).toBeCloseTo(1, 5);
    fc.assert(fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.integer({ min: 1, max: 500 }), (t, df) => {
        expect(studentUpperTail(t, df) + studentUpperTail(-t, df)).toBeCloseTo(1, 12);
      }),
    );
    expect(studentUpperTail(Infinity, 3)).toBe(0);
    expect(studentUpperTail(NaN, 3)).toBeNaN();
  });
});
