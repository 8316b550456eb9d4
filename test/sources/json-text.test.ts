import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonError, parseJsonText } from '../../src/sources/json-text.js';

const messageOf = (text: string) => {
  const parsed = parseJsonText(text);
  return parsed.ok ? 'read' : describeJsonError('report.json', parsed.error);
};

describe('parseJsonText: JSON.parse, with errors that say where and never what', () => {
  it('parses JSON as JSON.parse does, 1e400 included', () => {
    expect(parseJsonText('{"a": [1, 2.5e3, "x\\u0041", true, null]}')).toEqual({ ok: true, value: { a: [1, 2500, 'xA', true, null] } });
    expect(parseJsonText('[1e400]')).toEqual({ ok: true, value: [Infinity] });
    expect(parseJsonText('\uFEFF{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it.each([
    ['root:x:0:0:root:/root:/bin/bash', 'report.json:1:1: not valid JSON: expected a value'],
    ['api_key=hunter2', 'report.json:1:1: not valid JSON: expected a value'],
    ['{"token": "hunter2",}', 'report.json:1:21: not valid JSON: expected a property name in double quotes'],
    ['{"a": 1\n, "b": hunter2}', 'report.json:2:8: not valid JSON: expected a value'],
    ['{"a": [1, 2}', "report.json:1:12: not valid JSON: expected ','"],
    ['{"a": 1} trailing hunter2', 'report.json:1:10: not valid JSON: expected the end of the document'],
    ['{"secret": "hunter2', 'report.json:1:12: not valid JSON: expected a closing quote'],
    ['{"a": "\\q"}', 'report.json:1:7: not valid JSON: expected a valid escape such as \\n or \\u0041'],
    ['{"a" 1}', "report.json:1:6: not valid JSON: expected ':'"],
    ['{"a":1e}', 'report.json:1:6: not valid JSON: expected a digit'],
    ['/* c */ {}', 'report.json:1:1: not valid JSON: expected no comment (JSON has none)'],
    [' \n', 'report.json is empty; expected JSON'],
  ])('%j → where, and what was expected', (text, message) => {
    expect(messageOf(text)).toBe(message);
    expect(messageOf(text)).not.toMatch(/hunter2|root:x/);
  });

  it('survives nesting deeper than the stack, saying only that', () => {
    expect(messageOf('['.repeat(200_000))).toBe('report.json:1:1: not valid JSON: expected data nested less deeply (too deep to say where it breaks)');
  });

  it('fails exactly where JSON.parse fails (law)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, at, junk) => {
        const cut = json.slice(0, at % (json.length + 1)) + junk;
        let valid = true;
        try {
          JSON.parse(cut);
        } catch {
          valid = false;
        }
        expect(parseJsonText(cut).ok).toBe(valid || cut.replace(/^\uFEFF/, '') !== cut);
      }),
    );
  });
});
