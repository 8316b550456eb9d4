import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource, parseSampleDocument } from '../../../src/sources/metrics/file.js';
import type { MetricQuery } from '../../../src/sources/metrics/metric-source.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const context = { workspace: path.join(REPO_ROOT, 'test/fixtures/metrics'), env: {} };
const NOW = new Date('2026-11-24T10:00:00Z');
const query = (series: string, variant: MetricQuery['variant'], windowMs = 3_600_000): MetricQuery => ({ series, variant, windowMs, now: NOW });

function sourceFor(file: string) {
  const source = fileSource.create({ type: 'file', path: file }, context);
  if (!source.ok) throw new Error(source.error.message);
  return source.value;
}

describe('file metric source', () => {
  it('reads a series of one variant, oldest first, with its interval', async () => {
    const source = sourceFor('canary.json');
    expect(source.kind).toBe('file');
    expect(source.where).toBe('canary.json');
    expect(await source.query(query('latency_ms', 'canary'))).toEqual({ ok: true, value: { values: [215, 230], intervalMs: 60_000 } });
    expect(await source.query(query('requests', 'baseline'))).toEqual({ ok: true, value: { values: [1200, 1180], intervalMs: 60_000 } });
  });

  it('counts every interval of a document without timestamps, whatever the window: it is the data of the step judged', async () => {
    const source = sourceFor('canary.json');
    // A tick with bake-time 0s asks for one interval; the file's two samples are both the step's.
    expect(await source.query(query('errors', 'canary', 60_000))).toEqual({ ok: true, value: { values: [0, 1], intervalMs: 60_000 } });
    expect(await source.query(query('errors', 'canary', 1))).toEqual({ ok: true, value: { values: [0, 1], intervalMs: 60_000 } });
    // staging.json has a `start`: its 48 h window holds 48 of its 50 hours.
    const staging = await sourceFor('staging.json').query(query('errors', null, 48 * 3_600_000));
    expect(staging.ok && staging.value.values.length).toBe(48);
  });

  it('places samples in time when the document gives a start, and takes those whose interval ends in the window', async () => {
    const { parseSampleDocument } = await import('../../../src/sources/metrics/file.js');
    const document = { interval: '1m', start: '2026-11-24T09:57:00Z', errors: [1, 2, 3, 4, 5] };
    expect(parseSampleDocument(document, 'timed.json')).toMatchObject({ ok: true, value: { startMs: Date.parse('2026-11-24T09:57:00Z') } });
    const dir = await import('node:fs/promises').then((fs) => fs.mkdtemp(path.join((process.env.TMPDIR ?? '/tmp'), 'rg-file-source-')));
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(dir, 'timed.json'), JSON.stringify(document)));
    const timed = fileSource.create({ type: 'file', path: 'timed.json' }, { workspace: dir, env: {} });
    if (!timed.ok) throw new Error(timed.error.message);
    // Intervals end at 09:58, 09:59, 10:00, 10:01, 10:02: at 10:00 the last two are still in the future.
    expect(await timed.value.query(query('errors', null, 120_000))).toEqual({ ok: true, value: { values: [2, 3], intervalMs: 60_000 } });
    expect(await timed.value.query(query('errors', null, 3_600_000))).toEqual({ ok: true, value: { values: [1, 2, 3], intervalMs: 60_000 } });
    expect(parseSampleDocument({ ...document, start: 'yesterday' }, 'timed.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'timed.json: `start`: must be an ISO-8601 time such as "2026-11-24T10:00:00Z"' },
    });
  });

  it('keeps an overflowing number (1e400 in JSON) as +∞, a finding, in a series', async () => {
    const { parseSampleDocument } = await import('../../../src/sources/metrics/file.js');
    expect(parseSampleDocument(JSON.parse('{"interval":"1m","latency_ms":[200,1e400]}'), 'x.json')).toMatchObject({ ok: true, value: { sections: { live: { latency_ms: [200, Infinity] } } } });
  });

  it('reads a flat document as the one live version', async () => {
    const result = await sourceFor('no-traffic.json').query(query('requests', null));
    expect(result).toEqual({ ok: true, value: { values: [0, 0, 0], intervalMs: 60_000 } });
  });

  it('names the variant and series a query asks for that the document lacks', async () => {
    expect(await sourceFor('canary.json').query(query('cpu', 'canary'))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'canary.json (canary) has no series `cpu`; it has requests, errors, latency_ms' },
    });
    expect(await sourceFor('canary.json').query(query('errors', null))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'canary.json has baseline/canary sections; set `variant` to baseline or canary' },
    });
    expect(await sourceFor('staging.json').query(query('errors', 'canary'))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'staging.json is a flat document of one live version; remove `variant` or add a `canary` section' },
    });
  });

  it('is a missing fault for an absent file', async () => {
    expect(await sourceFor('nope.json').query(query('errors', null))).toEqual({ ok: false, error: { kind: 'missing', message: 'metrics file not found: nope.json' } });
  });

  it('names the first bad field of a malformed document', async () => {
    expect(await sourceFor('bad-series.json').query(query('requests', 'canary'))).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'bad-series.json: `canary.requests[1]`: expected a number' },
    });
    expect(await sourceFor('bad-interval.json').query(query('requests', null))).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'bad-interval.json: `interval` must be the spacing of the samples such as "1m" (at most 24d20h31m23s); got "soon"' },
    });
    const notJson = await sourceFor('not-json.json').query(query('requests', null));
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.error.kind).toBe('malformed');
    expect(!notJson.ok && notJson.error.message).toMatch(/not-json\.json:\d+:\d+: not valid JSON: expected /);
  });

  it('rejects a document without an interval', async () => {
    const { parseSampleDocument } = await import('../../../src/sources/metrics/file.js');
    expect(parseSampleDocument({ requests: [1] }, 'x.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'x.json: `interval`: is missing; give the spacing of the samples such as "1m"' },
    });
    expect(parseSampleDocument([], 'x.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'x.json: expected object, received array' } });
  });
});

/** A source over `document` written to a fresh folder. */
async function sourceOfDocument(document: unknown) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-file-histogram-'));
  await writeFile(path.join(dir, 'h.json'), JSON.stringify(document));
  const source = fileSource.create({ type: 'file', path: 'h.json' }, { workspace: dir, env: {} });
  if (!source.ok) throw new Error(source.error.message);
  return source.value;
}

describe('file metric source: histograms', () => {
  it('reads a variant’s buckets ascending by bound, however the bound is spelled, with the interval', async () => {
    const source = sourceFor('histogram.json');
    expect(await source.queryHistogram!(query('latency_seconds', 'canary'))).toEqual({
      ok: true,
      value: {
        buckets: [
          { le: 0.1, values: [4, 5] },
          { le: 0.25, values: [6, 8] },
          { le: 1, values: [9, 12] },
          { le: Infinity, values: [10, 12] },
        ],
        intervalMs: 60_000,
      },
    });
    const baseline = await source.queryHistogram!(query('latency_seconds', 'baseline'));
    expect(baseline.ok && baseline.value.buckets.map(({ le }) => le)).toEqual([0.1, 0.25, 1, Infinity]);
    // The series beside the histogram reads as before.
    expect(await source.query(query('requests', 'canary'))).toEqual({ ok: true, value: { values: [10, 12], intervalMs: 60_000 } });
  });

  it('reads a flat document’s histogram, and with a start slices every bucket to the window', async () => {
    const source = await sourceOfDocument({ interval: '1m', start: '2026-11-24T09:57:00Z', latency: { Inf: [5, 6, 7, 8], '1e-3': [1, 2, 3, 4] } });
    // Intervals end at 09:58, 09:59, 10:00, 10:01: a 2-minute window at 10:00 holds the second and third.
    expect(await source.queryHistogram!(query('latency', null, 120_000))).toEqual({
      ok: true,
      value: { buckets: [{ le: 0.001, values: [2, 3] }, { le: Infinity, values: [6, 7] }], intervalMs: 60_000 },
    });
  });

  it('tells a histogram read as a series, and a series read as a histogram, apart from a missing name', async () => {
    const source = sourceFor('histogram.json');
    expect(await source.query(query('latency_seconds', 'canary'))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'histogram.json (canary): `latency_seconds` is a histogram (buckets by upper bound), not one series; use `histogram:` in the metric' },
    });
    expect(await source.queryHistogram!(query('requests', 'baseline'))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'histogram.json (baseline): `requests` is one series, not a histogram\'s buckets; give it as {"0.1": [...], "+Inf": [...]}, or read it as a series' },
    });
    expect(await source.queryHistogram!(query('latency_ms', 'canary'))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'histogram.json (canary) has no series `latency_ms`; it has requests, latency_seconds' },
    });
    expect(await source.queryHistogram!(query('latency_seconds', null))).toEqual({
      ok: false,
      error: { kind: 'config', message: 'histogram.json has baseline/canary sections; set `variant` to baseline or canary' },
    });
  });

  it('names the file, variant and key of a malformed histogram', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ canary: { latency: { '0.1': [1], fast: [2] } } }, '`canary.latency`: bucket "fast" is not an upper bound; keys are numbers such as "0.25", or "+Inf"'],
      [{ canary: { latency: { '': [1] } } }, '`canary.latency`: bucket "" is not an upper bound; keys are numbers such as "0.25", or "+Inf"'],
      [{ baseline: { latency: { NaN: [1] } } }, '`baseline.latency`: bucket "NaN" is not an upper bound; keys are numbers such as "0.25", or "+Inf"'],
      [{ canary: { latency: { '0.1': [1, 2], '+Inf': [3] } } }, '`canary.latency`: buckets must be of one length; "0.1" has 2 values, "+Inf" has 1'],
      [{ canary: { latency: { '0.1': [1, 'x'], '+Inf': [3, 4] } } }, '`canary.latency["0.1"][1]`: expected a number'],
      [{ canary: { latency: { '+Inf': 3 } } }, '`canary.latency["+Inf"]`: expected array, received number'],
      [{ canary: { latency: { '1': [1], '1.0': [1] } } }, '`canary.latency`: buckets "1" and "1.0" are one bound; keep one'],
      [{ canary: { latency: {} } }, '`canary.latency`: a histogram needs buckets such as {"0.1": [...], "+Inf": [...]}; got {}'],
      [{ canary: { latency: 'fast' } }, '`canary.latency`: expected an array of numbers, or a histogram\'s buckets such as {"0.1": [...], "+Inf": [...]}; got "fast"'],
      [{ latency: { '+Inf': [1], '-1e': [1] } }, '`latency`: bucket "-1e" is not an upper bound; keys are numbers such as "0.25", or "+Inf"'],
      [{ latency: null }, '`latency`: expected an array of numbers, or a histogram\'s buckets such as {"0.1": [...], "+Inf": [...]}; got null'],
    ];
    for (const [sections, message] of cases) {
      expect(parseSampleDocument({ interval: '1m', ...sections }, 'h.json')).toEqual({ ok: false, error: { kind: 'malformed', message: `h.json: ${message}` } });
    }
  });
});
