import path from 'node:path';
import { type Result, ok } from '../../engine/result.js';
import { findFiles, readCheckedChunks } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import type { JunitCase } from './junit-case.js';
import { addCounts } from './counts.js';
import { type JunitCounts, SuiteWalker, ZERO_COUNTS } from './junit-suite.js';
import { XmlFastScan } from './xml-fast-scan.js';
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
 *
 * The fast scanner reads first (xml-fast-scan.ts), and the chunks are kept
 * meanwhile, up to `keepLimit` characters. At its first doubt, saxes
 * (xml-stream.ts) reads the file instead and its verdict and messages stand:
 * from the kept text as one piece at the end, so that its messages do not
 * depend on where the chunks broke; past `keepLimit`, as a stream from
 * there on. A doubt after more than `keepLimit` was read sets
 * `mustReadAgain`: the caller reads the file again from its start with
 * `{ strict: true }`.
 */
export class JunitReader {
  private walker: SuiteWalker;
  private fast: XmlFastScan | null;
  private strict: XmlStream | null = null;
  private kept: string[] | null = [];
  private keptLength = 0;
  private readAgain = false;
  private readonly keepLimit: number;

  constructor(
    private readonly file: string,
    { strict = false, keepLimit = KEEP_LIMIT }: { strict?: boolean; keepLimit?: number } = {},
  ) {
    this.walker = new SuiteWalker(file);
    this.keepLimit = keepLimit;
    this.fast = strict ? null : new XmlFastScan(this.walker);
    if (strict) {
      this.kept = null;
      this.strict = new XmlStream(file, this.walker);
    }
  }

  /** True when the file must be read again from its start by `new JunitReader(file, { strict: true })`. */
  get mustReadAgain(): boolean {
    return this.readAgain;
  }

  /** False once the file is known to be malformed XML, or must be read again, when reading may stop. */
  write(chunk: string): boolean {
    if (this.strict !== null) return this.strict.write(chunk);
    if (this.kept !== null) {
      this.kept.push(chunk);
      this.keptLength += chunk.length;
    }
    if (this.fast !== null && this.fast.write(chunk)) {
      if (this.keptLength > this.keepLimit) this.kept = null;
      return true;
    }
    this.fast = null;
    if (this.kept === null) {
      this.readAgain = true;
      return false;
    }
    // Past the limit, saxes goes on as a stream from what was kept.
    return this.keptLength > this.keepLimit ? this.startStrict() : true;
  }

  end(): Result<JunitFile, SourceFault> {
    if (this.fast !== null && !this.fast.end()) this.fast = null;
    if (this.readAgain) return fault('malformed', `${this.file} must be read again from its start`);
    if (this.fast === null && this.strict === null) this.startStrict();
    if (this.strict !== null) {
      const xml = this.strict.end();
      if (!xml.ok) return xml;
    }
    if (this.walker.fault !== null) return { ok: false, error: this.walker.fault };
    const { counts, failedOrFlaky, suitesCountedFromAttributes } = this.walker.result;
    return ok({ file: this.file, counts, failedOrFlaky, suitesCountedFromAttributes });
  }

  /** saxes reads what was kept, as one text, with a fresh walker; false when it stopped already. */
  private startStrict(): boolean {
    this.walker = new SuiteWalker(this.file);
    this.strict = new XmlStream(this.file, this.walker);
    const kept = this.kept ?? [];
    this.kept = null;
    return this.strict.write(kept.join(''));
  }
}

/** Characters of a file kept to hand to saxes should the fast scanner doubt it; past this a doubt means reading the file again. */
const KEEP_LIMIT = 16 * 1024 * 1024;

/** Parses one JUnit XML text held whole. */
export function parseJunit(xml: string, file: string): Result<JunitFile, SourceFault> {
  // The text is held whole already: keeping it costs nothing.
  const reader = new JunitReader(file, { keepLimit: Number.POSITIVE_INFINITY });
  reader.write(xml);
  return reader.end();
}

/** Reads every file a path or glob matches (relative to `cwd`) and sums them, one file after the other; the first fault, in path order, stops it. */
export async function readJunit(pattern: string, cwd: string): Promise<Result<JunitRun, SourceFault>> {
  const files = await findFiles(pattern, cwd);
  if (!files.ok) return files;
  const parsed: JunitFile[] = [];
  for (const absolute of files.value) {
    const junit = await readJunitFile(absolute, path.relative(cwd, absolute) || absolute);
    if (!junit.ok) return junit;
    parsed.push(junit.value);
  }
  return ok({ files: parsed, counts: parsed.reduce((sum, file) => addCounts(sum, file.counts), ZERO_COUNTS) });
}

async function readJunitFile(absolute: string, shown: string): Promise<Result<JunitFile, SourceFault>> {
  const reader = new JunitReader(shown);
  const failed = await readInto(reader, absolute, shown);
  if (failed !== null) return failed;
  if (!reader.mustReadAgain) return reader.end();
  const strict = new JunitReader(shown, { strict: true });
  return (await readInto(strict, absolute, shown)) ?? strict.end();
}

/** Hands the file (a `findFiles` match, so already found inside a read root) to the reader chunk by chunk; a fault reading it, or null. */
async function readInto(reader: JunitReader, absolute: string, shown: string): Promise<Result<never, SourceFault> | null> {
  const read = await readCheckedChunks(absolute, (chunk) => reader.write(chunk));
  return read.ok ? null : fault(read.error.kind, read.error.message.replace(absolute, shown));
}
