import type { DirectionalTest } from './hold-thresholds.js';
import type { TestStatistic } from './types.js';

/** One test a `method: sequential` look ran, against its own share of the look's level. */
export interface SequentialCandidate {
  alpha: number;
  pValue: number;
  minPValue: number;
  test: TestStatistic['test'];
  statistic: number;
  z: number | null;
}

/**
 * A sequential look runs the anytime-valid test and, at the planned end of a
 * bake, a fixed-sample one, each against its own share of the level. The look
 * fails the threshold when either beats its share (a union bound over the
 * two); the one reported is the test nearer to beating its share, with its
 * own p-value and level, and the least p-value is scaled to that level so
 * that "cannot be significant" means neither test could be.
 */
export function pickNearest(candidates: readonly SequentialCandidate[]): DirectionalTest {
  const nearest = candidates.reduce((best, next) => (next.pValue / next.alpha < best.pValue / best.alpha ? next : best));
  const leastRatio = Math.min(...candidates.map((c) => c.minPValue / c.alpha));
  return {
    pValue: nearest.pValue,
    minPValue: leastRatio * nearest.alpha,
    alpha: nearest.alpha,
    statistic: { test: nearest.test, statistic: nearest.statistic, pValue: nearest.pValue, alpha: nearest.alpha, sided: 'one-sided', method: null, z: nearest.z },
  };
}
