import { nextTick } from '../../../src/engine/rollout/next-tick.js';
import { parsePlan, type PlanInputs } from '../../../src/engine/rollout/parse-plan.js';
import type { RolloutPlan } from '../../../src/engine/rollout/plan.js';
import type { RolloutState } from '../../../src/engine/rollout/state.js';
import type { Judgement, TickResult } from '../../../src/engine/rollout/tick-result.js';

/** Plans and helpers shared by the rollout engine tests. */
export const T0 = new Date('2026-03-03T10:00:00.000Z');

/** `T0` plus minutes. */
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export function plan(inputs: PlanInputs = {}): RolloutPlan {
  const parsed = parsePlan({ 'canary-ref': 'v2', 'stable-ref': 'v1', ...inputs });
  if (!parsed.ok) throw new Error(parsed.error.join('; '));
  return parsed.value;
}

export const promote: Judgement = { verdict: 'promote', reason: 'all 3 metrics pass' };
export const hold: Judgement = { verdict: 'hold', reason: 'error-rate: nodata (0 of 10 samples)' };
export const rollback: Judgement = { verdict: 'rollback', reason: 'error-rate 7.2% > 5% (fail)' };

/** Runs ticks in order from no state; each is [minutes after T0, judgement]. */
export function run(steps: readonly [number, Judgement | null][], rolloutPlan = plan()): TickResult[] {
  const results: TickResult[] = [];
  let state: RolloutState | null = null;
  for (const [minutes, judgement] of steps) {
    const result = nextTick(rolloutPlan, state, judgement, at(minutes));
    results.push(result);
    state = result.nextState;
  }
  return results;
}

export const outputs = (result: TickResult) => [result.decision, result.previousWeight, result.weight, result.step, result.isChanged];
