import { type Result, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * JSON evidence parsed with a fault that says where and what was expected,
 * never what the file holds: V8's own messages quote the text around the
 * error (`Unexpected token 'a', "api_key=…" is not valid JSON`), and an
 * evidence file's text must not reach a log, a check run or a comment.
 */
export function parseJsonEvidence(text: string, name: string): Result<unknown, SourceFault> {
  // A byte-order mark is how some Windows tools begin UTF-8; it is not content.
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fault('malformed', `${name} is empty; expected JSON`);
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    const error = locateJsonError(body);
    if (error === null) return fault('malformed', `${name} is not valid JSON (nested too deeply to read)`);
    const { line, column } = lineAndColumn(body, error.offset);
    return fault('malformed', `${name}:${line}:${column}: not valid JSON: expected ${error.expected}`);
  }
}

/** Reads and parses a JSON evidence file; `name` is how messages call it. */
export async function readJsonEvidence(file: string, name: string): Promise<Result<unknown, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return fault(text.error.kind, text.error.message.replace(file, name));
  return parseJsonEvidence(text.value, name);
}

type Mode = 'value' | 'first-value' | 'first-key' | 'key' | 'colon' | 'next' | 'end';

const EXPECTED_AT_END: Record<Exclude<Mode, 'end' | 'next'>, string> = {
  value: 'a value',
  'first-value': "a value or ']'",
  'first-key': "a property name or '}'",
  key: 'a property name in double quotes',
  colon: "':'",
};

/**
 * Where the first syntax error is (RFC 8259 grammar), as an offset and what
 * would have been valid there; `null` when the text is valid JSON. Iterative,
 * so deep nesting cannot overflow the stack.
 */
export function locateJsonError(text: string): { offset: number; expected: string } | null {
  const stack: ('object' | 'array')[] = [];
  let mode: Mode = 'value';
  let i = 0;
  const afterValue = (): Mode => (stack.length === 0 ? 'end' : 'next');
  for (;;) {
    i = skipWhitespace(text, i);
    if (mode === 'end') return i === text.length ? null : { offset: i, expected: 'the end of the document' };
    const top = stack[stack.length - 1];
    if (i >= text.length) return { offset: i, expected: mode === 'next' ? closing(top) : EXPECTED_AT_END[mode] };
    const c = text[i]!;
    if ((mode === 'first-value' && c === ']') || (mode === 'first-key' && c === '}')) {
      stack.pop();
      i += 1;
      mode = afterValue();
    } else if (mode === 'first-key' || mode === 'key') {
      if (c !== '"') return { offset: i, expected: EXPECTED_AT_END[mode] };
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      mode = 'colon';
    } else if (mode === 'colon') {
      if (c !== ':') return { offset: i, expected: "':'" };
      i += 1;
      mode = 'value';
    } else if (mode === 'next') {
      const close = top === 'object' ? '}' : ']';
      if (c !== ',' && c !== close) return { offset: i, expected: closing(top) };
      if (c === close) stack.pop();
      i += 1;
      mode = c === close ? afterValue() : top === 'object' ? 'key' : 'value';
    } else if (c === '{' || c === '[') {
      stack.push(c === '{' ? 'object' : 'array');
      i += 1;
      mode = c === '{' ? 'first-key' : 'first-value';
    } else {
      const end = c === '"' ? scanString(text, i) : scanScalar(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      mode = afterValue();
    }
  }
}

function closing(top: 'object' | 'array' | undefined): string {
  return top === 'object' ? "',' or '}'" : "',' or ']'";
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  return i;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/** The end of a number or literal starting at `from`, or where it went wrong. */
function scanScalar(text: string, from: number): number | { offset: number; expected: string } {
  const literal = LITERALS.find((word) => text.startsWith(word, from));
  if (literal) return from + literal.length;
  NUMBER.lastIndex = from;
  const match = NUMBER.exec(text);
  return match ? from + match[0].length : { offset: from, expected: 'a value' };
}

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The end of a string whose opening quote is at `from`, or where it went wrong. */
function scanString(text: string, from: number): number | { offset: number; expected: string } {
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c.charCodeAt(0) < 0x20) return { offset: i, expected: 'no control character inside a string' };
    if (c !== '\\') continue;
    const next = text[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
    else if (next !== undefined && ESCAPES.has(next)) i += 1;
    else return { offset: i, expected: 'a valid escape such as \\n or \\u0041' };
  }
  return { offset: text.length, expected: 'a closing quote' };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
