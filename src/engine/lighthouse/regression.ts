import { type Result, err, ok } from '../result.js';
import { parseQuantity } from '../units.js';

/**
 * Regression against a baseline (BRIEF §1: "performance degradation > 20%
 * against the previous release is a no-go"): the target URL's median of each
 * metric against the baseline's median, failing when it is worse by more
 * than `max-regression`, even when the absolute budget passes.
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
  floor: number;
}

export const REGRESSION_METRICS = {
  performance: { alias: 'performance', worse: 'lower', floor: 0.01 },
  'largest-contentful-paint': { alias: 'lcp', worse: 'higher', floor: 50 },
  'total-blocking-time': { alias: 'tbt', worse: 'higher', floor: 50 },
  'first-contentful-paint': { alias: 'fcp', worse: 'higher', floor: 50 },
  'cumulative-layout-shift': { alias: 'cls', worse: 'higher', floor: 0.01 },
} as const satisfies Record<string, RegressionMetric>;

export type RegressionMetricId = keyof typeof REGRESSION_METRICS;
const METRIC_IDS = Object.keys(REGRESSION_METRICS) as RegressionMetricId[];

/** Allowed worsening per metric, as a fraction (0.2 = 20%); a metric left out is not held to one. */
export type MaxRegression = Partial<Record<RegressionMetricId, number>>;

const ACCEPTED = `a percentage such as 20% for every metric, or per metric such as performance=5%, lcp=20%, tbt=50%, fcp=20%, cls=25% (metrics: ${METRIC_IDS.map((id) => REGRESSION_METRICS[id].alias).join(', ')})`;

/** Parses `20%` (every metric) or `lcp=10%, cls=25%` (those metrics only); a bare number is a percentage. */
export function parseMaxRegression(text: string): Result<MaxRegression> {
  const whole = parseQuantity(text, 'percent');
  if (whole.ok) return checkPercent(whole.value, text, () => Object.fromEntries(METRIC_IDS.map((id) => [id, whole.value / 100])));
  const limits: MaxRegression = {};
  for (const part of text.split(/[,\n]/).map((p) => p.trim()).filter(Boolean)) {
    const [name = '', value = '', ...rest] = part.split(/\s*[=:]\s*/);
    const metric = METRIC_IDS.find((id) => id === name.toLowerCase() || REGRESSION_METRICS[id].alias === name.toLowerCase());
    const percent = parseQuantity(value, 'percent');
    if (!metric || !percent.ok || rest.length > 0) return err(`got ${JSON.stringify(text)}; expected ${ACCEPTED}`);
    const checked = checkPercent(percent.value, text, () => percent.value / 100);
    if (!checked.ok) return checked;
    limits[metric] = checked.value;
  }
  return Object.keys(limits).length > 0 ? ok(limits) : err(`got ${JSON.stringify(text)}; expected ${ACCEPTED}`);
}

function checkPercent<T>(percent: number, text: string, make: () => T): Result<T> {
  return percent >= 0 ? ok(make()) : err(`got ${JSON.stringify(text)}; a regression allowance cannot be negative`);
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

/** How much worse `target` is than `baseline`, relative to the baseline (positive = worse). */
export function relativeWorsening(metric: RegressionMetricId, target: number, baseline: number): number {
  const worse = REGRESSION_METRICS[metric].worse === 'higher' ? target - baseline : baseline - target;
  if (baseline === 0) return worse === 0 ? 0 : worse > 0 ? Infinity : -Infinity;
  return worse / Math.abs(baseline);
}

/**
 * Holds the target's medians to the baseline's, per metric in `limits`. A
 * metric missing on either side is `nodata`, which fails the budget: a
 * regression that could not be measured is not shown to be absent.
 */
export function compareToBaseline(target: Record<string, number | null>, baseline: Record<string, number | null>, limits: MaxRegression): Regression[] {
  return METRIC_IDS.filter((metric) => limits[metric] !== undefined).map((metric) => {
    const allowed = limits[metric]!;
    const now = target[metric] ?? null;
    const before = baseline[metric] ?? null;
    if (now === null || before === null) return { metric, target: now, baseline: before, delta: null, worsening: null, allowed, status: 'nodata' };
    const worsening = relativeWorsening(metric, now, before);
    const absolute = Math.abs(now - before);
    const regressed = worsening > allowed && absolute >= REGRESSION_METRICS[metric].floor;
    return { metric, target: now, baseline: before, delta: now - before, worsening, allowed, status: regressed ? 'fail' : 'pass' };
  });
}
