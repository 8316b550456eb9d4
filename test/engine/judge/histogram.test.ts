import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketCounts, histogramQuantile, pairHistogramIntervals, prepareHistogram, summed } from '../../../src/engine/judge/histogram-buckets.js';
import { judgeCanary } from '../../../src/engine/judge/judge-canary.js';
import type { HistogramSeries } from '../../../src/engine/judge/types.js';
import { normalCdf } from '../../../src/engine/judge/statistics/special.js';
import { multinomial, normal, poisson } from '../../support/traffic-sampling.js';
import { mulberry32 } from '../../support/seeded-random.js';
import { analysis, metric } from './support.js';

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

/** Cumulative rows (one per interval, a count per bound) as the judge receives them: one series per `le`. */
const series = (rows: readonly (readonly number[])[], bounds: readonly number[] = BOUNDS): HistogramSeries => ({
  buckets: bounds.map((le, k) => ({ le, values: rows.map((row) => row[k]!) })),
});
const cumulative = (counts: readonly number[]) => ((sum) => counts.map((count) => (sum += count)))(0);

/** Ten minutes of a service's requests per bucket: log-normal latency (median 100 ms, σ 0.5), both variants moving together minute by minute. */
function traffic(seed: number, canaryPerMinute: number, slowdown: number, minutes = 10): { canary: HistogramSeries; baseline: HistogramSeries } {
  const random = mulberry32(seed);
  const shares = (median: number) => {
    const cdf = BOUNDS.map((bound) => (bound === Infinity ? 1 : normalCdf((Math.log(bound) - Math.log(median)) / 0.5)));
    return cdf.map((value, k) => value - (k === 0 ? 0 : cdf[k - 1]!));
  };
  const canary: number[][] = [];
  const baseline: number[][] = [];
  for (let minute = 0; minute < minutes; minute++) {
    const shared = Math.exp(0.1 * normal(random));
    canary.push(cumulative(multinomial(random, poisson(random, canaryPerMinute), shares(0.1 * shared * slowdown))));
    baseline.push(cumulative(multinomial(random, poisson(random, canaryPerMinute * 19), shares(0.1 * shared))));
  }
  return { canary: series(canary), baseline: series(baseline) };
}

describe('histogramQuantile', () => {
  // Prometheus' own cases (promql/quantile.go's bucketQuantile rules), worked by hand.
  it('interpolates linearly within the bucket holding rank q·N, as histogram_quantile does', () => {
    const bounds = [0.1, 0.25, 0.5, Infinity];
    expect(histogramQuantile(0.5, bounds, [50, 90, 99, 100])).toBeCloseTo(0.1, 12); // rank 50 is the first bucket's top
    expect(histogramQuantile(0.25, bounds, [50, 90, 99, 100])).toBeCloseTo(0.05, 12); // the first bucket starts at 0
    expect(histogramQuantile(0.7, bounds, [50, 90, 99, 100])).toBeCloseTo(0.1 + 0.15 * (20 / 40), 12);
    // In +Inf: beyond every bound (Prometheus answers the highest finite bound, 0.5, which would read as within any max above it).
    expect(histogramQuantile(0.995, bounds, [50, 90, 99, 100])).toBe(Infinity);
    expect(histogramQuantile(0.5, [-1, 0, 1, Infinity], [10, 20, 30, 40])).toBeCloseTo(0, 12);
    expect(histogramQuantile(0.1, [-1, 0, 1, Infinity], [10, 20, 30, 40])).toBe(-1); // a first bound at or below 0 is itself
  });

  it('has no value without requests or without a finite bound', () => {
    expect(histogramQuantile(0.99, [0.1, Infinity], [0, 0])).toBeNull();
    expect(histogramQuantile(0.99, [Infinity], [40])).toBeNull();
  });

  it('never decreases with q and stays within the finite bounds, or beyond them all', () => {
    const countsArb = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }).filter((counts) => counts.some((c) => c > 0));
    fc.assert(
      fc.property(countsArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (counts, a, b) => {
        const rows = cumulative(counts);
        const [low, high] = [Math.min(a, b), Math.max(a, b)];
        const lowValue = histogramQuantile(low, BOUNDS, rows)!;
        expect(lowValue).toBeLessThanOrEqual(histogramQuantile(high, BOUNDS, rows)! + 1e-12);
        expect(lowValue).toBeGreaterThanOrEqual(0);
        expect(lowValue <= 10 || lowValue === Infinity).toBe(true);
      }),
    );
  });
});

describe('prepareHistogram', () => {
  it('rounds extrapolated counts to whole requests and mends bounds that cross, as histogram_quantile does', () => {
    const prepared = prepareHistogram(series([[10.4, 30.6, 30.2, 41.49]], [0.1, 0.5, 1, Infinity]));
    expect(prepared).toEqual({ ok: true, value: { bounds: [0.1, 0.5, 1, Infinity], cumulative: [[10, 31, 31, 41]], samples: 1, requests: 41 } });
  });

  it('sorts buckets by bound, leaves out an interval with a gap in any bucket, and pairs intervals by index', () => {
    const data: HistogramSeries = { buckets: [{ le: Infinity, values: [10, NaN, 12] }, { le: 0.1, values: [4, 5, 6] }] };
    const prepared = prepareHistogram(data);
    expect(prepared).toEqual({ ok: true, value: { bounds: [0.1, Infinity], cumulative: [[4, 10], null, [6, 12]], samples: 2, requests: 22 } });
    if (!prepared.ok) return;
    expect(summed(prepared.value)).toEqual([10, 22]);
    const other = prepareHistogram({ buckets: [{ le: 0.1, values: [1, 1, NaN] }, { le: 0.5, values: [2, 2, 2] }, { le: Infinity, values: [3, 3, 3] }] });
    if (!other.ok) throw new Error(other.error);
    // Shared bounds only (0.1 and +Inf); the middle interval is a gap for one, the last for the other.
    expect(pairHistogramIntervals(prepared.value, other.value)).toEqual([{ canary: [4, 6], baseline: [1, 2] }]);
    expect(bucketCounts([1, 2, 3], [0.1, 0.5, Infinity], [0.1, Infinity])).toEqual([1, 2]);
  });

  it.each([
    [{ buckets: [{ le: 0.1, values: [1] }, { le: 0.5, values: [2] }] }, 'has no le="+Inf" bucket; it counts every request, so read it with the others'],
    [{ buckets: [{ le: 0.1, values: [1] }, { le: 0.1, values: [1] }, { le: Infinity, values: [2] }] }, 'two buckets have le="0.1"; each upper bound must be read once'],
    [{ buckets: [{ le: 0.1, values: [1, 2] }, { le: Infinity, values: [2] }] }, 'le="0.1" has 2 intervals and le="+Inf" 1; each interval needs every bucket'],
    [{ buckets: [{ le: 0.1, values: [-1] }, { le: Infinity, values: [2] }] }, 'le="0.1"[0] is -1; a bucket counts requests (finite, not negative)'],
    [{ buckets: [{ le: 0.1, values: [1] }, { le: Infinity, values: [Infinity] }] }, 'le="+Inf"[0] is Infinity; a bucket counts requests (finite, not negative)'],
    [{ buckets: [{ le: NaN, values: [1] }, { le: Infinity, values: [2] }] }, 'a bucket has an `le` that is not a number'],
    [[1, 2, 3], 'expected histogram buckets (one series per `le`), got a single series or a ratio'],
  ])('refuses %j: %s', (data, message) => {
    expect(prepareHistogram(data)).toEqual({ ok: false, error: message });
  });
});

describe('judgeCanary on a histogram metric', () => {
  const latency = (extra = '') => analysis(`  latency:\n    histogram: http_request_duration_seconds_bucket\n    max: 500ms\n    max-increase: 5%\n${extra}`);

  it('rolls back a 5% canary whose latency is 25% slower, on ten minutes of requests', () => {
    const judgement = judgeCanary(latency(), { latency: traffic(1, 480, 1.25) });
    expect(judgement.verdict).toBe('rollback');
    const [judged] = judgement.metrics;
    expect(judged).toMatchObject({ kind: 'histogram', status: 'fail', threshold: { key: 'max-increase', value: 0.05 }, statistic: { test: 'van-elteren', sided: 'one-sided' } });
    expect(judged?.reason).toMatch(/^latency \d+(\.\d+)? ms vs baseline \d+(\.\d+)? ms \(\+\d+(\.\d+)?%, p=\S+ < 0\.01\) exceeds max-increase 5%; \d+ canary and \d+ baseline requests on 12 shared buckets$/);
  });

  it('promotes a healthy canary, with the p99 in milliseconds as the value', () => {
    const judgement = judgeCanary(latency(), { latency: traffic(2, 480, 1) });
    expect(judgement.verdict).toBe('promote');
    // The p99 of a log-normal with median 100 ms and σ 0.5 is 320 ms; read from buckets (0.25 s, 0.5 s] it is near 430 ms.
    expect(judgement.metrics[0]?.value).toBeGreaterThan(350);
    expect(judgement.metrics[0]?.value).toBeLessThan(500);
  });

  it('holds its level: healthy canaries are rarely rolled back, whatever the traffic', () => {
    let rollbacks = 0;
    for (let seed = 0; seed < 200; seed++) if (judgeCanary(latency(), { latency: traffic(100 + seed, seed % 2 === 0 ? 480 : 60, 1) }).verdict === 'rollback') rollbacks++;
    expect(rollbacks).toBeLessThanOrEqual(4);
  });

  it('holds an absolute limit on the quantile it is told to read', () => {
    const config = analysis('  latency:\n    histogram: { series: h, quantile: 50%, unit: ms }\n    max: 80\n');
    const rows = [cumulative([0, 0, 0, 0, 60, 40, 0, 0, 0, 0, 0, 0])];
    const data = series([...rows, ...rows, ...rows], [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity]);
    const judged = judgeCanary(config, { latency: { canary: data, baseline: data } }).metrics[0]!;
    // Rank 150 of 300, in (50, 100] holding 180: 50 + 50 · 150/180.
    expect(judged.value).toBeCloseTo(50 + (50 * 150) / 180, 10);
    expect(judged).toMatchObject({ status: 'fail', reason: 'latency 91.67 ms exceeds max 80 ms (baseline 91.67 ms)' });
  });

  it('says why it cannot judge: no requests, too few intervals, one interval of evidence, malformed buckets', () => {
    const empty = series([cumulative(Array(12).fill(0)), cumulative(Array(12).fill(0)), cumulative(Array(12).fill(0))]);
    const judged = (input: Parameters<typeof judgeCanary>[1]['latency'], extra = '') => judgeCanary(latency(extra), { latency: input }).metrics[0]!;
    expect(judged({ canary: empty, baseline: traffic(3, 480, 1).baseline })).toMatchObject({ status: 'nodata', reason: 'latency: no data: canary served no requests in 3 samples' });
    const short = traffic(4, 480, 2, 2);
    expect(judged(short)).toMatchObject({ status: 'nodata', reason: 'latency: no data: canary has 2 of 3 required samples' });
    // One interval cannot tell a slower canary from a slower minute: a doubled latency holds instead of failing.
    const relativeOnly = analysis('  latency: { histogram: h, max-increase: 5%, min-samples: 1 }\n');
    expect(judgeCanary(relativeOnly, { latency: traffic(5, 480, 2, 1) }).metrics[0]).toMatchObject({ status: 'inconclusive', outcome: 'hold' });
    expect(judged({ canary: { buckets: [{ le: 0.1, values: [1, 2, 3] }] }, baseline: traffic(6, 480, 1).baseline })).toMatchObject({
      status: 'error',
      reason: 'latency: canary: has no le="+Inf" bucket; it counts every request, so read it with the others',
    });
    expect(judged({ canary: [1, 2, 3], baseline: [1, 2, 3] })).toMatchObject({ status: 'error' });
  });

  it('reads both quantiles at the bounds both variants have, and a quantile past the last bound as beyond it', () => {
    // Found by the adversarial corpus: the baseline's 0.5 s bucket gone read its p99 coarser than the canary's, and a canary
    // p99 in the +Inf bucket read as the last finite bound (1 s, as Prometheus answers) passed max-increase 10%.
    const rows = (counts: readonly number[]) => Array.from({ length: 10 }, () => counts);
    const baseline = series(rows([600, 900, 995, 1000]), [0.1, 0.25, 1, Infinity]);
    const canary = series(rows([20, 50, 80, 95, 100]), [0.1, 0.25, 0.5, 1, Infinity]);
    const judged = judgeCanary(analysis('  latency: { histogram: h, max-increase: 10% }\n'), { latency: { canary, baseline } }).metrics[0]!;
    expect(judged).toMatchObject({ status: 'fail', value: Infinity, effect: Infinity });
    expect(judged.reason).toMatch(/^latency beyond the last bucket vs baseline 960\.5 ms \(\+∞, p=\S+ < 0\.01\) exceeds max-increase 10%; 1000 canary and 10000 baseline requests on 4 shared buckets \(1 not in both variants left out\)$/);
  });

  it('reads a metric whose buckets moved: judged on the bounds both variants have', () => {
    const { canary, baseline } = traffic(7, 480, 1.25);
    const fewer: HistogramSeries = { buckets: canary.buckets.filter((bucket) => bucket.le !== 0.025 && bucket.le !== 5) };
    const judged = judgeCanary(latency(), { latency: { canary: fewer, baseline } }).metrics[0]!;
    expect(judged.status).toBe('fail');
    expect(judged.reason).toMatch(/on 10 shared buckets \(2 not in both variants left out\)$/);
    // Buckets missing on each side are counted from both.
    const baselineFewer: HistogramSeries = { buckets: baseline.buckets.filter((bucket) => bucket.le !== 2.5) };
    expect(judgeCanary(latency(), { latency: { canary: fewer, baseline: baselineFewer } }).metrics[0]!.reason).toMatch(/on 9 shared buckets \(3 not in both variants left out\)$/);
  });
});

describe('histogram metrics in the analysis file', () => {
  it('reads the short and the long form, with p99 in seconds by default', () => {
    expect(metric('{ histogram: h, max: 1s }').measure).toEqual({ kind: 'histogram', series: 'h', quantile: 0.99, unitMs: 1000 });
    expect(metric('{ histogram: { series: h, quantile: 0.95, unit: ms }, max: 1s }').measure).toEqual({ kind: 'histogram', series: 'h', quantile: 0.95, unitMs: 1 });
    // With a query the buckets' series is named after the metric.
    expect(metric("{ histogram: { quantile: 90% }, query: 'sum by (le) (x{v=\"{{variant}}\"})', max: 1s }").measure).toEqual({ kind: 'histogram', series: 'm', quantile: 0.9, unitMs: 1000 });
  });

  it.each([
    ['{ histogram: { series: h, quantile: 1 }, max: 1s }', 'metrics.m.histogram.quantile'],
    ['{ histogram: { series: h, unit: minutes }, max: 1s }', 'metrics.m.histogram.unit'],
    ['{ histogram: { series: h, le: 1 }, max: 1s }', 'metrics.m.histogram.le'],
    ['{ histogram: {}, max: 1s }', 'metrics.m.histogram.series'],
    ['{ histogram: h, series: s, max: 1s }', 'metrics.m.series'],
    ['{ histogram: h, ratio: { numerator: e, denominator: r }, max: 1s }', 'metrics.m.histogram'],
    ['{ histogram: [h], max: 1s }', 'metrics.m.histogram'],
  ])('refuses %s at %s', (entry, path) => {
    expect(() => metric(entry)).toThrow(new RegExp(`${path.replaceAll('.', '\\.')}\\b`));
  });

  it('is refused in single-version mode, which has no baseline to rank requests against', () => {
    expect(() => metric('{ histogram: h, max: 1s }', 'live')).toThrow(/histogram: a histogram is judged canary against baseline/);
  });
});
