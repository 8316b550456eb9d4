import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { type Result, err, ok } from '../engine/result.js';

/**
 * JSON.parse whose error says where, never what: V8's own message quotes
 * the text (`Unexpected token 'r', "root:x:0:0"... is not valid JSON`), so a
 * path pointed at a file that is not JSON would copy that file's content
 * into a log, a report or a pull-request comment. JSON.parse does the
 * parsing (so `1e400` reads as Infinity, as everywhere else); when it
 * refuses, Microsoft's `jsonc-parser` (the scanner VS Code uses), held to
 * strict JSON, finds the first place the grammar breaks and what would have
 * been valid there.
 */
export interface JsonSyntaxError {
  line: number;
  column: number;
  /** What would have been valid there: `a value`, `',' or '}'`. */
  expected: string;
}

export function parseJsonText(text: string): Result<unknown, JsonSyntaxError | 'empty'> {
  // A byte-order mark is how some Windows tools begin UTF-8; it is not content.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return err('empty');
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    return err(locateJsonError(body));
  }
}

/** `file:3:7: not valid JSON: expected a value`, or `file is empty; expected JSON`. */
export function describeJsonError(name: string, error: JsonSyntaxError | 'empty'): string {
  if (error === 'empty') return `${name} is empty; expected JSON`;
  return `${name}:${error.line}:${error.column}: not valid JSON: expected ${error.expected}`;
}

/** For text that is not a file (an HTTP body): `not valid JSON (line 3, column 7: expected a value)`, or `empty`. */
export function describeJsonTextError(error: JsonSyntaxError | 'empty'): string {
  if (error === 'empty') return 'empty';
  return `not valid JSON (line ${error.line}, column ${error.column}: expected ${error.expected})`;
}

const EXPECTED = {
  InvalidSymbol: 'a value',
  InvalidNumberFormat: 'a number',
  PropertyNameExpected: 'a property name in double quotes',
  ValueExpected: 'a value',
  ColonExpected: "':'",
  CommaExpected: "','",
  CloseBraceExpected: "',' or '}'",
  CloseBracketExpected: "',' or ']'",
  EndOfFileExpected: 'the end of the document',
  InvalidCommentToken: 'no comment (JSON has none)',
  UnexpectedEndOfComment: 'no comment (JSON has none)',
  UnexpectedEndOfString: 'a closing quote',
  UnexpectedEndOfNumber: 'a digit',
  InvalidUnicode: 'a \\u escape of four hex digits',
  InvalidEscapeCharacter: 'a valid escape such as \\n or \\u0041',
  InvalidCharacter: 'no control character inside a string',
  '<unknown ParseErrorCode>': 'valid JSON',
} as const satisfies Record<ReturnType<typeof printParseErrorCode>, string>;

/** Where strict JSON first breaks. JSON.parse refused the text, so there is one; a scanner that saw none reports the start. */
function locateJsonError(text: string): JsonSyntaxError {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // The scanner recurses per level: nesting deeper than the stack is all it can say.
    return { line: 1, column: 1, expected: 'data nested less deeply (too deep to say where it breaks)' };
  }
  // The earliest error; at one offset, the scanner's "invalid symbol" is the least telling of those it reports.
  const first = [...errors].sort((a, b) => a.offset - b.offset || Number(printParseErrorCode(a.error) === 'InvalidSymbol') - Number(printParseErrorCode(b.error) === 'InvalidSymbol'))[0];
  const offset = first?.offset ?? 0;
  const before = text.slice(0, offset);
  if (first !== undefined && isWholeDocument(before)) return { ...position(before), expected: 'the end of the document' };
  return { ...position(before), expected: first ? EXPECTED[printParseErrorCode(first.error)] : 'a value' };
}

/** True when the text before an error is already a whole JSON document: what follows is trailing junk. */
function isWholeDocument(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function position(before: string): { line: number; column: number } {
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}
