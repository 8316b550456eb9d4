import type { CheckType } from '../check-type.js';
import { TEST_RUN_DEFAULTS } from './test-run.js';

/**
 * `playwright`: Playwright's JSON reporter output, one file or a glob of
 * shards. `failed` is Playwright's `unexpected`, `passed` its `expected`;
 * `flaky` tests failed first and passed on a retry; `tests` counts the tests
 * that ran (skipped ones aside) and `pass-rate` is over them. Unless the
 * policy bounds them itself, `max-failed: 0` and `min-tests: 1` apply.
 *
 * A run that did not finish (Ctrl-C, a global timeout, a spec that failed to
 * load) fails the check whatever its thresholds say: Playwright counts the
 * tests it never finished as skipped, so the counts alone would let a
 * half-run suite through, and a run whose measurements are missing is never
 * reported successful.
 *
 * ```yaml
 * e2e: { type: playwright, path: playwright-report/results.json, max-failed: 0, max-flaky: 1, min-passed: 40 }
 * ```
 */
export const playwrightCheck: CheckType = {
  type: 'playwright',
  measures: { failed: 'count', flaky: 'count', skipped: 'count', passed: 'count', tests: 'count', 'pass-rate': 'percent' },
  headline: 'failed',
  keys: [],
  needsPath: true,
  defaults: TEST_RUN_DEFAULTS,
  judgement: 'thresholds',
  // Loaded on use, so a policy without a playwright check never loads the report schema.
  measure: async (spec, environment) => (await import('./playwright-measure.js')).measurePlaywright(spec, environment),
};
