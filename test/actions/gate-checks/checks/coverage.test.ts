import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { coverageCheck } from '../../../../src/actions/gate-checks/checks/coverage.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'coverage', type: 'coverage', level: 'required', entry: { type: 'coverage', ...entry } });
const ENV: CheckEnvironment = { workspace: REPO_ROOT, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
const SUMMARY = 'test/fixtures/coverage/vitest-coverage-summary.json';

describe('coverage check', () => {
  it('passes when every minimum is met, showing each comparison', async () => {
    const { report } = await evaluateCheck(spec({ path: SUMMARY, 'min-lines': 15, 'min-functions': '60%' }), coverageCheck, ENV);
    expect(report).toMatchObject({
      status: 'pass',
      value: 20,
      threshold: 15,
      unit: '%',
      samples: 3,
      message: 'lines 20% >= min-lines 15%; functions 66.67% >= min-functions 60%',
    });
    // The ratio of the counts (4 of 6 functions is 66.666…%), not istanbul's floored 66.66.
    expect(report.evidence.measurements).toEqual({ lines: 20, branches: 10, functions: 200 / 3, statements: 500 / 19 });
  });

  it('fails below a minimum and lists the least-covered files', async () => {
    const { report } = await evaluateCheck(spec({ path: SUMMARY, 'min-lines': 80, 'min-branches': 5 }), coverageCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 20, threshold: 80, unit: '%', message: 'lines 20% < min-lines 80%' });
    expect(report.evidence.reports).toEqual([SUMMARY]);
    expect(report.evidence.leastCovered).toEqual([
      { file: '/tmp/rg-cov-shop/src/legacy.js', lines: '0/5 (0%)', branches: '0/2 (0%)', functions: '0/1 (0%)', statements: '0/6 (0%)' },
      { file: '/tmp/rg-cov-shop/src/discount.js', lines: '1/8 (12.5%)', branches: '1/8 (12.5%)', functions: '1/2 (50%)', statements: '2/10 (20%)' },
      { file: '/tmp/rg-cov-shop/src/cart.js', lines: '2/2 (100%)', branches: '0/0', functions: '3/3 (100%)', statements: '3/3 (100%)' },
    ]);
  });

  it('reads lcov.info, using lines for statements and saying so', async () => {
    const { report } = await evaluateCheck(spec({ path: 'test/fixtures/coverage/vitest-lcov.info', 'min-statements': 25 }), coverageCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 20, threshold: 25, message: 'statements 20% < min-statements 25%' });
    expect(report.evidence.notes).toEqual(['lcov has no statement counts; statements are the line counts (LF/LH)']);
  });

  it('has no data, rather than 0% or 100%, for an empty report', async () => {
    const { report } = await evaluateCheck(spec({ path: 'test/fixtures/coverage/vitest-empty-coverage-summary.json', 'min-lines': 80 }), coverageCheck, ENV);
    expect(report).toMatchObject({ status: 'nodata', value: null, threshold: 80, samples: 0, message: 'lines: no data (min-lines 80%)' });
  });

  it('fails when the report is missing', async () => {
    const { report } = await evaluateCheck(spec({ path: 'test/fixtures/coverage/nope.json', 'min-lines': 80 }), coverageCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: null, threshold: null, message: 'file not found: test/fixtures/coverage/nope.json' });
  });

  it('is an error when the file is not a coverage report', async () => {
    const { report } = await evaluateCheck(spec({ path: 'test/fixtures/npm-audit/npm-none.npm7-output.json', 'min-lines': 80 }), coverageCheck, ENV);
    expect(report).toMatchObject({
      status: 'error',
      value: null,
      threshold: null,
      message: 'test/fixtures/npm-audit/npm-none.npm7-output.json has no `total` with lines, statements, functions and branches',
    });
  });

  describe('exact percentages from the counts, validated', () => {
    const summaryOf = async (lines: { covered: number; total: number; pct?: unknown }) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-cov-check-'));
      const other = { covered: 1, total: 1, pct: 100 };
      await writeFile(path.join(dir, 'summary.json'), JSON.stringify({ total: { lines, statements: other, functions: other, branches: other } }));
      return { ...ENV, workspace: dir };
    };

    it('7 of 1000 lines uncovered meets min-lines: 99.3 exactly', async () => {
      const env = await summaryOf({ covered: 993, total: 1000, pct: 99.3 });
      expect((await evaluateCheck(spec({ path: 'summary.json', 'min-lines': 99.3 }), coverageCheck, env)).report).toMatchObject({ status: 'pass', value: 99.3 });
      const below = await summaryOf({ covered: 992, total: 1000, pct: 99.2 });
      expect((await evaluateCheck(spec({ path: 'summary.json', 'min-lines': 99.3 }), coverageCheck, below)).report.status).toBe('fail');
    });

    it("holds the counts' ratio, not istanbul's floored pct: 2 of 3 lines meets min-lines: 66.666", async () => {
      // istanbul writes 66.66, below the threshold; the coverage is 66.666…%, above it.
      const env = await summaryOf({ covered: 2, total: 3, pct: 66.66 });
      expect((await evaluateCheck(spec({ path: 'summary.json', 'min-lines': 66.666 }), coverageCheck, env)).report.status).toBe('pass');
    });

    it('covered > total is an error naming the file and field, never a pass', async () => {
      const env = await summaryOf({ covered: 1200, total: 1000, pct: 100 });
      expect((await evaluateCheck(spec({ path: 'summary.json', 'min-lines': 80 }), coverageCheck, env)).report).toMatchObject({
        status: 'error',
        message: 'summary.json: total.lines has covered 1200 > total 1000',
      });
    });

    it('a written pct the counts do not support is an error', async () => {
      const env = await summaryOf({ covered: 10, total: 1000, pct: 99 });
      expect((await evaluateCheck(spec({ path: 'summary.json', 'min-lines': 80 }), coverageCheck, env)).report).toMatchObject({ status: 'error', message: expect.stringMatching(/pct 99 disagrees with covered 10 of total 1000/) });
    });

    it('a coverage check with no threshold judges nothing: an error, never a pass', async () => {
      const { report } = await evaluateCheck(spec({ path: SUMMARY }), coverageCheck, ENV);
      expect(report).toMatchObject({ status: 'error', message: expect.stringMatching(/^check `coverage`: a coverage check with no threshold judges nothing/) });
    });
  });
});
