import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type IntervalCounts, RATE_RATIOS, mixtureSprt } from '../../../../src/engine/judge/statistics/mixture-sprt.js';
import { fisherExact } from '../../../../src/engine/judge/statistics/fisher-exact.js';
import { logChoose } from '../../../../src/engine/judge/statistics/special.js';
import { mulberry32 } from '../../../support/seeded-random.js';

const interval = (canaryEvents: number, canaryTotal: number, baselineEvents: number, baselineTotal: number): IntervalCounts => ({ canaryEvents, canaryTotal, baselineEvents, baselineTotal });

/** Binomial(K, q) at x, from its definition: the conditional law of the canary's errors. */
const binomialPmf = (x: number, k: number, q: number) => Math.exp(logChoose(k, x) + x * Math.log(q) + (k - x) * Math.log1p(-q));

const intervalArb = fc
  .record({ canaryTotal: fc.integer({ min: 0, max: 400 }), baselineTotal: fc.integer({ min: 0, max: 4000 }) })
  .chain(({ canaryTotal, baselineTotal }) =>
    fc.record({ canaryEvents: fc.integer({ min: 0, max: Math.min(canaryTotal, 30) }), baselineEvents: fc.integer({ min: 0, max: Math.min(baselineTotal, 60) }) }).map((events) => ({ ...events, canaryTotal, baselineTotal })),
  );

describe('mixtureSprt', () => {
  it('matches the mixture likelihood ratio computed exactly (mpmath, 40 digits)', () => {
    const intervals = [interval(3, 100, 2, 1900), interval(1, 95, 4, 1905), interval(0, 50, 0, 950), interval(5, 120, 1, 1880)];
    // Σ_j ⅕ Π_i ρ_j^{x_i} / (ρ_j π_i + 1 − π_i)^{K_i} over ρ = 1.5, 2, 3, 5, 10, in mpmath.
    expect(mixtureSprt(intervals, 'greater').eValue / 413558.2537758154).toBeCloseTo(1, 12);
    expect(mixtureSprt(intervals, 'less').eValue / 0.007536867793869966).toBeCloseTo(1, 12);
  });

  it('is the ratio of conditional binomial likelihoods, interval by interval', () => {
    const [x, k, n, m] = [4, 9, 60, 940];
    const pi = n / (n + m);
    const expected = RATE_RATIOS.reduce((sum, rho) => sum + binomialPmf(x, k, (rho * pi) / (rho * pi + 1 - pi)) / binomialPmf(x, k, pi), 0) / RATE_RATIOS.length;
    expect(mixtureSprt([interval(x, n, k - x, m)], 'greater').eValue / expected).toBeCloseTo(1, 12);
  });

  it('has mean exactly 1 under "no difference" and at most 1 when the canary is better: a test (super)martingale', () => {
    for (const [k, n, m] of [[1, 5, 95], [12, 50, 950], [40, 250, 750]] as const) {
      const pi = n / (n + m);
      const meanUnder = (rho: number) => {
        const q = (rho * pi) / (rho * pi + 1 - pi);
        let mean = 0;
        for (let x = 0; x <= k; x++) mean += binomialPmf(x, k, q) * mixtureSprt([interval(x, n, k - x, m)], 'greater').eValue;
        return mean;
      };
      expect(meanUnder(1)).toBeCloseTo(1, 10);
      expect(meanUnder(0.7)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps false alarms over 200 looks at most α under "no difference", where Fisher at α every look does not', () => {
    // A 5% canary with a few errors a look; both variants at the same rate.
    const random = mulberry32(7);
    const poisson = (mean: number) => {
      const limit = Math.exp(-mean);
      let count = 0;
      for (let product = random(); product > limit; product *= random()) count++;
      return count;
    };
    const alpha = 0.05;
    const runs = 300;
    let sprtAlarms = 0;
    let fisherAlarms = 0;
    for (let run = 0; run < runs; run++) {
      const intervals: IntervalCounts[] = [];
      const sums = { canaryEvents: 0, canaryTotal: 0, baselineEvents: 0, baselineTotal: 0 };
      let sprtFired = false;
      let fisherFired = false;
      for (let look = 0; look < 200 && !(sprtFired && fisherFired); look++) {
        const next = interval(poisson(0.4), 40, poisson(7.6), 760);
        intervals.push(next);
        for (const key of Object.keys(sums) as (keyof IntervalCounts)[]) sums[key] += next[key];
        sprtFired ||= mixtureSprt(intervals, 'greater').pValue < alpha;
        fisherFired ||= fisherExact(sums, 'greater').pValue < alpha;
      }
      sprtAlarms += sprtFired ? 1 : 0;
      fisherAlarms += fisherFired ? 1 : 0;
    }
    expect(sprtAlarms / runs).toBeLessThanOrEqual(alpha);
    // The control: the same simulation sees the leak of a fixed-level test looked at 200 times.
    expect(fisherAlarms / runs).toBeGreaterThan(2 * alpha);
  });

  it('never lowers the evidence when an error moves from the baseline to the canary', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 1, maxLength: 6 }), fc.nat(), (intervals, pick) => {
        const at = pick % intervals.length;
        const c = intervals[at]!;
        fc.pre(c.baselineEvents > 0 && c.canaryEvents < c.canaryTotal);
        const moved = intervals.map((x, i) => (i === at ? { ...x, canaryEvents: x.canaryEvents + 1, baselineEvents: x.baselineEvents - 1 } : x));
        expect(mixtureSprt(moved, 'greater').eValue).toBeGreaterThanOrEqual(mixtureSprt(intervals, 'greater').eValue * (1 - 1e-12));
        expect(mixtureSprt(moved, 'less').eValue).toBeLessThanOrEqual(mixtureSprt(intervals, 'less').eValue * (1 + 1e-12));
      }),
    );
  });

  it('on identical data gives identical evidence; a look that adds no errors, or only canary errors, never lowers it', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 20 }), (intervals, errors) => {
        const e = mixtureSprt(intervals, 'greater').eValue;
        expect(mixtureSprt([...intervals], 'greater').eValue).toBe(e);
        expect(mixtureSprt([...intervals, interval(0, 50, 0, 950)], 'greater').eValue).toBeCloseTo(e, 10);
        expect(mixtureSprt([...intervals, interval(errors, 50, 0, 950)], 'greater').eValue).toBeGreaterThanOrEqual(e);
      }),
    );
  });

  it('never hides a regression as traffic scales up: every count × k keeps E ≥ its old value once E ≥ 1', () => {
    // Each L(ρ) becomes L(ρ)^k, and for weights summing to 1 the power mean
    // gives Σ w·L^k ≥ (Σ w·L)^k ≥ Σ w·L whenever Σ w·L ≥ 1.
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 1, maxLength: 5 }), fc.integer({ min: 2, max: 20 }), (intervals, k) => {
        const e = mixtureSprt(intervals, 'greater');
        fc.pre(e.eValue >= 1);
        const scaled = intervals.map((c) => interval(c.canaryEvents * k, c.canaryTotal * k, c.baselineEvents * k, c.baselineTotal * k));
        expect(mixtureSprt(scaled, 'greater').eValue).toBeGreaterThanOrEqual(e.eValue * (1 - 1e-12));
      }),
    );
  });

  it('gives the least p-value of the margins when every error is the canary’s', () => {
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 1, maxLength: 5 }), (intervals) => {
        const result = mixtureSprt(intervals, 'greater');
        expect(result.minPValue).toBeLessThanOrEqual(result.pValue * (1 + 1e-12));
        const extreme = intervals.map((c) => {
          const canaryEvents = Math.min(c.canaryTotal, c.canaryEvents + c.baselineEvents);
          return { ...c, canaryEvents, baselineEvents: c.canaryEvents + c.baselineEvents - canaryEvents };
        });
        expect(mixtureSprt(extreme, 'greater').pValue).toBeCloseTo(result.minPValue, 12);
      }),
    );
  });

  it('is 1 (no evidence) without errors or traffic, and refuses what are not counts', () => {
    expect(mixtureSprt([], 'greater')).toEqual({ eValue: 1, pValue: 1, minPValue: 1 });
    expect(mixtureSprt([interval(0, 0, 0, 0), interval(0, 50, 0, 950)], 'greater').eValue).toBeCloseTo(1, 14);
    expect(() => mixtureSprt([interval(3, 2, 0, 10)], 'greater')).toThrow(RangeError);
    expect(() => mixtureSprt([interval(0.5, 2, 0, 10)], 'greater')).toThrow(RangeError);
    expect(() => mixtureSprt([interval(1, 2, 0, 10)], 'greater', [1])).toThrow(RangeError);
  });
});
