import { describe, expect, it } from 'vitest';
import { neverThrows } from '../../../src/sources/metrics/metric-source.js';

describe('neverThrows', () => {
  it('turns anything a query throws into a provider fault naming the source and the series', async () => {
    const source = neverThrows({
      kind: 'http-json',
      where: 'https://metrics.example/api?q=***',
      query: async () => {
        throw new TypeError('Cannot read properties of undefined\n    at parse (x.js:1:1)');
      },
    });
    expect(await source.query({ series: 'errors', variant: 'canary', windowMs: 60_000, now: new Date(0) })).toEqual({
      ok: false,
      error: { kind: 'provider', message: 'http-json source at https://metrics.example/api?q=*** failed to read `errors`: Cannot read properties of undefined' },
    });
    expect(source.kind).toBe('http-json');
  });
});
