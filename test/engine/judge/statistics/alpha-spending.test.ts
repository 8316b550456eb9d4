import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PETO_INTERIM_SHARE, SPENDING_RULES, alphaForLook } from '../../../../src/engine/judge/statistics/alpha-spending.js';

describe('alphaForLook', () => {
  it('gives one look all of α', () => {
    for (const rule of SPENDING_RULES) {
      expect(alphaForLook(0.02, undefined, rule)).toBe(0.02);
      expect(alphaForLook(0.02, { index: 1, count: 1 }, rule)).toBe(0.02);
    }
  });

  it('peto: interim looks share a tenth of α, the last look gets the rest', () => {
    expect(alphaForLook(0.02, { index: 1, count: 10 })).toBeCloseTo((0.02 * PETO_INTERIM_SHARE) / 9, 15);
    expect(alphaForLook(0.02, { index: 10, count: 10 })).toBeCloseTo(0.018, 15);
    // A look after the planned ones costs an interim share, never a fresh α.
    expect(alphaForLook(0.02, { index: 11, count: 10 })).toBeCloseTo(0.02 * 0.1 / 9, 15);
  });

  it('bonferroni and none', () => {
    expect(alphaForLook(0.02, { index: 3, count: 10 }, 'bonferroni')).toBeCloseTo(0.002, 15);
    expect(alphaForLook(0.02, { index: 3, count: 10 }, 'none')).toBe(0.02);
  });

  it('keeps the levels of the planned looks summing to at most α (union bound) for the correcting rules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (count, alpha) => {
        for (const rule of ['bonferroni', 'peto'] as const) {
          let total = 0;
          for (let index = 1; index <= count; index++) total += alphaForLook(alpha, { index, count }, rule);
          expect(total).toBeLessThanOrEqual(alpha * (1 + 1e-12));
        }
      }),
    );
  });
});
