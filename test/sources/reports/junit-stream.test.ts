import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JunitFile, JunitReader, parseJunit, readJunit } from '../../../src/sources/reports/junit.js';
import type { Result } from '../../../src/engine/result.js';
import type { SourceFault } from '../../../src/sources/source-fault.js';
import { junitTreeFile, writeJunitTree } from '../../support/junit-tree.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// The reader streams: each file arrives in chunks and its elements are
// counted as they close. What it reads must not depend on where the chunks
// break, nor on how large the report is.

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/junit');

function readInChunks(xml: string, size: number, file: string): Result<JunitFile, SourceFault> {
  const reader = new JunitReader(file);
  for (let start = 0; start < xml.length; start += size) {
    if (!reader.write(xml.slice(start, start + size))) break;
  }
  return reader.end();
}

const fault = (xml: string) => {
  const parsed = parseJunit(xml, 'r.xml');
  return parsed.ok ? 'read' : parsed.error.message;
};

describe('JunitReader in chunks', () => {
  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.xml'));
  // Faults whose messages carry positions and open elements, split anywhere.
  const broken: [string, string][] = [
    ['mismatch.xml', '<testsuites>\n  <testsuite name="a">\n    <testcase name="x">\n</testsuite>\n</testsuites>'],
    ['unopened.xml', '\n\n</testsuites>'],
    ['json.xml', '  \n  {"tests": 3}'],
    ['counts.xml', '<testsuites>\n<testsuite name="a" failures="2">\n<testcase name="x"><failure/></testcase>\n</testsuite>\n</testsuites>'],
    ['empty.xml', ' \n \n '],
  ];

  it.each([1, 2, 3, 7, 64])('reads every fixture and fault the same in chunks of %i characters as whole', (size) => {
    for (const name of fixtures) {
      const xml = readFileSync(path.join(FIXTURES, name), 'utf8');
      expect(readInChunks(xml, size, name), name).toEqual(parseJunit(xml, name));
    }
    for (const [name, xml] of broken) expect(readInChunks(xml, size, name), name).toEqual(parseJunit(xml, name));
  });

  it('names where a close tag met another open element, and what a cut-short file left open', () => {
    expect(fault(broken[0]![1])).toBe("r.xml:4:1: not valid XML: Expected closing tag 'testcase' (opened in line 3, col 5) instead of closing tag 'testsuite'.");
    expect(fault(broken[1]![1])).toBe("r.xml:3:1: not valid XML: Closing tag 'testsuites' has not been opened.");
    expect(fault(broken[2]![1])).toBe("r.xml:2:3: not valid XML: char '{' is not expected.");
    expect(fault('<testsuites>\n<testsuite name="a">\n<testcase name="x">\n<system-out>log')).toBe(
      'r.xml: not valid XML: it ends with <testsuites>, <testsuite>, <testcase>, <system-out> still open; the file is cut short',
    );
  });
});

describe('what the streaming reader refuses and tolerates', () => {
  it('refuses a second root, text after the root and a bare & (which would swallow the markup after it)', () => {
    expect(fault('<testsuite name="a"><testcase name="x"/></testsuite>\n<testsuite name="b"><testcase name="y"><failure/></testcase></testsuite>')).toMatch(
      /^r\.xml:2:\d+: not valid XML: documents may contain only one root\.$/,
    );
    expect(fault('<testsuites/>\ntrailing')).toMatch(/^r\.xml:2:\d+: not valid XML: text data outside of root node\.$/);
    expect(fault('<testsuite name="a &amp; b"><testcase name="x">R & D <failure/>; done</testcase></testsuite>')).toMatch(
      /^r\.xml:1:\d+: not valid XML: disallowed character in entity name\.$/,
    );
  });

  it('tolerates what runners write that only spoils text: undefined entities, Surefire\'s &#27;, control characters', () => {
    const xml =
      '<testsuite name="a"><testcase name="x"><failure message="&#27;[31mexpected &lt;1&gt;&#27;[0m &nbsp;&foo;">\u0001body</failure></testcase></testsuite>';
    const parsed = parseJunit(xml, 'r.xml');
    expect(parsed.ok && parsed.value.failedOrFlaky.map((c) => [c.outcome, c.message])).toEqual([['failed', 'expected <1> \u00a0&foo;']]);
  });

  it('expands no entity a DOCTYPE declares, so a billion laughs stays a few bytes and no file is read', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE testsuites [<!ENTITY lol0 "lol">${laughs}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<testsuites><testsuite name="s"><testcase name="x"><failure message="&lol9; &xxe;"/></testcase></testsuite></testsuites>`;
    const parsed = parseJunit(xml, 'r.xml');
    expect(parsed.ok && parsed.value.failedOrFlaky[0]!.message).toBe('&lol9; &xxe;');
  });
});

describe('a large generated report', () => {
  // Surefire-style: 3,000 testcases with passes, failures, errors, flaky reruns and skips, output and stack traces.
  const shape = { files: 4, suitesPerFile: 6, casesPerSuite: 125, logLines: 3 };
  let dir = '';
  let written: Awaited<ReturnType<typeof writeJunitTree>>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rg-junit-large-'));
    written = await writeJunitTree(dir, shape);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the counts it was written with, and keeps only its failed, error and flaky testcases', () => {
    const { xml, counts } = junitTreeFile(shape, 0);
    const parsed = parseJunit(xml, 'TEST-module000.xml');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(counts.tests).toBe(750);
    expect(counts.failures * counts.errors * counts.flaky * counts.skipped).toBeGreaterThan(0);
    expect(parsed.value.counts).toEqual(counts);
    expect(parsed.value.failedOrFlaky).toHaveLength(counts.failures + counts.errors + counts.flaky);
    const flaky = parsed.value.failedOrFlaky.find((c) => c.outcome === 'flaky')!;
    expect(flaky.message).toMatch(/^test\d+_\w+ first attempt$/);
    expect(flaky.details).toContain(`at com.example.shop.module0.`);
  });

  it('sums its files in path order, and gives other work on the event loop a turn between files', async () => {
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    const read = await readJunit('TEST-*.xml', dir);
    clearInterval(ticking);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.counts).toEqual(written.counts);
    expect(read.value.counts.tests).toBe(3000);
    expect(read.value.files.map((file) => file.file)).toEqual(['TEST-module000.xml', 'TEST-module001.xml', 'TEST-module002.xml', 'TEST-module003.xml']);
    expect(turns).toBeGreaterThan(0);
  });
});
