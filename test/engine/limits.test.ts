import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fraction, fromNumber } from '../../src/engine/exact.js';
import { compareLimits, decisiveComparison, describeComparison, parseLimits, statusOfComparisons, withDefaults, type Limit } from '../../src/engine/limits.js';

const MEASURES = { failed: 'count', flaky: 'count', tests: 'count', 'pass-rate': 'percent', lines: 'percent', value: 'number' } as const;

const limitsOf = (entry: Record<string, unknown>): Limit[] => {
  const parsed = parseLimits(entry, MEASURES);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('parseLimits', () => {
  it('reads max/min keys and their warn levels in base units, keeping the fraction written', () => {
    const parsed = parseLimits({ type: 'junit', path: 'x', 'max-failed': 0, 'warn-max-flaky': 2, 'min-pass-rate': '95%', max: '5%' }, MEASURES, ['type', 'path']);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { key: 'max-failed', measure: 'failed', bound: 'max', level: 'fail', threshold: 0, exact: fraction(0, 1), dimension: 'count' },
        { key: 'warn-max-flaky', measure: 'flaky', bound: 'max', level: 'warn', threshold: 2, exact: fraction(2, 1), dimension: 'count' },
        { key: 'min-pass-rate', measure: 'pass-rate', bound: 'min', level: 'fail', threshold: 95, exact: fraction(95, 1), dimension: 'percent' },
        { key: 'max', measure: 'value', bound: 'max', level: 'fail', threshold: 0.05, exact: fraction(1, 20), dimension: 'number' },
      ],
    });
  });

  it('refuses a misspelt threshold instead of dropping the gate', () => {
    const parsed = parseLimits({ 'max-faild': 0 }, MEASURES);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^unknown threshold `max-faild`; this check accepts max-failed, min-failed, /);
  });

  it('names the key whose value is malformed, and refuses an infinite threshold', () => {
    expect(parseLimits({ 'max-failed': 'none' }, MEASURES)).toEqual({ ok: false, error: '`max-failed`: got "none"; expected a whole number such as 0 or 12' });
    expect(parseLimits({ max: '1e400' }, MEASURES).ok).toBe(false);
  });
});

describe('compareLimits', () => {
  const limits = limitsOf({ 'max-failed': 0, 'warn-max-flaky': 1 });

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
        const limit: Limit = { key: 'max', measure: 'value', bound: 'max', level: 'fail', threshold, exact: fromNumber(threshold), dimension: 'number' };
        const [c] = compareLimits({ value: actual }, [limit]);
        expect(c!.status === 'pass').toBe(actual <= threshold);
      }),
    );
  });
});

describe('exact comparisons: float rounding never decides', () => {
  it('7 of 1000 lines uncovered is exactly min-lines: 99.3, given as the exact ratio', () => {
    const [atLimit] = compareLimits({ lines: 99.3 }, limitsOf({ 'min-lines': 99.3 }), { lines: fraction(993 * 100, 1000) });
    expect(atLimit!.status).toBe('pass');
    // One line more uncovered is below it, however close the doubles are.
    const [below] = compareLimits({ lines: 99.2 }, limitsOf({ 'min-lines': 99.3 }), { lines: fraction(992 * 100, 1000) });
    expect(below!.status).toBe('fail');
  });

  it('a ratio a double rounds above its threshold still meets it: 7 errors of 1000 requests against max: 0.7%', () => {
    // In doubles 0.7 / 100 is 0.006999999999999999, below 7/1000; the exact comparison says equal.
    expect(0.7 / 100 < 7 / 1000).toBe(true);
    const [c] = compareLimits({ value: 7 / 1000 }, limitsOf({ max: '0.7%' }), { value: fraction(7, 1000) });
    expect(c!.status).toBe('pass');
  });

  it('a pass rate a double computes below its threshold meets it when exactly equal', () => {
    // 57 of 100 tests passed: (57 / 100) * 100 is 56.99999999999999 in doubles, below min-pass-rate 57.
    expect((57 / 100) * 100).toBeLessThan(57);
    expect(compareLimits({ 'pass-rate': (57 / 100) * 100 }, limitsOf({ 'min-pass-rate': 57 }))[0]!.status).toBe('fail');
    expect(compareLimits({ 'pass-rate': (57 / 100) * 100 }, limitsOf({ 'min-pass-rate': 57 }), { 'pass-rate': fraction(5700, 100) })[0]!.status).toBe('pass');
  });

  it('+Infinity breaches every max and meets every min; −Infinity the reverse', () => {
    const both = limitsOf({ max: 5, min: 1 });
    expect(compareLimits({ value: Number.POSITIVE_INFINITY }, both).map((c) => c.status)).toEqual(['fail', 'pass']);
    expect(compareLimits({ value: Number.NEGATIVE_INFINITY }, both).map((c) => c.status)).toEqual(['pass', 'fail']);
  });
});

describe('withDefaults', () => {
  const DEFAULTS = [
    { key: 'max-failed', value: 0, replacedBy: ['max-failed', 'min-pass-rate'] },
    { key: 'min-tests', value: 1, replacedBy: ['min-tests'] },
  ] as const;
  const keys = (entry: Record<string, unknown>) => {
    const applied = withDefaults(limitsOf(entry), DEFAULTS, MEASURES);
    if (!applied.ok) throw new Error(applied.error);
    return applied.value.map((limit) => limit.key);
  };

  it('applies every default when the policy sets no limit, marked as a default', () => {
    expect(keys({})).toEqual(['max-failed (default)', 'min-tests (default)']);
  });

  it('drops a default only when the policy bounds its family at fail level', () => {
    expect(keys({ 'min-pass-rate': 95 })).toEqual(['min-pass-rate', 'min-tests (default)']);
    expect(keys({ 'min-tests': 0 })).toEqual(['min-tests', 'max-failed (default)']);
    // A warn level does not block, so it replaces nothing.
    expect(keys({ 'warn-max-failed': 2 })).toEqual(['warn-max-failed', 'max-failed (default)', 'min-tests (default)']);
  });

  it('a default of `any` family gives way to any fail-level limit', () => {
    const applied = withDefaults(limitsOf({ 'max-flaky': 3 }), [{ key: 'max-failed', value: 0, replacedBy: 'any' }], MEASURES);
    expect(applied.ok && applied.value.map((l) => l.key)).toEqual(['max-flaky']);
  });

  it('names the default in the comparison a user reads', () => {
    const applied = withDefaults([], DEFAULTS, MEASURES);
    if (!applied.ok) throw new Error(applied.error);
    const [failed] = compareLimits({ failed: 2, tests: 5 }, applied.value);
    expect(describeComparison(failed!, String)).toBe('failed 2 > max-failed (default) 0');
  });
});
