/**
 * One result of LHCI's `getAllAssertionResults` (@lhci/utils 0.15.1), the
 * same objects `lhci assert` writes to `.lighthouseci/assertion-results.json`:
 * expected, actual, operator, the values of every run, passed (STYLE §7).
 */
export interface AssertionResult {
  /** The kind of check: `minScore`, `maxNumericValue`, `maxLength`, or `auditRan` when an audit is missing. */
  name: 'auditRan' | 'minScore' | 'maxNumericValue' | 'maxLength';
  expected: number;
  /** The aggregated value; NaN when no run produced one. */
  actual: number;
  /** Each run's value (NaN for a run without one). */
  values: number[];
  operator: string;
  passed: boolean;
  /** `categories`, `resource-summary`, `user-timings`, or an audit id such as `largest-contentful-paint`. */
  auditId: string;
  /** `performance` for `categories:performance`, `script.size` for `resource-summary:script:size`. */
  auditProperty?: string;
  level: 'warn' | 'error';
  /** The runs' `finalUrl`. */
  url: string;
  auditTitle?: string;
  auditDocumentationLink?: string;
  /** LHCI's hint when no value could be read (e.g. "... is not a known audit."). */
  message?: string;
}

/** Where a set of assertions came from. */
export type BudgetSource = 'config' | 'budget-path' | 'inputs';

/** An LHCI assertion result and the budget source it came from. */
export interface BudgetAssertion extends AssertionResult {
  source: BudgetSource;
}

/**
 * The assertion key as a lighthouserc writes it: `categories:performance`,
 * `largest-contentful-paint`, `resource-summary:script:size`. LHCI joins
 * the property parts with `.`; the colon form is the one users write since
 * lighthouse-ci#64, so the `failed-assertions` output uses it.
 */
export function assertionKey(result: Pick<AssertionResult, 'auditId' | 'auditProperty'>): string {
  return result.auditProperty ? `${result.auditId}:${result.auditProperty.replace(/\./g, ':')}` : result.auditId;
}

/** Failed at `error` level: this makes `lhci assert` exit 1. */
export const isFailure = (result: AssertionResult): boolean => !result.passed && result.level === 'error';
/** Failed at `warn` level: reported, never blocking. */
export const isWarning = (result: AssertionResult): boolean => !result.passed && result.level === 'warn';
