import type { Threshold } from '../analysis/config.js';
import type { TestStatistic, ThresholdResult } from './types.js';

/**
 * Holding one threshold to the data, shared by ratio and series metrics and
 * by single-version mode. Absolute thresholds compare the canary's own value
 * (`max: 5%` passes at exactly 5%, as gate limits do). Relative thresholds
 * follow Kayenta's MannWhitneyClassifier: the canary is worse only when the
 * change is significant in the bad direction AND its effect reaches the
 * allowed one (`effectSize >= allowedIncrease`; `max-increase: 20%` is
 * Kayenta's `allowedIncrease: 1.2` on a ratio of means).
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

export function holdAbsolute(threshold: Threshold, value: number | null): ThresholdResult {
  const isMax = threshold.bound === 'max';
  const base = { key: threshold.key, kind: 'absolute', level: threshold.level, operator: isMax ? '<=' : '>=', expected: threshold.value, pValue: null, alpha: null } as const;
  if (value === null || Number.isNaN(value)) return { ...base, actual: null, status: 'nodata' };
  const within = isMax ? value <= threshold.value : value >= threshold.value;
  return { ...base, actual: value, status: within ? 'pass' : threshold.level };
}

/**
 * `effect` is canary / baseline − 1 (null without a baseline). A change that
 * reaches the allowed effect but could not be significant with this little
 * data (a 5% canary's first error) is `inconclusive`, so the tick holds
 * instead of promoting on silence; a warn-level threshold never holds.
 */
export function holdRelative(threshold: Threshold, effect: number | null, test: DirectionalTest | null): ThresholdResult {
  const isIncrease = threshold.bound === 'max';
  const expected = isIncrease ? threshold.value : -threshold.value;
  const base = { key: threshold.key, kind: 'relative', level: threshold.level, operator: isIncrease ? '<' : '>', expected } as const;
  if (effect === null || test === null) return { ...base, actual: null, status: 'nodata', pValue: null, alpha: null };
  // A change must go the bad way to reach anything: with `max-increase: 0%`, no change is not an increase.
  const reached = isIncrease ? effect > 0 && effect >= threshold.value : effect < 0 && effect <= -threshold.value;
  const significant = test.pValue < test.alpha;
  const cannotShow = test.minPValue >= test.alpha;
  const status = reached && significant ? threshold.level : reached && cannotShow && threshold.level === 'fail' ? 'inconclusive' : 'pass';
  return { ...base, actual: effect, status, pValue: test.pValue, alpha: test.alpha };
}

/**
 * Canary / baseline − 1, with Kayenta's zero cases made explicit: from 0 to
 * more is +∞, 0 to 0 is no change. A change below 1e-12 is the rounding of
 * two sums of the same numbers in another order, not a change, so a `0%`
 * threshold never reads it as one.
 */
export function relativeChange(canary: number, baseline: number): number {
  if (baseline === 0) return canary === 0 ? 0 : canary > 0 ? Infinity : -Infinity;
  const change = canary / baseline - 1;
  return Math.abs(change) < 1e-12 ? 0 : change;
}
