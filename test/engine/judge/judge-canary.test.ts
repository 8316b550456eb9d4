import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { judgeCanary } from '../../../src/engine/judge/judge-canary.js';
import type { CanaryInput } from '../../../src/engine/judge/types.js';
import { analysis, counts } from './support.js';

const ISSUE_4 = `  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    max-increase: 50%
  latency:
    series: latency_ms
    max: 1000
    max-increase: 20%
`;

/** test/fixtures/metrics/canary.json, the issue's example document, as the file source reads it. */
function issueSamples(): Record<string, CanaryInput> {
  const document = JSON.parse(readFileSync(new URL('../../fixtures/metrics/canary.json', import.meta.url), 'utf8')) as Record<'baseline' | 'canary', Record<string, number[]>>;
  const ratio = (v: 'baseline' | 'canary') => ({ numerator: document[v].errors!, denominator: document[v].requests! });
  return {
    'error-rate': { baseline: ratio('baseline'), canary: ratio('canary') },
    latency: { baseline: document.baseline.latency_ms!, canary: document.canary.latency_ms! },
  };
}

describe('judgeCanary', () => {
  it("holds on the issue's two-minute example: two samples are fewer than min-samples 3", () => {
    const judgement = judgeCanary(analysis(ISSUE_4), issueSamples());
    expect(judgement).toMatchObject({ verdict: 'hold', reason: '2 metrics not yet decided (error-rate, latency)', failureLimit: 0, look: null });
    expect(judgement.metrics.map((m) => m.reason)).toEqual(['error-rate: no data: canary has 2 of 3 required samples', 'latency: no data: canary has 2 of 3 required samples']);
  });

  it('promotes the same example with min-samples 2: +290% on 1 error in 122 is not significant', () => {
    const judgement = judgeCanary(analysis(ISSUE_4.replace(/max: 1000/, 'max: 1000\n    min-samples: 2').replace('max: 5%', 'max: 5%\n    min-samples: 2')), issueSamples());
    expect(judgement.verdict).toBe('promote');
    // scipy fisher_exact([[1, 121], [5, 2375]], alternative='greater') = 0.2594
    expect(judgement.metrics[0]?.statistic?.pValue).toBeCloseTo(0.25936498029188826, 10);
    expect(judgement.metrics[0]?.reason).toBe('error-rate 0.82% vs baseline 0.21% (+290%, p=0.26 ≥ 0.01) within max 5%, max-increase 50%');
  });

  it('rolls back on a failing metric and keeps judging the others', () => {
    const judgement = judgeCanary(analysis(ISSUE_4), {
      'error-rate': { baseline: counts(9, 1000), canary: counts(41, 1000) },
      latency: { fault: { kind: 'provider', message: 'HTTP 503' } },
    });
    expect(judgement).toMatchObject({ verdict: 'rollback', reason: '1 metric failed (error-rate) > failure-limit 0' });
    expect(judgement.metrics.map((m) => [m.metric, m.status, m.outcome])).toEqual([
      ['error-rate', 'fail', 'fail'],
      ['latency', 'error', 'hold'],
    ]);
    expect(judgement.tally).toMatchObject({ fail: ['error-rate'], hold: ['latency'], score: 0 });
  });

  it('lets failure-limit tolerate a failure, but not of a critical metric', () => {
    const samples = { 'error-rate': { baseline: counts(9, 1000), canary: counts(41, 1000) }, latency: { baseline: [1, 2, 3], canary: [1, 2, 3] } };
    expect(judgeCanary(analysis(ISSUE_4, 'failure-limit: 1\n'), samples).verdict).toBe('promote');
    const critical = analysis(ISSUE_4.replace('max: 5%', 'max: 5%\n    critical: true'), 'failure-limit: 1\n');
    expect(judgeCanary(critical, samples)).toMatchObject({ verdict: 'rollback', reason: 'critical metric error-rate failed' });
  });

  it('cuts the level at interim looks so ten looks do not add up to ten false alarms', () => {
    // p ≈ 0.0015 on a +10% increase: significant at one look (α/2 = 0.01), not at look 1 of 10 (α/2 ≈ 0.00011).
    const config = analysis('  e: { ratio: { numerator: e, denominator: r }, max-increase: 5% }\n');
    const samples = { e: { baseline: counts(10_000, 1_000_000), canary: counts(1100, 100_000) } };
    expect(judgeCanary(config, samples).verdict).toBe('rollback');
    const interim = judgeCanary(config, samples, { look: { index: 1, count: 10 } });
    expect(interim).toMatchObject({ verdict: 'promote', look: { index: 1, count: 10 } });
    expect(interim.metrics[0]?.statistic?.alpha).toBeCloseTo(0.02 * 0.1 / 9 / 2, 15);
    expect(judgeCanary(config, samples, { look: { index: 10, count: 10 } }).verdict).toBe('rollback');
  });

  it('never promotes when a metric is missing, faulty or without traffic under the default policies (property)', () => {
    const config = analysis(ISSUE_4);
    const healthy: Record<string, CanaryInput> = {
      'error-rate': { baseline: counts(9, 1000), canary: counts(1, 100) },
      latency: { baseline: [200, 210, 220], canary: [205, 215, 210] },
    };
    const broken = fc.constantFrom<CanaryInput | undefined>(
      undefined,
      { fault: { kind: 'provider', message: '503' } },
      { fault: { kind: 'malformed', message: 'not JSON' } },
      { baseline: counts(0, 0), canary: counts(0, 0) },
      { baseline: [], canary: [] },
      { baseline: [NaN, NaN, NaN], canary: [NaN, NaN, NaN] },
    );
    fc.assert(
      fc.property(fc.constantFrom('error-rate', 'latency'), broken, (name, input) => {
        const judgement = judgeCanary(config, { ...healthy, [name]: input });
        expect(judgement.verdict).toBe('hold');
        expect(judgement.metrics).toHaveLength(2);
      }),
    );
    expect(judgeCanary(config, healthy).verdict).toBe('promote');
  });

  it('never rolls back identical canary and baseline data on relative thresholds (property)', () => {
    const config = analysis('  e: { ratio: { numerator: e, denominator: r }, max-increase: 0% }\n  l: { series: l, max-increase: 0%, max-decrease: 0% }\n');
    const interval = fc.tuple(fc.nat(50), fc.integer({ min: 50, max: 5000 }));
    fc.assert(
      fc.property(fc.array(interval, { minLength: 3, maxLength: 12 }), fc.array(fc.double({ min: 1, max: 1e4, noNaN: true }), { minLength: 3, maxLength: 40 }), (intervals, latency) => {
        const ratio = { numerator: intervals.map(([e]) => e), denominator: intervals.map(([, r]) => r) };
        const judgement = judgeCanary(config, { e: { baseline: ratio, canary: ratio }, l: { baseline: latency, canary: [...latency].reverse() } });
        expect(judgement.verdict).toBe('promote');
      }),
    );
  });
});
