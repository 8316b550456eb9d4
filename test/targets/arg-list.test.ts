import { describe, expect, it } from 'vitest';
import { parseArgList } from '../../src/targets/arg-list.js';

describe('parseArgList', () => {
  it('reads a JSON list', () => {
    expect(parseArgList('["./set-weight.sh", "{weight}", "--dry"]')).toEqual({ ok: true, value: ['./set-weight.sh', '{weight}', '--dry'] });
  });

  it('reads a YAML block list and turns scalars into text', () => {
    expect(parseArgList('- kubectl\n- scale\n- 3\n- true\n')).toEqual({ ok: true, value: ['kubectl', 'scale', '3', 'true'] });
  });

  it('reads an unquoted {weight} (a YAML flow mapping) back as the placeholder', () => {
    expect(parseArgList('[set-weight, {weight}, "--canary={canary}"]')).toEqual({ ok: true, value: ['set-weight', '{weight}', '--canary={canary}'] });
    expect(parseArgList('- set-weight\n- --canary={canary}\n')).toEqual({ ok: true, value: ['set-weight', '--canary={canary}'] });
  });

  it('hints at quoting when braces break a flow list', () => {
    expect(parseArgList('[set-weight, --canary={canary}]')).toEqual({
      ok: false,
      error: 'not a valid YAML/JSON list: Missing , or : between flow sequence items at line 1, column 23; quote arguments that hold placeholders, e.g. "--weight={weight}"',
    });
  });

  it('refuses a plain string instead of splitting it like a shell would', () => {
    expect(parseArgList('./set-weight.sh {weight} && echo done')).toEqual({
      ok: false,
      error: 'must be a list of arguments such as ["./set-weight.sh", "{weight}"], got the string "./set-weight.sh {weight} && echo done"; commands run without a shell, so give the program and each argument as list items',
    });
  });

  it('names the item that is not text', () => {
    expect(parseArgList('["a", ["b"]]')).toEqual({ ok: false, error: 'item 2 must be text or a number, got ["b"]' });
    expect(parseArgList('["a", null]')).toEqual({ ok: false, error: 'item 2 must be text or a number, got nothing' });
  });

  it('reports YAML syntax errors on one line', () => {
    const result = parseArgList('["a", "b"');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^not a valid YAML\/JSON list: [^\n]+[^:]$/);
  });

  it('refuses an empty list or an empty program unless allowed', () => {
    expect(parseArgList('[]')).toEqual({ ok: false, error: 'is an empty list; give the program, then its arguments' });
    expect(parseArgList('["", "x"]')).toEqual({ ok: false, error: 'the first item (the program) is empty' });
    expect(parseArgList('[]', { allowEmpty: true })).toEqual({ ok: true, value: [] });
  });

  it('refuses a YAML alias bomb in one line instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcde'[index]}`).join(', ')}]`), 'list: [*f]'].join('\n');
    expect(parseArgList(bomb)).toEqual({ ok: false, error: 'refused: its YAML aliases expand too far (more than 10 nodes through aliases); write the arguments out' });
    // A plain alias or two is no bomb.
    expect(parseArgList('- &p ./set-weight.sh\n- *p')).toEqual({ ok: true, value: ['./set-weight.sh', './set-weight.sh'] });
  });
});
