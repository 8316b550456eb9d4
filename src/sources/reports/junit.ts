import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Result, ok } from '../../engine/result.js';
import { findFiles, readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type JunitCase, type XmlElement, asElement } from './junit-case.js';
import { addCounts } from './counts.js';
import { type JunitCounts, ZERO_COUNTS, walkSuites } from './junit-suite.js';

/**
 * JUnit XML as the test runners actually write it: Jest (jest-junit),
 * Vitest, pytest, Maven Surefire, go-junit-report, PHPUnit, Playwright,
 * .NET's JunitXml logger, cargo-nextest. There is no one schema; what they
 * share is a `<testsuites>` or bare `<testsuite>` root, suites that may nest
 * (PHPUnit), and `<testcase>` elements whose children say how the test
 * ended. Counts come from those testcases, because the suites'
 * `tests`/`failures` attributes are written inconsistently (Surefire counts
 * a flaky test in neither; some tools omit them); the attributes are
 * validated and may never lower a count (`junit-suite.ts` has the rules).
 */

export type { JunitCounts } from './junit-suite.js';
export { ZERO_COUNTS } from './junit-suite.js';
export { addCounts } from './counts.js';
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
  // Where each element starts, so a fault names the suite's line.
  captureMetaData: true,
  isArray: (name) => REPEATED.has(name),
});
const META = XMLParser.getMetaDataSymbol();

/** Parses one JUnit XML text; `file` names it in faults. Malformed XML, another root or untrustworthy counts are `malformed`. */
export function parseJunit(xml: string, file: string): Result<JunitFile, SourceFault> {
  if (xml.trim() === '') return fault('malformed', `${file} is empty; the test run may have stopped before writing its report`);
  const validation = XMLValidator.validate(xml);
  if (validation !== true) return fault('malformed', describeInvalidXml(validation.err, file));
  let document: Record<string, unknown>;
  try {
    document = PARSER.parse(xml) as Record<string, unknown>;
  } catch {
    return fault('malformed', `${file}: not valid XML: the parser could not read it`);
  }
  const root = findRoot(document);
  if (!root) {
    const found = Object.keys(document).filter((key) => !key.startsWith('?'));
    const rootName = found[0] === undefined ? 'no root element' : `root <${shownXmlName(found[0])}>`;
    return fault('malformed', `${file}: not a JUnit report: expected a <testsuites> or <testsuite> root, found ${rootName}`);
  }
  const lineOf = (element: XmlElement) => {
    const start = (element as Record<symbol, { startIndex?: number } | undefined>)[META as symbol]?.startIndex;
    return start === undefined ? null : xml.slice(0, start).split('\n').length;
  };
  const walk = walkSuites(root.element, root.name, { file, lineOf });
  if (!walk.ok) return walk;
  return ok({ file, counts: walk.value.counts, cases: walk.value.cases, suitesCountedFromAttributes: walk.value.suitesCountedFromAttributes });
}

/**
 * The validator's complaint with its line and column. Names it quotes (tags,
 * attributes) are kept; anything else it quotes is not, since messages never
 * carry an evidence file's text. An unclosed element at the end means a
 * cut-short file.
 */
function describeInvalidXml(error: { msg: string; line: number; col?: number }, file: string): string {
  // fast-xml-parser reports elements left open at the end as
  // `Invalid '["testsuite","testcase"]' found.`, always at line 1.
  const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(error.msg)?.[1];
  if (unclosed !== undefined) {
    const names = [...unclosed.matchAll(/"([^"]+)"/g)].map((match) => `<${shownXmlName(match[1]!)}>`).join(', ');
    return `${file}: not valid XML: it ends with ${names} still open; the file is cut short`;
  }
  const where = error.col === undefined ? `${error.line}` : `${error.line}:${error.col}`;
  const message = error.msg.replace(/'([^']*)'/g, (_, quoted: string) => `'${shownXmlName(quoted)}'`);
  return `${file}:${where}: not valid XML: ${message}`;
}

const XML_NAME = /^[A-Za-z_:][-\w.:]{0,63}$/;

/** A quoted XML name as written, one printable character, or `…` for anything else the file holds. */
function shownXmlName(quoted: string): string {
  return XML_NAME.test(quoted) || /^[\x21-\x7e]$/.test(quoted) ? quoted : '…';
}

function findRoot(document: Record<string, unknown>): { element: XmlElement; name: 'testsuites' | 'testsuite' } | undefined {
  if ('testsuites' in document) return { element: asElement(document.testsuites), name: 'testsuites' };
  const suites = document.testsuite;
  // A bare <testsuite> root: treat it as the only child of an unnamed <testsuites>.
  if (Array.isArray(suites)) return { element: { testsuite: suites }, name: 'testsuites' };
  return undefined;
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
