import { type Result, ok } from '../../../engine/result.js';
import type { Annotation } from '../../../report/annotation.js';
import { type PlaywrightReport, type PlaywrightRun, type PlaywrightTest, locatePlaywrightTest, readPlaywright } from '../../../sources/reports/playwright.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';
import { TEST_RUN_DEFAULTS, testRunMeasures } from './test-run.js';

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
  measure: measurePlaywright,
};

/** How many failing tests the evidence names (the annotations carry them all). */
const FAILURES_SHOWN = 20;

async function measurePlaywright(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file or glob of Playwright JSON reports`);
  const run = await readPlaywright(spec.entry.path, environment.workspace);
  if (!run.ok) return run;
  return ok(toMeasured(run.value, environment.workspace));
}

function toMeasured(run: PlaywrightRun, workspace: string): Measured {
  const { counts } = run;
  const listed = run.reports.flatMap((report) => report.tests.map((test) => ({ report, test })));
  const failing = listed.filter(({ test }) => test.outcome === 'unexpected');
  const flaky = listed.filter(({ test }) => test.outcome === 'flaky');
  const interrupted = listed.filter(({ test }) => test.interrupted && test.outcome !== 'unexpected');
  const runErrors = run.reports.flatMap((report) => report.runErrors.map((message) => `${report.file}: ${message}`));
  const measured: Measured = {
    ...testRunMeasures({ ...counts, listed: counts.tests }),
    samples: counts.tests - counts.skipped,
    evidence: {
      reports: run.reports.map((report) => ({ file: report.file, ...report.counts })),
      failures: failing.slice(0, FAILURES_SHOWN).map(({ test }) => ({ test: test.title, file: test.file, line: test.line, message: test.message })),
      failuresNotShown: Math.max(0, failing.length - FAILURES_SHOWN),
      flaky: flaky.slice(0, FAILURES_SHOWN).map(({ test }) => test.title),
      interrupted: interrupted.map(({ test }) => test.title),
      runErrors,
    },
    annotations: [...failing, ...flaky, ...interrupted].flatMap(({ report, test }) => annotate(test, report, workspace)),
  };
  if (counts.interrupted > 0 || runErrors.length > 0) {
    // The errors' text stays in the evidence: a message names files and counts, never quotes a report.
    const erroredFiles = run.reports.filter((report) => report.runErrors.length > 0).map((report) => report.file);
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const why = [
      ...(counts.interrupted > 0 ? [plural(counts.interrupted, 'interrupted test')] : []),
      ...(runErrors.length > 0 ? [`${plural(runErrors.length, 'error')} outside any test in ${erroredFiles.join(', ')} (see evidence.runErrors)`] : []),
    ];
    measured.verdict = { status: 'fail', message: `the Playwright run did not finish: ${why.join('; ')}`, value: 'incomplete run', threshold: null };
  }
  return measured;
}

const LEVEL = { unexpected: 'failure', flaky: 'warning', expected: 'warning', skipped: 'warning' } as const satisfies Record<PlaywrightTest['outcome'], Annotation['level']>;

function annotate(test: PlaywrightTest, report: PlaywrightReport, workspace: string): Annotation[] {
  const location = locatePlaywrightTest(test, report.rootDir, workspace);
  if (location === null) return [];
  const note = test.outcome === 'flaky' ? ' (flaky: passed on a retry)' : test.outcome === 'unexpected' ? '' : ' (interrupted)';
  return [{ path: location.path, line: location.line, level: LEVEL[test.outcome], title: `${test.title}${note}`, message: test.message ?? test.outcome }];
}
