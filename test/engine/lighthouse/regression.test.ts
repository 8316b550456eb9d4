import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareToBaseline, parseMaxRegression, relativeWorsening } from '../../../src/engine/lighthouse/regression.js';

const ALL_20 = { performance: 0.2, 'largest-contentful-paint': 0.2, 'total-blocking-time': 0.2, 'first-contentful-paint': 0.2, 'cumulative-layout-shift': 0.2 };

describe('parseMaxRegression', () => {
  it('reads one percentage for every metric, with or without %', () => {
    expect(parseMaxRegression('20%')).toEqual({ ok: true, value: ALL_20 });
    expect(parseMaxRegression('20')).toEqual({ ok: true, value: ALL_20 });
  });

  it('reads per-metric allowances by short or audit name; unlisted metrics are not held', () => {
    expect(parseMaxRegression('performance=5%, lcp=10%\ntotal-blocking-time: 50%')).toEqual({ ok: true, value: { performance: 0.05, 'largest-contentful-paint': 0.1, 'total-blocking-time': 0.5 } });
  });

  it.each(['lots', 'lcp=fast', 'ttfb=10%', 'lcp=10%=2', '-5%'])('rejects %j naming what is accepted', (text) => {
    const parsed = parseMaxRegression(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(new RegExp(`^got ${JSON.stringify(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; `));
  });
});

describe('compareToBaseline', () => {
  const baseline = { performance: 0.95, 'largest-contentful-paint': 2000, 'total-blocking-time': 0, 'first-contentful-paint': 1000, 'cumulative-layout-shift': 0.02 };

  it('fails a metric worse by more than allowed even when it is within any absolute budget', () => {
    const target = { performance: 0.74, 'largest-contentful-paint': 2420, 'total-blocking-time': 40, 'first-contentful-paint': 1190, 'cumulative-layout-shift': 0.02 };
    expect(compareToBaseline(target, baseline, ALL_20).map((r) => [r.metric, r.status])).toEqual([
      ['performance', 'fail'], // 22% lower
      ['largest-contentful-paint', 'fail'], // 21% higher
      ['total-blocking-time', 'pass'], // 0 → 40 ms: "+∞%", but under the 50 ms noise floor
      ['first-contentful-paint', 'pass'], // 19% higher
      ['cumulative-layout-shift', 'pass'],
    ]);
    expect(compareToBaseline(target, baseline, ALL_20)[1]).toEqual({ metric: 'largest-contentful-paint', target: 2420, baseline: 2000, delta: 420, worsening: 0.21, allowed: 0.2, status: 'fail' });
  });

  it('fails a metric rising from a zero baseline by more than the floor', () => {
    const [tbt] = compareToBaseline({ 'total-blocking-time': 300 }, { 'total-blocking-time': 0 }, { 'total-blocking-time': 0.5 });
    expect(tbt).toMatchObject({ worsening: Infinity, status: 'fail' });
  });

  it('never fails an improvement, and treats a missing value on either side as no data', () => {
    expect(compareToBaseline({ performance: 1 }, { performance: 0.5 }, { performance: 0 })[0]).toMatchObject({ worsening: -1, status: 'pass' });
    expect(compareToBaseline({ performance: null }, { performance: 0.9 }, { performance: 0.1 })[0]).toEqual({ metric: 'performance', target: null, baseline: 0.9, delta: null, worsening: null, allowed: 0.1, status: 'nodata' });
    expect(compareToBaseline({ performance: 0.9 }, {}, { performance: 0.1 })[0]!.status).toBe('nodata');
  });

  it('identical medians never regress, whatever the allowance (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (value, allowed) => {
        const [lcp] = compareToBaseline({ 'largest-contentful-paint': value }, { 'largest-contentful-paint': value }, { 'largest-contentful-paint': allowed });
        return lcp!.status === 'pass' && relativeWorsening('largest-contentful-paint', value, value) === 0;
      }),
    );
  });
});
