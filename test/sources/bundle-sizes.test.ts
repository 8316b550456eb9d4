import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baselineGzipBytes,
  largestFiles,
  measureFiles,
  percentIncrease,
  readBaseline,
  sizesOf,
  totalSizes,
} from '../../src/sources/bundle-sizes.js';
import { APP, CSS, VENDOR, writeDist } from '../fixtures/bundle/generate/write-dist.js';
import { reportSchemaErrors } from '../support/report-schema.js';
import { REPO_ROOT } from '../support/run-bundle.js';

const BASELINE = path.join(REPO_ROOT, 'test/fixtures/bundle/baseline-report.json');

describe('sizesOf', () => {
  it('measures raw, gzip level 9 and brotli quality 11 sizes', () => {
    expect(sizesOf(APP)).toEqual({ bytes: 10400, gzipBytes: 91, brotliBytes: 46 });
    expect(sizesOf(VENDOR)).toEqual({ bytes: 4096, gzipBytes: 4119, brotliBytes: 4100 });
    expect(sizesOf(CSS)).toEqual({ bytes: 2000, gzipBytes: 62, brotliBytes: 35 });
  });

  it('gives an empty file its compression framing only', () => {
    expect(sizesOf(new Uint8Array(0))).toEqual({ bytes: 0, gzipBytes: 20, brotliBytes: 1 });
  });
});

describe('totals, largest files and growth', () => {
  const files = [
    { file: 'a.js', bytes: 100, gzipBytes: 40, brotliBytes: 30 },
    { file: 'b.js', bytes: 300, gzipBytes: 40, brotliBytes: 35 },
    { file: 'c.js', bytes: 50, gzipBytes: 45, brotliBytes: 44 },
  ];

  it('sums sizes', () => {
    expect(totalSizes(files)).toEqual({ bytes: 450, gzipBytes: 125, brotliBytes: 109 });
    expect(totalSizes([])).toEqual({ bytes: 0, gzipBytes: 0, brotliBytes: 0 });
  });

  it('orders by gzip size, raw size breaking ties, and keeps the limit', () => {
    expect(largestFiles(files).map((f) => f.file)).toEqual(['c.js', 'b.js', 'a.js']);
    expect(largestFiles(files, 1).map((f) => f.file)).toEqual(['c.js']);
  });

  it('computes growth in percent, with none from zero', () => {
    expect(percentIncrease(4272, 3560)).toBe(20);
    expect(percentIncrease(3000, 4000)).toBe(-25);
    expect(percentIncrease(10, 0)).toBeNull();
  });
});

describe('baseline reports', () => {
  it('the baseline fixture is a valid gate-checks report', async () => {
    expect(reportSchemaErrors(JSON.parse(await readFile(BASELINE, 'utf8')))).toEqual([]);
  });

  it('finds the gzip bytes of the same-named bundle-size check', async () => {
    expect(await readBaseline(BASELINE, REPO_ROOT, 'bundle')).toEqual({ ok: true, value: { gzipBytes: 3560, reason: null } });
  });

  it('has no data, with the reason, for another name, a missing measurement or a missing file', async () => {
    expect(await readBaseline('test/fixtures/bundle/baseline-report.json', REPO_ROOT, 'vendor-bundle')).toEqual({
      ok: true,
      value: { gzipBytes: null, reason: 'test/fixtures/bundle/baseline-report.json has no bundle-size check named "vendor-bundle"' },
    });
    const report = { checks: [{ name: 'bundle', type: 'bundle-size', evidence: {} }] };
    expect(baselineGzipBytes(report, 'bundle', 'old.json')).toEqual({ ok: true, value: { gzipBytes: null, reason: 'old.json: check "bundle" has no gzip-bytes measurement' } });
    expect(await readBaseline('absent/report.json', REPO_ROOT, 'bundle')).toEqual({ ok: true, value: { gzipBytes: null, reason: 'baseline report not found: absent/report.json' } });
  });

  it('is malformed when the baseline is not a rollout-guard report or not JSON', async () => {
    expect(await readBaseline('test/fixtures/npm-audit/npm-none.npm7-output.json', REPO_ROOT, 'bundle')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'baseline test/fixtures/npm-audit/npm-none.npm7-output.json is not a rollout-guard report (no `checks` list)' },
    });
    const broken = await readBaseline('test/fixtures/coverage/vitest-lcov.info', REPO_ROOT, 'bundle');
    expect(broken).toEqual({ ok: false, error: { kind: 'malformed', message: 'baseline test/fixtures/coverage/vitest-lcov.info:1:1: not valid JSON: expected a value' } });
  });

  it('is malformed when the baseline size is negative, fractional or not a number; absent is no data', () => {
    const report = (gzip: unknown) => ({ checks: [{ name: 'bundle', type: 'bundle-size', evidence: { measurements: { 'gzip-bytes': gzip } } }] });
    const problem = 'base.json: check "bundle" has a gzip-bytes measurement that is not a whole number of bytes ≥ 0';
    for (const bad of [-5000, 12.5, '5000', Number.POSITIVE_INFINITY]) expect(baselineGzipBytes(report(bad), 'bundle', 'base.json')).toEqual({ ok: false, error: problem });
    expect(baselineGzipBytes(report(null), 'bundle', 'base.json')).toEqual({ ok: true, value: { gzipBytes: null, reason: 'base.json: check "bundle" has no gzip-bytes measurement' } });
    expect(baselineGzipBytes(report(5000), 'bundle', 'base.json')).toEqual({ ok: true, value: { gzipBytes: 5000, reason: null } });
  });
});

describe('measureFiles', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-bundle-'));
    await writeDist(workspace);
  });
  afterAll(() => rm(workspace, { recursive: true, force: true }));

  it('measures every file a glob matches, by workspace-relative name', async () => {
    expect(await measureFiles(['dist/**/*.js'], workspace)).toEqual({
      ok: true,
      value: [
        { file: 'dist/assets/app.js', bytes: 10400, gzipBytes: 91, brotliBytes: 46 },
        { file: 'dist/assets/vendor.js', bytes: 4096, gzipBytes: 4119, brotliBytes: 4100 },
      ],
    });
  });

  it('reads a folder as everything under it, and `!` excludes', async () => {
    const result = await measureFiles(['dist', '!**/*.map'], workspace);
    expect(result.ok && result.value.map((f) => f.file)).toEqual(['dist/assets/app.js', 'dist/assets/vendor.js', 'dist/styles.css']);
  });

  it('is missing when nothing matches', async () => {
    expect(await measureFiles(['build/**/*.js'], workspace)).toEqual({ ok: false, error: { kind: 'missing', message: 'no file matches build/**/*.js' } });
  });
});
