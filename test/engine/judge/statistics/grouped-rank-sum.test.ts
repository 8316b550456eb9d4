import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type IntervalBuckets, stratifiedRankSum } from '../../../../src/engine/judge/statistics/grouped-rank-sum.js';
import { normalCdf, studentUpperTail } from '../../../../src/engine/judge/statistics/special.js';
import { multinomial, normal, poisson } from '../../../support/traffic-sampling.js';
import { mulberry32 } from '../../../support/seeded-random.js';

/** Bucket shares of a log-normal latency (σ 0.5) with this median, on the clients' default buckets. */
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
function shares(median: number): number[] {
  const cdf = [...BOUNDS.map((bound) => normalCdf((Math.log(bound) - Math.log(median)) / 0.5)), 1];
  return cdf.map((value, k) => value - (k === 0 ? 0 : cdf[k - 1]!));
}

/** One interval of both variants' requests per bucket; `own` moves each variant's latency on its own (pod noise). */
function drawInterval(random: () => number, canaryRequests: number, baselineRequests: number, slowdown = 1, own = 0): IntervalBuckets {
  const shared = Math.exp(0.1 * normal(random));
  const canaryMedian = 0.1 * shared * slowdown * Math.exp(own * normal(random));
  const baselineMedian = 0.1 * shared * Math.exp(own * normal(random));
  return { canary: multinomial(random, poisson(random, canaryRequests), shares(canaryMedian)), baseline: multinomial(random, poisson(random, baselineRequests), shares(baselineMedian)) };
}

/** Every request as its bucket index, and its rank sum with mid-ranks, from the definition. */
function bruteRankSum(interval: IntervalBuckets, canaryTake: readonly number[]): number {
  const values = interval.canary.flatMap((count, k) => Array<number>(count + interval.baseline[k]!).fill(k));
  const ranks = values.map((value) => values.filter((other) => other < value).length + (values.filter((other) => other === value).length + 1) / 2);
  return canaryTake.reduce((sum, index) => sum + ranks[index]!, 0);
}

/** All subsets of size n of 0..N−1. */
function* subsets(total: number, size: number, from = 0): Generator<number[]> {
  if (size === 0) return yield [];
  for (let first = from; first <= total - size; first++) for (const rest of subsets(total, size - 1, first + 1)) yield [first, ...rest];
}

describe('stratifiedRankSum', () => {
  it("uses the exact permutation mean and tie-corrected variance of each interval's rank sum", () => {
    // Tiny intervals where every split of the pooled requests can be enumerated: the statistic's centre and spread are the permutation's.
    const intervals: IntervalBuckets[] = [
      { canary: [1, 2, 0], baseline: [2, 1, 2] },
      { canary: [0, 1, 2], baseline: [3, 1, 1] },
      { canary: [2, 0, 1], baseline: [1, 3, 0] },
    ];
    const parts: Array<{ centered: number; variance: number }> = [];
    for (const interval of intervals) {
      const n = interval.canary.reduce((a, b) => a + b, 0);
      const total = n + interval.baseline.reduce((a, b) => a + b, 0);
      const sums = [...subsets(total, n)].map((take) => bruteRankSum(interval, take));
      const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
      const spread = sums.reduce((a, b) => a + (b - mean) ** 2, 0) / sums.length;
      const observed = bruteRankSum(interval, interval.canary.flatMap((count, k) => Array.from({ length: count }, (_, j) => interval.canary.slice(0, k).reduce((a, b) => a + b, 0) + interval.baseline.slice(0, k).reduce((a, b) => a + b, 0) + j)));
      parts.push({ centered: (observed - mean) / (total + 1), variance: spread / (total + 1) ** 2 });
    }
    const centered = parts.reduce((sum, part) => sum + part.centered, 0);
    const variance = parts.reduce((sum, part) => sum + part.variance, 0);
    // Pearson's dispersion around the common shift, over k − 1 = 2 degrees of freedom.
    const dispersion = parts.reduce((sum, part) => sum + (part.centered - (centered / variance) * part.variance) ** 2 / part.variance, 0) / 2;
    const result = stratifiedRankSum(intervals, 'greater');
    expect(result.intervals).toBe(3);
    expect(result.dispersion).toBeCloseTo(dispersion, 12);
    expect(dispersion).toBeGreaterThan(1);
    const z = centered / Math.sqrt(variance * dispersion);
    expect(result.z).toBeCloseTo(z, 12);
    expect(result.pValue).toBeCloseTo(studentUpperTail(z, 2), 12);
  });

  it('holds its level under no difference, with the shared drift of a real service and with pods that differ minute to minute', () => {
    // 2,000 healthy 10-minute windows each; at α = 1% a one-sided test may fire about 20 times (binomial sd ≈ 4.5).
    for (const [own, canaryRequests] of [[0, 480], [0.05, 480], [0.05, 5]] as const) {
      const random = mulberry32(own === 0 ? 11 : canaryRequests);
      let alarms = 0;
      for (let run = 0; run < 2_000; run++) {
        const window = Array.from({ length: 10 }, () => drawInterval(random, canaryRequests, canaryRequests * 19, 1, own));
        if (stratifiedRankSum(window, 'greater').pValue < 0.01) alarms++;
      }
      expect(alarms / 2_000).toBeLessThanOrEqual(0.015);
    }
  });

  it('without the widening, pods that differ minute to minute would be a false alarm most of the time', () => {
    // The reason the dispersion is measured: the model variance alone calls the pods' noise significant.
    const random = mulberry32(13);
    let modelOnly = 0;
    for (let run = 0; run < 300; run++) {
      const result = stratifiedRankSum(Array.from({ length: 10 }, () => drawInterval(random, 480, 9_120, 1, 0.05)), 'greater');
      if (result.z * Math.sqrt(Math.max(1, result.dispersion)) > 2.326) modelOnly++;
    }
    expect(modelOnly / 300).toBeGreaterThan(0.2);
  });

  it('catches a +25% latency shift of a 5% canary in 10 minutes at every traffic level of the bench', () => {
    for (const canaryRequests of [480, 60]) {
      const random = mulberry32(canaryRequests);
      let caught = 0;
      for (let run = 0; run < 200; run++) {
        const window = Array.from({ length: 10 }, () => drawInterval(random, canaryRequests, canaryRequests * 19, 1.25, 0.05));
        if (stratifiedRankSum(window, 'greater').pValue < 0.005) caught++;
      }
      expect(caught / 200).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('never hides a regression when traffic scales up, and its least p-value bounds its p-value', () => {
    // Intervals of a few dozen requests a variant or more: in smaller ones the weights 1/(N + 1) and the tie correction move with N itself.
    const count = fc.integer({ min: 8, max: 60 });
    const intervalArb = fc.record({ canary: fc.array(count, { minLength: 4, maxLength: 4 }), baseline: fc.array(count, { minLength: 4, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(intervalArb, { minLength: 2, maxLength: 6 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom('greater' as const, 'less' as const), (intervals, scale, tail) => {
        const before = stratifiedRankSum(intervals, tail);
        const scaled = stratifiedRankSum(
          intervals.map(({ canary, baseline }) => ({ canary: canary.map((c) => c * scale), baseline: baseline.map((b) => b * scale) })),
          tail,
        );
        expect(before.minPValue).toBeLessThanOrEqual(before.pValue + 1e-12);
        // More requests in the same proportions give a z at least as large; where the widening already applies it stays put (to 1%: weights are 1/(N + 1)).
        if (before.pValue < 0.2) expect(scaled.pValue).toBeLessThanOrEqual(before.pValue * 1.01 + 1e-12);
      }),
    );
  });

  it('reads a mirrored histogram the same in the other direction, and cannot judge one interval', () => {
    const intervals: IntervalBuckets[] = [
      { canary: [5, 9, 20], baseline: [40, 30, 12] },
      { canary: [3, 12, 18], baseline: [38, 35, 10] },
    ];
    const mirrored = intervals.map(({ canary, baseline }) => ({ canary: [...canary].reverse(), baseline: [...baseline].reverse() }));
    expect(stratifiedRankSum(mirrored, 'less').pValue).toBeCloseTo(stratifiedRankSum(intervals, 'greater').pValue, 12);
    expect(stratifiedRankSum(intervals, 'greater').pValue).toBeLessThan(0.05);
    expect(stratifiedRankSum(intervals.slice(0, 1), 'greater')).toMatchObject({ pValue: 1, minPValue: 1, intervals: 1 });
    // A variant without requests, or every request in one bucket, compares nothing.
    expect(stratifiedRankSum([{ canary: [0, 0], baseline: [4, 5] }, { canary: [0, 7], baseline: [0, 9] }], 'greater').intervals).toBe(0);
  });

  it('refuses what is not counts of the same buckets', () => {
    expect(() => stratifiedRankSum([{ canary: [1, 2], baseline: [1] }], 'greater')).toThrow(RangeError);
    expect(() => stratifiedRankSum([{ canary: [1, -2], baseline: [1, 1] }], 'greater')).toThrow(RangeError);
    expect(() => stratifiedRankSum([{ canary: [1.5, 2], baseline: [1, 1] }], 'greater')).toThrow(RangeError);
  });
});
