import { addCounts } from './counts.js';
import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type JunitCase, type XmlElement, elements, readCase } from './junit-case.js';

/**
 * The suites of a JUnit report walked depth-first, each suite's count
 * attributes checked against what it holds. Counts come from the
 * testcases; an attribute never lowers them. The rules, from what real
 * tools write:
 *
 * - `tests`, `failures`, `errors`, `skipped`, `disabled` must be whole
 *   numbers ≥ 0 written in digits (`abc`, `-1`, `1e400`, `2.5` are malformed).
 * - Malformed: a suite whose `failures` + `errors` exceed the failing
 *   testcases under it, or whose `skipped` exceeds the skipped ones. The
 *   attributes then say something the testcases do not show (a cut or edited
 *   report), and trusting the testcases would lower a count.
 * - Tolerated, because real tools write them and the testcases are counted:
 *   more failing testcases than `failures` + `errors` say (jest-junit's
 *   suite errors say `errors="1"` over two failing testcases; go-junit-report),
 *   more testcases than `tests` says (Surefire leaves reruns that passed out
 *   of `tests`; jest-junit's suite errors say `tests="0"`), and `tests` above
 *   the testcases listed (container-structure-test, pytest's teardown errors).
 * - A suite with no testcase at all is counted from its attributes
 *   (go-junit-report's empty packages, a crashed suite).
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

export const ZERO_COUNTS: Readonly<JunitCounts> = { tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 };

export interface SuiteWalk {
  cases: JunitCase[];
  counts: JunitCounts;
  /** Suites without any testcase, counted from their attributes instead. */
  suitesCountedFromAttributes: number;
}

/** What a fault needs to name a suite: the file, and the line an element starts on. */
export interface SuiteSource {
  file: string;
  lineOf(element: XmlElement): number | null;
}

const COUNT_ATTRIBUTES = ['tests', 'failures', 'errors', 'skipped', 'disabled'] as const;
type CountAttributes = Partial<Record<(typeof COUNT_ATTRIBUTES)[number], number>>;
const DIGITS = /^\s*\d+\s*$/;

/** Walks from the root element (`<testsuites>`, or a bare `<testsuite>` wrapped as its only child). */
export function walkSuites(root: XmlElement, rootName: 'testsuites' | 'testsuite', source: SuiteSource): Result<SuiteWalk, SourceFault> {
  const walk: SuiteWalk = { cases: [], counts: { ...ZERO_COUNTS }, suitesCountedFromAttributes: 0 };
  const counts = walkSuite(root, rootName, [], null, source, walk, true);
  if (!counts.ok) return counts;
  return ok({ ...walk, counts: counts.value });
}

/** One suite and everything under it; returns the counts it holds. `isRoot`: `<testsuites>`, whose name is not a suite's. */
function walkSuite(suite: XmlElement, tag: string, names: string[], inheritedFile: string | null, source: SuiteSource, walk: SuiteWalk, isRoot = false): Result<JunitCounts, SourceFault> {
  const attributes = suite.$ ?? {};
  const where = () => `${source.file}${lineSuffix(source.lineOf(suite))}: <${tag}>`;
  const declared = readCountAttributes(attributes);
  if (typeof declared === 'string') return fault('malformed', `${where()} attribute \`${declared}\` is not a whole number ≥ 0`);
  const here = isRoot || attributes.name === undefined || attributes.name === '' ? names : [...names, attributes.name];
  const file = attributes.file ?? inheritedFile;
  const children = elements(suite.testsuite);
  const testcases = elements(suite.testcase);
  if (children.length === 0 && testcases.length === 0) return ok(fromAttributes(declared, walk));

  const cases = testcases.map((testcase) => readCase(testcase, here, file));
  walk.cases.push(...cases);
  let counts = countCases(cases);
  for (const child of children) {
    const under = walkSuite(child, 'testsuite', here, file, source, walk);
    if (!under.ok) return under;
    counts = addCounts(counts, under.value);
  }
  const contradiction = contradictionOf(declared, counts);
  if (contradiction) return fault('malformed', `${where()} ${contradiction}; the report is incomplete or was edited`);
  return ok(counts);
}

/** The count attributes present, or the name of the first that is not a whole number ≥ 0. */
function readCountAttributes(attributes: Record<string, string>): CountAttributes | string {
  const declared: CountAttributes = {};
  for (const name of COUNT_ATTRIBUTES) {
    const raw = attributes[name];
    if (raw === undefined) continue;
    const value = DIGITS.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value)) return name;
    declared[name] = value;
  }
  return declared;
}

/** Where a suite's attributes claim more than its testcases show. */
function contradictionOf(declared: CountAttributes, held: JunitCounts): string | null {
  if (declared.failures !== undefined || declared.errors !== undefined) {
    const said = (declared.failures ?? 0) + (declared.errors ?? 0);
    const failing = held.failures + held.errors;
    if (said > failing) return `says ${said} failures and errors but holds ${failing} failing testcase${failing === 1 ? '' : 's'}`;
  }
  if (declared.skipped !== undefined && declared.skipped > held.skipped) {
    return `says ${declared.skipped} skipped but holds ${held.skipped} skipped testcase${held.skipped === 1 ? '' : 's'}`;
  }
  return null;
}

/** A suite with no testcases at all: its own attributes are all there is (e.g. tests="0"). */
function fromAttributes(declared: CountAttributes, walk: SuiteWalk): JunitCounts {
  const failures = declared.failures ?? 0;
  const errors = declared.errors ?? 0;
  const skipped = (declared.skipped ?? 0) + (declared.disabled ?? 0);
  const tests = declared.tests ?? 0;
  if (tests + failures + errors + skipped === 0) return { ...ZERO_COUNTS };
  walk.suitesCountedFromAttributes += 1;
  // A count is never lowered: `tests` below the others still counts every failure and skip.
  const passed = Math.max(0, tests - failures - errors - skipped);
  return { tests: passed + failures + errors + skipped, passed, failures, errors, flaky: 0, skipped };
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

function lineSuffix(line: number | null): string {
  return line === null ? '' : `:${line}`;
}
