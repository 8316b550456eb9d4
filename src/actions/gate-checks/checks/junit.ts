import type { CheckType } from '../check-type.js';
import { TEST_RUN_DEFAULTS } from './test-run.js';

/**
 * `junit`: JUnit XML from any runner, one file or a glob whose files are
 * summed. `failed` is failures plus errors; a test that failed and then
 * passed on a rerun (Surefire's `flakyFailure`/`flakyError`) is `flaky`, not
 * failed. `tests` counts the tests that ran (skipped ones aside). Unless the
 * policy bounds them itself, `max-failed: 0` and `min-tests: 1` apply.
 *
 * ```yaml
 * unit-tests: { type: junit, path: "reports/junit-*.xml", max-failed: 0, max-flaky: 2, min-tests: 100, min-pass-rate: 99 }
 * ```
 */
export const junitCheck: CheckType = {
  type: 'junit',
  measures: {
    failed: 'count',
    errors: 'count',
    flaky: 'count',
    skipped: 'count',
    passed: 'count',
    tests: 'count',
    'pass-rate': 'percent',
  },
  headline: 'failed',
  keys: [],
  needsPath: true,
  defaults: TEST_RUN_DEFAULTS,
  judgement: 'thresholds',
  // Loaded on use, so a policy without a junit check never loads the XML parser.
  measure: async (spec, environment) => (await import('./junit-measure.js')).measureJunit(spec, environment),
};
