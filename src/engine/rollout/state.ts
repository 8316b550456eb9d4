import { MAX_TIMER_MS } from '../units.js';
import { type RolloutPlan, stagesOf } from './plan.js';

/**
 * The progress of one rollout, as a store keeps it between ticks. Plain JSON
 * (times are ISO-8601 strings) so the file store writes it as is and the
 * GitHub store can split it into a payload and statuses.
 */

export const ROLLOUT_PHASES = ['progressing', 'complete', 'failed', 'superseded'] as const;
/**
 * `progressing` walks the plan's stages; `complete` and `failed` end it;
 * `superseded` ends it when a newer version takes its place mid-way.
 */
export type RolloutPhase = (typeof ROLLOUT_PHASES)[number];

export const DECISIONS = ['start', 'promote', 'hold', 'rollback', 'complete'] as const;
/**
 * The `decision` output of canary-promote. `start` is the tick that begins a
 * rollout (or restarts it for a new version): the first step's weight is set
 * and nothing has been judged, so it is not a promotion, which a step earns
 * only on evidence.
 */
export type Decision = (typeof DECISIONS)[number];

/** One tick that changed the state, kept so the summary can show how the rollout went. */
export interface TickRecord {
  at: string;
  decision: Decision;
  /** 1-based stage number. */
  step: number;
  weight: number;
  reason: string;
}

export interface RolloutState {
  /** The plan the rollout started with; later edits of the inputs apply to the next version's rollout. */
  plan: RolloutPlan;
  phase: RolloutPhase;
  /** 0-based index into the plan's stages. */
  stepIndex: number;
  /** The canary's share of traffic now, in percent. */
  weight: number;
  startedAt: string;
  /** When the current stage began; its bake time runs from here. */
  stepStartedAt: string;
  /** The last tick that changed the state; a tick at or before it is a re-run and changes nothing. */
  lastTickAt: string;
  /** Incremented by every change; stores compare-and-swap on it. */
  version: number;
  /** `rollback` verdicts in a row, against the plan's failure limit. */
  consecutiveFailures: number;
  /** Judged `hold`s in a row (not enough data, inconclusive), for the summary. */
  consecutiveHolds: number;
  /** Newest last, at most {@link HISTORY_LIMIT}. */
  history: TickRecord[];
}

/** Ticks kept in the state: enough for a summary, small enough for a payload. */
export const HISTORY_LIMIT = 50;

const TERMINAL = { progressing: false, complete: true, failed: true, superseded: true } as const satisfies Record<RolloutPhase, boolean>;

export function isTerminal(phase: RolloutPhase): boolean {
  return TERMINAL[phase];
}

/** Appends a record, dropping the oldest beyond the limit. */
export function withRecord(history: readonly TickRecord[], record: TickRecord): TickRecord[] {
  return [...history, record].slice(-HISTORY_LIMIT);
}

/**
 * Why a loaded state cannot be trusted, or null. A store's schema check
 * catches wrong types; this catches a state that does not fit its own plan
 * (a plan the inputs would refuse, a step past the end, a weight the step
 * does not have, a rollout "complete" before its last step, an unreadable
 * time), which must never lead to a promotion or a completion.
 */
export function checkState(state: RolloutState): string | null {
  const planProblem = checkPlan(state.plan);
  if (planProblem) return `its plan ${planProblem}`;
  const stages = stagesOf(state.plan);
  const stage = stages[state.stepIndex];
  if (!Number.isInteger(state.stepIndex) || !stage) return `step index ${state.stepIndex} is outside the plan's ${stages.length} steps`;
  for (const key of ['startedAt', 'stepStartedAt', 'lastTickAt'] as const) {
    if (Number.isNaN(Date.parse(state[key]))) return `\`${key}\` is not a time: ${JSON.stringify(state[key])}`;
  }
  if (!Number.isInteger(state.version) || state.version < 1) return `version ${state.version} is not a positive whole number`;
  for (const key of ['consecutiveFailures', 'consecutiveHolds'] as const) {
    if (!Number.isInteger(state[key]) || state[key] < 0) return `\`${key}\` ${state[key]} is not a count`;
  }
  return PHASE_POSITION[state.phase](state, stages.length);
}

/** Where each phase may stand: a rollout runs at its step's weight, completes only at its last step, and ends at 0% otherwise. */
const PHASE_POSITION = {
  progressing: (state) => {
    const stage = stagesOf(state.plan)[state.stepIndex]!;
    return state.weight === stage.weight ? null : `weight ${state.weight}% does not match step ${state.stepIndex + 1} (${stage.name})`;
  },
  complete: (state, count) => {
    const last = stagesOf(state.plan)[count - 1]!;
    if (state.stepIndex !== count - 1) return `it says complete at step ${state.stepIndex + 1} of ${count}; a rollout completes only at its last step`;
    return state.weight === last.weight ? null : `it says complete at ${state.weight}%, but its last step is ${last.weight}%`;
  },
  failed: (state) => (state.weight === 0 ? null : `it says rolled back, yet gives the canary ${state.weight}%`),
  superseded: (state) => (state.weight === 0 ? null : `it says superseded, yet gives the canary ${state.weight}%`),
} as const satisfies Record<RolloutPhase, (state: RolloutState, stageCount: number) => string | null>;

/**
 * Why a stored plan is not one the inputs could have made, or null: the
 * same rules `parse-plan.ts` holds the inputs to (steps rising to 100, one
 * bake time per step, every wait within what a timer can hold).
 */
export function checkPlan(plan: RolloutPlan): string | null {
  if (!Number.isInteger(plan.failureLimit) || plan.failureLimit < 0) return `has failure-limit ${plan.failureLimit}, not a count`;
  if (plan.strategy === 'blue-green') {
    const waits = [plan.prePromotionBakeMs, plan.postPromotionBakeMs, plan.scaleDownDelayMs];
    return waits.every(isWait) ? null : `has a wait that is not a duration up to ${MAX_TIMER_MS} ms: ${waits.join(', ')}`;
  }
  const { steps, bakeMs } = plan;
  if (steps.length === 0) return 'has no steps';
  const bad = steps.find((weight) => !Number.isInteger(weight) || weight < 1 || weight > 100);
  if (bad !== undefined) return `has step ${bad}%, not a whole percent from 1 to 100`;
  const drop = steps.findIndex((weight, index) => index > 0 && weight <= steps[index - 1]!);
  if (drop > 0) return `has steps ${steps.join(',')}, where ${steps[drop - 1]} then ${steps[drop]} does not increase`;
  if (steps.at(-1) !== 100) return `has steps ${steps.join(',')}, which end at ${steps.at(-1)}%, so the rollout would never complete`;
  if (bakeMs.length !== steps.length) return `has ${bakeMs.length} bake times for ${steps.length} steps`;
  return bakeMs.every(isWait) ? null : `has a bake time that is not a duration up to ${MAX_TIMER_MS} ms: ${bakeMs.join(', ')}`;
}

const isWait = (ms: number) => Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIMER_MS;

/** Which phases each outside ending applies to: a release can fail after it completed (auto-rollback watches it then), but only an unfinished one is superseded. */
const CLOSABLE = {
  failed: ['progressing', 'complete'],
  superseded: ['progressing'],
} as const satisfies Record<string, readonly RolloutPhase[]>;

/**
 * Ends a rollout from outside a tick: auto-rollback marking it failed, or a
 * newer version superseding it. Traffic to it goes to 0; the version moves on
 * so a racing tick that read the old state loses its compare-and-swap. A
 * rollout already ended that way is returned as it is.
 */
export function closeRollout(state: RolloutState, phase: keyof typeof CLOSABLE, reason: string, at: string): RolloutState {
  if (!(CLOSABLE[phase] as readonly RolloutPhase[]).includes(state.phase)) return state;
  const record: TickRecord = { at, decision: 'rollback', step: state.stepIndex + 1, weight: 0, reason };
  return {
    ...state,
    phase,
    weight: 0,
    lastTickAt: at,
    version: state.version + 1,
    history: withRecord(state.history, record),
  };
}
