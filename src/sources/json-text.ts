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

/** Where the grammar first breaks; `text.length` when the text ends early. A thrown number is that offset. */
function firstBadOffset(text: string): number | null {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = () => {
    at++;
    while (at < text.length && text[at] !== '"') {
      const char = text.charCodeAt(at);
      if (char < 0x20) fail();
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
          at += 5;
        }
        else if (at < text.length && '"\\/bfnrt'.includes(text[at]!)) at++;
        else fail();
      } else at++;
    }
    if (at >= text.length) fail();
    at++;
  };
  const number = () => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) fail();
    at += match![0].length;
  };
  const list = (close: string, item: () => void) => {
    at++;
    space();
    if (text[at] === close) return void at++;
    for (;;) {
      item();
      space();
      if (text[at] === close) return void at++;
      if (text[at] !== ',') fail();
      at++;
    }
  };
  const member = () => {
    space();
    if (text[at] !== '"') fail();
    string();
    space();
    if (text[at] !== ':') fail();
    at++;
    value();
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') list('}', member);
    else if (char === '[') list(']', value);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  try {
    value();
    space();
    return at < text.length ? at : null;
  } catch (thrown) {
    // A number is where the grammar broke; anything else (nesting deeper than the stack) leaves the place unknown.
    return typeof thrown === 'number' ? thrown : null;
  }
}
