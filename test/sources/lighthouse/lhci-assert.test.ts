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

describe('runLhciAssertions: audits Lighthouse renamed after LHCI\'s own Lighthouse', () => {
  const idsOf = (results: { auditId?: string; auditProperty?: string }[]) => results.map((r) => r.auditId);

  it.each(['lighthouse:all', 'lighthouse:recommended', 'lighthouse:no-pwa'] as const)('%s judges its lcp-phases-insight and interaction-to-next-paint-insight on their renamed audits, never as not run', (preset) => {
    const all = results({ preset });
    expect(all.filter((r) => r.name === 'auditRan' && !r.passed)).toEqual([]);
    // The renamed audits' own results, under the ids the preset names (and LHCI's Lighthouse 12.6.1 writes).
    expect(all.find((r) => r.auditId === 'lcp-phases-insight')).toMatchObject({ name: 'minScore', values: [(lhr.audits['lcp-breakdown-insight'] as { score: number }).score], passed: true });
    // inp-breakdown-insight is not applicable to a load with no interaction: LHCI passes it, as it passes every not-applicable audit.
    expect(idsOf(all)).toContain('interaction-to-next-paint-insight');
  });

  it('a failing renamed audit fails under the former id; the LHR itself is not changed', () => {
    const failing = { ...lhr, audits: { ...lhr.audits, 'lcp-breakdown-insight': { ...(lhr.audits['lcp-breakdown-insight'] as object), score: 0, scoreDisplayMode: 'metricSavings' } } };
    expect(results({ assertions: { 'lcp-phases-insight': 'error' } }, [failing])).toEqual([expect.objectContaining({ auditId: 'lcp-phases-insight', name: 'minScore', actual: 0, passed: false, level: 'error' })]);
    expect(failing.audits).not.toHaveProperty('lcp-phases-insight');
  });

  it('results of a Lighthouse that writes the former id are judged on it, and the new id still asserts the new audit', () => {
    const former = { ...lhr, audits: { ...lhr.audits, 'lcp-phases-insight': { id: 'lcp-phases-insight', score: 0, scoreDisplayMode: 'metricSavings' } } };
    expect(results({ assertions: { 'lcp-phases-insight': 'error', 'lcp-breakdown-insight': 'error' } }, [former]).map((r) => [r.auditId, r.passed])).toEqual([
      ['lcp-phases-insight', false],
      ['lcp-breakdown-insight', true],
    ]);
  });

  it('an audit that is missing under both ids still fails as not run', () => {
    const { 'lcp-breakdown-insight': _gone, ...audits } = lhr.audits;
    expect(results({ assertions: { 'lcp-phases-insight': 'warn' } }, [{ ...lhr, audits }])).toEqual([expect.objectContaining({ name: 'auditRan', auditId: 'lcp-phases-insight', passed: false, level: 'warn' })]);
  });
});
