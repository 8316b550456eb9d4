import { type Result, ok } from '../../../engine/result.js';
import type { Annotation } from '../../../report/annotation.js';
import { type JunitCase, type JunitCounts, type JunitRun, readJunit } from '../../../sources/reports/junit.js';
import { caseTitle, locateCase } from '../../../sources/reports/junit-case.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';
import { testRunMeasures } from './test-run.js';

// Measures `junit` checks; `junit.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

/** How many failing tests the evidence names (the annotations carry them all). */
const FAILURES_SHOWN = 20;

export async function measureJunit(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file or glob of JUnit XML`);
  const run = await readJunit(spec.entry.path, environment.workspace);
  if (!run.ok) return run;
  return ok(toMeasured(run.value, environment.workspace));
}

/** The measures of summed counts. */
export function junitMeasurements(counts: JunitCounts): Pick<Measured, 'measurements' | 'exact'> {
  const { measurements, exact } = testRunMeasures({ ...counts, listed: counts.tests, failed: counts.failures + counts.errors });
  return { measurements: { ...measurements, errors: counts.errors }, exact };
}

function toMeasured(run: JunitRun, workspace: string): Measured {
  const cases = run.files.flatMap((file) => file.failedOrFlaky);
  const failing = cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
  const flaky = cases.filter((c) => c.outcome === 'flaky');
  return {
    ...junitMeasurements(run.counts),
    samples: run.counts.tests - run.counts.skipped,
    evidence: {
      files: run.files.map((file) => ({ file: file.file, ...file.counts, suitesCountedFromAttributes: file.suitesCountedFromAttributes })),
      failures: failing.slice(0, FAILURES_SHOWN).map((c) => ({ test: caseTitle(c), outcome: c.outcome, message: c.message })),
      failuresNotShown: Math.max(0, failing.length - FAILURES_SHOWN),
      flaky: flaky.slice(0, FAILURES_SHOWN).map((c) => caseTitle(c)),
    },
    annotations: [...failing, ...flaky].flatMap((c) => annotate(c, workspace)),
  };
}

function annotate(testcase: JunitCase, workspace: string): Annotation[] {
  const location = locateCase(testcase, workspace);
  if (location === null) return [];
  const isFlaky = testcase.outcome === 'flaky';
  return [
    {
      path: location.path,
      line: location.line,
      level: isFlaky ? 'warning' : 'failure',
      title: isFlaky ? `${caseTitle(testcase)} (flaky: passed on a rerun)` : caseTitle(testcase),
      message: testcase.message ?? testcase.outcome,
    },
  ];
}
