import { describe, expect, it } from 'vitest';
import { simpleBudgetAssertions } from '../../../src/engine/lighthouse/simple-budgets.js';

describe('simpleBudgetAssertions', () => {
  it('turns each simple input into an error-level LHCI assertion at the median', () => {
    expect(simpleBudgetAssertions({ 'min-performance': 0.9, 'min-accessibility': 0.95, 'max-lcp': 2500, 'max-cls': 0.1, 'max-tbt': 200, 'max-fcp': 1500 })).toEqual({
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
    expect(simpleBudgetAssertions({ 'max-tbt': 0 })).toEqual({ assertions: { 'total-blocking-time': ['error', { maxNumericValue: 0, aggregationMethod: 'median' }] } });
  });
});
