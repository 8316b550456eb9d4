import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleReader, watchedVariant } from '../../../src/actions/auto-rollback/sample-reader.js';
import { judgeSamples } from '../../../src/actions/auto-rollback/sample-outcomes.js';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';
import { metricsOf } from './watch-support.js';

/** The file source as a stream: each read takes what it has not seen; query sources read their last interval. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-stream-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function readerFor(metrics: string, document: unknown) {
  await writeFile(path.join(dir, 'm.json'), JSON.stringify(document));
  const parsed = parseAnalysis(`source: { type: file, path: m.json }\nmetrics:\n${metrics}`, { mode: 'canary' });
  if (!parsed.ok) throw parsed.error;
  const source = createMetricSource(parsed.value.source, { workspace: dir, env: {} });
  if (!source.ok) throw new Error(source.error.message);
  return createSampleReader({ config: parsed.value, source: source.value }, { workspace: dir, intervalMs: 1_000, version: 'v2' });
}
const write = (document: unknown) => writeFile(path.join(dir, 'm.json'), JSON.stringify(document));
const NOW = new Date('2026-03-03T10:00:00Z');

describe('file stream reader', () => {
  const RATIO = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5% }';

  it('takes every sample present first, then only those appended since', async () => {
    const reader = await readerFor(RATIO, { interval: '1m', requests: [100, 100], errors: [1, 2] });
    expect(await reader.read(NOW)).toEqual({ 'error-rate': { ok: true, value: { watched: { numerator: [1, 2], denominator: [100, 100] }, baseline: null, intervalMs: 60_000 } } });
    expect(await reader.read(NOW)).toEqual({ 'error-rate': { ok: true, value: { watched: { numerator: [], denominator: [] }, baseline: null, intervalMs: 60_000 } } });
    await write({ interval: '1m', requests: [100, 100, 90, 80], errors: [1, 2, 9, 8] });
    expect(await reader.read(NOW)).toMatchObject({ 'error-rate': { ok: true, value: { watched: { numerator: [9, 8], denominator: [90, 80] } } } });
  });

  it('waits for the other half of a ratio pair written in two steps', async () => {
    const reader = await readerFor(RATIO, { interval: '1m', requests: [100, 100, 100], errors: [1, 2] });
    expect(await reader.read(NOW)).toMatchObject({ 'error-rate': { ok: true, value: { watched: { numerator: [1, 2], denominator: [100, 100] } } } });
    await write({ interval: '1m', requests: [100, 100, 100], errors: [1, 2, 3] });
    expect(await reader.read(NOW)).toMatchObject({ 'error-rate': { ok: true, value: { watched: { numerator: [3], denominator: [100] } } } });
  });

  it('watches `canary` of a split document, with the baseline beside it for relative thresholds', async () => {
    const metrics = `${RATIO}\n  latency: { series: p99, max-increase: 50% }`;
    const reader = await readerFor(metrics, {
      interval: '30s',
      baseline: { requests: [1000], errors: [5], p99: [200] },
      canary: { requests: [50], errors: [1], p99: [400] },
    });
    expect(await reader.read(NOW)).toEqual({
      'error-rate': { ok: true, value: { watched: { numerator: [1], denominator: [50] }, baseline: null, intervalMs: 30_000 } },
      latency: { ok: true, value: { watched: [400], baseline: [200], intervalMs: 30_000 } },
    });
  });

  it('a missing file is a `missing` fault (an outage of the stream), a missing series a `config` one', async () => {
    const reader = await readerFor('  latency: { series: p99, max: 500 }', { interval: '1m', p50: [1] });
    expect(await reader.read(NOW)).toEqual({ latency: { ok: false, fault: { kind: 'config', message: 'm.json has no series `p99` for metric `latency`; it has p50' } } });
    await rm(path.join(dir, 'm.json'));
    expect(await reader.read(NOW)).toEqual({ latency: { ok: false, fault: { kind: 'missing', message: 'metrics file not found: m.json' } } });
  });
});

describe('which version a query source watches', () => {
  const config = (metrics: string, source = '{ type: prometheus, url: "http://p:9090", query: "sum(x)" }') => {
    const parsed = parseAnalysis(`source: ${source}\nmetrics:\n${metrics}`, { mode: 'canary' });
    if (!parsed.ok) throw parsed.error;
    return parsed.value;
  };

  it('the live version, unless versions are told apart by {{variant}} or compared with a baseline', () => {
    expect(watchedVariant(config('  e: { series: e, max: 1 }'))).toBeNull();
    expect(watchedVariant(config('  e: { series: e, max: 1 }', '{ type: prometheus, url: "http://p:9090", query: "sum(x{v=\\"{{variant}}\\"})" }'))).toBe('canary');
    expect(watchedVariant(config('  e: { series: e, max-increase: 10% }'))).toBe('canary');
  });
});

describe('per-sample judgement', () => {
  it('breaches a relative threshold against the same interval of the baseline', () => {
    const [metric] = metricsOf('  latency: { series: p99, max-increase: 50% }');
    expect(judgeSamples(metric!, [200, 320, 250, Number.NaN], [200, 200, 100, 200])).toEqual({
      outcomes: ['pass', 'breach', 'breach', 'nodata'],
      judged: [true, true, true, false],
      values: [200, 320, 250, null],
      baselineValues: [200, 200, 100, 200],
    });
  });

  it('combines absolute and relative rules; warn levels never breach', () => {
    const [metric] = metricsOf('  error-rate: { ratio: { numerator: e, denominator: r }, max: 10%, warn-max: 2%, max-increase: 100% }');
    const watched = { numerator: [3, 12, 1, 0], denominator: [100, 100, 100, 0] };
    const baseline = { numerator: [2, 1, 0, 1], denominator: [100, 100, 100, 100] };
    expect(judgeSamples(metric!, watched, baseline).outcomes).toEqual(['pass', 'breach', 'breach', 'nodata']);
  });

  it('reads a rise from a zero baseline as infinite (a breach), and no change as none', () => {
    const [metric] = metricsOf('  latency: { series: p99, max-increase: 50% }');
    expect(judgeSamples(metric!, [1, 0], [0, 0]).outcomes).toEqual(['breach', 'pass']);
  });
});
