import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextTick } from '../../../src/engine/rollout/next-tick.js';
import type { RolloutPlan } from '../../../src/engine/rollout/plan.js';
import { type RolloutState, checkState, isTerminal } from '../../../src/engine/rollout/state.js';
import type { Judgement, TickResult } from '../../../src/engine/rollout/tick-result.js';
import { T0 } from './fixtures.js';

/** Laws of the state machine over any plan and any sequence of ticks. */
const release = { ref: 'v2', version: 'v2' };

const canaryPlan: fc.Arbitrary<RolloutPlan> = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 5 })
  .chain((inner) => {
    const steps = [...inner.sort((a, b) => a - b), 100];
    return fc.record({
      strategy: fc.constant('canary' as const),
      steps: fc.constant(steps),
      bakeMs: fc.array(fc.integer({ min: 0, max: 20 * 60_000 }), { minLength: steps.length, maxLength: steps.length }),
      canary: fc.constant(release),
      stable: fc.constant(null),
      failureLimit: fc.integer({ min: 0, max: 2 }),
    });
  });

const blueGreenPlan: fc.Arbitrary<RolloutPlan> = fc.record({
  strategy: fc.constant('blue-green' as const),
  prePromotionBakeMs: fc.integer({ min: 0, max: 20 * 60_000 }),
  postPromotionBakeMs: fc.integer({ min: 0, max: 20 * 60_000 }),
  scaleDownDelayMs: fc.integer({ min: 0, max: 5 * 60_000 }),
  canary: fc.constant(release),
  stable: fc.constant(null),
  failureLimit: fc.integer({ min: 0, max: 2 }),
});

const judgement: fc.Arbitrary<Judgement | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom<Judgement['verdict']>('promote', 'hold', 'rollback').map((verdict) => ({ verdict, reason: `judge said ${verdict}` })),
);

/** A tick: how long after the previous one (0 = the same instant, a re-run or a race) and what the judge said. */
const tick = fc.record({ afterMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 25 * 60_000 })), judgement });

const scenario = fc.record({ plan: fc.oneof(canaryPlan, blueGreenPlan), ticks: fc.array(tick, { minLength: 1, maxLength: 40 }) });

/** Every tick's input state, inputs and result. */
function play(plan: RolloutPlan, ticks: readonly { afterMs: number; judgement: Judgement | null }[]) {
  const played: { before: RolloutState | null; judgement: Judgement | null; now: Date; result: TickResult }[] = [];
  let state: RolloutState | null = null;
  let now = T0.getTime();
  for (const { afterMs, judgement: given } of ticks) {
    now += afterMs;
    const result = nextTick(plan, state, given, new Date(now));
    played.push({ before: state, judgement: given, now: new Date(now), result });
    state = result.nextState;
  }
  return played;
}

describe('nextTick laws', () => {
  it('weight never moves backwards, except to 0 on a rollback', () => {
    fc.assert(
      fc.property(scenario, ({ plan, ticks }) => {
        for (const { result } of play(plan, ticks)) {
          if (result.weight < result.previousWeight) expect([result.decision, result.weight]).toEqual(['rollback', 0]);
        }
      }),
    );
  });

  it('re-running a tick with the same state and inputs changes nothing and repeats the decision', () => {
    fc.assert(
      fc.property(scenario, ({ plan, ticks }) => {
        for (const { judgement: given, now, result } of play(plan, ticks)) {
          const again = nextTick(plan, result.nextState, given, now);
          expect(again.isChanged).toBe(false);
          expect(again.nextState).toBe(result.nextState);
          expect(again.trafficChange).toBeNull();
          if (result.isChanged) expect(again.decision).toBe(result.decision);
        }
      }),
    );
  });

  it('the version moves on by one exactly when the state changes, and an unchanged tick returns the state as it was', () => {
    fc.assert(
      fc.property(scenario, ({ plan, ticks }) => {
        for (const { before, result } of play(plan, ticks)) {
          expect(result.nextState.version).toBe((before?.version ?? 0) + (result.isChanged ? 1 : 0));
          if (!result.isChanged) expect(result.nextState).toBe(before);
          expect(result.trafficChange === null || result.isChanged).toBe(true);
        }
      }),
    );
  });

  it('promotes only on a promote verdict (or to start), and every state it makes fits its plan', () => {
    fc.assert(
      fc.property(scenario, ({ plan, ticks }) => {
        for (const { before, judgement: given, result } of play(plan, ticks)) {
          if (result.decision === 'promote' && result.isChanged && before !== null) expect(given?.verdict).toBe('promote');
          expect(checkState(result.nextState)).toBeNull();
        }
      }),
    );
  });

  it('an ended rollout stays ended whatever the judge says', () => {
    fc.assert(
      fc.property(scenario, ({ plan, ticks }) => {
        for (const { before, result } of play(plan, ticks)) {
          if (before !== null && isTerminal(before.phase)) expect(result.nextState).toBe(before);
        }
      }),
    );
  });
});
