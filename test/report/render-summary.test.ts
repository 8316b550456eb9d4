import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { renderChecksTable, renderReportMarkdown } from '../../src/report/render-summary.js';

const report: Report = {
  schemaVersion: 1,
  action: 'gate-checks',
  decision: 'no-go',
  summary: '1 of 2 required checks did not pass: unit (fail)',
  startedAt: '2026-11-21T10:00:00.000Z',
  finishedAt: '2026-11-21T10:00:01.000Z',
  context: { repository: 'acme/shop', sha: 'abc', ref: 'refs/heads/main', environment: null, runUrl: null },
  checks: [
    { name: 'unit', type: 'junit', status: 'fail', level: 'required', value: 3, threshold: 0, unit: 'count', samples: 120, message: 'failed 3 > max-failed 0', evidence: {} },
    { name: 'bundle | main', type: 'bundle-size', status: 'pass', level: 'advisory', value: 1000, threshold: 2000, unit: 'bytes', samples: 4, message: 'ok\nfine', evidence: {} },
  ],
};

describe('renderReportMarkdown', () => {
  it('renders the decision, summary and one row per check with value and threshold', () => {
    const markdown = renderReportMarkdown(report, 'release gates');
    expect(markdown.split('\n').slice(0, 3)).toEqual(['### 🔴 release gates: `no-go`', '', '1 of 2 required checks did not pass: unit (fail)']);
    expect(markdown).toContain('| unit | junit | ❌ fail | 3 | 0 | 120 | failed 3 > max-failed 0 |');
  });

  it('escapes pipes and newlines so the table holds', () => {
    expect(renderChecksTable(report.checks)).toContain('| bundle \\| main | bundle-size | ✅ pass (advisory) | 1000 bytes | 2000 bytes | 4 | ok fine |');
  });
});
