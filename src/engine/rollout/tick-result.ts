import { stepLabel } from './labels.js';
import { stagesOf } from './plan.js';
import { type Decision, type RolloutPhase, type RolloutState, withRecord } from './state.js';

/** What the judge concluded about the current step; `nextTick` needs no more of it. */
export interface Judgement {
  verdict: 'promote' | 'hold' | 'rollback';
  /** One line, shown in the tick's reason. */
  reason: string;
}

/** A traffic move the action must make through its traffic target before saving the state. */
export interface TrafficChange {
  from: number;
  to: number;
}

/** The outcome of one tick: the outputs of canary-promote and the state to save. */
export interface TickResult {
  decision: Decision;
  nextState: RolloutState;
  /** False when nothing changed: nothing to save, no traffic to move; a re-run of this tick is harmless. */
  isChanged: boolean;
  /** The canary's weight after the tick, in percent. */
  weight: number;
  previousWeight: number;
  /** 1-based step number and the number of steps. */
  step: number;
  stepCount: number;
  /** `canary 25% (step 2/4)`. */
  label: string;
  /** ISO time before which another tick cannot change anything (bake time left); null when the next tick may act. */
  nextCheckAfter: string | null;
  reason: string;
  trafficChange: TrafficChange | null;
  /** What a person should know that did not decide the tick (clocks that disagree). */
  warnings: string[];
}

/** What a tick changes; omitted fields keep their values. */
export interface Change {
  decision: Decision;
  reason: string;
  nextCheckAfter: string | null;
  phase?: RolloutPhase;
  stepIndex?: number;
  weight?: number;
  /** The stage changed: its bake time starts now. */
  isNewStep?: boolean;
  consecutiveFailures?: number;
  consecutiveHolds?: number;
}

/** The result for a state as it stands after a tick. */
export function resultOf(state: RolloutState, previousWeight: number, fields: Pick<TickResult, 'decision' | 'reason' | 'nextCheckAfter' | 'isChanged'>): TickResult {
  const isMove = fields.isChanged && previousWeight !== state.weight;
  return {
    warnings: [],
    ...fields,
    nextState: state,
    weight: state.weight,
    previousWeight,
    step: state.stepIndex + 1,
    stepCount: stagesOf(state.plan).length,
    label: stepLabel(state),
    trafficChange: isMove ? { from: previousWeight, to: state.weight } : null,
  };
}

/** A tick that changes nothing and says why. */
export function unchanged(state: RolloutState, decision: Decision, reason: string, nextCheckAfter: string | null = null): TickResult {
  return resultOf(state, state.weight, { decision, reason, nextCheckAfter, isChanged: false });
}

/** A tick that changes the state: the version moves on and the tick joins the history. */
export function changed(state: RolloutState, now: Date, change: Change): TickResult {
  const at = now.toISOString();
  const stepIndex = change.stepIndex ?? state.stepIndex;
  const weight = change.weight ?? state.weight;
  const next: RolloutState = {
    ...state,
    phase: change.phase ?? state.phase,
    stepIndex,
    weight,
    stepStartedAt: change.isNewStep ? at : state.stepStartedAt,
    lastTickAt: at,
    version: state.version + 1,
    consecutiveFailures: change.consecutiveFailures ?? state.consecutiveFailures,
    consecutiveHolds: change.consecutiveHolds ?? state.consecutiveHolds,
    history: withRecord(state.history, { at, decision: change.decision, step: stepIndex + 1, weight, reason: change.reason }),
  };
  return resultOf(next, state.weight, { decision: change.decision, reason: change.reason, nextCheckAfter: change.nextCheckAfter, isChanged: true });
}
