import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyMetric } from '../../../src/engine/judge/classify-metric.js';
import { metric } from './support.js';

const BASELINE = [212, 220, 215, 230, 208, 225, 218, 211, 222, 216];
const SLOWER = [260, 275, 250, 281, 266, 259, 270, 262, 268, 273];
const FASTER = [180, 175, 190, 170, 185, 178, 172, 188, 182, 176];
const LATENCY = '{ series: latency_ms, max: 1000, max-increase: 20% }';

describe('classifyMetric: series metrics, Mann–Whitney as Kayenta', () => {
  it('fails a significant shift up whose ratio of means reaches max-increase', () => {
    const c = classifyMetric(metric(LATENCY), { canary: SLOWER, baseline: BASELINE }, 0.02);
    // scipy.stats.mannwhitneyu(SLOWER, BASELINE, method='exact'): U = 100, p = 1.082508822446903e-05
    expect(c).toMatchObject({ status: 'fail', value: 266.4, baselineValue: 217.7, statistic: { test: 'mann-whitney-u', statistic: 100, method: 'exact', sided: 'two-sided' } });
    expect(c.statistic?.pValue).toBeCloseTo(1.082508822446903e-5, 15);
    expect(c.effect).toBeCloseTo(266.4 / 217.7 - 1, 12);
    expect(c.reason).toBe('m 266.4 vs baseline 217.7 (+22.4%, p=1.1e-5 < 0.02) exceeds max-increase 20%');
  });

  it('passes the same shift when the allowed increase is larger (Kayenta allowedIncrease 1.3)', () => {
    expect(classifyMetric(metric('{ series: latency_ms, max-increase: 30% }'), { canary: SLOWER, baseline: BASELINE }, 0.02).status).toBe('pass');
  });

  it('never fails an increase rule on a canary that got faster; max-decrease catches a drop', () => {
    expect(classifyMetric(metric(LATENCY), { canary: FASTER, baseline: BASELINE }, 0.02).status).toBe('pass');
    const drop = classifyMetric(metric('{ series: throughput, max-decrease: 10% }'), { canary: FASTER, baseline: BASELINE }, 0.02);
    expect(drop).toMatchObject({ status: 'fail', threshold: { key: 'max-decrease', value: -0.1 } });
  });

  it('fails on the absolute ceiling of the mean', () => {
    const c = classifyMetric(metric('{ series: latency_ms, max: 250 }'), { canary: SLOWER, baseline: BASELINE }, 0.02);
    expect(c.reason).toBe('m 266.4 exceeds max 250 (baseline 217.7)');
  });

  it('passes identical samples, whatever their order, and says so', () => {
    const c = classifyMetric(metric(LATENCY), { canary: [...BASELINE].reverse(), baseline: BASELINE }, 0.02);
    expect(c).toMatchObject({ status: 'pass', effect: 0 });
    expect(c.reason).toBe('m 217.7 vs baseline 217.7 (±0%, p=1 ≥ 0.02) within max 1000, max-increase 20%; identical samples');
  });

  it('is inconclusive when so few samples could never be significant (4 v 4: p ≥ 2/70)', () => {
    const c = classifyMetric(metric(LATENCY), { canary: [400, 410, 420, 430], baseline: [200, 210, 220, 230] }, 0.02);
    expect(c).toMatchObject({ status: 'inconclusive', outcome: 'hold' });
  });

  it('drops NaN gaps and, when asked, outliers by IQR (Kayenta factor 3)', () => {
    const spiky = [...BASELINE.slice(0, 9), 5000];
    expect(classifyMetric(metric('{ series: l, max: 300 }'), { canary: spiky, baseline: BASELINE }, 0.02).status).toBe('fail');
    const cleaned = classifyMetric(metric('{ series: l, max: 300, outliers: iqr }'), { canary: [...spiky, NaN], baseline: BASELINE }, 0.02);
    expect(cleaned).toMatchObject({ status: 'pass', samples: { canary: 9, baseline: 10 } });
    expect(cleaned.reason).toMatch(/; 1 outlier removed \(IQR\)$/);
  });

  it('never fails a relative threshold on identical data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 3, maxLength: 60 }), fc.constantFrom('0%', '20%'), (samples, increase) => {
        const shuffled = [...samples].sort(() => 0.5 - ((samples.length * 7) % 3) / 2);
        const c = classifyMetric(metric(`{ series: s, max-increase: ${increase}, max-decrease: ${increase} }`), { canary: shuffled, baseline: samples }, 0.02);
        expect(c.status).toBe('pass');
      }),
    );
  });
});
