import { type SourceLocation, firstLines, locateInText, toWorkspacePath } from './source-location.js';

/**
 * One JUnit `<testcase>` element, as fast-xml-parser hands it over, read into
 * an outcome and the message an annotation shows. Split from `junit.ts`,
 * which walks the suites and counts.
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

/** An element as the parser gives it: attributes under `$`, text under `#text`. */
export type XmlElement = Record<string, unknown> & { $?: Record<string, string> };

/**
 * How a testcase ended, by its children. Surefire's reruns: `flakyFailure` /
 * `flakyError` sit in a testcase that passed on a rerun (flaky, not failed);
 * `rerunFailure` / `rerunError` sit beside the `failure` / `error` of one that
 * failed every run (still failed). Should a tool put both a `failure` and
 * an `error` in one testcase, it is one failed test. (pytest puts a teardown
 * error in the test's own testcase, or, when the test had already failed,
 * in a second testcase of the same name: two entries, as pytest counts them.)
 */
export function readCase(testcase: XmlElement, suites: string[], suiteFile: string | null): JunitCase {
  const attributes = testcase.$ ?? {};
  const failure = first(testcase.failure);
  const error = first(testcase.error);
  const flaky = first(testcase.flakyFailure) ?? first(testcase.flakyError);
  let outcome: JunitOutcome = 'passed';
  if (failure !== undefined) outcome = 'failed';
  else if (error !== undefined) outcome = 'error';
  else if (flaky !== undefined) outcome = 'flaky';
  else if (testcase.skipped !== undefined) outcome = 'skipped';
  const problem = failure ?? error ?? flaky;
  const line = Number(attributes.line);
  return {
    suites,
    name: attributes.name ?? '(unnamed test)',
    classname: attributes.classname || null,
    outcome,
    file: attributes.file || suiteFile,
    line: Number.isInteger(line) && line > 0 ? line : null,
    message: problem === undefined ? null : describeProblem(problem),
    details: problem === undefined ? null : problemText(problem),
  };
}

/** The message attribute, else the body's first lines; `failed` for a bare `<failure/>`. */
function describeProblem(problem: unknown): string {
  const element = asElement(problem);
  const message = element.$?.message?.trim();
  const summary = firstLines(message || bodyText(element));
  return summary === '' ? (element.$?.type ?? 'failed') : summary;
}

function problemText(problem: unknown): string {
  const element = asElement(problem);
  return [element.$?.message ?? '', bodyText(element)].filter((part) => part !== '').join('\n');
}

/** Body text, or Surefire's `<stackTrace>` child in rerun and flaky elements. */
function bodyText(element: XmlElement): string {
  const text = typeof element['#text'] === 'string' ? element['#text'] : '';
  const stackTrace = element.stackTrace;
  return text !== '' ? text : typeof stackTrace === 'string' ? stackTrace : '';
}

// fast-xml-parser gives a string for an element with only text, '' for an
// empty one, and an object when it has attributes or children.
export function asElement(value: unknown): XmlElement {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as XmlElement;
  return typeof value === 'string' && value !== '' ? { '#text': value } : {};
}

export function elements(value: unknown): XmlElement[] {
  return Array.isArray(value) ? value.map(asElement) : [];
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
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
