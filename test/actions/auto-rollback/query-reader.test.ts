import { describe, expect, it } from 'vitest';
import { createSampleReader } from '../../../src/actions/auto-rollback/sample-reader.js';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import type { MetricQuery, MetricSource } from '../../../src/sources/metrics/metric-source.js';

/** Query sources' reads are prepared as the file stream's: empty numerators read under `empty-numerator`, counts checked. */
const NOW = new Date('2026-03-03T10:00:00Z');

function readerWith(metrics: string, answers: Record<string, number[]>) {
  const parsed = parseAnalysis(`source: { type: prometheus, url: "http://p:9090", query: "x" }\nmetrics:\n${metrics}`, { mode: 'canary' });
  if (!parsed.ok) throw parsed.error;
  const source: MetricSource = {
    kind: 'prometheus',
    where: 'http://p:9090',
    query: async (request: MetricQuery) => ({ ok: true, value: { values: answers[`${request.variant ?? 'live'}:${request.series}`] ?? [], intervalMs: 1_000 } }),
  };
  return createSampleReader({ config: parsed.value, source }, { workspace: '/', intervalMs: 3_000, version: 'v2' });
}
const RATIO = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5% }';

describe('query source reads', () => {
  it('no error series at all beside live requests is zero errors, one sample per step', async () => {
    const reader = readerWith(RATIO, { 'live:requests': [100, 90, Number.NaN] });
    expect(reader.isStream).toBe(false);
    expect((await reader.read(NOW))['error-rate']).toEqual({ ok: true, value: { watched: { numerator: [0, 0, Number.NaN], denominator: [100, 90, Number.NaN] }, baseline: null, intervalMs: 3_000 } });
  });

  it('more errors than requests is an answer that cannot be believed: an outage of the backend, naming the source', async () => {
    const reader = readerWith(RATIO, { 'live:requests': [100, 10], 'live:errors': [1, 11] });
    expect((await reader.read(NOW))['error-rate']).toEqual({
      ok: false,
      fault: {
        kind: 'provider',
        message: "the metrics backend's answer cannot be believed: prometheus http://p:9090: metric `error-rate`: `errors`[1] (11) exceeds `requests`[1] (10); a ratio of counts is at most 1",
      },
    });
  });

  it('the baseline of a relative metric is checked too', async () => {
    const reader = readerWith('  error-rate: { ratio: { numerator: errors, denominator: requests }, max-increase: 50% }', {
      'canary:requests': [100],
      'canary:errors': [1],
      'baseline:requests': [100],
      'baseline:errors': [-1],
    });
    expect((await reader.read(NOW))['error-rate']).toMatchObject({ ok: false, fault: { kind: 'provider', message: expect.stringMatching(/cannot be believed: prometheus http:\/\/p:9090 \(baseline\): metric `error-rate`: `errors`\[0\] is -1/) } });
  });
});
