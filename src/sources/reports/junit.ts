import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Result, ok, messageOf } from '../../engine/result.js';
import { findFiles, readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type JunitCase, type XmlElement, asElement, elements, readCase } from './junit-case.js';

/**
 * JUnit XML as the test runners actually write it (BRIEF §2 `junit`): Jest
 * (jest-junit), Vitest, pytest, Maven Surefire, go-junit-report, PHPUnit,
 * Playwright, .NET's JunitXml logger, cargo-nextest. There is no one schema;
 * what they share is a `<testsuites>` or bare `<testsuite>` root, suites that
 * may nest (PHPUnit), and `<testcase>` elements whose children say how the
 * test ended. Counts come from those testcases, because the suites'
 * `tests`/`failures` attributes are written inconsistently (Surefire counts
 * a flaky test in neither; some tools omit them).
 */

/** Counts of one file or several: every test is in exactly one of passed, failures, errors, flaky, skipped. */
export interface JunitCounts {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  flaky: number;
  skipped: number;
}

export type { JunitCase, JunitOutcome } from './junit-case.js';

/** One parsed JUnit XML file. */
export interface JunitFile {
  file: string;
  counts: JunitCounts;
  cases: JunitCase[];
  /** Suites without any testcase, counted from their attributes instead (go-junit-report's empty packages). */
  suitesCountedFromAttributes: number;
}

/** Every file a path or glob matched, and their sum. */
export interface JunitRun {
  files: JunitFile[];
  counts: JunitCounts;
}

const REPEATED = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped', 'flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']);

const PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  parseAttributeValue: false,
  parseTagValue: false,
  // Numeric character references (`&#xD;&#xA;` in the .NET logger's
  // messages) are only decoded with this option.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

export const ZERO_COUNTS: Readonly<JunitCounts> = { tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 };

/** Parses one JUnit XML text; `file` names it in faults. Malformed XML or another root is `malformed`. */
export function parseJunit(xml: string, file: string): Result<JunitFile, SourceFault> {
  if (xml.trim() === '') return fault('malformed', `${file} is empty; the test run may have stopped before writing its report`);
  const validation = XMLValidator.validate(xml);
  if (validation !== true) return fault('malformed', describeInvalidXml(validation.err, file));
  let document: Record<string, unknown>;
  try {
    document = PARSER.parse(xml) as Record<string, unknown>;
  } catch (thrown) {
    return fault('malformed', `${file}: not valid XML: ${messageOf(thrown)}`);
  }
  const root = findRoot(document);
  if (!root) {
    const found = Object.keys(document).filter((key) => !key.startsWith('?'));
    const rootName = found[0] === undefined ? 'no root element' : `root <${found[0]}>`;
    return fault('malformed', `${file}: not a JUnit report: expected a <testsuites> or <testsuite> root, found ${rootName}`);
  }
  const walk: Walk = { cases: [], attributeCounts: { ...ZERO_COUNTS }, suitesCountedFromAttributes: 0 };
  walkSuite(root, [], null, walk, true);
  const counts = addCounts(countCases(walk.cases), walk.attributeCounts);
  return ok({ file, counts, cases: walk.cases, suitesCountedFromAttributes: walk.suitesCountedFromAttributes });
}

/** The validator's complaint with its line and column; an unclosed element at the end means a cut-short file. */
function describeInvalidXml(error: { msg: string; line: number; col?: number }, file: string): string {
  // fast-xml-parser reports elements left open at the end as
  // `Invalid '["testsuite","testcase"]' found.`, always at line 1.
  const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(error.msg)?.[1];
  if (unclosed !== undefined) {
    const names = [...unclosed.matchAll(/"([^"]+)"/g)].map((match) => `<${match[1]}>`).join(', ');
    return `${file}: not valid XML: it ends with ${names} still open; the file is cut short`;
  }
  const where = error.col === undefined ? `${error.line}` : `${error.line}:${error.col}`;
  return `${file}:${where}: not valid XML: ${error.msg}`;
}

function findRoot(document: Record<string, unknown>): XmlElement | undefined {
  if ('testsuites' in document) return asElement(document.testsuites);
  const suites = document.testsuite;
  // A bare <testsuite> root: treat it as the only child of an unnamed <testsuites>.
  if (Array.isArray(suites)) return { testsuite: suites };
  return undefined;
}

interface Walk {
  cases: JunitCase[];
  attributeCounts: JunitCounts;
  suitesCountedFromAttributes: number;
}

/** Depth-first over nested suites; `isRoot` is the `<testsuites>` element, whose name is not a suite's. */
function walkSuite(suite: XmlElement, names: string[], inheritedFile: string | null, walk: Walk, isRoot = false): void {
  const attributes = suite.$ ?? {};
  const here = isRoot || attributes.name === undefined || attributes.name === '' ? names : [...names, attributes.name];
  const file = attributes.file ?? inheritedFile;
  const children = elements(suite.testsuite);
  const testcases = elements(suite.testcase);
  if (children.length === 0 && testcases.length === 0) {
    addSuiteAttributes(attributes, walk);
    return;
  }
  for (const testcase of testcases) walk.cases.push(readCase(testcase, here, file));
  for (const child of children) walkSuite(child, here, file, walk);
}

/** A suite with no testcases at all: its own attributes are all there is (e.g. tests="0"). */
function addSuiteAttributes(attributes: Record<string, string>, walk: Walk): void {
  const read = (name: string) => {
    const value = Number(attributes[name] ?? 0);
    return Number.isInteger(value) && value > 0 ? value : 0;
  };
  const tests = read('tests');
  const failures = read('failures');
  const errors = read('errors');
  const skipped = read('skipped') + read('disabled');
  if (tests + failures + errors + skipped === 0) return;
  walk.suitesCountedFromAttributes += 1;
  const passed = Math.max(0, tests - failures - errors - skipped);
  walk.attributeCounts = addCounts(walk.attributeCounts, { tests: passed + failures + errors + skipped, passed, failures, errors, flaky: 0, skipped });
}

function countCases(cases: readonly JunitCase[]): JunitCounts {
  const counts = { ...ZERO_COUNTS, tests: cases.length };
  for (const testcase of cases) {
    if (testcase.outcome === 'failed') counts.failures += 1;
    else if (testcase.outcome === 'error') counts.errors += 1;
    else counts[testcase.outcome] += 1;
  }
  return counts;
}

/** The sum of two sets of counts. */
export function addCounts(a: JunitCounts, b: JunitCounts): JunitCounts {
  return {
    tests: a.tests + b.tests,
    passed: a.passed + b.passed,
    failures: a.failures + b.failures,
    errors: a.errors + b.errors,
    flaky: a.flaky + b.flaky,
    skipped: a.skipped + b.skipped,
  };
}

/** Reads every file a path or glob matches (relative to `cwd`) and sums them; the first fault stops it. */
export async function readJunit(pattern: string, cwd: string): Promise<Result<JunitRun, SourceFault>> {
  const files = await findFiles(pattern, cwd);
  if (!files.ok) return files;
  const parsed: JunitFile[] = [];
  for (const absolute of files.value) {
    const shown = path.relative(cwd, absolute) || absolute;
    const text = await readText(absolute);
    if (!text.ok) return fault(text.error.kind, text.error.message.replace(absolute, shown));
    const junit = parseJunit(text.value, shown);
    if (!junit.ok) return junit;
    parsed.push(junit.value);
  }
  return ok({ files: parsed, counts: parsed.reduce((sum, file) => addCounts(sum, file.counts), ZERO_COUNTS) });
}
