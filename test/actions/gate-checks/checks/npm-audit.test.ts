import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { npmAuditCheck } from '../../../../src/actions/gate-checks/checks/npm-audit.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'audit', type: 'npm-audit', level: 'required', entry: { type: 'npm-audit', ...entry } });
const ENV: CheckEnvironment = { workspace: REPO_ROOT, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
const DIR = 'test/fixtures/npm-audit';
const LIMITS = { 'max-critical': 0, 'max-high': 0 };

describe('npm-audit check', () => {
  it('passes a clean audit', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/npm-none.npm7-output.json`, ...LIMITS }), npmAuditCheck, ENV);
    expect(report).toMatchObject({ status: 'pass', value: 0, threshold: 0, unit: 'count', samples: 1, message: 'critical 0 <= max-critical 0; high 0 <= max-high 0' });
    expect(report.evidence.packages).toEqual({});
  });

  it('fails on high vulnerabilities, naming the packages', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/npm-allowlisted-path.npm7-output.json`, ...LIMITS }), npmAuditCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 3, threshold: 0, unit: 'count', message: 'high 3 > max-high 0' });
    expect(report.evidence.packages).toEqual({ high: ['axios', 'follow-redirects', 'github-build'] });
  });

  it('adds up several outputs matched by a glob', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/npm-*.npm7-output.json`, 'max-total': 10 }), npmAuditCheck, ENV);
    expect(report).toMatchObject({ status: 'pass', value: 6, threshold: 10, samples: 20, message: 'total 6 <= max-total 10' });
    expect(report.evidence.measurements).toEqual({ critical: 1, high: 4, moderate: 0, low: 1, info: 0, total: 6 });
    expect(report.evidence.reports).toHaveLength(5);
  });

  it('fails when the output is missing', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/absent.json`, ...LIMITS }), npmAuditCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: null, threshold: null, message: `file not found: ${DIR}/absent.json` });
  });

  it('is an error, naming npm\'s error code, when npm could not audit', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/npm11-error-enolock.json`, ...LIMITS }), npmAuditCheck, ENV);
    expect(report).toMatchObject({
      status: 'error',
      value: null,
      threshold: null,
      message: `${DIR}/npm11-error-enolock.json: npm audit failed (ENOLOCK); npm's error is in the file`,
    });
  });

  it('is an error, not a clean audit, when the registry refused', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/npm11-error-405.json`, ...LIMITS }), npmAuditCheck, ENV);
    expect(report.status).toBe('error');
    expect(report.message).toBe(`${DIR}/npm11-error-405.json: npm audit failed (HTTP 405); npm's error is in the file`);
  });

  it('with no thresholds, holds the audit to max-critical: 0 and max-high: 0, as npm audit --audit-level=high', async () => {
    const critical = await evaluateCheck(spec({ path: `${DIR}/npm-critical.npm7-output.json` }), npmAuditCheck, ENV);
    expect(critical.report).toMatchObject({ status: 'fail', value: 1, threshold: 0, message: 'critical 1 > max-critical (default) 0' });
    const high = await evaluateCheck(spec({ path: `${DIR}/npm-high.npm7-output.json` }), npmAuditCheck, ENV);
    expect(high.report).toMatchObject({ status: 'fail', message: 'high 1 > max-high (default) 0' });
    const low = await evaluateCheck(spec({ path: `${DIR}/npm-low.npm7-output.json` }), npmAuditCheck, ENV);
    expect(low.report).toMatchObject({ status: 'pass', message: 'critical 0 <= max-critical (default) 0; high 0 <= max-high (default) 0' });
  });

  it('any limit the policy sets replaces both defaults', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/npm-high.npm7-output.json`, 'max-critical': 0 }), npmAuditCheck, ENV);
    expect(report).toMatchObject({ status: 'pass', message: 'critical 0 <= max-critical 0' });
  });
});
