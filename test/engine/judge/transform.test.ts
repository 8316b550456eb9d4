import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRatioCounts, fillEmptyNumerator, prepareCounts, prepareSeries, removeOutliersIqr } from '../../../src/engine/judge/transform.js';

const NAMES = { numerator: 'errors', denominator: 'requests' };

describe('removeOutliersIqr', () => {
  it("draws Tukey's fences with R-7 quartiles (by hand: Q1 12, Q3 14.5, IQR 2.5)", () => {
    // Fences at factor 1.5: 8.25 and 18.25; 40 is out.
    expect(removeOutliersIqr([10, 12, 12, 13, 14, 15, 40], 1.5, false)).toEqual([10, 12, 12, 13, 14, 15]);
    // Widened to the 99th percentile (38.5), as Kayenta's reduceSensitivity does: 40 is still out.
    expect(removeOutliersIqr([10, 12, 12, 13, 14, 15, 40])).toEqual([10, 12, 12, 13, 14, 15]);
  });

  it('removes outliers on both sides (Q1 1.75, Q3 3.25, fences −0.5 and 5.5)', () => {
    expect(removeOutliersIqr([-30, 1, 2, 2, 3, 3, 4, 30], 1.5, false)).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('keeps empty and identical data as they are, and refuses a factor that is not positive (as IQRDetector requires)', () => {
    expect(removeOutliersIqr([])).toEqual([]);
    expect(removeOutliersIqr([7, 7, 7])).toEqual([7, 7, 7]);
    expect(() => removeOutliersIqr([1, 2], 0)).toThrow('IQR factor must be greater than zero, got 0');
  });

  it('only ever removes values, never the middle half', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const kept = removeOutliersIqr(values);
        expect(kept.length).toBeGreaterThanOrEqual(Math.ceil(values.length / 2));
        expect(kept.every((v) => values.includes(v))).toBe(true);
      }),
    );
  });
});

describe('prepareCounts and prepareSeries', () => {
  it('sums counts over the window, rounding fractional counts to whole events', () => {
    expect(prepareCounts({ numerator: [1.2, 0.9, NaN], denominator: [100, 99.6, 50] }, NAMES)).toEqual({
      ok: true,
      value: { events: 2, total: 200, samples: 2, rate: { n: 1n, d: 100n } },
    });
  });

  it('gives no rate for no traffic, and refuses negative or impossible counts', () => {
    expect(prepareCounts({ numerator: [0], denominator: [0] }, NAMES)).toMatchObject({ ok: true, value: { rate: null } });
    expect(prepareCounts({ numerator: [-1], denominator: [10] }, NAMES)).toEqual({ ok: false, error: '`errors`[0] is -1; a count cannot be negative' });
    expect(prepareCounts({ numerator: [], denominator: [] }, NAMES)).toMatchObject({ ok: true, value: { samples: 0, rate: null } });
  });

  it('checks each interval on its own: a negative count cannot cancel a positive one in the sum', () => {
    // Summed, these are 0 errors in 20 requests; interval by interval they are nonsense.
    expect(prepareCounts({ numerator: [5, -5], denominator: [10, 10] }, NAMES)).toEqual({ ok: false, error: '`errors`[1] is -5; a count cannot be negative' });
    // 12 errors in 10 requests in one interval, hidden by a busy one in the sum.
    expect(checkRatioCounts({ numerator: [0, 12], denominator: [1000, 10] }, NAMES)).toBe('`errors`[1] (12) exceeds `requests`[1] (10); a ratio of counts is at most 1');
    expect(checkRatioCounts({ numerator: [1, 2, 3], denominator: [10, 10] }, NAMES)).toBe('`errors` has 3 samples and `requests` 2; each interval needs both');
    expect(checkRatioCounts({ numerator: [Infinity], denominator: [10] }, NAMES)).toBe('`errors`[0] is Infinity; a count is a finite number of events');
    expect(checkRatioCounts({ numerator: [1], denominator: [-Infinity] }, NAMES)).toBe('`requests`[0] is -Infinity; a count is a finite number of events');
    // Prometheus' increase() extrapolates: 10.2 errors in 10.1 requests are the same 10 whole events.
    expect(checkRatioCounts({ numerator: [10.2, NaN], denominator: [10.1, 3] }, NAMES)).toBeNull();
  });

  it('reads an empty numerator beside a live denominator as zero events, unless told not to', () => {
    expect(fillEmptyNumerator({ numerator: [], denominator: [10, NaN, 12] }, 'zero')).toEqual({ numerator: [0, NaN, 0], denominator: [10, NaN, 12] });
    expect(fillEmptyNumerator({ numerator: [NaN, 2, NaN], denominator: [10, 11, NaN] }, 'zero')).toEqual({ numerator: [0, 2, NaN], denominator: [10, 11, NaN] });
    expect(fillEmptyNumerator({ numerator: [], denominator: [10, 12] }, 'nodata')).toEqual({ numerator: [NaN, NaN], denominator: [10, 12] });
    expect(fillEmptyNumerator({ numerator: [NaN, 1], denominator: [10, 12] }, 'nodata')).toEqual({ numerator: [NaN, 1], denominator: [10, 12] });
    // A numerator of another length is not guessed at: the check names it.
    expect(fillEmptyNumerator({ numerator: [1], denominator: [10, 12] }, 'zero')).toEqual({ numerator: [1], denominator: [10, 12] });
  });

  it('drops NaN gaps from a series but keeps ±Infinity, a finding', () => {
    expect(prepareSeries([1, NaN, 3, Infinity], 'none')).toEqual({ ok: true, value: { values: [1, 3, Infinity], removed: 0 } });
    expect(prepareSeries([1, 2, 3, 4, 5, Infinity], 'iqr')).toEqual({ ok: true, value: { values: [1, 2, 3, 4, 5, Infinity], removed: 0 } });
    expect(prepareSeries({ numerator: [1], denominator: [2] }, 'none')).toEqual({ ok: false, error: 'expected one series of samples, got numerator/denominator counts' });
  });
});
