import { aggregate } from '../aggregate.js';
import type { MetricConfig } from '../analysis/config.js';
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

  const canaryGap = gap('canary', canary.value.values.length, metric.minSamples);
  const baselineGap = baseline ? gap('baseline', baseline.value.values.length, metric.minSamples) : 'no baseline to compare with';
  const value = canaryGap === null ? aggregate(canary.value.values, 'mean') : null;
  const baselineValue = baseline && baselineGap === null ? aggregate(baseline.value.values, 'mean') : null;
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
    value,
    baselineValue,
    effect,
    samples: { canary: canary.value.values.length, baseline: baseline ? baseline.value.values.length : null },
    counts: null,
    results,
    tests,
    noDataReason: canaryGap ?? baselineGap,
    note: notes.length > 0 ? notes.join(', ') : null,
  });
}

function gap(variant: string, samples: number, minSamples: number): string | null {
  return samples < minSamples ? `${variant} has ${samples} of ${minSamples} required samples` : null;
}

function sameSamples(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.every((value, i) => value === y[i]);
}
