import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDuration, formatQuantity, parseDuration, parseQuantity } from '../../src/engine/units.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['10m', 600_000],
    ['48h', 172_800_000],
    ['1d', 86_400_000],
    ['1.5s', 1_500],
    [' 2M ', 120_000],
    [1500, 1500],
    ['0', 0],
  ])('%j is %d ms', (raw, ms) => {
    expect(parseDuration(raw)).toEqual({ ok: true, value: ms });
  });

  it.each(['', 'soon', '10 minutes', '-5s', '5w', null, undefined, NaN, Infinity, {}])('rejects %j and says what it accepts', (raw) => {
    const result = parseDuration(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/expected a duration such as .*30s/);
  });

  it('round-trips through formatDuration for whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seconds) => {
        const text = formatDuration(seconds * 1000);
        const back = text.match(/\d+[dhms]/g)!.reduce((sum, part) => sum + (parseDuration(part) as { value: number }).value, 0);
        expect(back).toBe(seconds * 1000);
      }),
    );
  });
});

describe('parseQuantity', () => {
  it('reads sizes in bytes with binary KB/MB', () => {
    expect(parseQuantity('500KB', 'bytes')).toEqual({ ok: true, value: 512_000 });
    expect(parseQuantity('2MB', 'bytes')).toEqual({ ok: true, value: 2_097_152 });
    expect(parseQuantity(1234, 'bytes')).toEqual({ ok: true, value: 1234 });
    expect(parseQuantity('2 parsecs', 'bytes').ok).toBe(false);
  });

  it('keeps percent on a 0–100 scale and fractions on 0–1', () => {
    expect(parseQuantity('80%', 'percent')).toEqual({ ok: true, value: 80 });
    expect(parseQuantity(80, 'percent')).toEqual({ ok: true, value: 80 });
    expect(parseQuantity('5%', 'fraction')).toEqual({ ok: true, value: 0.05 });
    expect(parseQuantity(0.05, 'fraction')).toEqual({ ok: true, value: 0.05 });
  });

  it('bounds scores to 0–1 and counts to whole non-negative numbers', () => {
    expect(parseQuantity('90%', 'score')).toEqual({ ok: true, value: 0.9 });
    expect(parseQuantity(1.2, 'score').ok).toBe(false);
    expect(parseQuantity(1.5, 'count').ok).toBe(false);
    expect(parseQuantity(-1, 'count').ok).toBe(false);
    expect(parseQuantity('3', 'count')).toEqual({ ok: true, value: 3 });
  });

  it('lets a metric threshold carry its unit', () => {
    expect(parseQuantity('5%', 'number')).toEqual({ ok: true, value: 0.05 });
    expect(parseQuantity('2s', 'number')).toEqual({ ok: true, value: 2000 });
    expect(parseQuantity('1MB', 'number')).toEqual({ ok: true, value: 1_048_576 });
    expect(parseQuantity('5 apples', 'number').ok).toBe(false);
  });
});

describe('formatQuantity', () => {
  it('renders each dimension for a table', () => {
    expect(formatQuantity(2_097_152, 'bytes')).toBe('2 MB');
    expect(formatQuantity(1536, 'bytes')).toBe('1.5 KB');
    expect(formatQuantity(0.0123, 'fraction')).toBe('1.23%');
    expect(formatQuantity(2450, 'duration')).toBe('2450 ms');
    expect(formatQuantity(90_000, 'duration')).toBe('1m30s');
    expect(formatQuantity(null, 'count')).toBe('—');
    expect(formatQuantity(NaN, 'count')).toBe('—');
  });
});
