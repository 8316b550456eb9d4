import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANYTIME_SHARE, FIRST_STAGE_SHARE, sequentialLevels, stageShare } from '../../../../src/engine/judge/statistics/sequential-levels.js';

describe('sequentialLevels', () => {
  it('runs Fisher only at the planned end of the bake; every look runs the mixture SPRT', () => {
    const stage = { index: 1, count: 3 };
    expect(sequentialLevels(0.02, { index: 3, count: 10 }, stage)).toEqual({ anytime: 0.02 * FIRST_STAGE_SHARE * ANYTIME_SHARE, fixed: null });
    expect(sequentialLevels(0.02, { index: 10, count: 10 }, stage).fixed).toBeCloseTo(0.02 * FIRST_STAGE_SHARE * (1 - ANYTIME_SHARE), 15);
    // A held look after the bake never spends Fisher's share again.
    expect(sequentialLevels(0.02, { index: 11, count: 10 }, stage).fixed).toBeNull();
    // One judgement without looks: both tests, all of α.
    const single = sequentialLevels(0.02, undefined, undefined);
    expect(single.anytime + single.fixed!).toBeCloseTo(0.02, 15);
  });

  it('keeps a whole rollout within α by the union bound, however many looks a step has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (count, alpha) => {
        let total = 0;
        for (let index = 1; index <= count; index++) {
          // The SPRT's share covers all its looks at once (Ville); Fisher runs once per step.
          const end = sequentialLevels(alpha, { index: 10, count: 10 }, { index, count });
          total += end.anytime + (end.fixed ?? 0);
          expect(stageShare({ index, count })).toBeGreaterThan(0);
        }
        expect(total).toBeLessThanOrEqual(alpha * (1 + 1e-12));
      }),
    );
  });
});
