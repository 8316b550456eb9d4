import { writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBudgetSets } from '../../../src/actions/lighthouse-budget/budgets.js';
import { evaluateRuns } from '../../../src/actions/lighthouse-budget/evaluate.js';
import { readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { formatMetric, renderBudgetMarkdown } from '../../../src/actions/lighthouse-budget/summary-markdown.js';
import { readResultRuns } from '../../../src/sources/lighthouse/lhr-run.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const HEAVY = 'test/fixtures/lighthouse-budget/heavy-mobile';

async function markdownFor(config: object, inputs: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lb-md-'));
  const file = path.join(dir, 'rc.json');
  await writeFile(file, JSON.stringify({ ci: { assert: config } }));
  const parsed = readBudgetInputs((name) => ({ 'results-path': HEAVY, config: file, ...inputs })[name] ?? '');
  const sets = await loadBudgetSets(parsed, REPO_ROOT);
  const read = await readResultRuns(HEAVY, REPO_ROOT, 'target');
  if (!read.ok) throw new Error(read.error.message);
  const evaluation = evaluateRuns(sets, { targets: read.value.runs, baselines: [], skipped: [] }, { kind: 'none' }, null);
  return renderBudgetMarkdown(evaluation, new Map(), 'Lighthouse (mobile)', 'the summary line', ['a note']);
}

describe('renderBudgetMarkdown', () => {
  it('shows the median, the spread, every budget on a metric and the value LHCI judged when it is not the median', async () => {
    const markdown = await markdownFor({
      assertions: {
        'largest-contentful-paint': ['error', { maxNumericValue: 4000 }],
        'first-contentful-paint': 'warn',
        'resource-summary:script:size': ['error', { maxNumericValue: 307200 }],
        'unused-javascript': ['warn', { maxLength: 0 }],
        'image-alt': 'error',
      },
    }, { 'max-lcp': '20s' });
    expect(markdown.split('\n').slice(0, 7)).toEqual(['### 🔴 Lighthouse (mobile): `fail`', '', 'the summary line', '', '> a note', '', '#### ❌ fail — http://127.0.0.1:45697/heavy.html']);
    // LHCI's default aggregation is optimistic (the best run); the simple input's is the median.
    expect(markdown).toContain('| Largest Contentful Paint | 18.3 s | 18.3 s – 18.31 s | ≤ 4 s (LHCI: 18.3 s); ≤ 20 s | — | — | ❌ fail |');
    expect(markdown).toContain('| First Contentful Paint | 6.68 s | 6.65 s – 6.69 s | warn score ≥ 0.9 | — | — | ⚠️ warn |');
    expect(markdown).toContain('Other assertions: 1 did not pass, 2 passed.');
    expect(markdown).toContain('- ❌ `resource-summary:script:size` — Resources Summary: maxNumericValue ≤ 300 KB, found 586.2 KB (runs: 586.2 KB, 586.2 KB, 586.2 KB)');
  });

  it('lists at most 20 failed assertions per URL and counts the rest', async () => {
    const assertions = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`no-such-audit-${i + 1}`, 'error']));
    const markdown = await markdownFor({ assertions });
    const listed = markdown.split('\n').filter((line) => /^- (❌|⚠️) `/.test(line));
    expect(listed).toHaveLength(20);
    expect(listed[0]).toBe('- ❌ `no-such-audit-1`: auditRan ≥ 1, found 0 (runs: 0, 0, 0) "no-such-audit-1" is not a known audit.');
    expect(markdown).toContain('Other assertions: 23 did not pass, 0 passed.');
    expect(markdown).toContain("\n- … and 3 more in the report's evidence\n");
  });
});

describe('formatMetric', () => {
  it('writes values as Lighthouse shows them', () => {
    expect(formatMetric('score', 0.456)).toBe('0.46');
    expect(formatMetric('ms', 999.6)).toBe('1000 ms');
    expect(formatMetric('ms', 2456)).toBe('2.46 s');
    expect(formatMetric('unitless', 0.08558)).toBe('0.086');
    expect(formatMetric('ms', null)).toBe('—');
    expect(formatMetric('score', Number.NaN)).toBe('—');
  });
});
