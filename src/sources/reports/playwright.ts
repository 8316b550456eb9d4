import { addCounts } from './counts.js';
import path from 'node:path';
import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { findFiles } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { readJsonEvidence } from './json-evidence.js';
import { type PlaywrightOutcome, contradictedTest } from './playwright-outcome.js';
import { type SourceLocation, firstLines, toWorkspacePath } from './source-location.js';

/**
 * Playwright's JSON reporter output (`reporter: [['json', { outputFile }]]`).
 * Each test carries Playwright's own verdict (`expected`, `unexpected`,
 * `flaky`, `skipped`, after retries), and the report's `stats` count them;
 * the reader walks the suites and insists all three agree — stats, each
 * test's status, and the results that status comes from — so a truncated or
 * hand-edited report is caught rather than trusted. Counts, retries and
 * durations must be whole or non-negative as Playwright writes them. Only
 * the fields read here are validated; Playwright adds fields freely.
 */

export type { PlaywrightOutcome } from './playwright-outcome.js';

const Location = z.object({ file: z.string(), line: z.number() });
const ErrorJson = z.object({ message: z.string().optional(), location: Location.optional() });
const Count = z.number().int().nonnegative();
const ResultJson = z.object({
  status: z.string().optional(),
  retry: Count.optional(),
  duration: z.number().nonnegative().optional(),
  error: ErrorJson.optional(),
  errors: z.array(ErrorJson).optional(),
  errorLocation: Location.optional(),
});
const TestJson = z.object({
  projectName: z.string().optional(),
  expectedStatus: z.string().optional(),
  status: z.enum(['expected', 'unexpected', 'flaky', 'skipped']),
  results: z.array(ResultJson),
});
const SpecJson = z.object({ title: z.string(), file: z.string(), line: z.number(), tests: z.array(TestJson) });
const SuiteJson = z.object({
  title: z.string(),
  specs: z.array(SpecJson),
  get suites() {
    return z.array(SuiteJson).optional();
  },
});
const ReportJson = z.object({
  config: z.object({ rootDir: z.string().optional() }).optional(),
  suites: z.array(SuiteJson),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
  stats: z.object({ expected: Count, unexpected: Count, flaky: Count, skipped: Count, duration: z.number().nonnegative().optional() }),
});
type SuiteJson = z.infer<typeof SuiteJson>;
type TestJson = z.infer<typeof TestJson>;

/** One test of one project. */
export interface PlaywrightTest {
  /** `[project] › describe › title`, as Playwright's own reporters name it. */
  title: string;
  /** The spec's file and line: the file relative to the report's `rootDir` (the test folder). */
  file: string;
  line: number;
  outcome: PlaywrightOutcome;
  /** A result was cut short (Ctrl-C, `maxFailures`); Playwright still counts such a test as skipped. */
  interrupted: boolean;
  /** First lines of the last error, for unexpected, flaky and interrupted tests. */
  message: string | null;
  /** Where the last error was thrown, as written (absolute). */
  errorLocation: { file: string; line: number } | null;
}

/** Counts in the brief's words: `failed` is Playwright's `unexpected`, `passed` its `expected`. */
export interface PlaywrightCounts {
  tests: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
  interrupted: number;
}

/** One JSON report. */
export interface PlaywrightReport {
  file: string;
  /** `config.rootDir`: the folder spec files are relative to. */
  rootDir: string | null;
  counts: PlaywrightCounts;
  tests: PlaywrightTest[];
  /** Errors outside any test (global timeout, a spec that failed to load, global setup). */
  runErrors: string[];
}

const ZERO: PlaywrightCounts = { tests: 0, passed: 0, failed: 0, flaky: 0, skipped: 0, interrupted: 0 };
const COUNT_OF = { expected: 'passed', unexpected: 'failed', flaky: 'flaky', skipped: 'skipped' } as const satisfies Record<PlaywrightOutcome, keyof PlaywrightCounts>;

/** Reads a parsed JSON document as a Playwright report; `file` names it in faults. */
export function parsePlaywrightReport(json: unknown, file: string): Result<PlaywrightReport, SourceFault> {
  if (typeof json !== 'object' || json === null || !('stats' in json) || !('suites' in json)) {
    return fault('malformed', `${file}: not a Playwright JSON report: it has no \`stats\` and \`suites\` (write it with reporter: [['json', { outputFile }]])`);
  }
  const parsed = ReportJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    return fault('malformed', `${file}: not a Playwright JSON report: ${where ? `${where}: ` : ''}${issue?.message ?? 'unexpected shape'}`);
  }
  const report = parsed.data;
  const contradiction = report.suites.map(contradictedTest).find((found) => found !== null);
  if (contradiction) return fault('malformed', `${file}: ${contradiction}; the report was edited or is not Playwright's`);
  const tests = report.suites.flatMap((suite) => walkSuite(suite, []));
  const counts = countTests(tests);
  const stats = report.stats;
  for (const outcome of ['expected', 'unexpected', 'flaky', 'skipped'] as const) {
    const walked = counts[COUNT_OF[outcome]];
    if (stats[outcome] !== walked) {
      return fault('malformed', `${file}: stats.${outcome} is ${stats[outcome]} but the suites hold ${walked} ${outcome} tests; the report is incomplete or was edited`);
    }
  }
  const runErrors = (report.errors ?? []).map((error) => firstLines(error.message ?? '', 1)).filter((message) => message !== '');
  return ok({ file, rootDir: report.config?.rootDir ?? null, counts, tests, runErrors });
}

/** Depth-first; the file-level suite's title is the file name, which `file` already carries. */
function walkSuite(suite: SuiteJson, describes: string[]): PlaywrightTest[] {
  const tests = suite.specs.flatMap((spec) => spec.tests.map((test) => readTest(test, [...describes, spec.title], spec.file, spec.line)));
  const children = (suite.suites ?? []).flatMap((child) => walkSuite(child, [...describes, child.title]));
  return [...tests, ...children];
}

function readTest(test: TestJson, titles: string[], file: string, line: number): PlaywrightTest {
  const project = test.projectName ? [`[${test.projectName}]`] : [];
  const interrupted = test.results.some((result) => result.status === 'interrupted');
  const failing = [...test.results].reverse().find((result) => result.error !== undefined || (result.errors?.length ?? 0) > 0);
  const error = failing?.error ?? failing?.errors?.[0];
  const location = failing?.errorLocation ?? failing?.error?.location ?? failing?.errors?.find((e) => e.location)?.location;
  return {
    title: [...project, ...titles].join(' › '),
    file,
    line,
    outcome: test.status,
    interrupted,
    message: error?.message === undefined ? null : firstLines(error.message),
    errorLocation: location ? { file: location.file, line: location.line } : null,
  };
}

function countTests(tests: readonly PlaywrightTest[]): PlaywrightCounts {
  const counts = { ...ZERO, tests: tests.length };
  for (const test of tests) {
    counts[COUNT_OF[test.outcome]] += 1;
    if (test.interrupted) counts.interrupted += 1;
  }
  return counts;
}

/**
 * Where to annotate a test: where its error was thrown, if that is in the
 * workspace; else its spec's line, the file resolved through the report's
 * `rootDir` (or, when that is outside the workspace, as written).
 */
export function locatePlaywrightTest(test: PlaywrightTest, rootDir: string | null, workspace: string): SourceLocation | null {
  const thrownAt = test.errorLocation && toWorkspacePath(test.errorLocation.file, workspace);
  if (test.errorLocation && thrownAt) return { path: thrownAt, line: test.errorLocation.line };
  const specFile = (rootDir && toWorkspacePath(path.join(rootDir, test.file), workspace)) ?? toWorkspacePath(test.file, workspace);
  return specFile === null || test.line < 1 ? null : { path: specFile, line: test.line };
}

/** Every report a path or glob matches (shards), with their counts summed. */
export interface PlaywrightRun {
  reports: PlaywrightReport[];
  counts: PlaywrightCounts;
}

/** Reads every JSON report a path or glob matches (relative to `cwd`); the first fault stops it. */
export async function readPlaywright(pattern: string, cwd: string): Promise<Result<PlaywrightRun, SourceFault>> {
  const files = await findFiles(pattern, cwd);
  if (!files.ok) return files;
  const reports: PlaywrightReport[] = [];
  for (const absolute of files.value) {
    const shown = path.relative(cwd, absolute) || absolute;
    const json = await readJsonEvidence(absolute, shown);
    if (!json.ok) return json;
    const report = parsePlaywrightReport(json.value, shown);
    if (!report.ok) return report;
    reports.push(report.value);
  }
  const counts = reports.reduce<PlaywrightCounts>((sum, report) => addCounts(sum, report.counts), ZERO);
  return ok({ reports, counts });
}

