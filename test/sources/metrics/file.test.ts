import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../../src/sources/metrics/file.js';
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
