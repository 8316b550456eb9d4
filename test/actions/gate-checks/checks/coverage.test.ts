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
      message: 'lines 20% >= min-lines 15%; functions 66.66% >= min-functions 60%',
    });
    expect(report.evidence.measurements).toEqual({ lines: 20, branches: 10, functions: 66.66, statements: 26.31 });
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
});
