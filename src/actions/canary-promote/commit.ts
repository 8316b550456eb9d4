import type { TickResult } from '../../engine/rollout/tick-result.js';
import { type RolloutState, withRecord } from '../../engine/rollout/state.js';
import type { LoadedState, StateStore } from '../../state/state-store.js';
import type { TrafficChange, TrafficFault, TrafficTarget } from '../../targets/traffic-target.js';
import { trafficNames } from './release.js';
import { type TrafficSync, syncTraffic } from './traffic-sync.js';

/**
 * Carrying out a tick's decision, in the order the stores are built for:
 * save with compare-and-swap first, and only the run that saved moves
 * traffic. Two runs of one tick (a cron overlapping a manual run) both
 * decide, one saves, and the other changes nothing and says so.
 *
 * Traffic then follows the stored state (`traffic-sync.ts`): after any move
 * the state is read again, and if another run changed it meanwhile (an
 * auto-rollback marking the release failed) traffic is set to what it now
 * says, so a slow move can never leave users on a release the state calls
 * rolled back. A tick that moves nothing re-applies the stored weight, so a
 * run that died between saving and moving is healed by the next tick.
 *
 * When the traffic target fails after the save, the state must not claim a
 * weight users are not on:
 * - A promotion is undone by a compensating save that puts the rollout back
 *   on the step it was on, recorded as a hold. The next tick judges that step
 *   again and, if it still passes, tries the move again.
 * - A rollout's first step has no step to go back to, and a rollback must
 *   never be undone into a rollout in progress; both stay saved, and the
 *   failure names the weight traffic is really at.
 * Either way the step fails loudly; a promotion is never reported for
 * traffic that did not move.
 */
export type Commit =
  /** Nothing to save (a re-run, a step baking, a rollout that ended); traffic re-applied from the stored state. */
  | { kind: 'unchanged'; sync: TrafficSync | null }
  /** Shadow mode: what the target would have run, nothing saved. */
  | { kind: 'dry-run'; planned: TrafficChange | null; fault: TrafficFault | null }
  /** Saved; traffic moved when the tick moves it and a target is configured, then kept in line with the stored state. */
  | { kind: 'saved'; change: TrafficChange | null; sync: TrafficSync | null }
  /** Another run saved first; `current` is the state it left (re-read). */
  | { kind: 'conflict'; current: LoadedState | null }
  | { kind: 'save-failed'; message: string }
  | { kind: 'traffic-failed'; fault: TrafficFault; compensation: Compensation };

/** What became of the state after a traffic failure. */
export type Compensation = { kind: 'reverted'; state: RolloutState } | { kind: 'kept'; why: string } | { kind: 'revert-failed'; message: string };

export interface CommitContext {
  store: StateStore;
  target: TrafficTarget | null;
  key: string;
  loaded: LoadedState | null;
  now: Date;
  dryRun: boolean;
}

export async function commitTick(result: TickResult, context: CommitContext): Promise<Commit> {
  if (context.dryRun) return result.isChanged ? planTraffic(result, context.target) : { kind: 'unchanged', sync: null };
  if (!result.isChanged) return { kind: 'unchanged', sync: context.loaded ? await syncTraffic(context, context.loaded, 'reapply') : null };
  const saved = await context.store.save(context.key, result.nextState, context.loaded?.version ?? 0);
  if (!saved.ok) return { kind: 'save-failed', message: `could not save the rollout state to ${context.store.where}: ${saved.error.message}` };
  if (saved.value === 'conflict') return { kind: 'conflict', current: await reload(context) };
  const stored: LoadedState = { state: result.nextState, version: result.nextState.version };
  if (result.trafficChange === null || context.target === null) return { kind: 'saved', change: null, sync: await syncTraffic(context, stored, 'reapply') };
  const moved = await context.target.setWeight({ ...trafficNames(result.nextState.plan), canaryWeight: result.trafficChange.to });
  if (moved.ok) return { kind: 'saved', change: moved.value, sync: await syncTraffic(context, stored, 'follow') };
  return { kind: 'traffic-failed', fault: moved.error, compensation: await compensate(result, context, moved.error) };
}

async function planTraffic(result: TickResult, target: TrafficTarget | null): Promise<Commit> {
  if (result.trafficChange === null || target === null) return { kind: 'dry-run', planned: null, fault: null };
  const planned = await target.setWeight({ ...trafficNames(result.nextState.plan), canaryWeight: result.trafficChange.to, dryRun: true });
  return planned.ok ? { kind: 'dry-run', planned: planned.value, fault: null } : { kind: 'dry-run', planned: null, fault: planned.error };
}

async function reload(context: CommitContext): Promise<LoadedState | null> {
  const current = await context.store.load(context.key);
  return current.ok ? current.value : null;
}

async function compensate(result: TickResult, context: CommitContext, fault: TrafficFault): Promise<Compensation> {
  const previous = context.loaded?.state;
  const next = result.nextState;
  if (result.decision !== 'promote' || previous === undefined || previous.startedAt !== next.startedAt) {
    const why = result.decision === 'rollback' ? 'a rollback is never undone' : 'the rollout has no earlier step to go back to';
    return { kind: 'kept', why };
  }
  const reason = `traffic not moved ${previous.weight}% → ${next.weight}% (${fault.message}); back on this step until a tick promotes again`;
  const reverted = revertedState(previous, next, context.now, reason);
  const saved = await context.store.save(context.key, reverted, next.version);
  if (saved.ok && saved.value === 'saved') return { kind: 'reverted', state: reverted };
  const message = saved.ok ? 'another run saved the rollout in between' : saved.error.message;
  return { kind: 'revert-failed', message };
}

/** The state before a promotion, as a new version with a hold recorded: what the next tick reads after a failed move. */
export function revertedState(previous: RolloutState, saved: RolloutState, now: Date, reason: string): RolloutState {
  const at = now.toISOString();
  return {
    ...previous,
    lastTickAt: at,
    version: saved.version + 1,
    consecutiveHolds: previous.consecutiveHolds + 1,
    history: withRecord(saved.history, { at, decision: 'hold', step: previous.stepIndex + 1, weight: previous.weight, reason }),
  };
}
