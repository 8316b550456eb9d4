import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBudgetSets } from '../../../src/actions/lighthouse-budget/budgets.js';
import { type BaselineLookup, evaluateRuns } from '../../../src/actions/lighthouse-budget/evaluate.js';
import type { GatheredRuns } from '../../../src/actions/lighthouse-budget/gather.js';
import { type BudgetInputs, readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { scoresOutput, summarizeEvaluation } from '../../../src/actions/lighthouse-budget/report.js';
import { readResultRuns } from '../../../src/sources/lighthouse/lhr-run.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// Recorded real runs (ORIGIN.md in each folder): light desktop ×3 (port 37215),
// shift desktop ×2 and heavy mobile ×3 (port 45697).
const LIGHT = 'test/fixtures/lighthouse/light-run*.report.json';
const SHIFT = 'test/fixtures/lighthouse-budget/shift-desktop';
const HEAVY = 'test/fixtures/lighthouse-budget/heavy-mobile';

async function runs(pattern: string, role: 'target' | 'baseline') {
  const read = await readResultRuns(pattern, REPO_ROOT, role);
  if (!read.ok) throw new Error(read.error.message);
  return read.value.runs;
}

async function evaluate(inputs: Record<string, string>, targets: string, baselines?: string) {
  const parsed: BudgetInputs = readBudgetInputs((name) => inputs[name] ?? '');
  const sets = await loadBudgetSets(parsed, REPO_ROOT);
  const gathered: GatheredRuns = { targets: await runs(targets, 'target'), baselines: baselines ? await runs(baselines, 'baseline') : [], skipped: [] };
  const lookup: BaselineLookup = baselines ? { kind: 'results' } : { kind: 'none' };
  return evaluateRuns(sets, gathered, lookup, parsed.maxRegression);
}

describe('baseline regression on recorded runs', () => {
  it('fails a layout shift that the absolute budget lets through', async () => {
    const evaluation = await evaluate({ 'results-path': SHIFT, 'min-performance': '0.9', 'max-cls': '0.1', 'baseline-results-path': 'light', 'max-regression': '20%' }, SHIFT, LIGHT);
    const [shift] = evaluation.details;
    expect(shift!.verdict).toMatchObject({ status: 'fail', failed: [], regressed: ['regression:cumulative-layout-shift'] });
    expect(shift!.verdict.message).toBe('cumulative-layout-shift rose from a baseline of 0 against the baseline (allowed 20%)');
    expect(shift!.baseline).toMatchObject({ url: 'http://127.0.0.1:37215/light.html', summary: { runs: 3 } });
    const rows = Object.fromEntries(shift!.verdict.rows.map((row) => [row.metric, row]));
    expect(rows.performance).toMatchObject({ median: 0.98, baseline: 1, status: 'pass', regression: { status: 'pass' } });
    expect(rows.performance!.regression!.worsening).toBeCloseTo(0.02, 10);
    expect(rows['cumulative-layout-shift']).toMatchObject({ baseline: 0, status: 'fail', regression: { worsening: Infinity, status: 'fail' } });
    expect(evaluation.verdict).toMatchObject({ decision: 'fail', failedAssertions: [], regressions: ['regression:cumulative-layout-shift'] });
  });

  it('passes the same runs when only deltas are asked for (no max-regression)', async () => {
    const evaluation = await evaluate({ 'results-path': SHIFT, 'min-performance': '0.9', 'max-cls': '0.1', 'baseline-results-path': 'light' }, SHIFT, LIGHT);
    expect(evaluation.verdict.decision).toBe('pass');
    expect(evaluation.details[0]!.verdict.rows.find((row) => row.metric === 'cumulative-layout-shift')).toMatchObject({ baseline: 0, regression: null, status: 'pass' });
  });

  it('holds only the metrics named per metric: a performance drop beyond 1%', async () => {
    // No absolute budget is configured, so the default budgets apply too (and pass: CLS 0.085, LCP well under 2.5 s).
    const evaluation = await evaluate({ 'results-path': SHIFT, 'baseline-results-path': 'light', 'max-regression': 'performance=1%' }, SHIFT, LIGHT);
    expect(evaluation.usedDefaults).toBe(true);
    expect(evaluation.details[0]!.verdict).toMatchObject({ status: 'fail', failed: [], regressed: ['regression:performance'], message: 'performance dropped 2% against the baseline (allowed 1%)' });
    expect(evaluation.details[0]!.verdict.rows.filter((row) => row.regression).map((row) => row.metric)).toEqual(['performance']);
  });

  it('does not compare mobile runs with a desktop baseline: the regression cannot be judged', async () => {
    const evaluation = await evaluate({ 'results-path': HEAVY, 'baseline-results-path': 'light', 'max-regression': 'performance=5%', 'max-lcp': '60s' }, HEAVY, LIGHT);
    expect(evaluation.details[0]!.verdict).toMatchObject({
      status: 'fail',
      regressed: ['regression:baseline'],
      message: 'the baseline ran as desktop and this page as mobile, so their metrics cannot be compared',
    });
  });

  it('fails a target no baseline run matches, rather than passing it unchecked', async () => {
    const evaluation = await evaluate(
      { 'results-path': 'shift+heavy', 'baseline-results-path': 'light', 'max-regression': '20%', 'max-lcp': '60s' },
      `{${SHIFT},${HEAVY}}/*.json`,
      LIGHT,
    );
    expect(evaluation.details.map((d) => [d.verdict.url, d.verdict.status, d.verdict.message])).toEqual([
      ['http://127.0.0.1:45697/heavy.html', 'fail', 'no baseline run matches http://127.0.0.1:45697/heavy.html'],
      ['http://127.0.0.1:45697/shift.html', 'fail', 'no baseline run matches http://127.0.0.1:45697/shift.html'],
    ]);
  });
});

describe('a pass is earned: nothing configured, nothing applied, a baseline that failed', () => {
  it('judges runs with no budget configured against the default budgets (LCP 2.5 s, CLS 0.1), and says so', async () => {
    const light = await evaluate({ 'results-path': LIGHT }, LIGHT);
    expect(light.usedDefaults).toBe(true);
    expect(light.verdict.decision).toBe('pass');
    expect(light.details[0]!.assertions.map((a) => [a.source, a.auditId, a.expected, a.passed])).toEqual([
      ['defaults', 'largest-contentful-paint', 2500, true],
      ['defaults', 'cumulative-layout-shift', 0.1, true],
    ]);
    expect(summarizeEvaluation(light)).toBe('1 URL(s) met the default budgets (max-lcp 2.5s, max-cls 0.1) over 3 run(s)');
    const heavy = await evaluate({ 'results-path': HEAVY }, HEAVY);
    expect(heavy.verdict).toMatchObject({ decision: 'fail', failedAssertions: ['largest-contentful-paint'] });
    expect(summarizeEvaluation(heavy)).toBe('1 of 1 URL(s) did not pass the default budgets (max-lcp 2.5s, max-cls 0.1): http://127.0.0.1:45697/heavy.html (failed largest-contentful-paint)');
  });

  it('does not apply the defaults beside a configured budget', async () => {
    const evaluation = await evaluate({ 'results-path': HEAVY, 'max-tbt': '5s' }, HEAVY);
    expect(evaluation.usedDefaults).toBe(false);
    expect(evaluation.verdict.decision).toBe('pass');
  });

  it('fails a URL that no assertion applies to (an assertMatrix pattern that leaves it out): no data, not a pass', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lb-evaluate-'));
    const config = path.join(dir, 'rc.json');
    await writeFile(config, JSON.stringify({ ci: { assert: { assertMatrix: [{ matchingUrlPattern: '/checkout$', assertions: { 'categories:performance': 'error' } }] } } }));
    const evaluation = await evaluate({ 'results-path': LIGHT, config }, LIGHT);
    expect(evaluation.details[0]!.verdict).toMatchObject({ status: 'nodata', message: expect.stringMatching(/^3 run\(s\) but no budget applies to this URL/) });
    expect(evaluation.verdict.decision).toBe('fail');
  });

  it('does not compare with a baseline whose runs partly failed: the regression is not shown to be absent', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lb-evaluate-'));
    const failed = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/lighthouse/runtime-error.report.json'), 'utf8')) as Record<string, unknown>;
    // The recorded failed run, as if it had been a run of the baseline page (hand-made from a real failed LHR).
    await writeFile(path.join(dir, 'lhr-1.json'), JSON.stringify({ ...failed, requestedUrl: 'http://127.0.0.1:37215/light.html' }));
    for (const n of [1, 2]) await writeFile(path.join(dir, `lhr-${n + 1}.json`), await readFile(path.join(REPO_ROOT, `test/fixtures/lighthouse/light-run${n}.report.json`), 'utf8'));
    const evaluation = await evaluate({ 'results-path': LIGHT, 'min-performance': '0.5', 'baseline-results-path': dir, 'max-regression': '20%' }, LIGHT, dir);
    expect(evaluation.details[0]!.verdict).toMatchObject({
      status: 'fail',
      regressed: ['regression:baseline'],
      message: '1 run(s) of the baseline http://127.0.0.1:37215/light.html failed (CHROME_INTERSTITIAL_ERROR), so it cannot be compared with',
    });
    expect(evaluation.verdict.decision).toBe('fail');
  });
});

describe('evaluateRuns', () => {
  it('judges each URL with every budget source, picking the representative run as LHCI does', async () => {
    const evaluation = await evaluate(
      { 'results-path': 'x', config: 'test/fixtures/lighthouse/generate/lighthouserc.json', 'budget-path': 'test/fixtures/lighthouse-budget/configs/budget.json', 'max-tbt': '200' },
      `{${HEAVY}/*.json,${LIGHT}}`,
    );
    expect(evaluation.details.map((d) => [d.verdict.url, d.verdict.status, d.runs.length, d.representative?.id])).toEqual([
      ['http://127.0.0.1:45697/heavy.html', 'fail', 3, `${HEAVY}/lhr-1795306456160.json`],
      ['http://127.0.0.1:37215/light.html', 'pass', 3, 'test/fixtures/lighthouse/light-run2.report.json'],
    ]);
    expect(evaluation.verdict.failedAssertions).toEqual([
      'categories:performance',
      'largest-contentful-paint',
      'resource-summary:script:size',
      'resource-summary:total:size',
      'total-blocking-time',
      'resource-summary:script:count',
    ]);
    expect(new Set(evaluation.details[0]!.assertions.map((a) => a.source))).toEqual(new Set(['config', 'budget-path', 'inputs']));
    expect(summarizeEvaluation(evaluation)).toBe(
      '1 of 2 URL(s) did not pass: http://127.0.0.1:45697/heavy.html (failed categories:performance, largest-contentful-paint, resource-summary:script:size, resource-summary:total:size, total-blocking-time, resource-summary:script:count)',
    );
    expect(JSON.parse(scoresOutput(evaluation.details))).toEqual({
      'http://127.0.0.1:45697/heavy.html': {
        performance: 0.3,
        accessibility: 1,
        'best-practices': 0.96,
        seo: 1,
        'first-contentful-paint': 6679.4408,
        'largest-contentful-paint': 18304.5138,
        'total-blocking-time': 2778,
        'cumulative-layout-shift': 0,
        'speed-index': 6679.4408,
        runs: 3,
      },
      'http://127.0.0.1:37215/light.html': {
        performance: 1,
        accessibility: 1,
        'best-practices': 0.96,
        seo: 1,
        'first-contentful-paint': 172.60665,
        'largest-contentful-paint': 203.2133,
        'total-blocking-time': 0,
        'cumulative-layout-shift': 0,
        'speed-index': 172.60665,
        runs: 3,
      },
    });
  });
});
