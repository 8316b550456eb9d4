import type { Dimension } from '../units.js';
import type { Assertion, AssertOptions } from './assert-options.js';

/**
 * The simple budget inputs (`min-performance: 0.9`, `max-lcp: 2.5s`) as LHCI
 * assertions, so they are judged by the same code as a lighthouserc. They
 * use the `median` aggregation, not LHCI's default `optimistic` (the best
 * run): the summary shows medians, and a budget met only by the luckiest of
 * three runs is the flakiness users complain about (treosh/lighthouse-ci-action#14).
 */
export interface SimpleBudget {
  /** The LHCI assertion key it becomes. */
  key: string;
  option: 'minScore' | 'maxNumericValue';
  /** How the input is parsed: scores 0–1, timings in ms (`2500`, `2.5s`), CLS unitless. */
  dimension: Dimension;
}

export const SIMPLE_BUDGETS = {
  'min-performance': { key: 'categories:performance', option: 'minScore', dimension: 'score' },
  'min-accessibility': { key: 'categories:accessibility', option: 'minScore', dimension: 'score' },
  'min-best-practices': { key: 'categories:best-practices', option: 'minScore', dimension: 'score' },
  'min-seo': { key: 'categories:seo', option: 'minScore', dimension: 'score' },
  'max-lcp': { key: 'largest-contentful-paint', option: 'maxNumericValue', dimension: 'duration' },
  'max-fcp': { key: 'first-contentful-paint', option: 'maxNumericValue', dimension: 'duration' },
  'max-tbt': { key: 'total-blocking-time', option: 'maxNumericValue', dimension: 'duration' },
  'max-cls': { key: 'cumulative-layout-shift', option: 'maxNumericValue', dimension: 'number' },
} as const satisfies Record<string, SimpleBudget>;

export type SimpleBudgetInput = keyof typeof SIMPLE_BUDGETS;
export const SIMPLE_BUDGET_INPUTS = Object.keys(SIMPLE_BUDGETS) as SimpleBudgetInput[];

/** The assertions for the simple inputs given, or null when none was. */
export function simpleBudgetAssertions(values: Partial<Record<SimpleBudgetInput, number>>): AssertOptions | null {
  const assertions: Record<string, Assertion> = {};
  for (const input of SIMPLE_BUDGET_INPUTS) {
    const value = values[input];
    if (value === undefined) continue;
    const { key, option } = SIMPLE_BUDGETS[input];
    assertions[key] = ['error', { [option]: value, aggregationMethod: 'median' }];
  }
  return Object.keys(assertions).length === 0 ? null : { assertions };
}
