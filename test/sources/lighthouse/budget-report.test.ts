import { describe, expect, it } from 'vitest';
import { summaryFromBudgetReport } from '../../../src/sources/lighthouse/budget-report.js';

describe('summaryFromBudgetReport', () => {
  const check = (name: string, evidence: Record<string, unknown>) => ({ name, evidence });
  const medians = { performance: 0.8, 'largest-contentful-paint': 2400 };
  const spread = { performance: { min: 0.7, max: 0.9 } };

  it('takes each URL\'s medians and spread, and the worst across URLs', () => {
    const summary = summaryFromBudgetReport([check('a', { url: 'https://a/', runs: 3, medians, spread }), check('b', { url: 'https://b/', runs: 2, medians: { performance: 0.95 }, spread: {} })], 'r.json');
    expect(summary.ok && summary.value.urls.map((u) => [u.url, u.runs, u.medians.performance, u.spread.performance])).toEqual([
      ['https://a/', 3, 0.8, { min: 0.7, max: 0.9 }],
      ['https://b/', 2, 0.95, null],
    ]);
    expect(summary.ok && summary.value.worst.performance).toBe(0.8);
    expect(summary.ok && summary.value.worst['largest-contentful-paint']).toBeNull();
  });

  it('lists URLs without runs as unmeasured, and is a fault when none was measured or the evidence is missing', () => {
    const partial = summaryFromBudgetReport([check('a', { url: 'https://a/', runs: 3, medians, spread }), check('down', { url: 'https://down/', runs: 0, medians: {}, spread: {} })], 'r.json');
    expect(partial.ok && partial.value.unmeasured).toEqual(['https://down/']);
    expect(summaryFromBudgetReport([check('down', { url: 'https://down/', runs: 0, medians: {}, spread: {} })], 'r.json')).toEqual({
      ok: false,
      error: { kind: 'provider', message: 'every Lighthouse run failed: https://down/ (r.json)' },
    });
    expect(summaryFromBudgetReport([check('unit', { failed: 1 })], 'r.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'r.json: check `unit` has no url, runs, medians and spread in its evidence (not a lighthouse-budget report?)' },
    });
  });

  it.each([
    ['a run count that is not whole', { runs: 2.5 }, 'r.json: check `a` evidence.runs must be a whole number of runs, got 2.5'],
    ['a score above 1', { medians: { performance: 1.5 } }, 'r.json: check `a` evidence.medians.performance is out of range: 1.5'],
    ['a negative timing', { medians: { 'largest-contentful-paint': -1 } }, 'r.json: check `a` evidence.medians.largest-contentful-paint is out of range: -1'],
    ['a median that is text', { medians: { 'cumulative-layout-shift': '0.01' } }, 'r.json: check `a` evidence.medians.cumulative-layout-shift is out of range: "0.01"'],
    ['a spread upside down', { spread: { performance: { min: 0.9, max: 0.7 } } }, 'r.json: check `a` evidence.spread.performance must be {min, max} within the measure\'s range, got {"min":0.9,"max":0.7}'],
    ['runs that contradicted each other', { contradiction: 'its runs mix form factors (desktop, mobile): judge mobile and desktop results apart' }, 'r.json: check `a`: its runs mix form factors (desktop, mobile): judge mobile and desktop results apart; its medians are not evidence'],
  ])('refuses %s as malformed, naming the file, check and key', (_name, change, message) => {
    expect(summaryFromBudgetReport([check('a', { url: 'https://a/', runs: 3, medians, spread, ...change })], 'r.json')).toEqual({ ok: false, error: { kind: 'malformed', message } });
  });
});
