import { type Status, worstStatus } from '../status.js';
import { type BudgetAssertion, assertionKey, isFailure, isUnmeasured, isWarning } from './assertion-result.js';
import { REGRESSION_METRICS, type Regression } from './regression.js';

/**
 * The rows of a URL's table in the summary: each headline metric's median
 * with its spread across runs (so a flaky measurement shows as one), the
 * budgets that apply to it, the baseline and the delta, and a status.
 * Rendering only formats these rows; it recomputes nothing.
 */
export interface TableMetric {
  label: string;
  /** The LHCI assertion key whose results are this metric's budgets. */
  key: string;
  kind: 'score' | 'ms' | 'unitless';
}

export const TABLE_METRICS = {
  performance: { label: 'Performance', key: 'categories:performance', kind: 'score' },
  accessibility: { label: 'Accessibility', key: 'categories:accessibility', kind: 'score' },
  'best-practices': { label: 'Best practices', key: 'categories:best-practices', kind: 'score' },
  seo: { label: 'SEO', key: 'categories:seo', kind: 'score' },
  'first-contentful-paint': { label: 'First Contentful Paint', key: 'first-contentful-paint', kind: 'ms' },
  'largest-contentful-paint': { label: 'Largest Contentful Paint', key: 'largest-contentful-paint', kind: 'ms' },
  'total-blocking-time': { label: 'Total Blocking Time', key: 'total-blocking-time', kind: 'ms' },
  'cumulative-layout-shift': { label: 'Cumulative Layout Shift', key: 'cumulative-layout-shift', kind: 'unitless' },
  'speed-index': { label: 'Speed Index', key: 'speed-index', kind: 'ms' },
} as const satisfies Record<string, TableMetric>;

export type TableMetricId = keyof typeof TABLE_METRICS;
export const TABLE_METRIC_IDS = Object.keys(TABLE_METRICS) as TableMetricId[];
const TABLE_KEYS = new Set<string>(TABLE_METRIC_IDS.map((id) => TABLE_METRICS[id].key));

/** A metric over one URL's successful runs. */
export interface MetricStats {
  median: number | null;
  min: number | null;
  max: number | null;
}

/** One row of a URL's table. */
export interface MetricRow extends MetricStats {
  metric: TableMetricId;
  /** Whether the runs disagree enough to distrust one run (see isNoisy). */
  noisy: boolean;
  /** LHCI results of the assertions on this metric, from every budget source. */
  budgets: BudgetAssertion[];
  baseline: number | null;
  delta: number | null;
  regression: Regression | null;
  /** `null` when nothing holds the metric to a budget or a baseline. */
  status: Status | null;
}

/**
 * Runs disagree when the spread exceeds 0.1 of score, or a quarter of the
 * median for timings (Lighthouse's own variance guide calls a few percent
 * normal and tens of percent a sign of an unstable environment:
 * https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md).
 * Timings under 100 ms are never called noisy: a quarter of them is below
 * the timer's resolution.
 */
export function isNoisy(metric: TableMetricId, stats: MetricStats): boolean {
  if (stats.min === null || stats.max === null || stats.median === null) return false;
  const spread = stats.max - stats.min;
  // Scores are 2-decimal values; 0.82 − 0.72 is 0.0999… in floating point.
  const EPSILON = 1e-9;
  if (TABLE_METRICS[metric].kind === 'score') return spread >= 0.1 - EPSILON;
  if (TABLE_METRICS[metric].kind === 'unitless') return spread >= 0.05 - EPSILON;
  return stats.median >= 100 && spread > stats.median / 4;
}

/** The status one assertion result gives: `error` when it measured nothing, a failure at its level, else pass. */
export function statusOfAssertion(result: BudgetAssertion): Status {
  if (isUnmeasured(result)) return 'error';
  if (isFailure(result)) return 'fail';
  return isWarning(result) ? 'warn' : 'pass';
}

/** The status a regression comparison gives; no data fails (it proves nothing). */
export function statusOfRegression(regression: Regression): Status {
  return regression.status === 'pass' ? 'pass' : 'fail';
}

export function buildMetricRows(
  stats: Partial<Record<TableMetricId, MetricStats>>,
  assertions: readonly BudgetAssertion[],
  baseline: Partial<Record<TableMetricId, MetricStats>> | null,
  regressions: readonly Regression[],
): MetricRow[] {
  return TABLE_METRIC_IDS.map((metric) => {
    const own = stats[metric] ?? { median: null, min: null, max: null };
    const budgets = assertions.filter((result) => assertionKey(result) === TABLE_METRICS[metric].key);
    const regression = metric in REGRESSION_METRICS ? (regressions.find((r) => r.metric === metric) ?? null) : null;
    const before = baseline?.[metric]?.median ?? null;
    const statuses = [...budgets.map(statusOfAssertion), ...(regression ? [statusOfRegression(regression)] : [])];
    return {
      metric,
      ...own,
      noisy: isNoisy(metric, own),
      budgets,
      baseline: before,
      delta: before === null || own.median === null ? null : own.median - before,
      regression,
      status: statuses.length === 0 ? null : worstStatus(statuses),
    };
  });
}

/** Assertions on anything but the table's metrics (audits, resource sizes, user timings). */
export function otherAssertions(assertions: readonly BudgetAssertion[]): BudgetAssertion[] {
  return assertions.filter((result) => !TABLE_KEYS.has(assertionKey(result)));
}
