import { type Result, err, ok } from '../engine/result.js';
import type { RolloutState } from '../engine/rollout/state.js';

/**
 * Where rollouts keep their state between ticks: one small
 * interface, one file per kind (`file-store.ts`, `github/deployments-store.ts`),
 * one registry (`registry.ts`). A rollout is found by its key, the
 * environment it rolls out to: each key has one current rollout, which a new
 * version supersedes.
 */
export type StoreKind = 'github' | 'file';

/** Why a store could not answer. Never read as "no state": a fault stops the tick, so it cannot promote. */
export interface StoreFault {
  /** `corrupt`: the stored state cannot be read; `unavailable`: the file system or GitHub failed; `invalid-call`: a bug in the caller. */
  kind: 'corrupt' | 'unavailable' | 'invalid-call';
  /** One line naming the file, deployment or key. */
  message: string;
}

export interface LoadedState {
  state: RolloutState;
  /** What `save` must be given back as `expectedVersion`. */
  version: number;
}

/** `conflict`: another run saved first; this run's tick did not happen and must change nothing. */
export type SaveOutcome = 'saved' | 'conflict';

/** Auto-rollback: the release under watch failed. */
export interface MarkFailedRequest {
  key: string;
  /** The ref or sha (or version) of the release to mark. */
  ref: string;
  reason: string;
  now: Date;
}

export interface MarkFailedOutcome {
  /** `already-failed`: marked before (a re-run), nothing changed; `not-found`: no release of that ref. */
  status: 'marked' | 'already-failed' | 'not-found';
  message: string;
}

/** Auto-rollback: make the last good release active again, as CodeDeploy redeploys the last known good revision. */
export interface RestoreRequest {
  key: string;
  /** The failed release, which must not be restored; matched by ref, sha or version. */
  excludingRef: string;
  reason: string;
  now: Date;
}

export interface RestoreOutcome {
  /** `already-restored`: a good release is active after the failed one (a re-run), nothing changed; `none`: no good release to go back to. */
  status: 'restored' | 'already-restored' | 'none';
  ref: string | null;
  sha: string | null;
  message: string;
}

/** Auto-rollback: which release a platform rollback should go back to, before `restoreLastGood` records it. */
export interface LastGoodRequest {
  key: string;
  /** The failed release, matched by ref, sha or version. */
  excludingRef: string;
}

export interface LastGoodRelease {
  ref: string;
  /** The exact commit, when the store knows it: what a platform's deploys are matched by. */
  sha: string | null;
  /** One line for the evidence: which record it is. */
  message: string;
}

export interface StateStore {
  readonly kind: StoreKind;
  /** Where it stores, for logs: a path, or `octo/app deployments`. */
  readonly where: string;
  /** The key's current rollout; null when it never had one. */
  load(key: string): Promise<Result<LoadedState | null, StoreFault>>;
  /**
   * Compare-and-swap: saves `state` only when the stored version is still
   * `expectedVersion` (0 for none), else `conflict`. `state.version` must be
   * `expectedVersion + 1`, as `nextTick` makes it.
   */
  save(key: string, state: RolloutState, expectedVersion: number): Promise<Result<SaveOutcome, StoreFault>>;
  markFailed(request: MarkFailedRequest): Promise<Result<MarkFailedOutcome, StoreFault>>;
  restoreLastGood(request: RestoreRequest): Promise<Result<RestoreOutcome, StoreFault>>;
  /** The release `restoreLastGood` would make active, changing nothing; only stores that record commits (GitHub Deployments) have it. */
  findLastGood?(request: LastGoodRequest): Promise<Result<LastGoodRelease | null, StoreFault>>;
}

export const storeFault = (kind: StoreFault['kind'], message: string): { ok: false; error: StoreFault } => ({ ok: false, error: { kind, message } });

/** The precondition every `save` checks first: a tick moves the version on by exactly one. */
export function checkAdvance(key: string, state: RolloutState, expectedVersion: number): Result<true, StoreFault> {
  if (state.version === expectedVersion + 1) return ok(true);
  return err({ kind: 'invalid-call', message: `rollout \`${key}\`: a save over version ${expectedVersion} must carry version ${expectedVersion + 1}, got ${state.version}` });
}

/** True when a release (ref, sha or version) is the one named. */
export function isNamed(release: { ref: string; version?: string; sha?: string }, name: string): boolean {
  return release.ref === name || release.version === name || release.sha === name;
}
