import { type Result, err, ok } from '../engine/result.js';

/**
 * JSON.parse whose error says where, never what: Node's own message quotes
 * the text (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`), so a
 * path pointed at a file that is not JSON would copy that file's content
 * into a report. The error here is the line and column of the first
 * character that breaks the grammar, found by a small scanner of RFC 8259.
 */
export function parseJsonText(text: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err(describeJsonError(text));
  }
}

/** `not valid JSON: unexpected character at line 3, column 7`, `…: it ends early, at line 9`, `…: it is empty`. */
export function describeJsonError(text: string): string {
  if (text.trim() === '') return 'not valid JSON: it is empty';
  const found = firstBadOffset(text);
  if (found === null) return 'not valid JSON: nested too deeply to say where it breaks';
  const offset = Math.min(found, text.length);
  const { line, column } = lineAndColumn(text, offset);
  if (offset >= text.length) return `not valid JSON: it ends early, at line ${line}`;
  return `not valid JSON: unexpected character at line ${line}, column ${column}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Where the grammar first breaks; `text.length` when the text ends early; `null` when it cannot say. */
function firstBadOffset(text: string): number | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.value();
    scanner.space();
    return scanner.at < text.length ? scanner.at : null;
  } catch (thrown) {
    // A number is where the grammar broke; anything else (nesting deeper than the stack) leaves the place unknown.
    return typeof thrown === 'number' ? thrown : null;
  }
}

/** A recursive-descent reader of RFC 8259 that only walks: it throws its offset at the first character that breaks the grammar. */
class JsonScanner {
  at = 0;

  constructor(private readonly text: string) {}

  value(): void {
    this.space();
    const char = this.text[this.at];
    if (char === '{') this.list('}', () => this.member());
    else if (char === '[') this.list(']', () => this.value());
    else if (char === '"') this.string();
    else if (char === 't') this.literal('true');
    else if (char === 'f') this.literal('false');
    else if (char === 'n') this.literal('null');
    else this.number();
  }

  space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at++;
  }

  private fail(): never {
    throw this.at;
  }

  private list(close: string, item: () => void): void {
    this.at++;
    this.space();
    if (this.text[this.at] === close) return void this.at++;
    for (;;) {
      item();
      this.space();
      if (this.text[this.at] === close) return void this.at++;
      if (this.text[this.at] !== ',') this.fail();
      this.at++;
    }
  }

  private member(): void {
    this.space();
    if (this.text[this.at] !== '"') this.fail();
    this.string();
    this.space();
    if (this.text[this.at] !== ':') this.fail();
    this.at++;
    this.value();
  }

  private string(): void {
    this.at++;
    while (this.at < this.text.length && this.text[this.at] !== '"') {
      if (this.text.charCodeAt(this.at) < 0x20) this.fail();
      if (this.text[this.at] === '\\') this.escape();
      else this.at++;
    }
    if (this.at >= this.text.length) this.fail();
    this.at++;
  }

  private escape(): void {
    this.at++;
    if (this.text[this.at] === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) this.fail();
      this.at += 5;
    } else if (this.at < this.text.length && '"\\/bfnrt'.includes(this.text[this.at]!)) this.at++;
    else this.fail();
  }

  private literal(word: string): void {
    for (const char of word) {
      if (this.text[this.at] !== char) this.fail();
      this.at++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail();
    this.at += match[0].length;
  }
}
