import { nextTick } from '../../../src/engine/rollout/next-tick.js';
import { parsePlan } from '../../../src/engine/rollout/parse-plan.js';
import type { RolloutPlan } from '../../../src/engine/rollout/plan.js';
import type { RolloutState } from '../../../src/engine/rollout/state.js';
import type { Judgement } from '../../../src/engine/rollout/tick-result.js';

/** Rollout states made by the real engine, for the store tests. */
export const T0 = new Date('2026-03-03T10:00:00.000Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
export const PROMOTE: Judgement = { verdict: 'promote', reason: 'all 3 metrics pass' };
export const ROLLBACK: Judgement = { verdict: 'rollback', reason: 'error-rate 7.2% > 5% (fail)' };

export function canaryPlan(ref: string, inputs: Record<string, string> = {}): RolloutPlan {
  const parsed = parsePlan({ 'canary-ref': ref, ...inputs });
  if (!parsed.ok) throw new Error(parsed.error.join('; '));
  return parsed.value;
}

/** The states after each tick, from no state; ticks are [minutes after T0, judgement]. */
export function statesOf(plan: RolloutPlan, ticks: readonly [number, Judgement | null][], from: RolloutState | null = null): RolloutState[] {
  const states: RolloutState[] = [];
  let state = from;
  for (const [minutes, judgement] of ticks) {
    state = nextTick(plan, state, judgement, at(minutes)).nextState;
    states.push(state);
  }
  return states;
}

/** A rollout of `ref` walked to completion, starting at `start` minutes. */
export function completedRollout(ref: string, start: number, from: RolloutState | null = null): RolloutState[] {
  return statesOf(canaryPlan(ref), [[start, null], [start + 10, PROMOTE], [start + 20, PROMOTE], [start + 30, PROMOTE], [start + 40, PROMOTE]], from);
}
