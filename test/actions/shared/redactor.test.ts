import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/actions/shared/redactor.js';

describe('Redactor', () => {
  it('masks every declared secret wherever it appears, longest first, and registers each once with the runner', () => {
    const registered: string[] = [];
    const redactor = new Redactor((secret) => registered.push(secret));
    redactor.add('abcd');
    redactor.add('abcdefgh');
    redactor.add('abcd');
    redactor.add('');
    redactor.add(undefined);
    expect(registered).toEqual(['abcd', 'abcdefgh']);
    expect(redactor.redact('x abcdefgh y abcd z')).toBe('x *** y *** z');
  });

  it('registers short secrets with the runner but does not mask them in text, where they would mask half of it', () => {
    const registered: string[] = [];
    const redactor = new Redactor((secret) => registered.push(secret));
    redactor.add('ab');
    expect(registered).toEqual(['ab']);
    expect(redactor.redact('a cab about')).toBe('a cab about');
  });

  it('masks a multi-line secret line by line, as the runner does', () => {
    const redactor = new Redactor();
    redactor.add('-----BEGIN KEY-----\nMIIEsecretline\n-----END KEY-----');
    expect(redactor.redact('printed MIIEsecretline here')).toBe('printed *** here');
  });

  it('redacts every string of a JSON-like value, keys included, and leaves numbers alone', () => {
    const redactor = new Redactor();
    redactor.add('tok-123456');
    expect(redactor.redactDeep({ a: ['Bearer tok-123456', 3, null, true], 'https://x/?t=tok-123456': { n: 1 } })).toEqual({ a: ['Bearer ***', 3, null, true], 'https://x/?t=***': { n: 1 } });
  });
});
