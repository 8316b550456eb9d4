import type { MeasureTable } from '../../../engine/limits.js';
import { LIGHTHOUSE_MEASURES } from '../../../sources/reports/lighthouse-measures.js';
import type { CheckType } from '../check-type.js';

/**
 * `lighthouse`: Lighthouse result JSON — one file, a folder such
 * as `.lighthouseci/`, or a glob. Runs of one URL are taken at their median
 * (LHCI's `median` aggregation); with several URLs each measure is the worst
 * URL's median, and the evidence shows every URL's medians and spread.
 * Scores are 0–1 (`min-performance: 0.9`), timings in ms
 * (`max-largest-contentful-paint: 2.5s`), `max-cumulative-layout-shift: 0.1`.
 * A policy that sets none gets those two: the "good" thresholds of
 * Google's Core Web Vitals (https://web.dev/articles/vitals), which the
 * runbook's budgets start from.
 *
 * `path` may also name a lighthouse-budget report (its `report` output): the
 * medians and spread it recorded per URL are held to this check's thresholds.
 *
 * ```yaml
 * lighthouse: { type: lighthouse, path: .lighthouseci, min-performance: 0.9, max-largest-contentful-paint: 2500 }
 * ```
 */
export const lighthouseCheck: CheckType = {
  type: 'lighthouse',
  measures: Object.fromEntries(Object.entries(LIGHTHOUSE_MEASURES).map(([measure, source]) => [measure, source.dimension])) satisfies MeasureTable,
  headline: 'performance',
  keys: [],
  needsPath: true,
  defaults: [
    { key: 'max-largest-contentful-paint', value: '2500ms', replacedBy: 'any' },
    { key: 'max-cumulative-layout-shift', value: 0.1, replacedBy: 'any' },
  ],
  judgement: 'thresholds',
  // Loaded on use, so a policy without a lighthouse check never loads the Lighthouse result readers.
  measure: async (spec, environment) => (await import('./lighthouse-measure.js')).measureLighthouse(spec, environment),
};
