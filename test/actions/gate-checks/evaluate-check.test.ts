import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckType, Measured } from '../../../src/actions/gate-checks/check-type.js';
import { evaluateCheck } from '../../../src/actions/gate-checks/evaluate-check.js';

// Literal check types: what evaluateCheck does with what a type returns.
const ENV: CheckEnvironment = { workspace: '/tmp', now: new Date('2026-11-24T10:00:00Z'), override: false, env: {} };
const typeReturning = (measured: Measured, overrides: Partial<CheckType> = {}): CheckType => ({
  type: 'fake',
  measures: { value: 'number' },
  keys: [],
  needsPath: false,
  judgement: 'own',
  measure: async () => ({ ok: true, value: measured }),
  ...overrides,
});
const spec = (entry: Record<string, unknown> = {}) => ({ name: 'x', type: 'fake', level: 'required' as const, entry: { type: 'fake', ...entry } });

describe('evaluateCheck: nothing judged is not a pass', () => {
  it('a check that ends with no comparison and no verdict is nodata', async () => {
    const { report } = await evaluateCheck(spec(), typeReturning({ measurements: { value: 1 }, samples: 1, evidence: {} }), ENV);
    expect(report).toMatchObject({ status: 'nodata', message: 'nothing judged: no threshold applies and the type gives no verdict of its own' });
  });

  it('a threshold type with no threshold and no default is an error, should the policy reader be skipped', async () => {
    const type = typeReturning({ measurements: { value: 1 }, samples: 1, evidence: {} }, { judgement: 'thresholds', thresholdExample: 'max: 1' });
    const { report } = await evaluateCheck(spec(), type, ENV);
    expect(report).toMatchObject({ status: 'error', message: expect.stringMatching(/^check `x`: a fake check with no threshold judges nothing/) });
  });

  it('compares the exact value a type gives, not its double', async () => {
    // 0.1 + 0.2 is 0.30000000000000004 as a double, above max: 0.3; the exact sum is 3/10.
    const type = typeReturning({ measurements: { value: 0.1 + 0.2 }, exact: { value: { n: 3n, d: 10n } }, samples: 2, evidence: {} });
    expect((await evaluateCheck(spec({ max: 0.3 }), type, ENV)).report.status).toBe('pass');
    const inexact = typeReturning({ measurements: { value: 0.1 + 0.2 }, samples: 2, evidence: {} });
    expect((await evaluateCheck(spec({ max: 0.3 }), inexact, ENV)).report.status).toBe('fail');
  });

  it('writes no exact value into the report (BigInt does not serialize)', async () => {
    const type = typeReturning({ measurements: { value: 0.5 }, exact: { value: { n: 1n, d: 2n } }, samples: 1, evidence: {} });
    const { report } = await evaluateCheck(spec({ max: 1 }), type, ENV);
    expect(() => JSON.stringify(report)).not.toThrow();
  });
});
