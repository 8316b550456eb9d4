/**
 * One result of LHCI's `getAllAssertionResults` (@lhci/utils 0.15.1), the
 * same objects `lhci assert` writes to `.lighthouseci/assertion-results.json`:
 * expected, actual, operator, the values of every run, passed: a verdict
 * carries its evidence, so the summary renders it and never recomputes.
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

/** Where a set of assertions came from; `defaults` when nothing was configured (see DEFAULT_BUDGETS). */
export type BudgetSource = 'config' | 'budget-path' | 'inputs' | 'defaults';

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

/**
 * No value was read: the audit is absent from the runs (LHCI's `auditRan`
 * result: a misspelt audit id, or a Lighthouse without that audit) or
 * produced no number (`actual` NaN). LHCI reports these at the assertion's
 * level, so at `warn` a budget that measured nothing would let the run
 * pass; here they block at any level, since a threshold that judged no
 * value is not evidence of anything.
 */
export const isUnmeasured = (result: AssertionResult): boolean => !result.passed && (result.name === 'auditRan' || Number.isNaN(result.actual));
/** Blocks the run: failed at `error` level (this makes `lhci assert` exit 1), or measured nothing at any level. */
export const isFailure = (result: AssertionResult): boolean => !result.passed && (result.level === 'error' || isUnmeasured(result));
/** Failed at `warn` level on a measured value: reported, never blocking. */
export const isWarning = (result: AssertionResult): boolean => !result.passed && result.level === 'warn' && !isUnmeasured(result);
