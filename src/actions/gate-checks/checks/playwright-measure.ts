import { type Result, ok } from '../../../engine/result.js';
import type { Annotation } from '../../../report/annotation.js';
import { type PlaywrightReport, type PlaywrightRun, type PlaywrightTest, locatePlaywrightTest, readPlaywright } from '../../../sources/reports/playwright.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';
import { testRunMeasures } from './test-run.js';

// Measures `playwright` checks; `playwright.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

/** How many failing tests the evidence names (the annotations carry them all). */
const FAILURES_SHOWN = 20;

export async function measurePlaywright(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
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
