import type { Threshold } from '../analysis/config.js';
import { type Quantity, compareQuantity, negateQuantity, relativeChangeOf } from '../exact.js';
import type { TestStatistic, ThresholdResult } from './types.js';

/**
 * Holding one threshold to the data, shared by ratio and series metrics and
 * by single-version mode. Absolute thresholds compare the canary's own value
 * (`max: 5%` passes at exactly 5%, as gate limits do). Relative thresholds
 * follow Kayenta's MannWhitneyClassifier: the canary is worse only when the
 * change is significant in the bad direction AND its effect reaches the
 * allowed one (`effectSize >= allowedIncrease`; `max-increase: 20%` is
 * Kayenta's `allowedIncrease: 1.2` on a ratio of means). Values and effects
 * are compared exactly with the threshold as written (`exact.ts`), so float
 * rounding never decides which side of a limit a value is on.
 */

/** The relative test in one direction, as the statistics stage ran it. */
export interface DirectionalTest {
  /** p-value for "the canary is worse in this direction". */
  pValue: number;
  /** The least p-value this much data could ever give in this direction. */
  minPValue: number;
  /** The level it must beat. */
  alpha: number;
  statistic: TestStatistic;
}

/** True when the value is on the bad side of an absolute threshold (strictly: the limit itself is within). */
export function isBeyond(threshold: Pick<Threshold, 'bound' | 'exact'>, value: Quantity): boolean {
  const side = compareQuantity(value, threshold.exact);
  return threshold.bound === 'max' ? side > 0 : side < 0;
}

export function holdAbsolute(threshold: Threshold, value: Quantity | null): ThresholdResult {
  const isMax = threshold.bound === 'max';
  const base = { key: threshold.key, kind: 'absolute', level: threshold.level, operator: isMax ? '<=' : '>=', expected: threshold.value, pValue: null, alpha: null } as const;
  if (value === null) return { ...base, actual: null, status: 'nodata' };
  return { ...base, actual: value.value, status: isBeyond(threshold, value) ? threshold.level : 'pass' };
}

/**
 * True when a change reaches a relative threshold in its bad direction
 * (Kayenta fails at `>=`). A change must go the bad way to reach anything:
 * with `max-increase: 0%`, no change is not an increase.
 */
export function reachesChange(threshold: Pick<Threshold, 'bound' | 'exact'>, effect: Quantity): boolean {
  if (threshold.bound === 'max') return effect.value > 0 && compareQuantity(effect, threshold.exact) >= 0;
  return effect.value < 0 && compareQuantity(negateQuantity(effect), threshold.exact) >= 0;
}

/**
 * `effect` is the canary's change against the baseline (null without a
 * baseline). A change that reaches the allowed effect but could not be
 * significant with this little data (a 5% canary's first error, a series
 * whose ties cap the test) is `inconclusive`, so the tick holds instead of
 * promoting on silence; a warn-level threshold never holds.
 */
export function holdRelative(threshold: Threshold, effect: Quantity | null, test: DirectionalTest | null): ThresholdResult {
  const isIncrease = threshold.bound === 'max';
  const expected = isIncrease ? threshold.value : -threshold.value;
  const base = { key: threshold.key, kind: 'relative', level: threshold.level, operator: isIncrease ? '<' : '>', expected } as const;
  if (effect === null || test === null) return { ...base, actual: null, status: 'nodata', pValue: null, alpha: null };
  const reached = reachesChange(threshold, effect);
  const significant = test.pValue < test.alpha;
  const cannotShow = test.minPValue >= test.alpha;
  const status = reached && significant ? threshold.level : reached && cannotShow && threshold.level === 'fail' ? 'inconclusive' : 'pass';
  return { ...base, actual: effect.value, status, pValue: test.pValue, alpha: test.alpha };
}

/**
 * The canary's change against the baseline, (canary − baseline) / |baseline|:
 * from 0 to more is +∞, 0 to 0 is no change, and a series of negative values
 * that rises is an increase (canary / baseline − 1 would flip its sign).
 */
export function relativeChange(canary: Quantity, baseline: Quantity): Quantity {
  return relativeChangeOf(canary, baseline);
}
