import { type RolloutState, checkState } from '../../engine/rollout/state.js';
import type { LoadedState, StateStore } from '../../state/state-store.js';
import type { TrafficChange, TrafficTarget } from '../../targets/traffic-target.js';
import { trafficNames } from './release.js';

/**
 * Traffic follows the stored rollout state, whoever wrote it last. Two runs
 * can move traffic for one rollout: this tick, and an auto-rollback that
 * marks the release failed and puts traffic back on the stable version. A
 * traffic command can be slow, so a tick's move may land after the
 * rollback's; reading the state again after every move, and setting what it
 * now says when another run changed it, makes the last word the state's, and
 * a rollback (which the state records first) always wins.
 *
 * A tick that moves nothing re-applies the stored weight: a run that died
 * between saving and moving is healed by the next one. A traffic set is
 * idempotent; a target that can read its weight back is only written when
 * the weight differs.
 */
export interface TrafficSync {
  /** Each weight set (or found in place), in order. */
  steps: SyncStep[];
  /** The state traffic follows now when another run changed it while this one moved traffic; null when none did. */
  overtakenBy: LoadedState | null;
  /** Traffic could not be put where the state says: the step fails. */
  fault: string | null;
  /** Traffic moved but the state could not be read again to confirm nobody changed it. */
  unconfirmed: string | null;
}

export interface SyncStep {
  weight: number;
  /** Why this weight: re-applied, or another run's state. */
  reason: string;
  /** True when the target already had it (read back), so nothing was written. */
  inPlace: boolean;
  change: TrafficChange | null;
}

export interface SyncContext {
  store: StateStore;
  target: TrafficTarget | null;
  key: string;
}

/** How often traffic follows a state that keeps changing under it before giving up loudly. */
const MAX_FOLLOWS = 3;

/**
 * `reapply`: set the stored weight first (the tick itself moved nothing);
 * `follow`: traffic was just moved to `stored`. Either way, then read the
 * state again and follow it while another run changes it.
 */
export async function syncTraffic(context: SyncContext, stored: LoadedState, mode: 'reapply' | 'follow'): Promise<TrafficSync | null> {
  const { target } = context;
  if (target === null) return null;
  const sync: TrafficSync = { steps: [], overtakenBy: null, fault: null, unconfirmed: null };
  if (mode === 'reapply') {
    const applied = await apply(target, stored.state, 'the stored weight, re-applied');
    if (applied === 'nothing') return null;
    if (typeof applied === 'string') return { ...sync, fault: applied };
    sync.steps.push(applied);
  }
  let current = stored;
  for (let follows = 0; follows <= MAX_FOLLOWS; follows++) {
    const latest = await context.store.load(context.key);
    if (!latest.ok) return { ...sync, unconfirmed: `could not read the rollout state again after moving traffic: ${latest.error.message}` };
    if (latest.value === null || latest.value.version === current.version) return sync;
    if (follows === MAX_FOLLOWS) return { ...sync, fault: `the rollout changed ${MAX_FOLLOWS + 1} times while traffic moved; traffic may not match its version ${latest.value.version}: set the weight by hand` };
    current = latest.value;
    sync.overtakenBy = current;
    const applied = await apply(target, current.state, `another run changed the rollout to version ${current.version} while traffic moved`);
    if (applied === 'nothing') return sync;
    if (typeof applied === 'string') return { ...sync, fault: applied };
    sync.steps.push(applied);
  }
  return sync;
}

/**
 * The canary's weight a stored state calls for: its weight while it runs,
 * 0 once rolled back. A completed or superseded rollout asks for nothing:
 * completion moves no traffic, and a superseded one is no longer current.
 */
export function trafficWeightOf(state: RolloutState): number | null {
  if (state.phase === 'progressing') return state.weight;
  return state.phase === 'failed' ? 0 : null;
}

async function apply(target: TrafficTarget, state: RolloutState, reason: string): Promise<SyncStep | string | 'nothing'> {
  // A state that does not add up is never acted on; the tick already holds and fails on it.
  const problem = checkState(state);
  if (problem !== null) return reason.startsWith('another run') ? `the rollout's state changed to one that cannot be trusted (${problem}); traffic was left as it was: fix the state` : 'nothing';
  const weight = trafficWeightOf(state);
  if (weight === null) return 'nothing';
  if (target.currentWeight) {
    const current = await target.currentWeight();
    if (current.ok && current.value === weight) return { weight, reason, inPlace: true, change: null };
  }
  const set = await target.setWeight({ ...trafficNames(state.plan), canaryWeight: weight });
  if (!set.ok) return `could not set traffic to ${weight}% (${reason}): ${set.error.message}`;
  return { weight, reason, inPlace: false, change: set.value };
}
