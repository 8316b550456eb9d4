import type { CheckType } from '../check-type.js';

/**
 * `coverage`: istanbul `coverage-summary.json` or `lcov.info`, held to
 * `min-lines`, `min-branches`, `min-functions`, `min-statements` (percent).
 * A glob matching several reports (a monorepo's packages) adds their counts
 * up before taking percentages. The percentage held to a threshold is the
 * exact ratio of the counts (7 of 1000 lines uncovered is exactly 99.3%), not
 * istanbul's rounded `pct`. No default would fit every project, so a
 * coverage check without a threshold is refused when the policy loads.
 *
 * ```yaml
 * coverage: { type: coverage, path: coverage/coverage-summary.json, min-lines: 80, min-branches: 70 }
 * ```
 */
export const coverageCheck: CheckType = {
  type: 'coverage',
  measures: { lines: 'percent', branches: 'percent', functions: 'percent', statements: 'percent' },
  headline: 'lines',
  keys: [],
  needsPath: true,
  judgement: 'thresholds',
  thresholdExample: 'min-lines: 80',
  // Loaded on use, so a policy without a coverage check never loads the coverage readers.
  measure: async (spec, environment) => (await import('./coverage-measure.js')).measureCoverage(spec, environment),
};
