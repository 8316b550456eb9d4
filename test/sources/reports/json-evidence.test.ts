import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { locateJsonError, parseJsonEvidence } from '../../../src/sources/reports/json-evidence.js';
import { shownName } from '../../../src/sources/reports/shown-name.js';

const messageOf = (text: string) => {
  const parsed = parseJsonEvidence(text, 'report.json');
  return parsed.ok ? 'read' : parsed.error.message;
};

describe('parseJsonEvidence: a parser error never echoes the file', () => {
  it.each([
    ['api_key=hunter2', 'report.json:1:1: not valid JSON: expected a value'],
    ['{"token": "hunter2",}', "report.json:1:21: not valid JSON: expected a property name in double quotes"],
    ['{"a": 1\n, "b": hunter2}', 'report.json:2:8: not valid JSON: expected a value'],
    ['{"a": [1, 2}', "report.json:1:12: not valid JSON: expected ',' or ']'"],
    ['{"a": 1} trailing hunter2', 'report.json:1:10: not valid JSON: expected the end of the document'],
    ['{"secret": "hunter2', 'report.json:1:20: not valid JSON: expected a closing quote'],
    ['{"a": "\\q"}', 'report.json:1:8: not valid JSON: expected a valid escape such as \\n or \\u0041'],
    ['{"a" 1}', "report.json:1:6: not valid JSON: expected ':'"],
    ['[', "report.json:1:2: not valid JSON: expected a value or ']'"],
  ])('%j → where and what was expected', (text, message) => {
    expect(messageOf(text)).toBe(message);
    expect(messageOf(text)).not.toMatch(/hunter2/);
  });

  it('says an empty file is empty, and reads a file that begins with a byte-order mark', () => {
    expect(messageOf(' \n')).toBe('report.json is empty; expected JSON');
    expect(parseJsonEvidence('\uFEFF{"a": 1}', 'report.json')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('locates no error in valid JSON, and an error wherever JSON.parse finds one (law)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, at, junk) => {
        expect(locateJsonError(json)).toBeNull();
        const cut = json.slice(0, at % (json.length + 1)) + junk;
        let valid = true;
        try {
          JSON.parse(cut);
        } catch {
          valid = false;
        }
        expect(locateJsonError(cut) === null).toBe(valid);
      }),
    );
  });
});

describe('shownName', () => {
  it('flattens control characters so a name cannot start a log line or a runner command', () => {
    expect(shownName('suite\n::error::pwned\r\x1b[31m')).toBe('suite ::error::pwned [31m');
  });

  it('cuts a long name', () => {
    expect(shownName('x'.repeat(200))).toHaveLength(80);
  });
});
