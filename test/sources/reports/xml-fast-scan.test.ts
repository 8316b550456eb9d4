import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JunitReader, parseJunit } from '../../../src/sources/reports/junit.js';
import { XmlFastScan } from '../../../src/sources/reports/xml-fast-scan.js';
import { type XmlElementHandler, XmlStream } from '../../../src/sources/reports/xml-stream.js';
import { BENCH_TREE, junitTreeFile } from '../../support/junit-tree.js';
import { REPO_ROOT } from '../../support/run-bundle.js';
import { mulberry32 } from '../../support/seeded-random.js';

// The fast scanner may only ever accept what saxes accepts, and hand on
// exactly what saxes hands on: the same elements, attributes, lines and kept
// text. Checked on real reports and on tens of thousands of mutations of
// them (deleted, inserted and repeated characters and markup), each split
// into chunks at random places. Wherever the scanner doubts, saxes reads
// the document; that path must give the very same result too.

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/junit');

type Event = ['open', string, Record<string, string>, number] | ['close'] | ['text', string, boolean];

/** Records what a reader hands on; wants text in elements whose name has an odd length, so both kinds of element are exercised. */
class Recorder implements XmlElementHandler {
  readonly events: Event[] = [];
  private readonly names: string[] = [];
  get wantsText(): boolean {
    const top = this.names[this.names.length - 1];
    return top !== undefined && top.length % 2 === 1;
  }
  open(name: string, attributes: Record<string, string>, line: number): void {
    this.names.push(name);
    this.events.push(['open', name, { ...attributes }, line]);
  }
  close(): void {
    this.names.pop();
    this.events.push(['close']);
  }
  text(piece: string, isCData: boolean): void {
    // saxes hands on a run of text in one piece; joining neighbours keeps the comparison about content, not piece boundaries.
    const last = this.events[this.events.length - 1];
    if (last?.[0] === 'text' && last[2] === isCData && !isCData) last[1] += piece;
    else this.events.push(['text', piece, isCData]);
  }
}

// Seeded, so a failure names a round that reproduces it.
const random = mulberry32;

function chunked(text: string, next: () => number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(next() * (next() < 0.3 ? 8 : 400));
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

function strictEvents(xml: string): { ok: boolean; events: Event[] } {
  const recorder = new Recorder();
  const stream = new XmlStream('f.xml', recorder);
  stream.write(xml);
  return { ok: stream.end().ok, events: recorder.events };
}

/** The fast scanner's events, or null when it left the document to saxes. */
function fastEvents(chunks: string[]): Event[] | null {
  const recorder = new Recorder();
  const scan = new XmlFastScan(recorder);
  for (const chunk of chunks) if (!scan.write(chunk)) return null;
  return scan.end() ? recorder.events : null;
}

const PIECES = [
  '<', '>', '/', '&', ';', '"', "'", '=', '!', '?', ']', '-', '\r', '\n', '\r\n', '\t', ' ', '\u0001', '\u00e9', '\ufeff', '\ud83d', '#', 'x',
  '&amp;', '&lt;', '&nbsp;', '&foo;', '&#0;', '&#27;', '&#x1F600;', '&#13;', '&#xD800;', '& ', ']]>', '--',
  '<!DOCTYPE t>', '<?pi x?>', '<?xml version="1.0"?>', '<![CDATA[a]]b\r\n]]>', '<!-- c -->', '<!-- a -- b -->', '<!--->',
  '<x>', '</x>', '<x/>', '<x a="1" a="2"/>', '<x a="1"b="2"/>', '<x a=1/>', '<x\n a="v\tw\r\nz"\n/>', '<x a="<"/>', '<__proto__/>', '<x __proto__="p"/>',
  '<testcase name="n"><failure message="m &amp; n">t</failure></testcase>', '<testsuite name="s" tests="1">', '</testsuite>',
];

function mutate(xml: string, next: () => number): string {
  let text = xml;
  const edits = 1 + Math.floor(next() * 3);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = Math.floor(next() * (text.length + 1));
    const kind = next();
    if (kind < 0.3) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    else if (kind < 0.85) text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)]! + text.slice(at);
    else {
      const from = Math.floor(next() * text.length);
      text = text.slice(0, at) + text.slice(from, from + Math.floor(next() * 40)) + text.slice(at);
    }
  }
  return text;
}

const HANDWRITTEN = [
  '\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<testsuites>\r\n<testsuite name="a &amp; b" tests="1">\r\n<testcase name="x&#10;y" classname="c\td">\r\n<failure message="m">line 1\r\nline 2 &lt;&#x41;&#65;&nbsp;&hellip;</failure>\r\n</testcase>\r\n</testsuite>\r\n</testsuites>\r\n',
  "<?xml version='1.0'?><testsuite name='s' tests='2'><!-- a comment --><testcase name='a'/><testcase name='b'><error><![CDATA[trace\r\nmore]]></error><system-out>out &amp; about</system-out></testcase></testsuite>",
  '<testsuites><testsuite name="s"><testcase name="t"><failure>  a <!-- c --> b <![CDATA[ c ]]> d  </failure></testcase></testsuite></testsuites>',
  '<testsuites\n  name="multi\nline"\n  tests="0"\n/>',
];

const corpus = (): string[] => [
  ...readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.xml'))
    .map((name) => readFileSync(path.join(FIXTURES, name), 'utf8')),
  ...HANDWRITTEN,
  junitTreeFile({ ...BENCH_TREE, suitesPerFile: 2, casesPerSuite: 30, logLines: 3 }, 0).xml,
];

describe('the fast XML scanner against saxes', () => {
  it('reads every real report itself, in any chunks, handing on what saxes hands on', () => {
    const next = random(7);
    // All but the one report that was cut short on purpose (repo-mikepenz-surefire-truncated.xml).
    const wellFormed = corpus().filter((xml) => strictEvents(xml).ok);
    expect(wellFormed).toHaveLength(corpus().length - 1);
    for (const xml of wellFormed) {
      const strict = strictEvents(xml);
      for (let split = 0; split < 5; split += 1) expect(fastEvents(chunked(xml, next))).toEqual(strict.events);
    }
  });

  it('never accepts what saxes refuses, and hands on what saxes hands on for what it accepts (mutated reports)', () => {
    const documents = corpus();
    let accepted = 0;
    let refusedBySaxes = 0;
    const rounds = 8_000;
    for (let round = 0; round < rounds; round += 1) {
      const next = random(round);
      const xml = mutate(documents[round % documents.length]!, next);
      const fast = fastEvents(chunked(xml, next));
      const strict = strictEvents(xml);
      if (!strict.ok) refusedBySaxes += 1;
      if (fast === null) continue;
      accepted += 1;
      expect({ round, ok: strict.ok }).toEqual({ round, ok: true });
      expect(fast, `round ${round}`).toEqual(strict.events);
    }
    // Both sides of the comparison must be exercised for it to mean anything.
    expect(accepted).toBeGreaterThan(rounds / 5);
    expect(refusedBySaxes).toBeGreaterThan(rounds / 5);
  });

  it('gives the JUnit reader the same verdict whether the scanner or saxes read a file', () => {
    const documents = corpus();
    for (let round = 0; round < 2_000; round += 1) {
      const next = random(100_000 + round);
      const xml = mutate(documents[round % documents.length]!, next);
      const strict = new JunitReader('r.xml', { strict: true });
      strict.write(xml);
      const expected = strict.end();
      const reader = new JunitReader('r.xml');
      for (const chunk of chunked(xml, next)) if (!reader.write(chunk)) break;
      expect(reader.end(), `round ${round}`).toEqual(expected);
      expect(parseJunit(xml, 'r.xml'), `round ${round}`).toEqual(expected);
    }
  });

  it('asks for the file again when it doubts past what it keeps, and the strict reading then decides', () => {
    const xml = `<testsuites><testsuite name="s">${'<testcase name="t"/>'.repeat(200)}<!DOCTYPE late></testsuite></testsuites>`;
    const reader = new JunitReader('r.xml', { keepLimit: 100 });
    let wrote = true;
    for (let at = 0; at < xml.length && wrote; at += 64) wrote = reader.write(xml.slice(at, at + 64));
    expect(wrote).toBe(false);
    expect(reader.mustReadAgain).toBe(true);
    const strict = new JunitReader('r.xml', { strict: true });
    strict.write(xml);
    const verdict = strict.end();
    expect(verdict.ok).toBe(false);
    expect(parseJunit(xml, 'r.xml')).toEqual(verdict);
  });
});
