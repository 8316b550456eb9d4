import { describe, expect, it } from 'vitest';
import { type HistogramSamples, type MetricQuery, type MetricSamples, neverThrows } from '../../../src/sources/metrics/metric-source.js';
import { type Result, ok } from '../../../src/engine/result.js';
import type { SourceFault } from '../../../src/sources/source-fault.js';

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

  const request: MetricQuery = { series: 'latency', variant: 'canary', windowMs: 60_000, now: new Date(0) };

  it('gives queryHistogram the same treatment when the source has one, called on the source itself', async () => {
    class BucketSource {
      readonly kind = 'prometheus';
      readonly where = 'http://prom:9090';
      private readonly buckets: HistogramSamples['buckets'] = [{ le: Infinity, values: [3] }];
      async query(): Promise<Result<MetricSamples, SourceFault>> {
        return ok({ values: [], intervalMs: null });
      }
      async queryHistogram(asked: MetricQuery) {
        if (asked.variant === 'baseline') throw new RangeError('Invalid array length\n    at placeOnGrid (m.js:1:1)');
        return ok({ buckets: this.buckets, intervalMs: 60_000 });
      }
    }
    const source = neverThrows(new BucketSource());
    expect(await source.queryHistogram!(request)).toEqual({ ok: true, value: { buckets: [{ le: Infinity, values: [3] }], intervalMs: 60_000 } });
    expect(await source.queryHistogram!({ ...request, variant: 'baseline' })).toEqual({
      ok: false,
      error: { kind: 'provider', message: 'prometheus source at http://prom:9090 failed to read `latency`: Invalid array length' },
    });
  });

  it('gives no queryHistogram to a source without one: the judge tells it cannot read buckets', () => {
    const source = neverThrows({ kind: 'datadog', where: 'https://api.datadoghq.com', query: async () => ok({ values: [], intervalMs: null }) });
    expect('queryHistogram' in source).toBe(false);
    expect(source.queryHistogram).toBeUndefined();
  });
});
