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

  it('keeps the last ceil(window / interval) samples', async () => {
    const source = sourceFor('canary.json');
    expect(await source.query(query('errors', 'canary', 60_000))).toEqual({ ok: true, value: { values: [1], intervalMs: 60_000 } });
    expect(await source.query(query('errors', 'canary', 61_000))).toEqual({ ok: true, value: { values: [0, 1], intervalMs: 60_000 } });
    const staging = await sourceFor('staging.json').query(query('errors', null, 48 * 3_600_000));
    expect(staging.ok && staging.value.values.length).toBe(48);
    expect(staging.ok && staging.value.values.slice(0, 2)).toEqual([1, 0]);
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
      error: { kind: 'malformed', message: 'bad-series.json: `canary.requests[1]`: expected number, received string' },
    });
    expect(await sourceFor('bad-interval.json').query(query('requests', null))).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'bad-interval.json: `interval` must be the spacing of the samples such as "1m"; got "soon"' },
    });
    const notJson = await sourceFor('not-json.json').query(query('requests', null));
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.error.kind).toBe('malformed');
    expect(!notJson.ok && notJson.error.message).toMatch(/not-json\.json is not valid JSON: /);
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
