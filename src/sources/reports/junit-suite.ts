import type { SourceFault } from '../source-fault.js';
import { type CaseParts, type JunitCase, type ProblemParts, type XmlAttributes, caseParts, outcomeOf, readCase } from './junit-case.js';
import type { XmlElementHandler } from './xml-stream.js';
import { shownXmlName } from './xml-stream.js';

/**
 * The suites of a JUnit report, walked as the parser opens and closes their
 * elements, each suite's count attributes checked against what it holds
 * when it closes. Counts come from the testcases; an attribute never lowers
 * them. The rules, from what real tools write:
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
 *
 * Only `<testsuite>` and `<testcase>` children of a suite (or of the
 * `<testsuites>` root) count; a testcase is read from its own children.
 * Everything else (properties, output, elements nested where no tool puts
 * them) is passed over. Only failed, error and flaky testcases are kept.
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
  /** The failed, error and flaky testcases, in file order: what evidence and annotations show. */
  failedOrFlaky: JunitCase[];
  counts: JunitCounts;
  /** Suites without any testcase, counted from their attributes instead. */
  suitesCountedFromAttributes: number;
}

const COUNT_ATTRIBUTES = ['tests', 'failures', 'errors', 'skipped', 'disabled'] as const;
type CountAttributes = Partial<Record<(typeof COUNT_ATTRIBUTES)[number], number>>;
const DIGITS = /^\s*\d+\s*$/;
const SUITE_ATTRIBUTES = ['name', 'file', ...COUNT_ATTRIBUTES];
type ProblemKind = 'failure' | 'error' | 'flakyFailure' | 'flakyError';
const PROBLEM_KINDS = new Set<string>(['failure', 'error', 'flakyFailure', 'flakyError']);

interface SuiteFrame {
  kind: 'suite';
  tag: string;
  line: number;
  declared: CountAttributes;
  /** Suite names to here, outermost first; shared by its testcases. */
  names: string[];
  file: string | null;
  /** What it holds so far: its testcases' outcomes and its closed child suites' counts. */
  counts: JunitCounts;
  holdsAny: boolean;
}
interface CaseFrame {
  kind: 'case';
  suite: SuiteFrame;
  parts: CaseParts;
}
interface ProblemFrame {
  kind: 'problem';
  parts: ProblemParts;
}
interface StackTraceFrame {
  kind: 'stackTrace';
  problem: ProblemParts;
  text: string;
}
/** Any element the walk passes over, with everything in it. */
const OTHER = { kind: 'other' } as const;
type Frame = SuiteFrame | CaseFrame | ProblemFrame | StackTraceFrame | typeof OTHER;

/**
 * Receives a report's elements from {@link XmlStream}. The first fault it
 * finds is kept, and the rest of the file is only checked for
 * well-formedness: a broken file's XML error comes before a fault of its
 * content.
 */
export class SuiteWalker implements XmlElementHandler {
  fault: SourceFault | null = null;
  private readonly frames: Frame[] = [];
  private readonly walk: SuiteWalk = { failedOrFlaky: [], counts: { ...ZERO_COUNTS }, suitesCountedFromAttributes: 0 };
  private sawRoot = false;

  constructor(private readonly file: string) {}

  get wantsText(): boolean {
    const top = this.frames[this.frames.length - 1];
    return top !== undefined && (top.kind === 'problem' || top.kind === 'stackTrace');
  }

  /** The walk so far; complete once the root has closed. */
  get result(): SuiteWalk {
    return this.walk;
  }

  open(name: string, attributes: Record<string, string>, line: number): void {
    const parent = this.frames[this.frames.length - 1];
    if (this.fault !== null) {
      this.frames.push(OTHER);
    } else if (!this.sawRoot) {
      this.sawRoot = true;
      this.openRoot(name, attributes, line);
    } else if (parent?.kind === 'suite') {
      this.openInSuite(parent, name, attributes, line);
    } else if (parent?.kind === 'case') {
      this.frames.push(openInCase(parent.parts, name, attributes));
    } else if (parent?.kind === 'problem' && name === 'stackTrace' && parent.parts.stackTrace === null) {
      this.frames.push({ kind: 'stackTrace', problem: parent.parts, text: '' });
    } else {
      this.frames.push(OTHER);
    }
  }

  close(): void {
    const frame = this.frames.pop();
    if (frame === undefined || this.fault !== null) return;
    if (frame.kind === 'suite') this.closeSuite(frame);
    else if (frame.kind === 'case') this.closeCase(frame);
    else if (frame.kind === 'stackTrace') frame.problem.stackTrace = frame.text;
  }

  text(piece: string, isCData: boolean): void {
    const top = this.frames[this.frames.length - 1];
    // As JUnit readers have always read it: text runs trimmed, CDATA as written.
    const text = isCData ? piece : piece.trim();
    if (top?.kind === 'problem') top.parts.text += text;
    else if (top?.kind === 'stackTrace') top.text += text;
  }

  /** `<testsuites>`, or a bare `<testsuite>` (whose name, unlike the root's, is a suite's). */
  private openRoot(name: string, attributes: Record<string, string>, line: number): void {
    if (name !== 'testsuites' && name !== 'testsuite') {
      this.refuse(`${this.file}: not a JUnit report: expected a <testsuites> or <testsuite> root, found root <${shownXmlName(name)}>`);
      this.frames.push(OTHER);
      return;
    }
    this.openSuite(name, attributes, line, [], null, name === 'testsuites');
  }

  private openInSuite(parent: SuiteFrame, name: string, attributes: Record<string, string>, line: number): void {
    if (name === 'testsuite') {
      parent.holdsAny = true;
      this.openSuite(name, attributes, line, parent.names, parent.file, false);
    } else if (name === 'testcase') {
      parent.holdsAny = true;
      this.frames.push({ kind: 'case', suite: parent, parts: caseParts(attributes) });
    } else {
      this.frames.push(OTHER);
    }
  }

  private openSuite(tag: string, raw: Record<string, string>, line: number, names: string[], inheritedFile: string | null, isRoot: boolean): void {
    const attributes = picked(raw, SUITE_ATTRIBUTES);
    const declared = readCountAttributes(attributes);
    if (typeof declared === 'string') {
      this.refuse(`${this.file}:${line}: <${tag}> attribute \`${declared}\` is not a whole number ≥ 0`);
      this.frames.push(OTHER);
      return;
    }
    const here = isRoot || attributes.name === undefined || attributes.name === '' ? names : [...names, attributes.name];
    this.frames.push({ kind: 'suite', tag, line, declared, names: here, file: attributes.file ?? inheritedFile, counts: { ...ZERO_COUNTS }, holdsAny: false });
  }

  private closeSuite(suite: SuiteFrame): void {
    let counts = suite.counts;
    if (!suite.holdsAny) {
      counts = this.fromAttributes(suite.declared);
    } else {
      const contradiction = contradictionOf(suite.declared, counts);
      if (contradiction) {
        this.refuse(`${this.file}:${suite.line}: <${suite.tag}> ${contradiction}; the report is incomplete or was edited`);
        return;
      }
    }
    const parent = this.frames[this.frames.length - 1];
    addInto(parent?.kind === 'suite' ? parent.counts : this.walk.counts, counts);
  }

  private closeCase(frame: CaseFrame): void {
    const outcome = outcomeOf(frame.parts);
    const counts = frame.suite.counts;
    counts.tests += 1;
    if (outcome === 'failed') counts.failures += 1;
    else if (outcome === 'error') counts.errors += 1;
    else counts[outcome] += 1;
    if (outcome === 'failed' || outcome === 'error' || outcome === 'flaky') {
      this.walk.failedOrFlaky.push(readCase(frame.parts, outcome, frame.suite.names, frame.suite.file));
    }
  }

  /** A suite with no testcases at all: its own attributes are all there is (e.g. tests="0"). */
  private fromAttributes(declared: CountAttributes): JunitCounts {
    const failures = declared.failures ?? 0;
    const errors = declared.errors ?? 0;
    const skipped = (declared.skipped ?? 0) + (declared.disabled ?? 0);
    const tests = declared.tests ?? 0;
    if (tests + failures + errors + skipped === 0) return { ...ZERO_COUNTS };
    this.walk.suitesCountedFromAttributes += 1;
    // A count is never lowered: `tests` below the others still counts every failure and skip.
    const passed = Math.max(0, tests - failures - errors - skipped);
    return { tests: passed + failures + errors + skipped, passed, failures, errors, flaky: 0, skipped };
  }

  private refuse(message: string): void {
    this.fault ??= { kind: 'malformed', message };
  }
}

/** A testcase's child: the first of each element that decides its outcome is read; the rest are passed over. */
function openInCase(parts: CaseParts, name: string, attributes: Record<string, string>): Frame {
  if (name === 'skipped') {
    parts.skipped = true;
  } else if (PROBLEM_KINDS.has(name) && parts[name as ProblemKind] === null) {
    const problem: ProblemParts = { attributes, text: '', stackTrace: null };
    parts[name as ProblemKind] = problem;
    return { kind: 'problem', parts: problem };
  }
  return OTHER;
}

/** The suite attributes the walk reads, trimmed. */
function picked(attributes: Record<string, string>, names: readonly string[]): XmlAttributes {
  const values: XmlAttributes = {};
  for (const name of names) {
    const value = attributes[name];
    if (value !== undefined) values[name] = value.trim();
  }
  return values;
}

/** The count attributes present, or the name of the first that is not a whole number ≥ 0. */
function readCountAttributes(attributes: XmlAttributes): CountAttributes | string {
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

function addInto(sum: JunitCounts, counts: JunitCounts): void {
  sum.tests += counts.tests;
  sum.passed += counts.passed;
  sum.failures += counts.failures;
  sum.errors += counts.errors;
  sum.flaky += counts.flaky;
  sum.skipped += counts.skipped;
}
