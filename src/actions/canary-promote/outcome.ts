import { stepLabel } from '../../engine/rollout/labels.js';
import { stagesOf } from '../../engine/rollout/plan.js';
import type { Decision, RolloutState } from '../../engine/rollout/state.js';
import type { TickResult } from '../../engine/rollout/tick-result.js';
import type { Commit } from './commit.js';
import type { TrafficSync } from './traffic-sync.js';

/**
 * What a tick ends as once it was carried out: the engine's decision, unless
 * carrying it out changed the story (another run won the save, the state
 * could not be saved, traffic did not move). The outputs, report and summary
 * all read this.
 */
export interface Standing {
  decision: Decision;
  /** Where the rollout stands; null when its state could not be read. */
  position: Position | null;
  nextCheckAfter: string | null;
  reason: string;
  /** Set when the step must fail whatever the decision: nothing may be read as healthy. */
  failure: string | null;
}

export interface Position {
  /** The canary's weight after the tick, as traffic stands (not as planned). */
  weight: number;
  previousWeight: number;
  /** 1-based, of `stepCount`. */
  step: number;
  stepCount: number;
  /** `canary 25% (step 2/4)`. */
  label: string;
}

const positionOf = (state: RolloutState, previousWeight: number): Position => ({
  weight: state.weight,
  previousWeight,
  step: state.stepIndex + 1,
  stepCount: stagesOf(state.plan).length,
  label: stepLabel(state),
});

/** A tick that could not read its state: it holds, moves nothing, and fails the step. */
export function unreadableStanding(message: string): Standing {
  return { decision: 'hold', position: null, nextCheckAfter: null, reason: `${message}; nothing changed and no traffic moved`, failure: message };
}

/** Where a rollout stood before the tick: its stored state, or nothing started yet. */
function before(loaded: RolloutState | null, result: TickResult): Position {
  if (loaded) return positionOf(loaded, loaded.weight);
  return { weight: 0, previousWeight: 0, step: 0, stepCount: result.stepCount, label: 'not started' };
}

export function standingOf(result: TickResult, commit: Commit, loaded: RolloutState | null, now: Date): Standing {
  const { weight, previousWeight, step, stepCount, label } = result;
  const base: Standing = {
    decision: result.decision,
    position: { weight, previousWeight, step, stepCount, label },
    nextCheckAfter: result.nextCheckAfter ?? (result.nextState.phase === 'progressing' ? now.toISOString() : null),
    reason: result.reason,
    failure: null,
  };
  return ADJUST[commit.kind](base, result, commit as never, loaded);
}

type Adjust<K extends Commit['kind']> = (base: Standing, result: TickResult, commit: Extract<Commit, { kind: K }>, loaded: RolloutState | null) => Standing;

const ADJUST: { [K in Commit['kind']]: Adjust<K> } = {
  unchanged: (base, _result, commit) => withSync(base, commit.sync),
  saved: (base, _result, commit) => withSync(base, commit.sync),
  'dry-run': (base, result) => ({ ...base, reason: `dry run, nothing changed: would ${wouldDo(result)}: ${result.reason}` }),
  conflict: (base, result, commit, loaded) => {
    const current = commit.current?.state ?? null;
    const reason = `another run saved this rollout first${current ? ` (now version ${current.version}, ${stepLabel(current)})` : ''}; this run saved nothing and moved no traffic`;
    const position = current ? positionOf(current, current.weight) : before(loaded, result);
    return { ...base, position, decision: 'hold', reason, nextCheckAfter: null };
  },
  'save-failed': (base, result, commit, loaded) => ({
    ...base,
    decision: 'hold',
    position: before(loaded, result),
    nextCheckAfter: null,
    reason: `${commit.message}; nothing changed and no traffic moved`,
    failure: commit.message,
  }),
  'traffic-failed': (base, result, commit) => {
    const { from, to } = result.trafficChange ?? { from: result.previousWeight, to: result.weight };
    const move = `traffic was not moved ${from}% → ${to}%: ${commit.fault.message}`;
    const state = commit.compensation.kind === 'reverted' ? commit.compensation.state : null;
    const what = trafficAftermath(commit, to);
    const failure = `${move}; ${what}`;
    const decision = result.decision === 'rollback' ? 'rollback' : 'hold';
    const position = state ? positionOf(state, from) : { ...base.position!, weight: from, previousWeight: from };
    return { ...base, position, decision, reason: failure, failure, nextCheckAfter: null };
  },
};

/**
 * After traffic followed the stored state: when another run changed the
 * rollout while this tick moved traffic, this tick's decision did not stand,
 * so it reports the rollout as that run left it; a weight that could not be
 * set fails the step.
 */
function withSync(base: Standing, sync: TrafficSync | null): Standing {
  if (sync === null) return base;
  const last = sync.steps.at(-1);
  let standing = base;
  if (sync.overtakenBy) {
    const { state, version } = sync.overtakenBy;
    const traffic = last ? `; traffic set to ${last.weight}% as it says` : '';
    const reason = `another run changed this rollout while this tick moved traffic (now version ${version}, ${stepLabel(state)})${traffic}`;
    standing = { ...base, decision: 'hold', position: positionOf(state, base.position?.weight ?? state.weight), reason, nextCheckAfter: null };
  }
  if (sync.fault) return { ...standing, reason: `${standing.reason}; ${sync.fault}`, failure: sync.fault };
  return standing;
}

function trafficAftermath(commit: Extract<Commit, { kind: 'traffic-failed' }>, to: number): string {
  const compensation = commit.compensation;
  if (compensation.kind === 'reverted') return 'the rollout is back on its previous step; the next tick judges it again and retries the move';
  if (compensation.kind === 'revert-failed') return `the state says ${to}% and could not be put back (${compensation.message}): set the weight by hand`;
  return `the state says ${to}% (kept: ${compensation.why}): set the weight by hand, as a re-run does not retry it`;
}

function wouldDo(result: TickResult): string {
  const move = result.trafficChange ? ` ${result.trafficChange.from}% → ${result.trafficChange.to}%` : '';
  return `${result.decision}${move}`;
}
