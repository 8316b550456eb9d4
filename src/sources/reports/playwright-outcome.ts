import { shownName } from './shown-name.js';

/**
 * A Playwright test's outcome after its retries, recomputed from its
 * results as Playwright computes it (`computeTestCaseOutcome` in
 * playwright/lib/common), so a report whose `status` says `expected` over
 * failed results is caught rather than trusted.
 */
export type PlaywrightOutcome = 'expected' | 'unexpected' | 'flaky' | 'skipped';

export function outcomeOfResults(expectedStatus: string, statuses: readonly string[]): PlaywrightOutcome {
  let skipped = 0;
  let expected = 0;
  let unexpected = 0;
  for (const status of statuses) {
    // Interrupted results, and skips of a test not meant to be skipped (did not run), count for nothing.
    if (status === 'interrupted' || (status === 'skipped' && expectedStatus !== 'skipped')) continue;
    if (status === 'skipped') skipped += 1;
    else if (status === expectedStatus) expected += 1;
    else unexpected += 1;
  }
  if (expected === 0 && unexpected === 0) return 'skipped';
  if (unexpected === 0) return 'expected';
  if (expected === 0 && skipped === 0) return 'unexpected';
  return 'flaky';
}

/** The fields of a report's suites that the check below reads. */
interface SuiteShape {
  specs: { file: string; line: number; tests: { status: PlaywrightOutcome; expectedStatus?: string; results: { status?: string }[] }[] }[];
  suites?: SuiteShape[];
}

/** A test whose status its own results contradict, described by its spec's file and line; `null` when none. */
export function contradictedTest(suite: SuiteShape): string | null {
  for (const spec of suite.specs) {
    for (const test of spec.tests) {
      const statuses = test.results.map((result) => result.status);
      if (test.expectedStatus === undefined || statuses.some((status) => status === undefined)) continue;
      const computed = outcomeOfResults(test.expectedStatus, statuses as string[]);
      if (computed !== test.status) return `the test at ${shownName(spec.file)}:${spec.line} is marked ${test.status} but its results make it ${computed}`;
    }
  }
  for (const child of suite.suites ?? []) {
    const found = contradictedTest(child);
    if (found) return found;
  }
  return null;
}

