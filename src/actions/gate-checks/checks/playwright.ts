import { type Result, ok } from '../../../engine/result.js';
import type { Annotation } from '../../../report/annotation.js';
import { type PlaywrightReport, type PlaywrightRun, type PlaywrightTest, locatePlaywrightTest, readPlaywright } from '../../../sources/reports/playwright.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `playwright` (BRIEF §2): Playwright's JSON reporter output, one file or a
 * glob of shards. `failed` is Playwright's `unexpected`, `passed` its
 * `expected`; `flaky` tests failed first and passed on a retry.
 *
 * A run that did not finish (Ctrl-C, a global timeout, a spec that failed to
 * load) fails the check whatever its thresholds say: Playwright counts the
 * tests it never finished as skipped, so the counts alone would let a
 * half-run suite through (BRIEF §5: a run whose measurements are missing is
 * never reported successful).
 *
 * ```yaml
 * e2e: { type: playwright, path: playwright-report/results.json, max-failed: 0, max-flaky: 1, min-passed: 40 }
 * ```
 */
export const playwrightCheck: CheckType = {
  type: 'playwright',
  measures: { failed: 'count', flaky: 'count', skipped: 'count', passed: 'count', tests: 'count' },
  headline: 'failed',
  keys: [],
  needsPath: true,
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
    measurements: { failed: counts.failed, flaky: counts.flaky, skipped: counts.skipped, passed: counts.passed, tests: counts.tests },
    samples: counts.tests,
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
    const why = [
      ...(counts.interrupted > 0 ? [`${counts.interrupted} interrupted test${counts.interrupted === 1 ? '' : 's'}`] : []),
      ...runErrors,
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
