import { AGGREGATES } from '../../../engine/aggregate.js';
import type { HttpOptions } from '../../../sources/metrics/fetch-json.js';
import type { CheckType } from '../check-type.js';

/** The keys a metric check takes besides its thresholds. */
export const METRIC_KEYS = ['source', 'series', 'ratio', 'variant', 'window', 'aggregate', 'min-samples'] as const;

/**
 * `metric`: a live metric over a window, e.g. "staging stable for 48 h". The
 * value is one series folded by `aggregate`, or a ratio of two series' sums
 * (errors / requests, so `max: 1%` reads naturally), computed exactly for
 * the comparison (7 errors in 1,000 requests is exactly `max: 0.7%`). Too
 * few samples is `nodata`, never a pass. A metric has no threshold a user
 * would expect by default, so one without `max`/`min` is refused when the
 * policy loads, and so is one whose own keys could only error (no `series`
 * or `ratio`, no `window`, an unknown `aggregate`), naming the line. The
 * rest (the source's config, the keys' types) is checked when the check
 * runs, as an error of that check: the policy reader loads no schema library.
 *
 * ```yaml
 * staging-errors:
 *   type: metric
 *   source: { type: file, path: metrics/staging.json }
 *   ratio: { numerator: errors, denominator: requests }
 *   window: 48h
 *   max: 1%
 *   warn-max: 0.1%
 * ```
 *
 * The check, with HTTP timing injectable for tests (backoff without real waits).
 */
export function createMetricCheck(http: HttpOptions = {}): CheckType {
  return {
    type: 'metric',
    measures: { value: 'number' },
    headline: 'value',
    keys: METRIC_KEYS,
    needsPath: false,
    judgement: 'thresholds',
    thresholdExample: 'max: 1%',
    checkEntry: checkOwnKeys,
    // Loaded on use: the metric sources and their answer schemas (zod) are of no use to a policy without a metric check.
    measure: async (spec, environment) => (await import('./metric-measure.js')).measureMetric(spec, environment, http),
  };
}

export const metricCheck: CheckType = createMetricCheck();

/** What a policy reader can see without the check's schemas: the keys without which the check could only error. */
function checkOwnKeys(entry: Readonly<Record<string, unknown>>): { key: string; message: string } | null {
  if (entry.window === undefined) return { key: 'window', message: '`window` is required, e.g. 48h or 30m' };
  if ((entry.series === undefined) === (entry.ratio === undefined)) return { key: 'series', message: 'give either `series` (a series name) or `ratio` ({ numerator, denominator })' };
  const known: readonly unknown[] = AGGREGATES;
  if (entry.aggregate !== undefined && !known.includes(entry.aggregate)) {
    return { key: 'aggregate', message: `\`aggregate\`: expected one of ${AGGREGATES.map((name) => JSON.stringify(name)).join('|')}; got ${JSON.stringify(entry.aggregate)}` };
  }
  return null;
}
