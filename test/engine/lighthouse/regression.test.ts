import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fraction } from '../../../src/engine/exact.js';
import { compareToBaseline, parseMaxRegression, relativeWorsening } from '../../../src/engine/lighthouse/regression.js';
import { fromNumber } from '../../../src/engine/exact.js';

const FIFTH = fraction(1, 5);
const ALL_20 = { performance: FIFTH, 'largest-contentful-paint': FIFTH, 'total-blocking-time': FIFTH, 'first-contentful-paint': FIFTH, 'cumulative-layout-shift': FIFTH };

describe('parseMaxRegression', () => {
  it('reads one percentage for every metric, with or without %, as the fraction written', () => {
    expect(parseMaxRegression('20%')).toEqual({ ok: true, value: ALL_20 });
    expect(parseMaxRegression('20')).toEqual({ ok: true, value: ALL_20 });
    expect(parseMaxRegression('0.7%')).toMatchObject({ ok: true, value: { performance: fraction(7, 1000) } });
  });

  it('reads per-metric allowances by short or audit name; unlisted metrics are not held', () => {
    expect(parseMaxRegression('performance=5%, lcp=10%\ntotal-blocking-time: 50%')).toEqual({
      ok: true,
      value: { performance: fraction(1, 20), 'largest-contentful-paint': fraction(1, 10), 'total-blocking-time': fraction(1, 2) },
    });
  });

  it.each(['lots', 'lcp=fast', 'ttfb=10%', 'lcp=10%=2', '-5%', 'lcp=-5%', '1e400%'])('rejects %j naming what is accepted', (text) => {
    const parsed = parseMaxRegression(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(new RegExp(`^got ${JSON.stringify(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; `));
  });
});

describe('compareToBaseline', () => {
  const baseline = { performance: [0.95], 'largest-contentful-paint': [2000], 'total-blocking-time': [0], 'first-contentful-paint': [1000], 'cumulative-layout-shift': [0.02] };

  it('fails a metric worse by more than allowed even when it is within any absolute budget', () => {
    const target = { performance: [0.74], 'largest-contentful-paint': [2420], 'total-blocking-time': [40], 'first-contentful-paint': [1190], 'cumulative-layout-shift': [0.02] };
    expect(compareToBaseline(target, baseline, ALL_20).map((r) => [r.metric, r.status])).toEqual([
      ['performance', 'fail'], // 22% lower
      ['largest-contentful-paint', 'fail'], // 21% higher
      ['total-blocking-time', 'pass'], // 0 → 40 ms: "+∞%", but under the 50 ms noise floor
      ['first-contentful-paint', 'pass'], // 19% higher
      ['cumulative-layout-shift', 'pass'],
    ]);
    expect(compareToBaseline(target, baseline, ALL_20)[1]).toEqual({ metric: 'largest-contentful-paint', target: 2420, baseline: 2000, delta: 420, worsening: 0.21, allowed: 0.2, status: 'fail' });
  });

  it('compares the medians of the runs: the middle one, or the mean of the two middle ones', () => {
    const [lcp] = compareToBaseline({ 'largest-contentful-paint': [2600, 2300, 2500, 9000] }, { 'largest-contentful-paint': [2000, 2100, 1900] }, { 'largest-contentful-paint': fraction(1, 4) });
    expect(lcp).toMatchObject({ target: 2550, baseline: 2000, delta: 550, worsening: 0.275, status: 'fail' });
  });

  it('fails a metric rising from a zero baseline by more than the floor', () => {
    const [tbt] = compareToBaseline({ 'total-blocking-time': [300] }, { 'total-blocking-time': [0] }, { 'total-blocking-time': fraction(1, 2) });
    expect(tbt).toMatchObject({ worsening: Infinity, status: 'fail' });
  });

  it('never fails an improvement, and treats a missing value on either side as no data', () => {
    expect(compareToBaseline({ performance: [1] }, { performance: [0.5] }, { performance: fraction(0, 1) })[0]).toMatchObject({ worsening: -1, status: 'pass' });
    expect(compareToBaseline({ performance: [] }, { performance: [0.9] }, { performance: fraction(1, 10) })[0]).toEqual({ metric: 'performance', target: null, baseline: 0.9, delta: null, worsening: null, allowed: 0.1, status: 'nodata' });
    expect(compareToBaseline({ performance: [0.9] }, {}, { performance: fraction(1, 10) })[0]!.status).toBe('nodata');
  });

  describe('exactness: a regression of exactly the allowance is within it (`>` fails, as LHCI\'s `<=` passes a value of exactly its budget)', () => {
    it('performance 0.9 → 0.72 is exactly 20% worse, though floating point makes it 20.000000000000007%', () => {
      expect((0.9 - 0.72) / 0.9).toBeGreaterThan(0.2);
      expect(compareToBaseline({ performance: [0.72] }, { performance: [0.9] }, { performance: FIFTH })[0]).toMatchObject({ status: 'pass', worsening: 0.2 });
      expect(compareToBaseline({ performance: [0.71] }, { performance: [0.9] }, { performance: FIFTH })[0]!.status).toBe('fail');
    });

    it('an LCP whose median of two runs is exactly 20% over passes `20%`, and one millisecond more fails', () => {
      expect(compareToBaseline({ 'largest-contentful-paint': [2390, 2410] }, { 'largest-contentful-paint': [2000] }, { 'largest-contentful-paint': FIFTH })[0]!.status).toBe('pass');
      expect(compareToBaseline({ 'largest-contentful-paint': [2391, 2411] }, { 'largest-contentful-paint': [2000] }, { 'largest-contentful-paint': FIFTH })[0]!.status).toBe('fail');
    });

    it('a change of exactly the noise floor counts; one under it never does', () => {
      expect(compareToBaseline({ 'cumulative-layout-shift': [0.03] }, { 'cumulative-layout-shift': [0.02] }, { 'cumulative-layout-shift': FIFTH })[0]!.status).toBe('fail');
      expect(compareToBaseline({ 'cumulative-layout-shift': [0.0299] }, { 'cumulative-layout-shift': [0.02] }, { 'cumulative-layout-shift': FIFTH })[0]!.status).toBe('pass');
    });
  });

  it('identical medians never regress, whatever the allowance (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.integer({ min: 0, max: 500 }), (value, percent) => {
        const [lcp] = compareToBaseline({ 'largest-contentful-paint': [value] }, { 'largest-contentful-paint': [value] }, { 'largest-contentful-paint': fraction(percent, 100) });
        const relative = relativeWorsening('largest-contentful-paint', fromNumber(value), fromNumber(value));
        return lcp!.status === 'pass' && (relative === null || relative.n === 0n);
      }),
    );
  });
});
