import { describe, expect, it } from 'vitest';
import { judgeSamples } from '../../../src/actions/auto-rollback/sample-outcomes.js';
import { metricsOf } from './watch-support.js';

/** Per-sample judgement meets thresholds exactly as written, as the canary judge does: float rounding never decides. */
const one = (yaml: string) => metricsOf(yaml)[0]!;

describe('exact thresholds per sample', () => {
  it('a rate of exactly max is within; one event more is beyond', () => {
    const metric = one('  error-rate: { ratio: { numerator: e, denominator: r }, max: 0.7% }');
    // `0.7%` as 0.7 / 100 is 0.006999999999999999 in doubles, which 7 in 1,000 would exceed; exactly, it is the limit.
    expect(judgeSamples(metric, { numerator: [7, 8], denominator: [1000, 1000] }, null).outcomes).toEqual(['pass', 'breach']);
  });

  it('a change of exactly max-increase reaches it (Kayenta fails at ≥), one just under does not', () => {
    const fifty = one('  latency: { series: p99, max-increase: 50% }');
    expect(judgeSamples(fifty, [150, 149.99], [100, 100]).outcomes).toEqual(['breach', 'pass']);
    // 120 / 100 − 1 is 0.19999999999999996 in doubles: it must still reach 20%.
    const twenty = one('  latency: { series: p99, max-increase: 20% }');
    expect(judgeSamples(twenty, [120, 0.3], [100, 0.25]).outcomes).toEqual(['breach', 'breach']);
  });

  it('max-decrease reaches at exactly the fall allowed; a rise is never a decrease', () => {
    const metric = one('  throughput: { series: rps, max-decrease: 10% }');
    expect(judgeSamples(metric, [90, 91, 200], [100, 100, 100]).outcomes).toEqual(['breach', 'pass', 'pass']);
  });

  it('+∞ breaches every max, −∞ every min, and a rise from a zero baseline is infinite', () => {
    expect(judgeSamples(one('  latency: { series: p99, max: 1000 }'), [Infinity, 1000], null).outcomes).toEqual(['breach', 'pass']);
    expect(judgeSamples(one('  apdex: { series: a, min: 0.5 }'), [-Infinity, 0.5], null).outcomes).toEqual(['breach', 'pass']);
    expect(judgeSamples(one('  latency: { series: p99, max-increase: 50% }'), [Infinity, 1, 0], [100, 0, 0]).outcomes).toEqual(['breach', 'breach', 'pass']);
  });

  it('series of negative values change in the direction they move (against |baseline|)', () => {
    const metric = one('  margin: { series: m, max-increase: 50% }');
    // −100 → −50 is a rise of 50% of |−100|.
    expect(judgeSamples(metric, [-50, -150], [-100, -100]).outcomes).toEqual(['breach', 'pass']);
  });
});

describe('what counts as judged', () => {
  it('a gap or an interval without traffic is no data, not judged', () => {
    const metric = one('  error-rate: { ratio: { numerator: e, denominator: r }, max: 5% }');
    expect(judgeSamples(metric, { numerator: [1, 0, Number.NaN], denominator: [100, 0, 100] }, null)).toMatchObject({ outcomes: ['pass', 'nodata', 'nodata'], judged: [true, false, false] });
  });

  it('a relative-only metric is judged only where the baseline has the same interval', () => {
    const metric = one('  latency: { series: p99, max-increase: 50% }');
    expect(judgeSamples(metric, [100, 100], [100, Number.NaN])).toMatchObject({ outcomes: ['pass', 'nodata'], judged: [true, false] });
  });

  it('an absolute threshold judges a sample even where the baseline is missing', () => {
    const metric = one('  latency: { series: p99, max: 500, max-increase: 50% }');
    expect(judgeSamples(metric, [600, 100], [100, Number.NaN])).toMatchObject({ outcomes: ['breach', 'pass'], judged: [true, true] });
  });

  it('under on-no-data: fail, a sample without data is a breach, still not judged', () => {
    const metric = one('  latency: { series: p99, max: 500, on-no-data: fail }');
    expect(judgeSamples(metric, [Number.NaN], null)).toMatchObject({ outcomes: ['breach'], judged: [false] });
  });
});
