import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSampleReader } from '../../../src/actions/auto-rollback/sample-reader.js';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import { createMetricSource } from '../../../src/sources/metrics/registry.js';

/** The file stream's samples are checked as the canary judge checks counts, and the baseline follows the watched indices. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-file-stream-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function readerFor(metrics: string, document: unknown) {
  await write(document);
  const parsed = parseAnalysis(`source: { type: file, path: m.json }\nmetrics:\n${metrics}`, { mode: 'canary' });
  if (!parsed.ok) throw parsed.error;
  const source = createMetricSource(parsed.value.source, { workspace: dir, env: {} });
  if (!source.ok) throw new Error(source.error.message);
  return createSampleReader({ config: parsed.value, source: source.value }, { workspace: dir, intervalMs: 1_000, version: 'v2' });
}
const write = (document: unknown) => writeFile(path.join(dir, 'm.json'), typeof document === 'string' ? document : JSON.stringify(document));
const NOW = new Date('2026-03-03T10:00:00Z');
const RATIO = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5% }';
const RELATIVE = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max-increase: 50% }';

describe('counts that cannot be believed are malformed, naming file, section and index', () => {
  it('more errors than requests in a flat document', async () => {
    const reader = await readerFor(RATIO, { interval: '1m', requests: [100, 10], errors: [1, 12] });
    expect(await reader.read(NOW)).toEqual({
      'error-rate': { ok: false, fault: { kind: 'malformed', message: 'm.json (flat document): metric `error-rate`: `errors`[1] (12) exceeds `requests`[1] (10); a ratio of counts is at most 1' } },
    });
  });

  it('a negative count in the baseline, at its series index, after earlier samples were taken', async () => {
    const reader = await readerFor(RELATIVE, { interval: '1m', canary: { requests: [100], errors: [1] }, baseline: { requests: [100], errors: [1] } });
    expect((await reader.read(NOW))['error-rate']!.ok).toBe(true);
    await write({ interval: '1m', canary: { requests: [100, 100], errors: [1, 2] }, baseline: { requests: [100, -100], errors: [1, 2] } });
    expect(await reader.read(NOW)).toEqual({
      'error-rate': { ok: false, fault: { kind: 'malformed', message: 'm.json (baseline): metric `error-rate`: `requests`[1] is -100; a count cannot be negative' } },
    });
  });

  it('a document that does not parse is read once more before it is malformed, named by its path as written', async () => {
    const reader = await readerFor(RATIO, '{"interval": "1m", "requests": [100');
    const reads = await reader.read(NOW);
    expect(reads['error-rate']).toMatchObject({ ok: false, fault: { kind: 'malformed', message: expect.stringMatching(/^m\.json:\d+:\d+: not valid JSON: expected /) } });
  });
});

describe('empty numerators', () => {
  it('an empty numerator beside live requests is zero errors by default', async () => {
    const reader = await readerFor(RATIO, { interval: '1m', requests: [100, 100], errors: [] });
    expect((await reader.read(NOW))['error-rate']).toEqual({ ok: true, value: { watched: { numerator: [0, 0], denominator: [100, 100] }, baseline: null, intervalMs: 60_000 } });
  });

  it('no data under empty-numerator: nodata', async () => {
    const reader = await readerFor('  error-rate: { ratio: { numerator: errors, denominator: requests, empty-numerator: nodata }, max: 5% }', { interval: '1m', requests: [100], errors: [] });
    expect((await reader.read(NOW))['error-rate']).toMatchObject({ ok: true, value: { watched: { numerator: [Number.NaN], denominator: [100] } } });
  });
});

describe('the baseline is read at the watched samples’ indices', () => {
  it('a baseline that lags is a gap for those intervals, and its late samples are not paired with later ones', async () => {
    const reader = await readerFor(RELATIVE, { interval: '1m', canary: { requests: [100, 100, 100], errors: [1, 2, 3] }, baseline: { requests: [100], errors: [1] } });
    expect((await reader.read(NOW))['error-rate']).toMatchObject({ ok: true, value: { baseline: { numerator: [1, Number.NaN, Number.NaN], denominator: [100, Number.NaN, Number.NaN] } } });
    await write({ interval: '1m', canary: { requests: [100, 100, 100, 100], errors: [1, 2, 3, 4] }, baseline: { requests: [100, 100, 100, 100], errors: [1, 5, 6, 7] } });
    expect((await reader.read(NOW))['error-rate']).toMatchObject({ ok: true, value: { watched: { numerator: [4], denominator: [100] }, baseline: { numerator: [7], denominator: [100] } } });
  });
});
