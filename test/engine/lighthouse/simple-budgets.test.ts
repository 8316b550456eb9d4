import { describe, expect, it } from 'vitest';
import { fraction } from '../../../src/engine/exact.js';
import { DEFAULT_BUDGETS_TEXT, defaultBudgetValues, exactThresholds, simpleBudgetAssertions } from '../../../src/engine/lighthouse/simple-budgets.js';
import { parseExactQuantity } from '../../../src/engine/units.js';

const exact = (raw: string, dimension: 'score' | 'duration' | 'number') => {
  const parsed = parseExactQuantity(raw, dimension);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe('simpleBudgetAssertions', () => {
  it('turns each simple input into an error-level LHCI assertion at the median', () => {
    expect(
      simpleBudgetAssertions({
        'min-performance': exact('0.9', 'score'),
        'min-accessibility': exact('95%', 'score'),
        'max-lcp': exact('2.5s', 'duration'),
        'max-cls': exact('0.1', 'number'),
        'max-tbt': exact('200', 'duration'),
        'max-fcp': exact('1500ms', 'duration'),
      }),
    ).toEqual({
      assertions: {
        'categories:performance': ['error', { minScore: 0.9, aggregationMethod: 'median' }],
        'categories:accessibility': ['error', { minScore: 0.95, aggregationMethod: 'median' }],
        'largest-contentful-paint': ['error', { maxNumericValue: 2500, aggregationMethod: 'median' }],
        'first-contentful-paint': ['error', { maxNumericValue: 1500, aggregationMethod: 'median' }],
        'total-blocking-time': ['error', { maxNumericValue: 200, aggregationMethod: 'median' }],
        'cumulative-layout-shift': ['error', { maxNumericValue: 0.1, aggregationMethod: 'median' }],
      },
    });
  });

  it('is null when no simple input is given, and keeps a zero budget', () => {
    expect(simpleBudgetAssertions({})).toBeNull();
    expect(simpleBudgetAssertions({ 'max-tbt': exact('0', 'duration') })).toEqual({ assertions: { 'total-blocking-time': ['error', { maxNumericValue: 0, aggregationMethod: 'median' }] } });
  });

  it('keeps each threshold as written, by assertion key, for the exact verdict', () => {
    expect(exactThresholds({ 'min-performance': exact('90%', 'score'), 'max-cls': exact('0.1', 'number') })).toEqual(
      new Map([
        ['categories:performance', fraction(9, 10)],
        ['cumulative-layout-shift', fraction(1, 10)],
      ]),
    );
  });
});

describe('the default budgets', () => {
  it('are the Core Web Vitals "good" thresholds, LCP 2.5 s and CLS 0.1, as error-level median assertions', () => {
    expect(DEFAULT_BUDGETS_TEXT).toBe('max-lcp 2.5s, max-cls 0.1');
    const values = defaultBudgetValues();
    expect(simpleBudgetAssertions(values)).toEqual({
      assertions: {
        'largest-contentful-paint': ['error', { maxNumericValue: 2500, aggregationMethod: 'median' }],
        'cumulative-layout-shift': ['error', { maxNumericValue: 0.1, aggregationMethod: 'median' }],
      },
    });
    expect(exactThresholds(values).get('cumulative-layout-shift')).toEqual(fraction(1, 10));
  });
});
