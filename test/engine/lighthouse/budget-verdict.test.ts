import { describe, expect, it } from 'vitest';
import type { BudgetAssertion } from '../../../src/engine/lighthouse/assertion-result.js';
import { assertionKey } from '../../../src/engine/lighthouse/assertion-result.js';
import { type UrlEvidence, decideBudget, describeRegression, judgeUrl } from '../../../src/engine/lighthouse/budget-verdict.js';
import { buildMetricRows, isNoisy } from '../../../src/engine/lighthouse/metric-rows.js';
import type { Regression } from '../../../src/engine/lighthouse/regression.js';

const URL_A = 'https://pr-7.app.dev/';
const result = (auditId: string, passed: boolean, level: 'warn' | 'error', extra: Partial<BudgetAssertion> = {}): BudgetAssertion => ({
  name: 'minScore',
  expected: 0.9,
  actual: passed ? 0.95 : 0.5,
  values: [passed ? 0.95 : 0.5],
  operator: '>=',
  passed,
  auditId,
  level,
  url: URL_A,
  source: 'config',
  ...extra,
});
const perf = (passed: boolean, level: 'warn' | 'error' = 'error') => result('categories', passed, level, { auditProperty: 'performance' });
const evidence = (extra: Partial<UrlEvidence>): UrlEvidence => ({
  url: URL_A,
  runs: 3,
  failedRuns: [],
  contradiction: null,
  stats: { performance: { median: 0.95, min: 0.91, max: 0.97 }, 'largest-contentful-paint': { median: 2100, min: 1900, max: 2900 } },
  assertions: [],
  baseline: null,
  baselineProblem: null,
  regressions: [],
  ...extra,
});
const lcpRegression: Regression = { metric: 'largest-contentful-paint', target: 2100, baseline: 1500, delta: 600, worsening: 0.4, allowed: 0.2, status: 'fail' };

describe('assertionKey', () => {
  it('writes keys as a lighthouserc does', () => {
    expect(assertionKey({ auditId: 'categories', auditProperty: 'performance' })).toBe('categories:performance');
    expect(assertionKey({ auditId: 'resource-summary', auditProperty: 'script.size' })).toBe('resource-summary:script:size');
    expect(assertionKey({ auditId: 'largest-contentful-paint' })).toBe('largest-contentful-paint');
  });
});

describe('judgeUrl', () => {
  it('fails on an error-level failure and lists warn-level ones apart, as lhci assert does', () => {
    const verdict = judgeUrl(evidence({ assertions: [perf(false), result('image-alt', false, 'warn'), result('color-contrast', true, 'error')] }));
    expect(verdict).toMatchObject({ status: 'fail', failed: ['categories:performance'], warnings: ['image-alt'], otherPassed: 1, message: 'failed categories:performance; warned image-alt' });
    expect(verdict.otherFailures.map(assertionKey)).toEqual(['image-alt']);
  });

  it('only warns when every failure is at warn level', () => {
    expect(judgeUrl(evidence({ assertions: [perf(false, 'warn')] }))).toMatchObject({ status: 'warn', failed: [], warnings: ['categories:performance'] });
  });

  it('fails a regression even when every assertion passed', () => {
    const verdict = judgeUrl(evidence({ assertions: [perf(true)], regressions: [lcpRegression] }));
    expect(verdict).toMatchObject({ status: 'fail', failed: [], regressed: ['regression:largest-contentful-paint'], message: 'largest-contentful-paint rose 40% against the baseline (allowed 20%)' });
  });

  it('is an error when a run failed, even with passing budgets on the other runs', () => {
    const verdict = judgeUrl(evidence({ assertions: [perf(true)], runs: 2, failedRuns: [{ code: 'TARGET_CRASHED', message: 'Browser tab has unexpectedly crashed.' }] }));
    expect(verdict).toMatchObject({ status: 'error', message: '1 run(s) failed (TARGET_CRASHED): Browser tab has unexpectedly crashed.' });
  });

  it('is an error when every run failed, naming the code and Lighthouse\'s message', () => {
    const verdict = judgeUrl(evidence({ runs: 0, stats: {}, failedRuns: [{ code: 'CHROME_INTERSTITIAL_ERROR', message: 'Chrome prevented page load with an interstitial.' }] }));
    expect(verdict).toMatchObject({ status: 'error', message: 'every run failed (CHROME_INTERSTITIAL_ERROR): Chrome prevented page load with an interstitial.' });
  });

  it('is an error when the runs contradict each other, whatever the assertions say', () => {
    const verdict = judgeUrl(evidence({ assertions: [perf(true)], contradiction: 'its runs mix form factors (desktop, mobile): judge mobile and desktop results apart' }));
    expect(verdict).toMatchObject({ status: 'error', message: 'its runs mix form factors (desktop, mobile): judge mobile and desktop results apart' });
  });

  it('fails when a baseline was required but could not be measured', () => {
    expect(judgeUrl(evidence({ baselineProblem: 'no baseline run matches https://pr-7.app.dev/' }))).toMatchObject({ status: 'fail', regressed: ['regression:baseline'] });
  });

  it('never passes runs that no budget judged (no assertion applied, no regression): no data, and it says why', () => {
    expect(judgeUrl(evidence({}))).toMatchObject({
      status: 'nodata',
      message: '3 run(s) but no budget applies to this URL (does a matchingUrlPattern or budget path leave it out?), so nothing was judged',
    });
    expect(decideBudget([judgeUrl(evidence({}))]).decision).toBe('fail');
  });

  it('blocks an assertion that measured nothing even at warn level: an audit the runs lack, or no number', () => {
    const missing = result('first-meaningful-paint', false, 'warn', { name: 'auditRan', expected: 1, actual: 0, values: [0, 0, 0], message: '"first-meaningful-paint" is not a known audit.' });
    const noValue = result('largest-contentful-paint', false, 'warn', { name: 'maxNumericValue', expected: 2500, actual: NaN, values: [NaN] });
    const verdict = judgeUrl(evidence({ assertions: [perf(true), missing, noValue, result('image-alt', false, 'warn')] }));
    expect(verdict).toMatchObject({
      status: 'error',
      failed: ['first-meaningful-paint', 'largest-contentful-paint'],
      warnings: ['image-alt'],
      message:
        'no value for first-meaningful-paint, largest-contentful-paint (the runs lack this audit or its value: a misspelt audit id or option, or an audit this Lighthouse does not produce); warned image-alt',
    });
    expect(decideBudget([verdict]).decision).toBe('fail');
  });
});

describe('buildMetricRows', () => {
  it('puts each metric\'s budgets, baseline, delta and regression on its row', () => {
    const rows = buildMetricRows(
      { performance: { median: 0.95, min: 0.91, max: 0.97 }, 'largest-contentful-paint': { median: 2100, min: 1900, max: 2900 } },
      [perf(true), result('largest-contentful-paint', true, 'error', { name: 'maxNumericValue', expected: 2500, actual: 2100, operator: '<=' })],
      { 'largest-contentful-paint': { median: 1500, min: 1400, max: 1600 } },
      [lcpRegression],
    );
    expect(rows.map((row) => row.metric)).toEqual(['performance', 'accessibility', 'best-practices', 'seo', 'first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']);
    expect(rows[0]).toMatchObject({ median: 0.95, status: 'pass', baseline: null, delta: null, regression: null });
    expect(rows[5]).toMatchObject({ median: 2100, baseline: 1500, delta: 600, status: 'fail', noisy: true });
    expect(rows[1]).toMatchObject({ median: null, status: null, budgets: [] });
  });
});

describe('isNoisy', () => {
  it('marks runs that disagree by 0.1 of score or a quarter of a timing', () => {
    expect(isNoisy('performance', { median: 0.8, min: 0.72, max: 0.82 })).toBe(true);
    expect(isNoisy('performance', { median: 0.8, min: 0.75, max: 0.82 })).toBe(false);
    expect(isNoisy('largest-contentful-paint', { median: 2000, min: 1900, max: 2400 })).toBe(false);
    expect(isNoisy('largest-contentful-paint', { median: 2000, min: 1900, max: 2600 })).toBe(true);
    expect(isNoisy('total-blocking-time', { median: 40, min: 0, max: 90 })).toBe(false);
    expect(isNoisy('cumulative-layout-shift', { median: 0.05, min: 0, max: 0.1 })).toBe(true);
    expect(isNoisy('speed-index', { median: null, min: null, max: null })).toBe(false);
  });
});

describe('decideBudget', () => {
  it('passes only when every URL passed or warned, listing keys once each', () => {
    const a = judgeUrl(evidence({ assertions: [perf(true), result('image-alt', false, 'warn')] }));
    const b = judgeUrl(evidence({ url: 'https://pr-7.app.dev/x', assertions: [perf(false), result('image-alt', false, 'warn')] }));
    expect(decideBudget([a])).toMatchObject({ decision: 'pass', failedAssertions: [], warnings: ['image-alt'] });
    expect(decideBudget([a, b])).toMatchObject({ decision: 'fail', failedAssertions: ['categories:performance'], warnings: ['image-alt'], regressions: [] });
  });

  it('fails with no URL at all: nothing measured is never a pass', () => {
    expect(decideBudget([]).decision).toBe('fail');
  });
});

describe('describeRegression', () => {
  it('says which way the metric moved, from a zero baseline, or why it could not compare', () => {
    expect(describeRegression({ metric: 'performance', target: 0.7, baseline: 0.9, delta: -0.2, worsening: 0.2222, allowed: 0.1, status: 'fail' })).toBe('performance dropped 22.2% against the baseline (allowed 10%)');
    expect(describeRegression({ metric: 'total-blocking-time', target: 300, baseline: 0, delta: 300, worsening: Infinity, allowed: 0.2, status: 'fail' })).toBe('total-blocking-time rose from a baseline of 0 against the baseline (allowed 20%)');
    expect(describeRegression({ metric: 'performance', target: null, baseline: 0.9, delta: null, worsening: null, allowed: 0.1, status: 'nodata' })).toBe('performance: no target value to compare (max-regression 10%)');
  });
});
