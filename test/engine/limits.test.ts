import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareLimits, decisiveComparison, parseLimits, statusOfComparisons } from '../../src/engine/limits.js';

const MEASURES = { failed: 'count', flaky: 'count', 'pass-rate': 'percent', value: 'number' } as const;

describe('parseLimits', () => {
  it('reads max/min keys and their warn levels in base units', () => {
    const parsed = parseLimits({ type: 'junit', path: 'x', 'max-failed': 0, 'warn-max-flaky': 2, 'min-pass-rate': '95%', max: '5%' }, MEASURES, ['type', 'path']);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { key: 'max-failed', measure: 'failed', bound: 'max', level: 'fail', threshold: 0, dimension: 'count' },
        { key: 'warn-max-flaky', measure: 'flaky', bound: 'max', level: 'warn', threshold: 2, dimension: 'count' },
        { key: 'min-pass-rate', measure: 'pass-rate', bound: 'min', level: 'fail', threshold: 95, dimension: 'percent' },
        { key: 'max', measure: 'value', bound: 'max', level: 'fail', threshold: 0.05, dimension: 'number' },
      ],
    });
  });

  it('refuses a misspelt threshold instead of dropping the gate', () => {
    const parsed = parseLimits({ 'max-faild': 0 }, MEASURES);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toBe('unknown threshold `max-faild`; this check accepts max-failed, min-failed, max-flaky, min-flaky, max-pass-rate, min-pass-rate, max, min (and warn- forms)');
  });

  it('names the key whose value is malformed', () => {
    const parsed = parseLimits({ 'max-failed': 'none' }, MEASURES);
    expect(parsed).toEqual({ ok: false, error: '`max-failed`: got "none"; expected a whole number such as 0 or 12' });
  });
});

describe('compareLimits', () => {
  const parsed = parseLimits({ 'max-failed': 0, 'warn-max-flaky': 1 }, MEASURES);
  if (!parsed.ok) throw new Error(parsed.error);
  const limits = parsed.value;

  it('passes within, warns at the warn level, fails at the fail level', () => {
    expect(compareLimits({ failed: 0, flaky: 1 }, limits).map((c) => c.status)).toEqual(['pass', 'pass']);
    expect(compareLimits({ failed: 0, flaky: 2 }, limits).map((c) => c.status)).toEqual(['pass', 'warn']);
    expect(statusOfComparisons(compareLimits({ failed: 1, flaky: 2 }, limits))).toBe('fail');
  });

  it('never passes a missing or NaN measurement', () => {
    const comparisons = compareLimits({ failed: NaN }, limits);
    expect(comparisons.map((c) => c.status)).toEqual(['nodata', 'nodata']);
    expect(statusOfComparisons(comparisons)).toBe('nodata');
  });

  it('picks the failing comparison as the decisive one', () => {
    const decisive = decisiveComparison(compareLimits({ failed: 3, flaky: 5 }, limits));
    expect(decisive).toMatchObject({ key: 'max-failed', actual: 3, expected: 0, status: 'fail' });
  });

  it('a max limit passes exactly the values at or below it (law)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), fc.double({ noNaN: true, min: -1e9, max: 1e9 }), (actual, threshold) => {
        const [c] = compareLimits({ value: actual }, [{ key: 'max', measure: 'value', bound: 'max', level: 'fail', threshold, dimension: 'number' }]);
        expect(c!.status === 'pass').toBe(actual <= threshold);
      }),
    );
  });
});
