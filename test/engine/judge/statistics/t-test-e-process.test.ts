import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { standardizedIntervals } from '../../../../src/engine/judge/statistics/grouped-rank-sum.js';
import { PRIOR_SCALES, tTestEProcess } from '../../../../src/engine/judge/statistics/t-test-e-process.js';
import { logGamma, normalCdf } from '../../../../src/engine/judge/statistics/special.js';
import { multinomial, normal, poisson } from '../../../support/traffic-sampling.js';
import { mulberry32 } from '../../../support/seeded-random.js';

/** Student's t density with ν degrees of freedom, from its definition. */
const tDensity = (t: number, df: number) => Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));

/** One minute of a 5% canary's and its baseline's requests per bucket (log-normal latency, clients' default buckets). */
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
function minute(random: () => number, canaryRequests: number, slowdown: number, own: number) {
  const shares = (median: number) => {
    const cdf = [...BOUNDS.map((bound) => normalCdf((Math.log(bound) - Math.log(median)) / 0.5)), 1];
    return cdf.map((value, k) => value - (k === 0 ? 0 : cdf[k - 1]!));
  };
  const shared = Math.exp(0.1 * normal(random));
  return {
    canary: multinomial(random, poisson(random, canaryRequests), shares(0.1 * shared * slowdown * Math.exp(own * normal(random)))),
    baseline: multinomial(random, poisson(random, canaryRequests * 19), shares(0.1 * shared * Math.exp(own * normal(random)))),
  };
}

/** The first n (2…) at which the e-process reaches 1/α, or 0. */
function firstCrossing(values: readonly number[], alpha: number): number {
  for (let n = 2; n <= values.length; n++) if (tTestEProcess(values.slice(0, n), 'greater').pValue < alpha) return n;
  return 0;
}

describe('tTestEProcess', () => {
  it('is the Bayes factor of the t statistic: its density under δ ~ N(0, g) over its density under no effect', () => {
    // Under δ ~ N(0, g), x̄√n/σ ~ N(0, 1 + ng), so t is √(1 + ng) times a t variable: B = f(t/√(1+ng)) / (√(1+ng) f(t)).
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 40 }), (values) => {
        const result = tTestEProcess(values, 'greater');
        if (!(result.t > 0) || !Number.isFinite(result.t)) return;
        const n = values.length;
        const expected = PRIOR_SCALES.reduce((sum, g) => sum + tDensity(result.t / Math.sqrt(1 + n * g), n - 1) / (Math.sqrt(1 + n * g) * tDensity(result.t, n - 1)), 0) / PRIOR_SCALES.length;
        expect(result.eValue / expected).toBeCloseTo(1, 9);
      }),
    );
  });

  it('keeps its level over 200 looks, whatever the scale of the values', () => {
    // 1,000 sequences of 200 normal values with no effect, each looked at after every value; at α = 5% about 50 could cross (binomial sd ≈ 7).
    for (const scale of [0.01, 1, 300]) {
      const random = mulberry32(Math.round(scale * 100));
      let crossed = 0;
      for (let run = 0; run < 1_000; run++) {
        if (firstCrossing(Array.from({ length: 200 }, () => scale * normal(random)), 0.05) > 0) crossed++;
      }
      expect(crossed / 1_000).toBeLessThanOrEqual(0.065);
    }
  });

  it("keeps its level on the histogram judge's own statistics: a healthy canary on pods that differ minute to minute", () => {
    // Down to 5 requests a minute, where each interval's statistic is far from normal.
    for (const canaryRequests of [480, 60, 5]) {
      const random = mulberry32(canaryRequests + 1);
      let crossed = 0;
      for (let run = 0; run < 400; run++) {
        const values = standardizedIntervals(Array.from({ length: 40 }, () => minute(random, canaryRequests, 1, 0.05)));
        if (firstCrossing(values, 0.05) > 0) crossed++;
      }
      expect(crossed / 400).toBeLessThanOrEqual(0.07);
    }
  });

  it('catches a +25% slowdown of a 5% canary at 480 requests a minute within minutes, at the level of a first rollout step', () => {
    // α = 0.00135: the one-sided anytime share of the first step under the default confidence (0.02 · 0.9 · 0.15 / 2).
    for (const [own, within] of [[0, 6], [0.05, 10]] as const) {
      const random = mulberry32(3);
      const minutes: number[] = [];
      for (let run = 0; run < 100; run++) minutes.push(firstCrossing(standardizedIntervals(Array.from({ length: 10 }, () => minute(random, 480, 1.25, own))), 0.00135) || Infinity);
      minutes.sort((a, b) => a - b);
      expect(minutes[89]).toBeLessThanOrEqual(within);
    }
  });

  it('has no evidence from one value, or from a mean on the other side, and its least p-value bounds it', () => {
    expect(tTestEProcess([3], 'greater')).toEqual({ eValue: 1, t: 0, pValue: 1, minPValue: 1 });
    expect(tTestEProcess([-3, -2, -4], 'greater').eValue).toBe(1);
    expect(tTestEProcess([-3, -2, -4], 'less').eValue).toBeGreaterThan(1);
    // Identical values: t is infinite, and the evidence is the most n values can give.
    const same = tTestEProcess([2, 2, 2, 2], 'greater');
    expect(same.pValue).toBe(same.minPValue);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 0, maxLength: 30 }), fc.constantFrom('greater' as const, 'less' as const), (values, tail) => {
        const result = tTestEProcess(values, tail);
        expect(result.minPValue).toBeLessThanOrEqual(result.pValue * (1 + 1e-12));
      }),
    );
    expect(() => tTestEProcess([1, Infinity], 'greater')).toThrow(RangeError);
  });
});
