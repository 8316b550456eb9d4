import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abs, add, compare, divide, fraction, fromNumber, meanOf, parseDecimal, subtract, toNumber } from '../../src/engine/exact.js';
import { MAX_TIMER_MS, checkTimerDuration, parseExactQuantity, parseQuantity } from '../../src/engine/units.js';

describe('exact rationals', () => {
  it('reads decimals as the fraction they say', () => {
    expect(parseDecimal('0.7')).toEqual({ n: 7n, d: 10n });
    expect(parseDecimal('-1.5e-3')).toEqual({ n: -3n, d: 2000n });
    expect(parseDecimal('120')).toEqual({ n: 120n, d: 1n });
    expect(parseDecimal('2.50')).toEqual({ n: 5n, d: 2n });
    expect(parseDecimal('1e999')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('takes a double as the decimal it prints as: 0.1 is one tenth', () => {
    expect(fromNumber(0.1)).toEqual({ n: 1n, d: 10n });
    expect(fromNumber(1e-7)).toEqual({ n: 1n, d: 10_000_000n });
    expect(fromNumber(1.5e21)).toEqual({ n: 1_500_000_000_000_000_000_000n, d: 1n });
    expect(() => fromNumber(Infinity)).toThrow(RangeError);
    expect(() => fromNumber(NaN)).toThrow(RangeError);
  });

  it('decides the float-rounding cases exactly', () => {
    // 7 errors in 1,000 requests is exactly 0.7%.
    const limit = parseExactQuantity('0.7%', 'number');
    if (!limit.ok) throw new Error(limit.error);
    expect(compare(fraction(7, 1000), limit.value.exact)).toBe(0);
    // 120 against 100 is exactly +20%.
    const change = divide(subtract(fromNumber(120), fromNumber(100)), abs(fromNumber(100)));
    expect(compare(change, parseDecimal('0.2')!)).toBe(0);
    expect(0.7 / 100 < 7 / 1000).toBe(true);
    expect(120 / 100 - 1 < 0.2).toBe(true);
  });

  it('means and sums without rounding', () => {
    expect(meanOf([0.1, 0.2])).toEqual({ n: 3n, d: 20n });
    expect(toNumber(meanOf([1, 2, 4]))).toBeCloseTo(7 / 3, 15);
  });

  it('orders like the reals (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        const expected = a < b ? -1 : a > b ? 1 : 0;
        expect(compare(fromNumber(a), fromNumber(b))).toBe(expected);
        expect(toNumber(fromNumber(a))).toBe(a === 0 ? 0 : a);
        expect(compare(add(fromNumber(a), fromNumber(b)), add(fromNumber(b), fromNumber(a)))).toBe(0);
      }),
    );
  });
});

describe('quantities keep what was written', () => {
  it('keeps 0.7% as 7/1000 and its double as 0.007', () => {
    const parsed = parseExactQuantity('0.7%', 'fraction');
    expect(parsed).toEqual({ ok: true, value: { value: 0.007, exact: { n: 7n, d: 1000n } } });
  });

  it.each(['1e400', '-1e400', '1e400%', Infinity, -Infinity])('refuses %j: no threshold is infinite', (raw) => {
    expect(parseQuantity(raw, 'number').ok).toBe(false);
    expect(parseQuantity(raw, 'duration').ok).toBe(false);
  });

  it('refuses a timer longer than setTimeout can hold, naming the limit', () => {
    expect(checkTimerDuration(MAX_TIMER_MS)).toEqual({ ok: true, value: MAX_TIMER_MS });
    const fifty = checkTimerDuration(50 * 86_400_000);
    expect(fifty.ok).toBe(false);
    if (!fifty.ok) expect(fifty.error).toBe('50d is longer than a timer can wait; at most 24d20h31m23s (2^31 − 1 ms)');
  });
});
