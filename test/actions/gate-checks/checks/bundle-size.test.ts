import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { bundleSizeCheck } from '../../../../src/actions/gate-checks/checks/bundle-size.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { writeDist } from '../../../fixtures/bundle/generate/write-dist.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

// The build is written into a temporary workspace (see write-dist.ts), so the
// workspace here is that folder, and the committed baseline is given by its absolute path.
const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'bundle', type: 'bundle-size', level: 'required', entry: { type: 'bundle-size', ...entry } });
const BASELINE = path.join(REPO_ROOT, 'test/fixtures/bundle/baseline-report.json');
const SHIPPED = ['dist', '!**/*.map'];
let env: CheckEnvironment;

beforeAll(async () => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-bundle-check-'));
  await writeDist(workspace);
  env = { workspace, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
});
afterAll(() => rm(env.workspace, { recursive: true, force: true }));

describe('bundle-size check', () => {
  it('passes within the budget and the allowed growth over the baseline', async () => {
    const { report } = await evaluateCheck(spec({ files: SHIPPED, 'max-gzip-bytes': '2MB', 'max-increase': 20, baseline: BASELINE }), bundleSizeCheck, env);
    expect(report).toMatchObject({
      status: 'pass',
      value: 4272,
      threshold: 2097152,
      unit: 'bytes',
      samples: 3,
      message: 'gzip-bytes 4.17 KB <= max-gzip-bytes 2 MB; increase 20% <= max-increase 20%',
    });
    expect(report.evidence.measurements).toEqual({ bytes: 16496, 'gzip-bytes': 4272, 'brotli-bytes': 4181, files: 3, increase: 20 });
    expect(report.evidence.baseline).toEqual({ path: BASELINE, gzipBytes: 3560 });
    expect(report.evidence.largest).toEqual([
      { file: 'dist/assets/vendor.js', bytes: 4096, gzipBytes: 4119, brotliBytes: 4100 },
      { file: 'dist/assets/app.js', bytes: 10400, gzipBytes: 91, brotliBytes: 46 },
      { file: 'dist/styles.css', bytes: 2000, gzipBytes: 62, brotliBytes: 35 },
    ]);
  });

  it('fails over a raw size budget written in KB', async () => {
    const { report } = await evaluateCheck(spec({ path: 'dist/**/*.js', 'max-bytes': '10KB' }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'fail', value: 14496, threshold: 10240, unit: 'bytes', samples: 2, message: 'bytes 14.16 KB > max-bytes 10 KB' });
  });

  it('fails when gzip bytes grew more than allowed', async () => {
    const { report } = await evaluateCheck(spec({ files: SHIPPED, 'max-increase': 10, baseline: BASELINE }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'fail', value: 20, threshold: 10, unit: '%', message: 'increase 20% > max-increase 10%' });
  });

  it('has no increase, and says why, when the baseline report is missing', async () => {
    const { report } = await evaluateCheck(spec({ files: SHIPPED, 'max-increase': 20, baseline: 'reports/previous.json' }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'nodata', value: null, threshold: 20, message: 'increase: no data (max-increase 20%)' });
    expect(report.evidence.baseline).toEqual({ path: 'reports/previous.json', gzipBytes: null, reason: 'baseline report not found: reports/previous.json' });
  });

  it('fails when no file matches', async () => {
    const { report } = await evaluateCheck(spec({ path: 'build/*.js', 'max-gzip-bytes': '2MB' }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'fail', value: null, threshold: null, message: 'no file matches build/*.js' });
  });

  it('is an error when the baseline is not a rollout-guard report', async () => {
    const audit = path.join(REPO_ROOT, 'test/fixtures/npm-audit/npm-none.npm7-output.json');
    const { report } = await evaluateCheck(spec({ files: SHIPPED, 'max-increase': 20, baseline: audit }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'error', value: null, threshold: null, message: `baseline ${audit} is not a rollout-guard report (no \`checks\` list)` });
  });

  it('is a config error with both or neither of path and files', async () => {
    const both = await evaluateCheck(spec({ path: 'dist', files: SHIPPED, 'max-bytes': '1MB' }), bundleSizeCheck, env);
    expect(both.report).toMatchObject({ status: 'error', message: 'check `bundle`: give `path` (one glob) or `files` (a list of globs), not both' });
    const neither = await evaluateCheck(spec({ 'max-bytes': '1MB' }), bundleSizeCheck, env);
    expect(neither.report.message).toBe('check `bundle`: set `path` to a glob such as "dist/**/*.js", or `files` to a list of globs');
  });

  it('holds growth exactly: 4272 gzip bytes over a baseline of 4000 is +6.8%, though doubles make it 6.800000000000001', async () => {
    const baseline = path.join(env.workspace, 'baseline-4000.json');
    await writeFile(baseline, JSON.stringify({ checks: [{ name: 'bundle', type: 'bundle-size', evidence: { measurements: { 'gzip-bytes': 4000 } } }] }));
    const { report } = await evaluateCheck(spec({ files: SHIPPED, 'max-increase': '6.8%', baseline }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'pass', message: 'increase 6.8% <= max-increase 6.8%' });
  });

  it('a baseline with a negative size is an error: growth from it would pass any max-increase', async () => {
    const baseline = path.join(env.workspace, 'baseline-negative.json');
    await writeFile(baseline, JSON.stringify({ checks: [{ name: 'bundle', type: 'bundle-size', evidence: { measurements: { 'gzip-bytes': -5000 } } }] }));
    const { report } = await evaluateCheck(spec({ files: SHIPPED, 'max-increase': 10, baseline }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'error', message: `baseline ${baseline}: check "bundle" has a gzip-bytes measurement that is not a whole number of bytes ≥ 0` });
  });

  it('a bundle-size check with no threshold judges nothing: an error, never a pass', async () => {
    const { report } = await evaluateCheck(spec({ files: SHIPPED }), bundleSizeCheck, env);
    expect(report).toMatchObject({ status: 'error', message: expect.stringMatching(/judges nothing.*`max-gzip-bytes: 500KB`/) });
  });
});
