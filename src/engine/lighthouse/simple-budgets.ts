import type { Rational } from '../exact.js';
import { type Dimension, type ExactQuantity, parseExactQuantity } from '../units.js';
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

/** Simple budget values as written: the double LHCI asserts with, and the exact fraction the verdict is given on (exact-budgets.ts). */
export type SimpleBudgetValues = Partial<Record<SimpleBudgetInput, ExactQuantity>>;

/**
 * The budgets that apply when none is configured (no `config`, no
 * `budget-path`, no simple input): the "good" thresholds of the Core Web
 * Vitals that a lab run measures, LCP ≤ 2.5 s and CLS ≤ 0.1
 * (https://web.dev/articles/vitals), the same defaults gate-checks'
 * `lighthouse` check applies. A run with nothing to judge would otherwise
 * pass on no threshold at all.
 */
export const DEFAULT_BUDGETS = { 'max-lcp': '2.5s', 'max-cls': '0.1' } as const satisfies Partial<Record<SimpleBudgetInput, string>>;

/** How messages name the default budgets: `max-lcp 2.5s, max-cls 0.1`. */
export const DEFAULT_BUDGETS_TEXT = Object.entries(DEFAULT_BUDGETS)
  .map(([input, value]) => `${input} ${value}`)
  .join(', ');

export function defaultBudgetValues(): SimpleBudgetValues {
  const values: SimpleBudgetValues = {};
  for (const [input, text] of Object.entries(DEFAULT_BUDGETS) as [SimpleBudgetInput, string][]) {
    const parsed = parseExactQuantity(text, SIMPLE_BUDGETS[input].dimension);
    if (!parsed.ok) throw new Error(`DEFAULT_BUDGETS.${input}: ${parsed.error}`);
    values[input] = parsed.value;
  }
  return values;
}

/** The assertions for the simple inputs given, or null when none was. */
export function simpleBudgetAssertions(values: SimpleBudgetValues): AssertOptions | null {
  const assertions: Record<string, Assertion> = {};
  for (const input of SIMPLE_BUDGET_INPUTS) {
    const value = values[input];
    if (value === undefined) continue;
    const { key, option } = SIMPLE_BUDGETS[input];
    assertions[key] = ['error', { [option]: value.value, aggregationMethod: 'median' }];
  }
  return Object.keys(assertions).length === 0 ? null : { assertions };
}

/** Each simple budget's exact threshold, by the LHCI assertion key it became. */
export function exactThresholds(values: SimpleBudgetValues): Map<string, Rational> {
  return new Map(SIMPLE_BUDGET_INPUTS.filter((input) => values[input] !== undefined).map((input) => [SIMPLE_BUDGETS[input].key, values[input]!.exact]));
}
