import { describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../support/report-schema.js';

const valid = {
  schemaVersion: 1,
  action: 'canary-promote',
  decision: 'hold',
  summary: 'bake time not over',
  startedAt: '2026-11-21T10:00:00.000Z',
  finishedAt: '2026-11-21T10:00:01.000Z',
  context: { repository: null, sha: null, ref: null, environment: 'production', runUrl: null },
  checks: [{ name: 'error-rate', type: 'ratio', status: 'inconclusive', level: 'required', value: 0.01, threshold: 0.05, unit: 'ratio', samples: 10, message: 'p=0.2', evidence: { pValue: 0.2 } }],
};

describe('report.schema.json', () => {
  it('accepts a well-formed report', () => {
    expect(reportSchemaErrors(valid)).toEqual([]);
  });

  it('rejects unknown decisions and statuses, missing fields and bad timestamps', () => {
    expect(reportSchemaErrors({ ...valid, decision: 'maybe' })).toEqual(['/decision must be equal to one of the allowed values']);
    expect(reportSchemaErrors({ ...valid, checks: [{ ...valid.checks[0], status: 'ok' }] })).toEqual(['/checks/0/status must be equal to one of the allowed values']);
    expect(reportSchemaErrors({ ...valid, startedAt: 'yesterday' })).toEqual(['/startedAt must match format "date-time"']);
    const { summary: _summary, ...withoutSummary } = valid;
    expect(reportSchemaErrors(withoutSummary)).toEqual(["/ must have required property 'summary'"]);
  });
});
