import { HTML_ENTITIES, type XmlElementHandler } from './xml-stream.js';

/**
 * A fast first reading of XML that hands the same elements to the same
 * handler as {@link XmlStream}, for the documents test runners really
 * write: it jumps from markup to markup with `indexOf` and sticky regular
 * expressions instead of reading character by character, which makes it
 * several times faster than saxes on large reports.
 *
 * It is deliberately narrow. It accepts a document only when every part of
 * it is of a form it knows to be well-formed XML and reads exactly as saxes
 * reads it: ASCII names, quoted attributes with the XML and common HTML
 * entities, comments, CDATA, an XML declaration of version 1.0 at the very
 * start, line ends in `\n` or `\r\n`. Anything else — a DOCTYPE, a
 * processing instruction, an unknown or malformed entity, a forbidden
 * character where text is kept, a mismatched tag, a second root, a cut-off
 * file, or the first doubt of any kind — is not judged here: the scanner
 * `defer`s, and the reader reads the file again with saxes, whose verdict
 * and messages stand. So a document this scanner accepts is one saxes
 * accepts, with the same elements, attributes, lines and kept text (a test
 * checks this against saxes on mutated reports), and every error message
 * still comes from saxes.
 */

const WS = '[ \\t\\r\\n]';
const NAME = '[A-Za-z_:][-\\w.:]*';
const OPEN_TAG = new RegExp(`<(${NAME})((?:${WS}+${NAME}${WS}*=${WS}*(?:"[^"<]*"|'[^'<]*'))*)${WS}*(/?)>`, 'y');
const CLOSE_TAG = new RegExp(`</(${NAME})${WS}*>`, 'y');
const XML_DECLARATION = new RegExp(
  `<\\?xml${WS}+version${WS}*=${WS}*(?:"1\\.0"|'1\\.0')` +
    `(?:${WS}+encoding${WS}*=${WS}*(?:"[A-Za-z][-\\w.]*"|'[A-Za-z][-\\w.]*'))?` +
    `(?:${WS}+standalone${WS}*=${WS}*(?:"(?:yes|no)"|'(?:yes|no)'))?${WS}*\\?>`,
  'y',
);
const REFERENCE = /&(?:#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/y;
const ONLY_WHITESPACE = /^[ \t\r\n]*$/;
// Anything but the characters XML allows: controls other than tab and line ends, a lone surrogate, U+FFFE/U+FFFF.
const UNUSUAL_CHARACTER = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text held back at most while waiting for the end of a tag, comment or run of text; past it, saxes reads the file as a stream. */
const MAX_PENDING = 1024 * 1024;

/** `String.prototype.isWellFormed` (ES2024, Node.js 20): a check the engine answers at once for text without surrogates. */
type WellFormed = string & { isWellFormed(): boolean };

const enum Place {
  BeforeRoot,
  InRoot,
  AfterRoot,
}

export class XmlFastScan {
  private buffer = '';
  private position = 0;
  // Where to look again for the end of what is pending, so that a long run is searched once, not once per chunk.
  private searchFrom = 0;
  private place = Place.BeforeRoot;
  private readonly open: string[] = [];
  private atDocumentStart = true;
  // Lines counted up to linePosition in the buffer.
  private line = 1;
  private linePosition = 0;
  // The last chunk ended in `\r`: whether it was a `\r\n` shows in the next.
  private endedInCr = false;
  // Whether any chunk so far held a character XML forbids; until one does, no text or value needs checking for them.
  private unusualSeen = false;
  private deferred = false;

  constructor(private readonly handler: XmlElementHandler) {}

  /** Reads the next chunk; false once the document is left to the strict reader. */
  write(chunk: string): boolean {
    if (this.deferred) return false;
    // saxes reads a lone surrogate together with the character after it, markup included; text decoded from UTF-8 has none.
    if (!this.unusualSeen && UNUSUAL_CHARACTER.test(chunk)) this.unusualSeen = true;
    if (!(chunk as WellFormed).isWellFormed() || !this.checkLineEnds(chunk)) {
      this.defer();
      return false;
    }
    this.buffer = this.position === this.buffer.length ? chunk : this.buffer.slice(this.position) + chunk;
    this.searchFrom -= this.position;
    this.linePosition -= this.position;
    this.position = 0;
    if (this.atDocumentStart) {
      if (this.buffer.length < 256 && !this.buffer.includes('>')) return true;
      this.atDocumentStart = false;
      if (this.buffer.charCodeAt(0) === 0xfeff) this.position = this.linePosition = this.searchFrom = 1;
      if (this.buffer.startsWith('<?', this.position)) this.readDeclaration();
    }
    if (!this.deferred) this.scan(false);
    if (!this.deferred) {
      this.countLines(this.position);
      if (this.buffer.length - this.position > MAX_PENDING) this.defer();
    }
    return !this.deferred;
  }

  /** After the last chunk: true when the whole document was read here; false when the strict reader must read it. */
  end(): boolean {
    if (this.deferred) return false;
    if (this.atDocumentStart) return false;
    this.scan(true);
    if (this.deferred) return false;
    if (!ONLY_WHITESPACE.test(this.buffer.slice(this.position))) return false;
    return this.place === Place.AfterRoot;
  }

  private defer(): void {
    this.deferred = true;
  }

  private readDeclaration(): void {
    XML_DECLARATION.lastIndex = this.position;
    if (XML_DECLARATION.test(this.buffer)) this.position = this.searchFrom = XML_DECLARATION.lastIndex;
    else this.defer();
  }

  /** Reads every complete piece of markup and text in the buffer; `final` when no more input comes. */
  private scan(final: boolean): void {
    const buffer = this.buffer;
    while (!this.deferred) {
      // Markup left pending by the last chunk is read again from its start; text is searched on from where the search stopped.
      const lt = buffer.charCodeAt(this.position) === 0x3c ? this.position : buffer.indexOf('<', Math.max(this.position, this.searchFrom));
      if (lt === -1) {
        this.searchFrom = buffer.length;
        return;
      }
      if (lt > this.position && !this.readText(buffer.slice(this.position, lt))) return this.defer();
      this.position = this.searchFrom = lt;
      if (lt + 1 >= buffer.length) return final ? this.defer() : undefined;
      const next = buffer.charCodeAt(lt + 1);
      let progressed: boolean | null;
      if (next === 0x2f) progressed = this.readCloseTag(lt);
      else if (next === 0x21) progressed = this.readBang(lt, final);
      else progressed = this.readOpenTag(lt);
      // null: the markup may end in a later chunk.
      if (progressed === null) {
        if (final) this.defer();
        return;
      }
      if (!progressed) return this.defer();
    }
  }

  private readOpenTag(start: number): boolean | null {
    if (this.place === Place.AfterRoot) return false;
    OPEN_TAG.lastIndex = start;
    const match = OPEN_TAG.exec(this.buffer);
    // No well-formed tag holds a `<`: with one after it, this tag is whole here and not one of ours; without, it may go on in the next chunk.
    if (match === null) return this.buffer.indexOf('<', start + 1) === -1 ? null : false;
    const name = match[1]!;
    const attributes = readAttributes(match[2]!, this.unusualSeen);
    if (attributes === null) return false;
    this.countLines(start);
    this.position = this.searchFrom = OPEN_TAG.lastIndex;
    this.place = Place.InRoot;
    this.handler.open(name, attributes, this.line);
    if (match[3] === '/') this.closeElement();
    else this.open.push(name);
    return true;
  }

  private readCloseTag(start: number): boolean | null {
    CLOSE_TAG.lastIndex = start;
    const match = CLOSE_TAG.exec(this.buffer);
    if (match === null) return this.buffer.indexOf('>', start) === -1 ? null : false;
    if (this.open.pop() !== match[1]) return false;
    this.position = this.searchFrom = CLOSE_TAG.lastIndex;
    this.closeElement();
    return true;
  }

  private closeElement(): void {
    this.handler.close();
    if (this.open.length === 0) this.place = Place.AfterRoot;
  }

  /** A comment, or CDATA inside the root; a DOCTYPE or anything else `<!` starts is left to saxes. */
  private readBang(start: number, final: boolean): boolean | null {
    const buffer = this.buffer;
    if (buffer.length - start < 9 && !final) return null;
    if (buffer.startsWith('<!--', start)) {
      const end = buffer.indexOf('-->', Math.max(start + 4, this.searchFrom - 2));
      if (end === -1) return this.pending();
      const body = buffer.slice(start + 4, end);
      if (body.includes('--') || body.endsWith('-') || (this.unusualSeen && UNUSUAL_CHARACTER.test(body))) return false;
      this.position = this.searchFrom = end + 3;
      return true;
    }
    if (buffer.startsWith('<![CDATA[', start) && this.place === Place.InRoot) {
      const end = buffer.indexOf(']]>', Math.max(start + 9, this.searchFrom - 2));
      if (end === -1) return this.pending();
      if (this.handler.wantsText) {
        const body = buffer.slice(start + 9, end);
        if (this.unusualSeen && UNUSUAL_CHARACTER.test(body)) return false;
        this.handler.text(normalizeLineEnds(body), true);
      }
      this.position = this.searchFrom = end + 3;
      return true;
    }
    return false;
  }

  /** Waits for more input, searching on from the end of what is here. */
  private pending(): null {
    this.searchFrom = this.buffer.length;
    return null;
  }

  /** A run of character data: whitespace outside the root; inside it, references checked (and text handed on where it is kept). */
  private readText(raw: string): boolean {
    if (this.place !== Place.InRoot) return ONLY_WHITESPACE.test(raw);
    if (raw.includes(']]>')) return false;
    if (!this.handler.wantsText) return !raw.includes('&') || checkReferences(raw);
    if (this.unusualSeen && UNUSUAL_CHARACTER.test(raw)) return false;
    const normalized = normalizeLineEnds(raw);
    const text = normalized.includes('&') ? decodeReferences(normalized) : normalized;
    if (text === null) return false;
    this.handler.text(text, false);
    return true;
  }

  /** Line ends `\n` or `\r\n` only: saxes counts a lone `\r` as a line of its own, which the count here does not. */
  private checkLineEnds(chunk: string): boolean {
    if (this.endedInCr && chunk.charCodeAt(0) !== 0x0a) return false;
    this.endedInCr = false;
    for (let cr = chunk.indexOf('\r'); cr !== -1; cr = chunk.indexOf('\r', cr + 1)) {
      if (cr + 1 === chunk.length) this.endedInCr = true;
      else if (chunk.charCodeAt(cr + 1) !== 0x0a) return false;
    }
    return true;
  }

  /** Advances the line count to `target`, counting each line end once. */
  private countLines(target: number): void {
    const buffer = this.buffer;
    for (let at = buffer.indexOf('\n', this.linePosition); at !== -1 && at < target; at = buffer.indexOf('\n', at + 1)) this.line += 1;
    this.linePosition = target;
  }
}

/**
 * Attributes as saxes gives them: values with references decoded and each
 * tab or line end a space; null for anything saxes would read otherwise.
 * `written` has matched the open-tag expression, so it is a run of
 * whitespace, name, `=`, quoted value, read here with `indexOf`. A plain
 * object is safe for the names the walk reads; `__proto__` is left to saxes.
 */
function readAttributes(written: string, mayHoldUnusual: boolean): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  if (written === '') return attributes;
  if (mayHoldUnusual && UNUSUAL_CHARACTER.test(written)) return null;
  const mayHoldLineEnds = TAB_OR_LINE_END.test(written);
  for (let at = 0, equals = written.indexOf('='); equals !== -1; equals = written.indexOf('=', at)) {
    const name = written.slice(at, equals).trim();
    let quote = equals + 1;
    while (written.charCodeAt(quote) !== 0x22 && written.charCodeAt(quote) !== 0x27) quote += 1;
    const end = written.indexOf(written[quote]!, quote + 1);
    let value = written.slice(quote + 1, end);
    at = end + 1;
    if (name === '__proto__' || attributes[name] !== undefined) return null;
    if (value.includes('&')) {
      const decoded = decodeReferences(value, true);
      if (decoded === null) return null;
      value = decoded;
    } else if (mayHoldLineEnds && TAB_OR_LINE_END.test(value)) {
      value = value.replace(/\r\n?|[\t\n]/g, ' ');
    }
    attributes[name] = value;
  }
  return attributes;
}

const TAB_OR_LINE_END = /[\t\n\r]/;

/**
 * Decodes the references in a run of text or an attribute value (after its
 * line ends and, in a value, whitespace are normalized, as the parser does
 * before it reads references); null when one is not a reference saxes
 * decodes without complaint.
 */
function decodeReferences(raw: string, inAttribute = false): string | null {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    REFERENCE.lastIndex = amp;
    const match = REFERENCE.exec(raw);
    if (match === null) return null;
    const character = referencedCharacter(match);
    if (character === null) return null;
    const plain = raw.slice(from, amp);
    out += (inAttribute ? plain.replace(/\r\n?|[\t\n]/g, ' ') : plain) + character;
    from = REFERENCE.lastIndex;
  }
  const rest = raw.slice(from);
  return out + (inAttribute ? rest.replace(/\r\n?|[\t\n]/g, ' ') : rest);
}

/** Whether every `&` in a run of text starts a reference saxes reads without complaint. */
function checkReferences(raw: string): boolean {
  // Most runs hold only the five XML entities: one search settles them.
  if (!OTHER_THAN_COMMON_REFERENCE.test(raw)) return true;
  for (let amp = raw.indexOf('&'); amp !== -1; ) {
    const length = referenceLength(raw, amp);
    if (length === 0) return false;
    amp = raw.indexOf('&', amp + length);
  }
  return true;
}

const COMMON_REFERENCES = ['&lt;', '&gt;', '&amp;', '&quot;', '&apos;'];
const OTHER_THAN_COMMON_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)/;

/** The length of the reference at `amp`, or 0 when it is not one saxes reads without complaint; the five XML entities without a regular expression. */
function referenceLength(raw: string, amp: number): number {
  for (const common of COMMON_REFERENCES) if (raw.startsWith(common, amp)) return common.length;
  REFERENCE.lastIndex = amp;
  const match = REFERENCE.exec(raw);
  return match === null || referencedCharacter(match) === null ? 0 : match[0].length;
}

function referencedCharacter(match: RegExpExecArray): string | null {
  const [, decimal, hex, name] = match;
  if (name !== undefined) return XML_ENTITIES[name] ?? (Object.hasOwn(HTML_ENTITIES, name) ? HTML_ENTITIES[name]! : null);
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : null;
}

function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
