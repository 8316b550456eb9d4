import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLhciAssertions } from '../../../src/sources/lighthouse/lhci-assert.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

/** A real Lighthouse 12.8.2 run (test/fixtures/lighthouse/ORIGIN.md): it has no `performance-budget` audit, as no Lighthouse 12 run does. */
let lhr: Record<string, unknown> & { audits: Record<string, unknown> };
const URL_LIGHT = 'http://127.0.0.1:37215/light.html';
beforeAll(async () => {
  lhr = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/lighthouse/light-run1.report.json'), 'utf8')) as typeof lhr;
});

const results = (options: Parameters<typeof runLhciAssertions>[0], lhrs: object[] = [lhr]) => {
  const run = runLhciAssertions(options, lhrs, 'rc.json ci.assert');
  if (!run.ok) throw new Error(run.error);
  return run.value;
};

describe('runLhciAssertions: an assertion whose audit is missing never passes unseen', () => {
  it('LHCI itself fails an audit the runs lack with `auditRan`, at the assertion\'s level', () => {
    expect(results({ assertions: { 'not-a-real-audit': 'warn' } })).toEqual([
      expect.objectContaining({ name: 'auditRan', passed: false, level: 'warn', auditId: 'not-a-real-audit', message: '"not-a-real-audit" is not a known audit.' }),
    ]);
  });

  it('adds the `auditRan` failure LHCI leaves out for `performance-budget`, which it reads only from over-budget rows', () => {
    expect(results({ assertions: { 'performance-budget': 'error', 'categories:performance': 'error' } })).toEqual([
      expect.objectContaining({ auditId: 'categories', auditProperty: 'performance', passed: true }),
      {
        name: 'auditRan',
        expected: 1,
        actual: 0,
        values: [0],
        operator: '>=',
        passed: false,
        auditId: 'performance-budget',
        level: 'error',
        url: URL_LIGHT,
        message: '"performance-budget" is not in these results (Lighthouse 12 has no budget audit); give the budget.json as input `budget-path` instead',
      },
    ]);
    expect(results({ assertions: { performanceBudget: ['warn', {}] } })).toEqual([expect.objectContaining({ auditId: 'performance-budget', level: 'warn', passed: false })]);
  });

  it('adds nothing where the assertion is off, where its URL pattern leaves the page out, or where the audit is there', () => {
    expect(results({ assertions: { 'performance-budget': 'off', 'categories:seo': 'error' } }).map((r) => r.auditId)).toEqual(['categories']);
    expect(results({ assertMatrix: [{ matchingUrlPattern: 'checkout', assertions: { 'performance-budget': 'error' } }, { assertions: { 'categories:seo': 'error' } }] }).map((r) => r.auditId)).toEqual(['categories']);
    const withBudgets = { ...lhr, audits: { ...lhr.audits, 'performance-budget': { id: 'performance-budget', score: null, scoreDisplayMode: 'informative', details: { type: 'table', items: [] } } } };
    expect(results({ assertions: { 'performance-budget': 'error' } }, [withBudgets])).toEqual([]);
  });
});
