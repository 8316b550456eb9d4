import { describe, expect, it } from 'vitest';
import { classifyMetric } from '../../../src/engine/judge/classify-metric.js';
import { judgeCanary } from '../../../src/engine/judge/judge-canary.js';
import { judgeLive, sampleOutcomes } from '../../../src/engine/judge/single-version.js';
import { analysis, metric } from './support.js';

/**
 * Named regressions for the judge: each case is a path by which bad or thin
 * evidence used to reach a passing verdict.
 */
const ALPHA = 0.02;

describe('statistics never claim what they cannot show', () => {
  it('ties cap Mann–Whitney: +267% on [100, 100, 900] against [100, 100, 100] is inconclusive, not within', () => {
    const c = classifyMetric(metric('{ series: s, max: 10000, max-increase: 20% }'), { canary: [100, 100, 900], baseline: [100, 100, 100] }, ALPHA);
    expect(c.status).toBe('inconclusive');
    expect(c.outcome).toBe('hold');
    expect(c.reason).toMatch(/\+267%.* reaches|exceeds max-increase 20%, but this little data cannot be significant/);
  });

  it('a rise of a negative-valued series is an increase (canary / baseline − 1 used to flip its sign)', () => {
    const m = metric('{ series: s, max: 0, max-increase: 20%, min-samples: 6 }');
    const c = classifyMetric(m, { canary: [-5, -5.1, -4.9, -5, -5.2, -4.8], baseline: [-10, -10.1, -9.9, -10.2, -9.8, -10] }, ALPHA);
    expect(c.effect).toBeCloseTo(0.5, 10);
    expect(c.status).toBe('fail');
  });

  it('compares exactly as written: 7 errors in 1,000 requests is exactly max 0.7% and passes', () => {
    const m = metric('{ ratio: { numerator: e, denominator: r }, max: 0.7% }');
    const live = { canary: { numerator: [3, 2, 2], denominator: [400, 300, 300] } };
    expect(classifyMetric(m, live, ALPHA)).toMatchObject({ status: 'pass', value: 0.007 });
    const over = { canary: { numerator: [3, 2, 3], denominator: [400, 300, 300] } };
    expect(classifyMetric(m, over, ALPHA).status).toBe('fail');
  });

  it('compares exactly as written: a mean of exactly +20% reaches max-increase 20%', () => {
    const m = metric('{ series: s, max: 1000, max-increase: 20%, min-samples: 5 }');
    const c = classifyMetric(m, { canary: [120, 120, 120, 120, 120], baseline: [100, 100, 100, 100, 100] }, ALPHA);
    // 120 / 100 − 1 is 0.19999999999999996 in doubles, which used to read as within; Kayenta fails at ≥.
    expect(c.thresholds[1]).toMatchObject({ status: 'fail', actual: 0.2 });
    expect(c.status).toBe('fail');
    const below = classifyMetric(m, { canary: [119.99, 119.99, 119.99, 119.99, 119.99], baseline: [100, 100, 100, 100, 100] }, ALPHA);
    expect(below.thresholds[1]?.status).toBe('pass');
  });

  it('+∞ in a series is a finding that breaches max, not a gap', () => {
    const m = metric('{ series: p99, max: 1000 }');
    expect(classifyMetric(m, { canary: [200, Infinity, 210], baseline: [200, 200, 200] }, ALPHA)).toMatchObject({ status: 'fail', value: Infinity });
    const live = metric('{ series: p99, max: 1000 }', 'live');
    expect(sampleOutcomes(live, { live: [200, Infinity, NaN] })).toEqual(['pass', 'breach', 'nodata']);
  });
});

describe('nothing judged is not a pass', () => {
  it('a metric no threshold applies to is no data, so the verdict holds', () => {
    // What the 100% step leaves of a metric with only max-increase.
    const config = analysis('  errors: { ratio: { numerator: e, denominator: r }, max-increase: 50% }\n');
    const stripped = { ...config, metrics: config.metrics.map((m) => ({ ...m, thresholds: [] })) };
    const judgement = judgeLive(stripped, { errors: { live: { numerator: [900, 900, 900], denominator: [1000, 1000, 1000] } } });
    expect(judgement.verdict).toBe('hold');
    expect(judgement.metrics[0]?.reason).toBe('errors: no data: no threshold applies to this step');
  });

  it('every metric passing only because on-no-data says pass is not a promotion', () => {
    const config = analysis('  errors: { series: e, max: 1, on-no-data: pass }\n');
    expect(judgeCanary(config, {}).verdict).toBe('hold');
  });

  it('an interim look holds on too few samples even under on-no-data: fail; the end of the bake fails on them', () => {
    const config = analysis('  latency: { series: ms, max: 1000, min-samples: 5, on-no-data: fail }\n');
    const samples = { latency: { canary: [200, 210], baseline: [200, 205] } };
    expect(judgeCanary(config, samples, { isInterim: true }).verdict).toBe('hold');
    expect(judgeCanary(config, samples).verdict).toBe('rollback');
  });
});

describe('numbers are validated, not summed into a pass', () => {
  const config = analysis('  errors: { ratio: { numerator: e, denominator: r }, max: 5% }\n');
  it.each([
    ['a negative count', { numerator: [50, -50, 0], denominator: [100, 100, 100] }, '`e`[1] is -50; a count cannot be negative'],
    ['more errors than requests in one interval', { numerator: [0, 0, 90], denominator: [1000, 1000, 10] }, '`e`[2] (90) exceeds `r`[2] (10); a ratio of counts is at most 1'],
    ['series of different lengths', { numerator: [1, 1], denominator: [100, 100, 100] }, '`e` has 2 samples and `r` 3; each interval needs both'],
    ['an infinite count', { numerator: [0, 0, 0], denominator: [100, Infinity, 100] }, '`r`[1] is Infinity; a count is a finite number of events'],
  ])('%s is an error naming the series and interval, which holds (never promotes)', (_, canary, message) => {
    const judgement = judgeCanary(config, { errors: { canary, baseline: { numerator: [1, 1, 1], denominator: [1000, 1000, 1000] } } });
    expect(judgement.verdict).toBe('hold');
    expect(judgement.metrics[0]).toMatchObject({ status: 'error', reason: `errors: canary: ${message}` });
  });
});
