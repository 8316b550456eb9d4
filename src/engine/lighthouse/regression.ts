import { type Rational, abs, compare, divide, fraction, sign, subtract, toNumber } from '../exact.js';
import { type Result, err, ok } from '../result.js';
import { parseExactQuantity } from '../units.js';
import { exactMedian } from './exact-median.js';

/**
 * Regression against a baseline, the release runbook's rule that a
 * performance degradation beyond an allowance (20% is typical) against the
 * previous release blocks it: the target URL's median of each metric
 * against the baseline's median, failing when it is worse by more than
 * `max-regression`, even when the absolute budget passes. Compared exactly
 * (exact.ts): a change of exactly the allowance is within it, as a value of
 * exactly a budget is within LHCI's `<=`.
 */
export interface RegressionMetric {
  /** The short name accepted in `max-regression` (`lcp=10%`). */
  alias: string;
  /** Which direction is worse: a score going down, a timing or CLS going up. */
  worse: 'lower' | 'higher';
  /**
   * The smallest absolute change that can count as a regression. A relative
   * change on a near-zero baseline means nothing (TBT 0 → 20 ms is "+∞%"),
   * and these are below a Lighthouse run's own noise: 50 ms of timing,
   * 0.01 of CLS (the precision Lighthouse displays), 0.01 of score.
   */
  floor: Rational;
}

const HUNDREDTH = fraction(1, 100);
const FIFTY_MS = fraction(50, 1);

export const REGRESSION_METRICS = {
  performance: { alias: 'performance', worse: 'lower', floor: HUNDREDTH },
  'largest-contentful-paint': { alias: 'lcp', worse: 'higher', floor: FIFTY_MS },
  'total-blocking-time': { alias: 'tbt', worse: 'higher', floor: FIFTY_MS },
  'first-contentful-paint': { alias: 'fcp', worse: 'higher', floor: FIFTY_MS },
  'cumulative-layout-shift': { alias: 'cls', worse: 'higher', floor: HUNDREDTH },
} as const satisfies Record<string, RegressionMetric>;

export type RegressionMetricId = keyof typeof REGRESSION_METRICS;
const METRIC_IDS = Object.keys(REGRESSION_METRICS) as RegressionMetricId[];

/** Allowed worsening per metric, as the exact fraction written (`20%` = 1/5); a metric left out is not held to one. */
export type MaxRegression = Partial<Record<RegressionMetricId, Rational>>;

const ACCEPTED = `a percentage such as 20% for every metric, or per metric such as performance=5%, lcp=20%, tbt=50%, fcp=20%, cls=25% (metrics: ${METRIC_IDS.map((id) => REGRESSION_METRICS[id].alias).join(', ')})`;

/** Parses `20%` (every metric) or `lcp=10%, cls=25%` (those metrics only); a bare number is a percentage. */
export function parseMaxRegression(text: string): Result<MaxRegression> {
  const whole = parseAllowance(text, text);
  if (whole.ok) return ok(Object.fromEntries(METRIC_IDS.map((id) => [id, whole.value])));
  if (whole.error !== null) return err(whole.error);
  const limits: MaxRegression = {};
  for (const part of text.split(/[,\n]/).map((p) => p.trim()).filter(Boolean)) {
    const [name = '', value = '', ...rest] = part.split(/\s*[=:]\s*/);
    const metric = METRIC_IDS.find((id) => id === name.toLowerCase() || REGRESSION_METRICS[id].alias === name.toLowerCase());
    const allowance = parseAllowance(value, text);
    if (!allowance.ok && allowance.error !== null) return err(allowance.error);
    if (!metric || !allowance.ok || rest.length > 0) return err(`got ${JSON.stringify(text)}; expected ${ACCEPTED}`);
    limits[metric] = allowance.value;
  }
  return Object.keys(limits).length > 0 ? ok(limits) : err(`got ${JSON.stringify(text)}; expected ${ACCEPTED}`);
}

/** A percentage as a fraction; the error is null when the text is not a percentage at all, a message when it is one that cannot be an allowance. */
function parseAllowance(text: string, input: string): Result<Rational, string | null> {
  const percent = parseExactQuantity(text, 'percent');
  if (!percent.ok) return err(null);
  if (sign(percent.value.exact) < 0) return err(`got ${JSON.stringify(input)}; a regression allowance cannot be negative`);
  return ok(divide(percent.value.exact, fraction(100, 1)));
}

/** One metric of a URL compared with the baseline. */
export interface Regression {
  metric: RegressionMetricId;
  target: number | null;
  baseline: number | null;
  /** target − baseline, in the metric's unit. */
  delta: number | null;
  /** How much worse, relative to the baseline: 0.25 = 25% worse, negative = better, Infinity from a zero baseline. */
  worsening: number | null;
  /** The allowance from `max-regression`, as a fraction. */
  allowed: number;
  status: 'pass' | 'fail' | 'nodata';
}

/** How much worse `target` is than `baseline`, in the metric's unit (positive = worse). */
function worseBy(metric: RegressionMetricId, target: Rational, baseline: Rational): Rational {
  return REGRESSION_METRICS[metric].worse === 'higher' ? subtract(target, baseline) : subtract(baseline, target);
}

/** How much worse `target` is than `baseline`, relative to the baseline (positive = worse); null from a zero baseline, where any change is infinitely relative. */
export function relativeWorsening(metric: RegressionMetricId, target: Rational, baseline: Rational): Rational | null {
  return sign(baseline) === 0 ? null : divide(worseBy(metric, target, baseline), abs(baseline));
}

/**
 * Holds the median of the target's runs to the median of the baseline's,
 * per metric in `limits`; each side gives its runs' values of the metric. A
 * metric missing on either side is `nodata`, which fails the budget: a
 * regression that could not be measured is not shown to be absent. A
 * metric regresses when it is worse by more than its allowance (`>`, so
 * exactly the allowance passes) and by at least its noise floor.
 */
export function compareToBaseline(target: Partial<Record<RegressionMetricId, readonly number[]>>, baseline: Partial<Record<RegressionMetricId, readonly number[]>>, limits: MaxRegression): Regression[] {
  return METRIC_IDS.filter((metric) => limits[metric] !== undefined).map((metric): Regression => {
    const allowed = limits[metric]!;
    const now = exactMedian(target[metric] ?? []);
    const before = exactMedian(baseline[metric] ?? []);
    const shown = { metric, target: now && toNumber(now), baseline: before && toNumber(before), allowed: toNumber(allowed) };
    if (now === null || before === null) return { ...shown, delta: null, worsening: null, status: 'nodata' };
    const relative = relativeWorsening(metric, now, before);
    const direction = sign(worseBy(metric, now, before));
    // From a zero baseline any worsening is infinitely relative, beyond every allowance.
    const beyondAllowance = relative === null ? direction > 0 : compare(relative, allowed) > 0;
    const regressed = beyondAllowance && compare(abs(subtract(now, before)), REGRESSION_METRICS[metric].floor) >= 0;
    const worsening = relative === null ? (direction === 0 ? 0 : direction * Infinity) : toNumber(relative);
    return { ...shown, delta: toNumber(subtract(now, before)), worsening, status: regressed ? 'fail' : 'pass' };
  });
}
