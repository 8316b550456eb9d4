import { z } from 'zod';
import { type Result, err, ok } from '../engine/result.js';
import { type RolloutPhase, type RolloutState, closeRollout, isTerminal } from '../engine/rollout/state.js';
import { describeFirstIssue } from '../sources/zod-issue.js';
import { applyStatusLine, decodeStatusLine } from './deployment-status-line.js';
import { rolloutStateSchema } from './state-schema.js';

/**
 * Pure reading of the GitHub store's records (design in
 * `src/github/deployments-store.ts`): which rollout deployment is the key's
 * current one, and what state its statuses add up to.
 */
export const ROLLOUT_TASK = 'deploy:canary';
export const RESTORE_TASK = 'deploy:rollback';
/** The payload key our data sits under, so other deployment tooling's payload keys never clash. */
export const PAYLOAD_KEY = 'rollout-guard';

/** What a rollout deployment's payload holds: the key, the deployment it follows, and the state (with the plan) at its start. */
export interface RolloutPayload {
  schema: 1;
  key: string;
  /** The rollout deployment this one follows; of several following the same one, the oldest wins. */
  previousDeploymentId: number | null;
  state: RolloutState;
}

const payloadSchema = z.object({ schema: z.literal(1), key: z.string(), previousDeploymentId: z.number().int().nullable(), state: rolloutStateSchema });

/** A deployment as listed, with what the stores need. */
export interface DeploymentRecord {
  id: number;
  ref: string;
  sha: string;
  task: string;
  payload: unknown;
  productionEnvironment: boolean;
}

/** A deployment status as listed. */
export interface StatusRecord {
  id: number;
  state: string;
  description: string;
  createdAt: string;
}

export interface RolloutDeployment {
  record: DeploymentRecord;
  payload: RolloutPayload;
}

export function rolloutPayload(key: string, previousDeploymentId: number | null, state: RolloutState): Record<string, unknown> {
  return { [PAYLOAD_KEY]: { schema: 1, key, previousDeploymentId, state } satisfies RolloutPayload };
}

const ourPart = (payload: unknown): unknown =>
  payload !== null && typeof payload === 'object' && PAYLOAD_KEY in payload ? (payload as Record<string, unknown>)[PAYLOAD_KEY] : undefined;

/** The key's rollout deployments; one whose payload is ours but unreadable is corrupt, never skipped. */
export function readRolloutDeployments(key: string, records: readonly DeploymentRecord[]): Result<RolloutDeployment[], string> {
  const rollouts: RolloutDeployment[] = [];
  for (const record of records) {
    const part = ourPart(record.payload);
    if (part === undefined || record.task !== ROLLOUT_TASK) continue;
    const parsed = payloadSchema.safeParse(part, { reportInput: true });
    if (!parsed.success) return err(`deployment ${record.id} has a rollout-guard payload that cannot be read (${describeFirstIssue(parsed.error, 'payload')}); mark it inactive and delete it to go on`);
    const payload: RolloutPayload = parsed.data;
    if (payload.key === key) rollouts.push({ record, payload });
  }
  return ok(rollouts);
}

interface PayloadHints {
  state?: { plan?: { canary?: { version?: unknown } } };
  restore?: { ref?: unknown };
}

/**
 * The release a deployment is of, for matching a ref, sha or version: a
 * rollout adds its canary's version, a restore (deployed by sha) the ref it
 * restored, so both read as the release a person knows.
 */
export function releaseOfDeployment(record: DeploymentRecord): { ref: string; sha: string; version?: string } {
  const hints = ourPart(record.payload) as PayloadHints | undefined;
  const version = hints?.state?.plan?.canary?.version;
  const restored = hints?.restore?.ref;
  const ref = typeof restored === 'string' ? restored : record.ref;
  return typeof version === 'string' ? { ref, sha: record.sha, version } : { ref, sha: record.sha };
}

/**
 * Whether a rollout deployment is the first to follow its predecessor: two
 * runs that both started a rollout (or one that read a stale head) created
 * later followers, which are ignored.
 */
export function isFirstFollower(rollouts: readonly RolloutDeployment[], candidate: RolloutDeployment): boolean {
  const previous = candidate.payload.previousDeploymentId;
  return !rollouts.some((other) => other.payload.previousDeploymentId === previous && other.record.id < candidate.record.id);
}

/**
 * The deployments without rollouts that lost a start race (later followers
 * of the same rollout), which auto-rollback must neither mark nor restore.
 * Lenient on payloads it cannot read: a rollback must not be blocked by them.
 */
export function withoutLostStarts(records: readonly DeploymentRecord[]): DeploymentRecord[] {
  const previousOf = (record: DeploymentRecord): number | null | undefined => {
    const previous = (ourPart(record.payload) as { previousDeploymentId?: unknown } | undefined)?.previousDeploymentId;
    return record.task === ROLLOUT_TASK && (previous === null || typeof previous === 'number') ? previous : undefined;
  };
  return records.filter((record) => {
    const previous = previousOf(record);
    return previous === undefined || !records.some((other) => other.id < record.id && previousOf(other) === previous);
  });
}

/** The key's current rollout: the newest first follower. */
export function selectHead(rollouts: readonly RolloutDeployment[]): RolloutDeployment | null {
  const newestFirst = [...rollouts].sort((a, b) => b.record.id - a.record.id);
  return newestFirst.find((rollout) => isFirstFollower(rollouts, rollout)) ?? null;
}

/** A status someone else wrote (no state line) ends a rollout in progress: auto-rollback's `failure`, a person's `inactive`. */
const FOREIGN_ENDINGS: Partial<Record<string, Extract<RolloutPhase, 'failed' | 'superseded'>>> = { failure: 'failed', error: 'failed', inactive: 'superseded' };

export interface FoldedState {
  state: RolloutState;
  /** Ids of the statuses that moved the state, oldest first. */
  accepted: number[];
}

/**
 * The state a deployment's statuses (oldest first) add up to. Each state
 * line must carry the next version; one at or below the current version is a
 * racing run's lost write and is ignored; a jump means a record is missing
 * and the state is corrupt. A failed or superseded rollout ignores whatever
 * follows; a complete one can still be marked failed (auto-rollback).
 */
export function foldStatuses(initial: RolloutState, statuses: readonly StatusRecord[]): Result<FoldedState, string> {
  let state = initial;
  const accepted: number[] = [];
  for (const status of statuses) {
    if (state.phase === 'failed' || state.phase === 'superseded') break;
    const line = decodeStatusLine(status.description);
    if (!line.ok) return err(`status ${status.id}: ${line.error}`);
    if (line.value === null) {
      const ending = FOREIGN_ENDINGS[status.state];
      const closed = ending ? closeRollout(state, ending, `marked ${status.state} outside the rollout: ${status.description || 'no description'}`, status.createdAt) : state;
      if (closed !== state) accepted.push(status.id);
      state = closed;
    } else if (isTerminal(state.phase)) {
      continue;
    } else if (line.value.version === state.version + 1) {
      state = applyStatusLine(state, line.value);
      accepted.push(status.id);
    } else if (line.value.version > state.version + 1) {
      return err(`status ${status.id} jumps from version ${state.version} to ${line.value.version}`);
    }
  }
  return ok({ state, accepted });
}

/** A deployment that once succeeded and was not failed since: a release to go back to. */
export function isGoodHistory(newestFirst: readonly StatusRecord[]): boolean {
  const latest = newestFirst[0]?.state;
  return newestFirst.some((status) => status.state === 'success') && latest !== 'failure' && latest !== 'error';
}
