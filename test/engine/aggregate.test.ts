import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, AGGREGATES, percentile, ratioOfSums, takeWindow } from '../../src/engine/aggregate.js';

describe('aggregate', () => {
  const samples = [3, 1, 4, 1, 5, 9, 2, 6];

  it('folds literal samples with each aggregate', () => {
    expect(aggregate(samples, 'mean')).toBe(3.875);
    expect(aggregate(samples, 'max')).toBe(9);
    expect(aggregate(samples, 'min')).toBe(1);
    expect(aggregate(samples, 'last')).toBe(6);
    expect(aggregate(samples, 'sum')).toBe(31);
    expect(aggregate(samples, 'p50')).toBe(3.5);
    expect(aggregate(samples, 'p95')).toBeCloseTo(7.95, 10);
    expect(aggregate(samples, 'p99')).toBeCloseTo(8.79, 10);
  });

  it('yields null for an empty window with every aggregate', () => {
    for (const how of AGGREGATES) expect(aggregate([], how)).toBeNull();
  });

  it('drops NaN gaps, never reading them as numbers', () => {
    expect(aggregate([NaN, 2, 4, NaN], 'mean')).toBe(3);
    expect(aggregate([2, NaN], 'last')).toBe(2);
    expect(aggregate([NaN, NaN], 'max')).toBeNull();
  });

  it('keeps ±Infinity as the finding it is, so it breaches a max instead of vanishing as a gap', () => {
    expect(aggregate([NaN, 2, Infinity, 4], 'mean')).toBe(Infinity);
    expect(aggregate([2, Infinity, 4], 'p50')).toBe(4);
    expect(aggregate([2, Infinity, Infinity], 'p95')).toBe(Infinity);
    expect(aggregate([-Infinity, 2, 4], 'p50')).toBe(2);
    expect(aggregate([-Infinity, 2], 'p50')).toBe(-Infinity);
    // +∞ and −∞ together have no mean: no data, never a number that passes.
    expect(aggregate([Infinity, -Infinity], 'mean')).toBeNull();
    expect(aggregate([Infinity, -Infinity], 'max')).toBe(Infinity);
  });

  it('gives the one value for a single sample and for identical samples', () => {
    for (const how of AGGREGATES.filter((a) => a !== 'sum')) {
      expect(aggregate([7], how)).toBe(7);
      expect(aggregate([7, 7, 7], how)).toBe(7);
    }
  });

  it('keeps every aggregate but sum within the samples range (law)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.constantFrom(...AGGREGATES.filter((a) => a !== 'sum')), (values, how) => {
        const value = aggregate(values, how)!;
        return value >= Math.min(...values) - 1e-6 && value <= Math.max(...values) + 1e-6;
      }),
    );
  });
});

describe('percentile', () => {
  it('interpolates between closest ranks as Prometheus does', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40], 1)).toBe(40);
    expect(percentile([40, 10, 30, 20], 0.25)).toBe(17.5);
  });
});

describe('takeWindow', () => {
  it('takes the last ceil(window / interval) samples', () => {
    expect(takeWindow([1, 2, 3, 4, 5], 120_000, 60_000)).toEqual([4, 5]);
    expect(takeWindow([1, 2, 3, 4, 5], 90_000, 60_000)).toEqual([4, 5]);
    expect(takeWindow([1, 2, 3], 48 * 3_600_000, 60_000)).toEqual([1, 2, 3]);
    expect(takeWindow([], 60_000, 60_000)).toEqual([]);
  });

  it('takes everything when the source gives no interval', () => {
    expect(takeWindow([1, 2, 3], 60_000, null)).toEqual([1, 2, 3]);
  });
});

describe('ratioOfSums', () => {
  it('divides sums, not the average of ratios', () => {
    expect(ratioOfSums([1, 0], [2, 98])).toEqual({ value: 0.01, numerator: 1, denominator: 100, samples: 2 });
  });

  it('is null with a zero denominator or nothing to pair', () => {
    expect(ratioOfSums([0, 0], [0, 0])).toEqual({ value: null, numerator: 0, denominator: 0, samples: 2 });
    expect(ratioOfSums([], [])).toEqual({ value: null, numerator: 0, denominator: 0, samples: 0 });
  });

  it('aligns series of different lengths on their latest samples and skips NaN pairs', () => {
    expect(ratioOfSums([9, 3, 2], [1180, 60])).toEqual({ value: 5 / 1240, numerator: 5, denominator: 1240, samples: 2 });
    expect(ratioOfSums([1, NaN, 2], [10, 10, NaN])).toEqual({ value: 0.1, numerator: 1, denominator: 10, samples: 1 });
  });
});
