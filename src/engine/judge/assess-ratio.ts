import type { MetricConfig } from '../analysis/config.js';
import { exactQuantity } from '../exact.js';
import { type Result, ok, err } from '../result.js';
import { type DirectionalTest, holdAbsolute, holdRelative, relativeChange } from './hold-thresholds.js';
import { type Tail, fisherExact } from './statistics/fisher-exact.js';
import { type IntervalCounts, mixtureSprt } from './statistics/mixture-sprt.js';
import type { SequentialLevels } from './statistics/sequential-levels.js';
import { type PreparedCounts, fillEmptyNumerator, isRatioSeries, pairIntervals, prepareCounts } from './transform.js';
import { type SequentialCandidate, pickNearest } from './sequential-choice.js';
import type { Assessment, VariantData } from './types.js';

/**
 * Statistics for a ratio metric (errors / requests), judged on counts: the
 * rates come from summed counts, and a relative threshold runs Fisher's exact
 * test one-sided in its bad direction at (1 − confidence) / 2 per look, the
 * one-sided half of Kayenta's two-sided confidence, so a ratio and a series
 * metric at the same confidence raise false alarms at the same rate.
 * Under `method: sequential` the levels of the look say which tests run
 * (`statistics/sequential-levels.ts`): the mixture SPRT on the intervals'
 * counts at every look, Fisher's test at the planned end of a bake.
 */
const TAIL = { max: 'greater', min: 'less' } as const satisfies Record<'max' | 'min', Tail>;

export function assessRatio(
  metric: MetricConfig,
  canaryData: VariantData,
  baselineData: VariantData | undefined,
  alpha: number,
  sequential?: SequentialLevels,
): Result<Assessment> {
  if (metric.measure.kind !== 'ratio') return err(`${metric.name} is not a ratio metric`);
  const names = metric.measure;
  const filled = (data: VariantData) => (isRatioSeries(data) ? fillEmptyNumerator(data, names.emptyNumerator) : data);
  const prepare = (data: VariantData) => prepareCounts(filled(data), names);
  const canary = prepare(canaryData);
  if (!canary.ok) return err(`canary: ${canary.error}`);
  const baseline = baselineData === undefined ? null : prepare(baselineData);
  if (baseline && !baseline.ok) return err(`baseline: ${baseline.error}`);

  const canaryGap = gap('canary', canary.value, metric, names.denominator);
  const baselineGap = baseline ? gap('baseline', baseline.value, metric, names.denominator) : 'no baseline to compare with';
  const value = canaryGap === null && canary.value.rate ? exactQuantity(canary.value.rate) : null;
  const baselineValue = baseline?.ok && baselineGap === null && baseline.value.rate ? exactQuantity(baseline.value.rate) : null;
  const comparable = value !== null && baselineValue !== null && baseline !== null;
  const effect = comparable ? relativeChange(value, baselineValue) : null;

  const tests: Partial<Record<'max' | 'min', DirectionalTest>> = {};
  const testFor = (bound: 'max' | 'min'): DirectionalTest | null => {
    if (!comparable) return null;
    tests[bound] ??= sequential
      ? runSequential(pairIntervals(filled(canaryData), filled(baselineData!), canary.value, baseline.value), canary.value, baseline.value, TAIL[bound], sequential)
      : runFisher(canary.value, baseline.value, TAIL[bound], alpha / 2);
    return tests[bound];
  };
  const results = metric.thresholds.map((t) => (t.kind === 'absolute' ? holdAbsolute(t, value) : holdRelative(t, effect, testFor(t.bound))));
  return ok({
    kind: 'ratio',
    value: value?.value ?? null,
    baselineValue: baselineValue?.value ?? null,
    effect: effect?.value ?? null,
    samples: { canary: canary.value.samples, baseline: baseline ? baseline.value.samples : null },
    counts: { canary: countsOf(canary.value), baseline: baseline ? countsOf(baseline.value) : null },
    results,
    tests: { ...(tests.max && { max: tests.max.statistic }), ...(tests.min && { min: tests.min.statistic }) },
    noDataReason: canaryGap ?? baselineGap,
    note: null,
  });
}

function runFisher(canary: PreparedCounts, baseline: PreparedCounts, tail: Tail, alpha: number): DirectionalTest {
  const table = { canaryEvents: canary.events, canaryTotal: canary.total, baselineEvents: baseline.events, baselineTotal: baseline.total };
  const result = fisherExact(table, tail);
  return {
    pValue: result.pValue,
    minPValue: result.minPValue,
    alpha,
    statistic: { test: 'fisher-exact', statistic: result.statistic, pValue: result.pValue, alpha, sided: 'one-sided', method: null, z: null },
  };
}

/** The mixture SPRT at every look and Fisher's test at the planned end of a bake (one-sided: half the two-sided levels). */
function runSequential(intervals: IntervalCounts[], canary: PreparedCounts, baseline: PreparedCounts, tail: Tail, levels: SequentialLevels): DirectionalTest {
  const sprt = mixtureSprt(intervals, tail);
  const candidates: SequentialCandidate[] = [{ alpha: levels.anytime / 2, pValue: sprt.pValue, minPValue: sprt.minPValue, test: 'mixture-sprt', statistic: sprt.eValue, z: null }];
  if (levels.fixed !== null) {
    const table = { canaryEvents: canary.events, canaryTotal: canary.total, baselineEvents: baseline.events, baselineTotal: baseline.total };
    const fisher = fisherExact(table, tail);
    candidates.push({ alpha: levels.fixed / 2, pValue: fisher.pValue, minPValue: fisher.minPValue, test: 'fisher-exact', statistic: fisher.statistic, z: null });
  }
  return pickNearest(candidates);
}

/** Why a variant cannot be judged, or null when it can. No traffic is no data, never 0%. */
function gap(variant: string, counts: PreparedCounts, metric: MetricConfig, denominator: string): string | null {
  if (counts.samples < metric.minSamples) return `${variant} has ${counts.samples} of ${metric.minSamples} required samples`;
  if (counts.total === 0) return `${variant} saw no ${denominator} in ${counts.samples} samples`;
  return null;
}

const countsOf = (counts: PreparedCounts) => ({ events: counts.events, total: counts.total });
