import { describe, expect, it } from 'vitest';
import { describeJsonError, parseJsonText } from '../../src/sources/json-text.js';

describe('parseJsonText', () => {
  it('parses JSON as JSON.parse does', () => {
    expect(parseJsonText('{"a": [1, 2.5e3, "x\\u0041", true, null]}')).toEqual({ ok: true, value: { a: [1, 2500, 'xA', true, null] } });
  });

  it('says where the text breaks, by line and column, without quoting it', () => {
    const cases: Array<[string, string]> = [
      ['root:x:0:0:root:/root:/bin/bash', 'not valid JSON: unexpected character at line 1, column 1'],
      ['{"a": 1,}', 'not valid JSON: unexpected character at line 1, column 9'],
      ['{"a": 1} trailing', 'not valid JSON: unexpected character at line 1, column 10'],
      ['{\n  "a": [1,\n  2,, 3]}', 'not valid JSON: unexpected character at line 3, column 5'],
      ['[1, 2, tru]', 'not valid JSON: unexpected character at line 1, column 11'],
      ['{"a":', 'not valid JSON: it ends early, at line 1'],
      ['"unterminated', 'not valid JSON: it ends early, at line 1'],
      ['   \n', 'not valid JSON: it is empty'],
    ];
    for (const [text, expected] of cases) {
      expect(parseJsonText(text)).toEqual({ ok: false, error: expected });
      expect(describeJsonError(text)).not.toContain('root');
    }
  });

  it('survives nesting deeper than the stack, saying only that it is not JSON', () => {
    expect(describeJsonError('['.repeat(200_000))).toBe('not valid JSON: nested too deeply to say where it breaks');
  });
});
