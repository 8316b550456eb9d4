import { formatDuration } from '../units.js';
import { type RolloutPlan, type Stage, isSameRelease, releaseName, stagesOf } from './plan.js';
import { type Decision, type RolloutPhase, type RolloutState, checkState, closeRollout, isTerminal } from './state.js';
import { type Judgement, type TickResult, changed, resultOf, unchanged } from './tick-result.js';

/**
 * One tick of a rollout (canary-promote): the state as stored, the
 * judge's verdict on the current step and the time in; the decision and the
 * state to save out. Pure, so a scheduled workflow can drive it and a re-run
 * of a tick (same state, same `now`) changes nothing.
 *
 * A new version while another is mid-rollout restarts from the first step.
 * Argo Rollouts: "If another change occurs in the spec.template during a
 * transition … the previously new ReplicaSet will be scaled down, and the
 * controller will try to progress the ReplicaSet that reflects the updated
 * spec.template" (https://argoproj.github.io/argo-rollouts/, "How does it
 * work?"); Flagger: "if you apply new changes to the deployment during the
 * canary analysis, Flagger will restart the analysis"
 * (https://docs.flagger.app/tutorials/istio-progressive-delivery). The
 * unfinished version never reaches 100%, and the new one is watched from the
 * first step rather than inheriting weight it never earned.
 */
export function nextTick(plan: RolloutPlan, state: RolloutState | null, judgement: Judgement | null, now: Date): TickResult {
  if (state === null) return startRollout(plan, null, now);
  const problem = checkState(state);
  // A state that does not add up never leads to a promotion (not even the start of a new version).
  if (problem) return unchanged(state, 'hold', `the stored rollout state cannot be trusted (${problem}); holding: fix or remove the state`);
  if (!isSameRelease(plan.canary, state.plan.canary)) return startRollout(plan, state, now);
  if (isTerminal(state.phase)) return ended(state);
  if (now.getTime() === Date.parse(state.lastTickAt)) return rerun(state, now);
  if (Date.parse(state.stepStartedAt) > now.getTime()) return restartBake(state, now);
  const result = tickStage(state, judgement, now);
  return Date.parse(state.lastTickAt) > now.getTime() ? { ...result, warnings: [...result.warnings, skewWarning('the last tick', state.lastTickAt, now)] } : result;
}

/**
 * Times in the state after this tick's own are clocks that disagree (a
 * runner's clock, a hand edit, a replay with the `now` input), not a reason
 * to stop: a future `lastTickAt` used to freeze the rollout, since every tick
 * looked like a re-run. The tick goes on with its own time and says so; a
 * step that starts in the future restarts its bake now, the only time this
 * tick can vouch for.
 */
function skewWarning(what: string, at: string, now: Date): string {
  return `${what} is recorded at ${at}, after this tick's time ${now.toISOString()}: the clocks disagree; going on with this tick's time`;
}

function restartBake(state: RolloutState, now: Date): TickResult {
  const stage = stagesOf(state.plan)[state.stepIndex]!;
  const warning = skewWarning(`the start of ${stage.name}`, state.stepStartedAt, now);
  const reason = `${stage.name} starts in the future (${state.stepStartedAt}); its bake restarts now, judged after ${formatDuration(stage.waitMs)}`;
  const result = changed(state, now, { decision: 'hold', reason, nextCheckAfter: iso(now.getTime() + stage.waitMs), isNewStep: true });
  return { ...result, warnings: [warning] };
}

/** Whether a judgement can change this tick's outcome, so the action can skip querying metrics while a step bakes. */
export function isJudgementDue(plan: RolloutPlan, state: RolloutState | null, now: Date): boolean {
  if (state === null || !isSameRelease(plan.canary, state.plan.canary) || isTerminal(state.phase)) return false;
  const stage = stagesOf(state.plan)[state.stepIndex];
  const started = Date.parse(state.stepStartedAt);
  return stage !== undefined && stage.isJudged && started <= now.getTime() && now.getTime() >= started + stage.waitMs;
}

/** The final form of a rollout that `next` replaced mid-way; stores save it where the old rollout lives. */
export function supersededBy(previous: RolloutState, next: RolloutState): RolloutState {
  return closeRollout(previous, 'superseded', `superseded by ${releaseName(next.plan.canary)} at ${previous.weight}%; traffic moved to the new version`, next.startedAt);
}

const iso = (ms: number): string => new Date(ms).toISOString();

function startRollout(plan: RolloutPlan, previous: RolloutState | null, now: Date): TickResult {
  const at = now.toISOString();
  const first: Stage = stagesOf(plan)[0] ?? { name: 'no step', weight: 0, waitMs: 0, isJudged: true };
  const isReplacing = previous !== null && !isTerminal(previous.phase);
  // `changed` moves the version on from the replaced rollout's and records the start.
  const opening: RolloutState = {
    plan,
    phase: 'progressing',
    stepIndex: 0,
    weight: first.weight,
    startedAt: at,
    stepStartedAt: at,
    lastTickAt: at,
    version: previous?.version ?? 0,
    consecutiveFailures: 0,
    consecutiveHolds: 0,
    history: [],
  };
  const how = isReplacing
    ? `${releaseName(plan.canary)} replaces ${releaseName(previous.plan.canary)} mid-rollout at ${previous.weight}% and restarts from the first step`
    : `started the rollout of ${releaseName(plan.canary)}`;
  const reason = `${how}: ${first.name}, judged after ${formatDuration(first.waitMs)}`;
  const started = changed(opening, now, { decision: 'start', reason, nextCheckAfter: iso(now.getTime() + first.waitMs) });
  // The canary slot held the replaced version's weight; a fresh rollout starts from 0.
  return resultOf(started.nextState, isReplacing ? previous.weight : 0, started);
}

/** An ended rollout repeats its final decision, so a re-run of the tick that ended it gives the same outputs. */
const ENDED = {
  progressing: { decision: 'hold', words: 'is in progress' },
  complete: { decision: 'complete', words: 'completed' },
  failed: { decision: 'rollback', words: 'was rolled back' },
  superseded: { decision: 'hold', words: 'was superseded' },
} as const satisfies Record<RolloutPhase, { decision: Decision; words: string }>;

function ended(state: RolloutState): TickResult {
  const { decision, words } = ENDED[state.phase];
  const last = state.history.at(-1)?.reason ?? 'no reason recorded';
  const name = releaseName(state.plan.canary);
  return unchanged(state, decision, `the rollout of ${name} ${words} at ${state.lastTickAt} (${last}); nothing changes until a new version is given`);
}

/** Same time as (or earlier than) the last change: a re-run repeats that tick's decision and moves nothing. */
function rerun(state: RolloutState, now: Date): TickResult {
  const last = state.history.at(-1);
  const reason = `already ticked at ${state.lastTickAt} (this tick: ${now.toISOString()}); a re-run changes nothing: ${last?.reason ?? ''}`;
  return unchanged(state, last?.decision ?? 'hold', reason);
}

function tickStage(state: RolloutState, judgement: Judgement | null, now: Date): TickResult {
  const stages = stagesOf(state.plan);
  const stage = stages[state.stepIndex]!;
  const bakeEnd = Date.parse(state.stepStartedAt) + stage.waitMs;
  // A failing verdict counts even while a step bakes, as Argo Rollouts'
  // background analysis aborts a paused step: waiting out the bake would
  // keep users on a broken canary.
  if (judgement?.verdict === 'rollback') return onFailure(state, judgement, now);
  if (now.getTime() < bakeEnd) {
    const left = `${formatDuration(bakeEnd - now.getTime())} of ${formatDuration(stage.waitMs)} left`;
    const baking = `${stage.name} is baking: ${left}; judged after ${iso(bakeEnd)}`;
    // A passing verdict ends a run of failing ones, during a bake as after it: failure-limit counts failures in a row.
    if (judgement?.verdict === 'promote' && state.consecutiveFailures > 0) {
      const reason = `${baking}; a passing verdict ends the run of ${state.consecutiveFailures} failing one${state.consecutiveFailures === 1 ? '' : 's'}: ${judgement.reason}`;
      return changed(state, now, { decision: 'hold', reason, nextCheckAfter: iso(bakeEnd), consecutiveFailures: 0 });
    }
    return unchanged(state, 'hold', baking, iso(bakeEnd));
  }
  if (!stage.isJudged) return advance(state, stages, now, `${stage.name} of ${formatDuration(stage.waitMs)} is over`);
  if (judgement === null) return unchanged(state, 'hold', `${stage.name} has baked ${formatDuration(stage.waitMs)}; no judgement given, so nothing is promoted`);
  if (judgement.verdict === 'hold') {
    const holds = state.consecutiveHolds + 1;
    return changed(state, now, { decision: 'hold', reason: `held at ${stage.name} (${holds} in a row): ${judgement.reason}`, nextCheckAfter: null, consecutiveHolds: holds });
  }
  return advance(state, stages, now, judgement.reason);
}

function advance(state: RolloutState, stages: readonly Stage[], now: Date, why: string): TickResult {
  const reset = { consecutiveFailures: 0, consecutiveHolds: 0 };
  const next = stages[state.stepIndex + 1];
  if (!next) return changed(state, now, { decision: 'complete', phase: 'complete', reason: `complete at ${state.weight}%: ${why}`, nextCheckAfter: null, ...reset });
  const weights = next.weight === state.weight ? `at ${next.weight}%` : `${state.weight}% → ${next.weight}%`;
  const move = state.plan.strategy === 'canary' ? weights : `to ${next.name} ${weights}`;
  const reason = `promoted ${move}, judged after ${formatDuration(next.waitMs)}: ${why}`;
  return changed(state, now, { decision: 'promote', stepIndex: state.stepIndex + 1, weight: next.weight, isNewStep: true, reason, nextCheckAfter: iso(now.getTime() + next.waitMs), ...reset });
}

function onFailure(state: RolloutState, judgement: Judgement, now: Date): TickResult {
  const failures = state.consecutiveFailures + 1;
  const limit = state.plan.failureLimit;
  if (failures <= limit) {
    const reason = `failing verdict ${failures} in a row, rolling back after ${limit + 1} (failure-limit ${limit}): ${judgement.reason}`;
    return changed(state, now, { decision: 'hold', reason, nextCheckAfter: null, consecutiveFailures: failures });
  }
  const run = limit > 0 ? ` after ${failures} failing verdicts in a row (failure-limit ${limit})` : '';
  const reason = `rolled back ${state.weight}% → 0%${run}: ${judgement.reason}`;
  return changed(state, now, { decision: 'rollback', phase: 'failed', weight: 0, reason, nextCheckAfter: null, consecutiveFailures: failures });
}
