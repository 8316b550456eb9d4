import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * XML read in chunks as it streams from disk, handed on element by element
 * (saxes: a strict, well-kept SAX parser that reports well-formedness errors
 * with line and column), so no tree of the document is ever built. The
 * first well-formedness error stops the read with a one-line message naming
 * the file, line and column; it quotes tag and attribute names only, never
 * other text of the file. No DTD is read: entities a DOCTYPE declares are
 * never expanded (they stay as written), so a document cannot grow itself.
 *
 * Tolerated, as the reader before it did, because real test runners write
 * them and what they spoil is only text: an entity XML does not define (the
 * common HTML ones, such as `&nbsp;`, are decoded; others stay as written),
 * a character reference to a character XML forbids (Surefire writes `&#27;`
 * for the escape of coloured output; it stays as written), a forbidden
 * control character, `<` inside an attribute value, and `]]>` in text.
 * A bare `&` is not tolerated: the parser would read what follows, markup
 * included, as an entity name, and elements could vanish uncounted.
 */

/** What the reader of the elements does with them. */
export interface XmlElementHandler {
  open(name: string, attributes: Record<string, string>, line: number): void;
  close(): void;
  /** Text inside the element now open: a run of character data (entities decoded), or one CDATA section. */
  text(piece: string, isCData: boolean): void;
  /** Whether the element now open wants its text; no text is built for elements that do not. */
  readonly wantsText: boolean;
}

const TOLERATED = new Set(['undefined entity.', 'malformed character entity.', 'disallowed character.', 'the string "]]>" is disallowed in char data.']);

// The HTML named characters some writers put in XML without declaring them.
export const HTML_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bull: '\u2022',
  para: '\u00b6',
  sect: '\u00a7',
  deg: '\u00b0',
  frac12: '\u00bd',
  frac14: '\u00bc',
  frac34: '\u00be',
  cent: '\u00a2',
  pound: '\u00a3',
  yen: '\u00a5',
  euro: '\u20ac',
};

/** A close tag that closed another element than the one open: saxes says so first, and names the tag it met only after. */
interface Mismatch {
  expected: { name: string; line: number; column: number | null };
  line: number;
  column: number;
  /** The close tag's name, once known. */
  actual?: string;
  /** A close tag saxes matched, unless it says next that it did not. */
  candidate?: string;
}

export class XmlStream {
  private readonly parser = new SaxesParser();
  // The open elements, innermost last: names and where each starts, for messages.
  private readonly names: string[] = [];
  private readonly lines: number[] = [];
  private readonly columns: (number | null)[] = [];
  private lastClosed: Mismatch['expected'] = { name: '', line: 0, column: null };
  private startLine = 0;
  private startColumn: number | null = null;
  private sawContent = false;
  // Where the whitespace before the first markup ended, across chunks.
  private leadingLines = 0;
  private leadingColumn = 0;
  private textOn = false;
  private problem: string | null = null;
  private mismatch: Mismatch | null = null;

  constructor(
    private readonly file: string,
    private readonly handler: XmlElementHandler,
  ) {
    Object.assign(this.parser.ENTITIES, HTML_ENTITIES);
    this.parser.on('opentagstart', (tag) => this.onOpenTagStart(tag.name));
    this.parser.on('opentag', (tag) => this.onOpenTag(tag));
    this.parser.on('closetag', (tag) => this.onCloseTag(tag.name));
    this.parser.on('cdata', (piece) => this.onCData(piece));
    this.parser.on('error', (error) => this.onError(error.message));
  }

  /** Reads the next chunk; false once the XML is known to be malformed, when reading may stop. */
  write(chunk: string): boolean {
    if (this.stopped) return false;
    if (!this.sawContent && !this.checkStart(chunk)) return false;
    this.parser.write(chunk);
    this.settleMismatch();
    return !this.stopped;
  }

  /** After the last chunk: whether the document was well-formed and complete. */
  end(): Result<void, SourceFault> {
    this.settleMismatch();
    if (!this.stopped) {
      if (!this.sawContent) return fault('malformed', `${this.file} is empty; the test run may have stopped before writing its report`);
      if (this.names.length > 0) {
        const open = this.names.map((name) => `<${shownXmlName(name)}>`).join(', ');
        return fault('malformed', `${this.file}: not valid XML: it ends with ${open} still open; the file is cut short`);
      }
      this.parser.close();
    }
    const message = this.mismatch === null ? this.problem : this.describeMismatch(this.mismatch);
    return message === null ? ok(undefined) : fault('malformed', message);
  }

  private get stopped(): boolean {
    return this.problem !== null || this.mismatch !== null;
  }

  /** Before any markup, only whitespace may come; a file that starts otherwise (JSON, text) is named by its first character. */
  private checkStart(chunk: string): boolean {
    const first = chunk.search(/\S/);
    const before = first === -1 ? chunk : chunk.slice(0, first);
    const lastBreak = before.lastIndexOf('\n');
    this.leadingLines += before.split('\n').length - 1;
    this.leadingColumn = lastBreak === -1 ? this.leadingColumn + before.length : before.length - lastBreak - 1;
    if (first === -1) return true;
    this.sawContent = true;
    if (chunk[first] === '<') return true;
    this.problem = this.at(this.leadingLines + 1, this.leadingColumn + 1, `char '${shownXmlName(chunk[first]!)}' is not expected.`);
    return false;
  }

  private onOpenTagStart(name: string): void {
    this.settleMismatch();
    // saxes has read the name and the character after it. Where that was a
    // line break the tag started on the line before, at a column not kept.
    const { line, column } = this.parser;
    this.startLine = column === 0 ? line - 1 : line;
    this.startColumn = column === 0 ? null : column - name.length - 1;
  }

  private onOpenTag(tag: SaxesTagPlain): void {
    if (this.stopped) return;
    this.names.push(tag.name);
    this.lines.push(this.startLine);
    this.columns.push(this.startColumn);
    this.handler.open(tag.name, tag.attributes, this.startLine);
    this.syncText();
  }

  private onCloseTag(name: string): void {
    const mismatch = this.mismatch;
    if (mismatch !== null) {
      this.settleMismatch();
      if (mismatch.actual === undefined) mismatch.candidate = name;
      return;
    }
    if (this.problem !== null) return;
    this.lastClosed = { name: this.names.pop()!, line: this.lines.pop()!, column: this.columns.pop()! };
    this.handler.close();
    this.syncText();
  }

  private readonly onText = (piece: string): void => {
    if (!this.stopped) this.handler.text(piece, false);
  };

  private onCData(piece: string): void {
    this.settleMismatch();
    if (!this.stopped && this.handler.wantsText) this.handler.text(piece, true);
  }

  /** Builds text only while the open element wants it: most of a report's bytes are output nobody reads. */
  private syncText(): void {
    const wants = this.handler.wantsText;
    if (wants === this.textOn) return;
    this.textOn = wants;
    if (wants) this.parser.on('text', this.onText);
    else this.parser.off('text');
  }

  private onError(raw: string): void {
    const message = /^\d+:\d+: (.*)$/s.exec(raw)?.[1] ?? raw;
    const unmatched = /^unmatched closing tag: (.*)\.$/s.exec(message)?.[1];
    const mismatch = this.mismatch;
    if (mismatch !== null) {
      if (message === 'unexpected close tag.' && mismatch.actual === undefined) mismatch.candidate = undefined;
      if (unmatched !== undefined) mismatch.actual ??= unmatched;
      return;
    }
    if (this.problem !== null || TOLERATED.has(message)) return;
    const { line, column } = this.parser;
    if (message === 'unexpected close tag.') {
      this.mismatch = { expected: this.lastClosed, line, column };
    } else if (unmatched !== undefined) {
      this.problem = this.at(line, closeTagColumn(column, unmatched), `Closing tag '${shownXmlName(unmatched)}' has not been opened.`);
    } else {
      this.problem = this.at(line, column, describeSaxesError(message));
    }
  }

  /** A close tag saxes matched and did not take back: the tag the mismatch met. */
  private settleMismatch(): void {
    const mismatch = this.mismatch;
    if (mismatch !== null && mismatch.actual === undefined && mismatch.candidate !== undefined) mismatch.actual = mismatch.candidate;
  }

  private describeMismatch(mismatch: Mismatch): string {
    const { expected, actual } = mismatch;
    const opened = expected.column === null ? `line ${expected.line}` : `line ${expected.line}, col ${expected.column}`;
    const expecting = `Expected closing tag '${shownXmlName(expected.name)}' (opened in ${opened})`;
    if (actual === undefined) return this.at(mismatch.line, mismatch.column, `${expecting} instead of another closing tag.`);
    return this.at(mismatch.line, closeTagColumn(mismatch.column, actual), `${expecting} instead of closing tag '${shownXmlName(actual)}'.`);
  }

  private at(line: number, column: number, message: string): string {
    return `${this.file}:${line}:${column}: not valid XML: ${message}`;
  }
}

/** Where `</name>` started, from saxes's column just past its `>`. */
function closeTagColumn(columnAfter: number, name: string): number {
  return Math.max(1, columnAfter - name.length - 2);
}

/** saxes's message; names it quotes are shown as {@link shownXmlName} shows them. */
function describeSaxesError(message: string): string {
  const duplicate = /^duplicate attribute: (.*)\.$/s.exec(message)?.[1];
  if (duplicate !== undefined) return `Attribute '${shownXmlName(duplicate)}' is repeated.`;
  const named = /^(.*?): (.*)$/s.exec(message);
  return named === null ? message : `${named[1]}: '${shownXmlName(named[2]!.replace(/\.$/, ''))}'.`;
}

const XML_NAME = /^[A-Za-z_:][-\w.:]{0,63}$/;

/** A quoted XML name as written, one printable character, or `…` for anything else the file holds. */
export function shownXmlName(quoted: string): string {
  return XML_NAME.test(quoted) || /^[\x21-\x7e]$/.test(quoted) ? quoted : '…';
}
