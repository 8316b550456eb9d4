import path from 'node:path';
import { type Result, ok } from '../../engine/result.js';
import { findFiles, readTextChunks } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import type { JunitCase } from './junit-case.js';
import { addCounts } from './counts.js';
import { type JunitCounts, SuiteWalker, ZERO_COUNTS } from './junit-suite.js';
import { XmlStream } from './xml-stream.js';

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
  /** The failed, error and flaky testcases, in file order; passed and skipped ones are only counted. */
  failedOrFlaky: JunitCase[];
  /** Suites without any testcase, counted from their attributes instead (go-junit-report's empty packages). */
  suitesCountedFromAttributes: number;
}

/** Every file a path or glob matched, and their sum. */
export interface JunitRun {
  files: JunitFile[];
  counts: JunitCounts;
}

/**
 * Reads one JUnit XML file as it arrives, chunk by chunk: elements are
 * counted as they close and no tree is built, so memory holds the open
 * elements and the failing testcases, not the report. `file` names it in
 * faults. Malformed XML, another root or untrustworthy counts are `malformed`.
 */
export class JunitReader {
  private readonly walker: SuiteWalker;
  private readonly xml: XmlStream;

  constructor(private readonly file: string) {
    this.walker = new SuiteWalker(file);
    this.xml = new XmlStream(file, this.walker);
  }

  /** False once the file is known to be malformed XML, when reading may stop. */
  write(chunk: string): boolean {
    return this.xml.write(chunk);
  }

  end(): Result<JunitFile, SourceFault> {
    const xml = this.xml.end();
    if (!xml.ok) return xml;
    if (this.walker.fault !== null) return { ok: false, error: this.walker.fault };
    const { counts, failedOrFlaky, suitesCountedFromAttributes } = this.walker.result;
    return ok({ file: this.file, counts, failedOrFlaky, suitesCountedFromAttributes });
  }
}

/** Parses one JUnit XML text held whole. */
export function parseJunit(xml: string, file: string): Result<JunitFile, SourceFault> {
  const reader = new JunitReader(file);
  reader.write(xml);
  return reader.end();
}

/**
 * Files read at once. Parsing runs on the one JavaScript thread either way,
 * and each file's next chunk is read while this one is parsed; a second file
 * in flight hides the opening and closing of each. More did not pay on two
 * cores (`npm run bench` prints the time with one file at a time beside it).
 */
const FILES_AT_ONCE = 2;

/** Reads every file a path or glob matches (relative to `cwd`) and sums them; the first fault, in path order, stops it. */
export async function readJunit(pattern: string, cwd: string, filesAtOnce = FILES_AT_ONCE): Promise<Result<JunitRun, SourceFault>> {
  const files = await findFiles(pattern, cwd);
  if (!files.ok) return files;
  const read: Result<JunitFile, SourceFault>[] = [];
  let next = 0;
  let firstFault = Number.POSITIVE_INFINITY;
  const readNext = async (): Promise<void> => {
    while (next < files.value.length && next < firstFault) {
      const index = next++;
      const absolute = files.value[index]!;
      read[index] = await readJunitFile(absolute, path.relative(cwd, absolute) || absolute);
      if (!read[index].ok) firstFault = Math.min(firstFault, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(filesAtOnce, files.value.length) }, readNext));
  const parsed: JunitFile[] = [];
  for (const junit of read) {
    if (!junit.ok) return junit;
    parsed.push(junit.value);
  }
  return ok({ files: parsed, counts: parsed.reduce((sum, file) => addCounts(sum, file.counts), ZERO_COUNTS) });
}

async function readJunitFile(absolute: string, shown: string): Promise<Result<JunitFile, SourceFault>> {
  const reader = new JunitReader(shown);
  const read = await readTextChunks(absolute, (chunk) => reader.write(chunk));
  if (!read.ok) return fault(read.error.kind, read.error.message.replace(absolute, shown));
  return reader.end();
}
