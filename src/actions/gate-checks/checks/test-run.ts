import { type Rational, fraction } from '../../../engine/exact.js';
import type { DefaultLimit } from '../../../engine/limits.js';

/**
 * What a test-run check (`junit`, `playwright`) is held to when the policy
 * leaves it unbounded: no failing test, as every CI runner decides by
 * default, and at least one test that ran, so an empty or all-skipped run
 * shows nothing and cannot pass (`min-tests: 0` says an empty run is fine).
 */
export const TEST_RUN_DEFAULTS: readonly DefaultLimit[] = [
  { key: 'max-failed', value: 0, replacedBy: ['max-failed', 'min-pass-rate'] },
  { key: 'min-tests', value: 1, replacedBy: ['min-tests'] },
];

/** Outcomes of the tests of a run, after reruns. */
export interface TestRunCounts {
  /** Every test listed, skipped ones included. */
  listed: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
}

/**
 * The measures of a test run. `tests` counts the tests that ran (listed
 * minus skipped), and `pass-rate` is over them, exactly: a test that passed
 * on a rerun is flaky and counts as passed here (hold it with `max-flaky`).
 * No test ran: no rate, never a 100% pass.
 */
export function testRunMeasures(counts: TestRunCounts): { measurements: Record<string, number | null>; exact: Record<string, Rational> } {
  const ran = counts.listed - counts.skipped;
  const rate = ran > 0 ? fraction((counts.passed + counts.flaky) * 100, ran) : null;
  return {
    measurements: {
      failed: counts.failed,
      flaky: counts.flaky,
      skipped: counts.skipped,
      passed: counts.passed,
      tests: ran,
      'pass-rate': rate === null ? null : ((counts.passed + counts.flaky) / ran) * 100,
    },
    exact: rate === null ? {} : { 'pass-rate': rate },
  };
}
