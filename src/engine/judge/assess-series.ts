import { ascending } from '../aggregate.js';
import type { MetricConfig } from '../analysis/config.js';
import { type Quantity, meanQuantity } from '../exact.js';
import { type Result, ok, err } from '../result.js';
import { type DirectionalTest, holdAbsolute, holdRelative, relativeChange } from './hold-thresholds.js';
import { mannWhitneyU } from './statistics/mann-whitney.js';
import { prepareSeries } from './transform.js';
import type { Assessment, TestStatistic, VariantData } from './types.js';

/**
 * Statistics for a series metric (latency…), as Kayenta's
 * MannWhitneyClassifier: a two-sided Mann–Whitney U test at the look's level,
 * a shift in the bad direction, and the effect as a ratio of means
 * (`EffectSizes.meanRatio`). Kayenta also requires the lower bound of the
 * Hodges–Lehmann interval to clear 25% of the estimate (`tolerance`); that
 * guard predates its effect sizes, and here the stated `max-increase` is the
 * one effect rule, so it is not copied. Identical samples pass, as in Kayenta.
 */
export function assessSeries(metric: MetricConfig, canaryData: VariantData, baselineData: VariantData | undefined, alpha: number): Result<Assessment> {
  const canary = prepareSeries(canaryData, metric.outliers);
  if (!canary.ok) return err(`canary: ${canary.error}`);
  const baseline = baselineData === undefined ? null : prepareSeries(baselineData, metric.outliers);
  if (baseline && !baseline.ok) return err(`baseline: ${baseline.error}`);

  const canaryMean = valueOf('canary', canary.value.values, metric.minSamples);
  const baselineMean = baseline ? valueOf('baseline', baseline.value.values, metric.minSamples) : { value: null, gap: 'no baseline to compare with' };
  const value = canaryMean.value;
  const baselineValue = baselineMean.value;
  const comparable = value !== null && baselineValue !== null && baseline !== null;
  const effect = comparable ? relativeChange(value, baselineValue) : null;
  const identical = comparable && sameSamples(canary.value.values, baseline.value.values);

  const tests: Partial<Record<'max' | 'min', TestStatistic>> = {};
  let test: ReturnType<typeof mannWhitneyU> | undefined;
  const testFor = (bound: 'max' | 'min'): DirectionalTest | null => {
    if (!comparable) return null;
    test ??= mannWhitneyU(canary.value.values, baseline.value.values);
    const pValue = identical ? 1 : test.pValue;
    tests[bound] = { test: 'mann-whitney-u', statistic: test.u, pValue, alpha, sided: 'two-sided', method: test.method, z: test.z };
    // Two-sided p, counted only when the shift is the bad one (Kayenta: `lowerConfidence > …` for High, `upperConfidence < …` for Low).
    const isBadShift = test.shift === (bound === 'max' ? 1 : -1);
    return { pValue: isBadShift ? pValue : 1, minPValue: test.minPValue, alpha, statistic: tests[bound] };
  };
  const results = metric.thresholds.map((t) => (t.kind === 'absolute' ? holdAbsolute(t, value) : holdRelative(t, effect, testFor(t.bound))));
  const removed = canary.value.removed + (baseline?.value.removed ?? 0);
  const notes = [identical && 'identical samples', removed > 0 && `${removed} outlier${removed === 1 ? '' : 's'} removed (IQR)`].filter(Boolean);
  return ok({
    kind: 'series',
    value: value?.value ?? null,
    baselineValue: baselineValue?.value ?? null,
    effect: effect?.value ?? null,
    samples: { canary: canary.value.values.length, baseline: baseline ? baseline.value.values.length : null },
    counts: null,
    results,
    tests,
    noDataReason: canaryMean.gap ?? baselineMean.gap,
    note: notes.length > 0 ? notes.join(', ') : null,
  });
}

/** The variant's mean, or why there is none to judge. */
function valueOf(variant: string, values: readonly number[], minSamples: number): { value: Quantity | null; gap: string | null } {
  if (values.length < minSamples) return { value: null, gap: `${variant} has ${values.length} of ${minSamples} required samples` };
  const mean = meanQuantity(values);
  return mean === null ? { value: null, gap: `${variant} has both +∞ and −∞ samples, and no mean stands for them` } : { value: mean, gap: null };
}

function sameSamples(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort(ascending);
  const y = [...b].sort(ascending);
  return x.every((value, i) => value === y[i]);
}
