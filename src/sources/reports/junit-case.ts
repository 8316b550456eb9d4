import { type SourceLocation, firstLines, locateInText, toWorkspacePath } from './source-location.js';

/**
 * One JUnit `<testcase>`, gathered from its attributes and children as the
 * streaming reader passes them, read into an outcome and the message an
 * annotation shows. Split from `junit-suite.ts`, which walks the suites and
 * counts.
 */

/** How one `<testcase>` ended. */
export type JunitOutcome = 'passed' | 'failed' | 'error' | 'flaky' | 'skipped';

/** One `<testcase>`, with what an annotation needs. */
export interface JunitCase {
  /** Enclosing suite names, outermost first. */
  suites: string[];
  name: string;
  classname: string | null;
  outcome: JunitOutcome;
  /** The testcase's `file` attribute, else its nearest suite's. */
  file: string | null;
  /** The testcase's `line` attribute. */
  line: number | null;
  /** For failed, error and flaky tests: the first lines of the message. */
  message: string | null;
  /** For failed, error and flaky tests: message attribute and body, where stack traces are. */
  details: string | null;
}

/** Attributes as the parser hands them over; values are trimmed where they are read, as JUnit readers have always read them. */
export type XmlAttributes = Record<string, string>;

function attribute(attributes: XmlAttributes, name: string): string | undefined {
  return attributes[name]?.trim();
}

// Surefire writes the control characters of coloured output as references
// XML forbids (`&#27;[31m`); the parser leaves them as written. Decoded here,
// in what a message shows, so the colour codes are stripped with the rest.
const CONTROL_REFERENCE = /&#(?:x([0-9a-fA-F]{1,2})|([0-9]{1,2}));/g;

function withControlCharacters(text: string): string {
  if (!text.includes('&#')) return text;
  return text.replace(CONTROL_REFERENCE, (reference, hex: string | undefined, decimal: string | undefined) => {
    const code = hex === undefined ? Number(decimal) : parseInt(hex, 16);
    return code < 0x20 ? String.fromCharCode(code) : reference;
  });
}

/**
 * A `<failure>`, `<error>`, `<flakyFailure>` or `<flakyError>`: its
 * attributes, its own text (text pieces trimmed, CDATA as written, joined),
 * and the text of Surefire's `<stackTrace>` child.
 */
export interface ProblemParts {
  attributes: XmlAttributes;
  text: string;
  stackTrace: string | null;
}

/** A `<testcase>` as its children close: the first element of each kind that decides its outcome. */
export interface CaseParts {
  attributes: XmlAttributes;
  failure: ProblemParts | null;
  error: ProblemParts | null;
  flakyFailure: ProblemParts | null;
  flakyError: ProblemParts | null;
  skipped: boolean;
}

export function caseParts(attributes: XmlAttributes): CaseParts {
  return { attributes, failure: null, error: null, flakyFailure: null, flakyError: null, skipped: false };
}

/**
 * How a testcase ended, by its children. Surefire's reruns: `flakyFailure` /
 * `flakyError` sit in a testcase that passed on a rerun (flaky, not failed);
 * `rerunFailure` / `rerunError` sit beside the `failure` / `error` of one that
 * failed every run (still failed). Should a tool put both a `failure` and
 * an `error` in one testcase, it is one failed test. (pytest puts a teardown
 * error in the test's own testcase, or, when the test had already failed,
 * in a second testcase of the same name: two entries, as pytest counts them.)
 */
export function outcomeOf(parts: CaseParts): JunitOutcome {
  if (parts.failure !== null) return 'failed';
  if (parts.error !== null) return 'error';
  if (parts.flakyFailure !== null || parts.flakyError !== null) return 'flaky';
  return parts.skipped ? 'skipped' : 'passed';
}

/** The testcase an annotation and the evidence show; only failed, error and flaky ones are built. */
export function readCase(parts: CaseParts, outcome: JunitOutcome, suites: string[], suiteFile: string | null): JunitCase {
  const attributes = parts.attributes;
  const problem = parts.failure ?? parts.error ?? parts.flakyFailure ?? parts.flakyError;
  const line = Number(attribute(attributes, 'line'));
  return {
    suites,
    name: attribute(attributes, 'name') ?? '(unnamed test)',
    classname: attribute(attributes, 'classname') || null,
    outcome,
    file: attribute(attributes, 'file') || suiteFile,
    line: Number.isInteger(line) && line > 0 ? line : null,
    message: problem === null ? null : describeProblem(problem),
    details: problem === null ? null : problemText(problem),
  };
}

/** The message attribute, else the body's first lines; `failed` for a bare `<failure/>`. */
function describeProblem(problem: ProblemParts): string {
  const summary = firstLines(message(problem) || bodyText(problem));
  return summary === '' ? (attribute(problem.attributes, 'type') ?? 'failed') : summary;
}

function problemText(problem: ProblemParts): string {
  return [message(problem) ?? '', bodyText(problem)].filter((part) => part !== '').join('\n');
}

/** Body text, or Surefire's `<stackTrace>` child in rerun and flaky elements. */
function bodyText(problem: ProblemParts): string {
  return withControlCharacters(problem.text !== '' ? problem.text : (problem.stackTrace ?? ''));
}

function message(problem: ProblemParts): string | undefined {
  const text = attribute(problem.attributes, 'message');
  return text === undefined ? undefined : withControlCharacters(text);
}

// Extensions of test sources, for telling a file in `classname` (Vitest,
// Playwright) from a class or package name (`example.ExampleTests`, Go's
// `github.com/org/pkg`).
const SOURCE_EXTENSIONS = new Set(['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx', 'vue', 'svelte', 'py', 'rb', 'php', 'phpt', 'go', 'rs', 'java', 'kt', 'scala', 'cs', 'fs', 'swift', 'feature']);

/**
 * Where to annotate a failed test: the testcase's `file` and `line`
 * attributes (PHPUnit, Playwright's junit); else the first `path:line` of
 * its failure text inside the workspace (stack traces of Jest, Vitest,
 * pytest, cargo); else line 1 of its test file, from `file` or a `classname`
 * that is a file name (Vitest). `null` when none points into the workspace.
 */
export function locateCase(testcase: JunitCase, workspace: string): SourceLocation | null {
  const file = testcase.file === null ? null : toWorkspacePath(testcase.file, workspace);
  if (file !== null && testcase.line !== null) return { path: file, line: testcase.line };
  const classFile = testcase.classname !== null && isSourceFile(testcase.classname) ? toWorkspacePath(testcase.classname, workspace) : null;
  const testFile = file ?? classFile;
  const inText = testcase.details === null ? null : locateInText(testcase.details, workspace, testFile);
  if (inText) return inText;
  return testFile === null ? null : { path: testFile, line: 1 };
}

function isSourceFile(name: string): boolean {
  const extension = /\.([A-Za-z]+)$/.exec(name)?.[1];
  return !/\s/.test(name) && extension !== undefined && SOURCE_EXTENSIONS.has(extension.toLowerCase());
}

/** `class › test`: the classname where it adds to the name (not Jest's copy of it), else the innermost suite. */
export function caseTitle(testcase: JunitCase): string {
  const group = testcase.classname !== null && testcase.classname !== testcase.name ? testcase.classname : testcase.suites.at(-1);
  return group === undefined || group === '' ? testcase.name : `${group} › ${testcase.name}`;
}
