import type { MetricConfig } from '../analysis/config.js';
import { quantityOf } from '../exact.js';
import { type Result, ok, err } from '../result.js';
import { type DirectionalTest, holdAbsolute, holdRelative, relativeChange } from './hold-thresholds.js';
import { type PreparedHistogram, histogramQuantile, pairHistogramIntervals, prepareHistogram, sharedBounds, summed } from './histogram-buckets.js';
import type { Tail } from './statistics/fisher-exact.js';
import { type IntervalBuckets, standardizedIntervals, stratifiedRankSum } from './statistics/grouped-rank-sum.js';
import type { SequentialLevels } from './statistics/sequential-levels.js';
import { tTestEProcess } from './statistics/t-test-e-process.js';
import { type SequentialCandidate, pickNearest } from './sequential-choice.js';
import type { Assessment, TestStatistic, VariantData } from './types.js';

/**
 * Statistics for a histogram metric (latency from `_bucket` counters): the
 * value is the canary's quantile as `histogram_quantile` reads it from the
 * window's buckets, in ms; a relative threshold compares it with the
 * baseline's, and the change must also be significant on the requests
 * themselves: every request of the window ranked against the other
 * variant's of the same interval (`statistics/grouped-rank-sum.ts`), not
 * ten per-minute quantiles: van Elteren's test, widened for dispersion
 * between intervals, at the look's one-sided level. Under `method:
 * sequential` an anytime-valid t-test on the intervals' own rank statistics
 * runs at every look and van Elteren's test at the planned end of a bake,
 * as `assess-ratio.ts` pairs its tests.
 */
const TAIL = { max: 'greater', min: 'less' } as const satisfies Record<'max' | 'min', Tail>;

export function assessHistogram(
  metric: MetricConfig,
  canaryData: VariantData,
  baselineData: VariantData | undefined,
  alpha: number,
  sequential?: SequentialLevels,
): Result<Assessment> {
  if (metric.measure.kind !== 'histogram') return err(`${metric.name} is not a histogram metric`);
  const { quantile, unitMs } = metric.measure;
  const canary = prepareHistogram(canaryData);
  if (!canary.ok) return err(`canary: ${canary.error}`);
  const baseline = baselineData === undefined ? null : prepareHistogram(baselineData);
  if (baseline && !baseline.ok) return err(`baseline: ${baseline.error}`);

  const bounds = baseline ? sharedBounds(canary.value, baseline.value) : canary.value.bounds;
  const canaryValue = valueOf('canary', canary.value, bounds, quantile, unitMs, metric.minSamples);
  const baselineValue = baseline ? valueOf('baseline', baseline.value, bounds, quantile, unitMs, metric.minSamples) : { value: null, gap: 'no baseline to compare with' };
  const value = canaryValue.value === null ? null : quantityOf(canaryValue.value);
  const base = baselineValue.value === null ? null : quantityOf(baselineValue.value);
  const comparable = value !== null && base !== null && baseline !== null;
  const effect = comparable ? relativeChange(value, base) : null;

  const tests: Partial<Record<'max' | 'min', DirectionalTest>> = {};
  let intervals: IntervalBuckets[] | undefined;
  const testFor = (bound: 'max' | 'min'): DirectionalTest | null => {
    if (!comparable) return null;
    intervals ??= pairHistogramIntervals(canary.value, baseline.value, bounds);
    tests[bound] ??= sequential ? runSequential(intervals, TAIL[bound], sequential) : runRankSum(intervals, TAIL[bound], alpha / 2);
    return tests[bound];
  };
  const results = metric.thresholds.map((t) => (t.kind === 'absolute' ? holdAbsolute(t, value) : holdRelative(t, effect, testFor(t.bound))));
  return ok({
    kind: 'histogram',
    value: canaryValue.value,
    baselineValue: baselineValue.value,
    effect: effect?.value ?? null,
    samples: { canary: canary.value.samples, baseline: baseline ? baseline.value.samples : null },
    counts: null,
    results,
    tests: { ...(tests.max && { max: tests.max.statistic }), ...(tests.min && { min: tests.min.statistic }) },
    noDataReason: canaryValue.gap ?? baselineValue.gap,
    note: baseline ? describeRequests(canary.value, baseline.value, bounds) : null,
  });
}

/** The variant's quantile in ms at these bounds, or why there is none. No requests is no data, never 0 ms. */
function valueOf(variant: string, histogram: PreparedHistogram, bounds: readonly number[], quantile: number, unitMs: number, minSamples: number): { value: number | null; gap: string | null } {
  if (histogram.samples < minSamples) return { value: null, gap: `${variant} has ${histogram.samples} of ${minSamples} required samples` };
  if (histogram.requests === 0) return { value: null, gap: `${variant} served no requests in ${histogram.samples} samples` };
  const read = histogramQuantile(quantile, bounds, summed(histogram, bounds));
  if (read === null) return { value: null, gap: `${variant} has only the +Inf bucket, which places no request in time` };
  return { value: read * unitMs, gap: null };
}

function runRankSum(intervals: readonly IntervalBuckets[], tail: Tail, alpha: number): DirectionalTest {
  const result = stratifiedRankSum(intervals, tail);
  const statistic: TestStatistic = { test: 'van-elteren', statistic: result.z, pValue: result.pValue, alpha, sided: 'one-sided', method: null, z: result.z };
  return { pValue: result.pValue, minPValue: result.minPValue, alpha, statistic };
}

/** The t-test e-process at every look and van Elteren's test at the planned end of a bake (one-sided: half the two-sided levels). */
function runSequential(intervals: readonly IntervalBuckets[], tail: Tail, levels: SequentialLevels): DirectionalTest {
  const anytime = tTestEProcess(standardizedIntervals(intervals), tail);
  const candidates: SequentialCandidate[] = [{ alpha: levels.anytime / 2, pValue: anytime.pValue, minPValue: anytime.minPValue, test: 't-test-e-process', statistic: anytime.eValue, z: null }];
  if (levels.fixed !== null) {
    const fixed = stratifiedRankSum(intervals, tail);
    candidates.push({ alpha: levels.fixed / 2, pValue: fixed.pValue, minPValue: fixed.minPValue, test: 'van-elteren', statistic: fixed.z, z: fixed.z });
  }
  return pickNearest(candidates);
}

/** `4812 canary and 91377 baseline requests on 12 shared buckets`: what the test rests on, and the buckets only one variant has. */
function describeRequests(canary: PreparedHistogram, baseline: PreparedHistogram, bounds: readonly number[]): string | null {
  if (canary.requests === 0) return null;
  const shared = bounds.length;
  const dropped = canary.bounds.length + baseline.bounds.length - 2 * shared;
  const buckets = `${shared} shared bucket${shared === 1 ? '' : 's'}${dropped > 0 ? ` (${dropped} not in both variants left out)` : ''}`;
  return `${canary.requests} canary and ${baseline.requests} baseline requests on ${buckets}`;
}
