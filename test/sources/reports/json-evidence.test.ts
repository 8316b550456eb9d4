import { describe, expect, it } from 'vitest';
import { parseJsonEvidence } from '../../../src/sources/reports/json-evidence.js';
import { shownName } from '../../../src/sources/reports/shown-name.js';

describe('parseJsonEvidence', () => {
  it('names the file, the line and column, and what was expected, never the text', () => {
    expect(parseJsonEvidence('api_key=hunter2', 'report.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'report.json:1:1: not valid JSON: expected a value' } });
    expect(parseJsonEvidence('\uFEFF{"a": 1}', 'report.json')).toEqual({ ok: true, value: { a: 1 } });
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
