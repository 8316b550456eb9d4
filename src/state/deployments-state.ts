import { type Result, ok } from '../engine/result.js';
import { supersededBy } from '../engine/rollout/next-tick.js';
import { isSameRelease, releaseName } from '../engine/rollout/plan.js';
import { type RolloutPhase, type RolloutState, isTerminal } from '../engine/rollout/state.js';
import { type FoldedState, type RolloutDeployment, ROLLOUT_TASK, foldStatuses, isFirstFollower, readRolloutDeployments, rolloutPayload, selectHead } from './deployment-log.js';
import { encodeStatusLine } from './deployment-status-line.js';
import type { DeploymentStatusState, DeploymentsApi } from './deployments-api.js';
import { findLastGoodDeployment, markDeploymentFailed, restoreLastGoodDeployment } from './deployments-rollback.js';
import { type SaveOutcome, type StateStore, type StoreFault, checkAdvance, storeFault } from './state-store.js';

/**
 * The GitHub store's load and compare-and-swap save over {@link DeploymentsApi}
 * (design in `src/github/deployments-store.ts`).
 */
const STATUS_OF_PHASE = {
  progressing: 'in_progress',
  complete: 'success',
  failed: 'failure',
  superseded: 'inactive',
} as const satisfies Record<RolloutPhase, DeploymentStatusState>;

interface Head {
  rollout: RolloutDeployment;
  state: RolloutState;
}

export interface DeploymentsStateOptions {
  productionEnvironment: boolean | undefined;
}

const isSameRollout = (a: RolloutState, b: RolloutState): boolean => isSameRelease(a.plan.canary, b.plan.canary) && a.startedAt === b.startedAt;

export function createDeploymentsStateStore(api: DeploymentsApi, options: DeploymentsStateOptions): StateStore {
  return {
    kind: 'github',
    where: `${api.repository} deployments`,
    async load(key) {
      const head = await loadHead(api, key);
      if (!head.ok || head.value === null) return head.ok ? ok(null) : head;
      return ok({ state: head.value.state, version: head.value.state.version });
    },
    save: (key, state, expectedVersion) => save(api, options, key, state, expectedVersion),
    markFailed: (request) => markDeploymentFailed(api, request),
    restoreLastGood: (request) => restoreLastGoodDeployment(api, request),
    findLastGood: (request) => findLastGoodDeployment(api, request),
  };
}

async function save(api: DeploymentsApi, options: DeploymentsStateOptions, key: string, state: RolloutState, expectedVersion: number): Promise<Result<SaveOutcome, StoreFault>> {
  const advance = checkAdvance(key, state, expectedVersion);
  if (!advance.ok) return advance;
  // Read again just before writing: most races end here, with nothing written.
  const head = await loadHead(api, key);
  if (!head.ok) return head;
  if ((head.value?.state.version ?? 0) !== expectedVersion) return ok('conflict');
  if (head.value && isSameRollout(head.value.state, state)) return append(api, key, head.value.rollout, state);
  if (head.value && !isTerminal(head.value.state.phase)) {
    // End the replaced rollout first, on its own deployment, so a run still ticking it loses.
    const closed = await append(api, key, head.value.rollout, supersededBy(head.value.state, state));
    if (!closed.ok || closed.value === 'conflict') return closed;
  }
  return start(api, options, key, head.value, state);
}

async function listRollouts(api: DeploymentsApi, key: string): Promise<Result<RolloutDeployment[], StoreFault>> {
  const listed = await api.listDeployments(key, ROLLOUT_TASK);
  if (!listed.ok) return listed;
  const rollouts = readRolloutDeployments(key, listed.value);
  return rollouts.ok ? rollouts : storeFault('corrupt', `${api.repository} environment \`${key}\`: ${rollouts.error}`);
}

async function fold(api: DeploymentsApi, key: string, rollout: RolloutDeployment): Promise<Result<FoldedState, StoreFault>> {
  const statuses = await api.listStatuses(rollout.record.id, 'all');
  if (!statuses.ok) return statuses;
  const folded = foldStatuses(rollout.payload.state, [...statuses.value].reverse());
  return folded.ok ? folded : storeFault('corrupt', `${api.repository} environment \`${key}\` deployment ${rollout.record.id}: ${folded.error}`);
}

async function loadHead(api: DeploymentsApi, key: string): Promise<Result<Head | null, StoreFault>> {
  const rollouts = await listRollouts(api, key);
  if (!rollouts.ok) return rollouts;
  const head = selectHead(rollouts.value);
  if (head === null) return ok(null);
  const folded = await fold(api, key, head);
  return folded.ok ? ok({ rollout: head, state: folded.value.state }) : folded;
}

/** Writes a state as the deployment's next status, then reads back whether it was the first at its version. */
async function append(api: DeploymentsApi, key: string, rollout: RolloutDeployment, state: RolloutState): Promise<Result<SaveOutcome, StoreFault>> {
  const written = await api.createStatus(rollout.record.id, STATUS_OF_PHASE[state.phase], encodeStatusLine(state));
  if (!written.ok) return written;
  const folded = await fold(api, key, rollout);
  if (!folded.ok) return folded;
  if (folded.value.accepted.includes(written.value.id)) return ok('saved');
  // Lost: readers ignore our status, but GitHub shows the newest one; show the winner's state again (also ignored by readers).
  const winner = folded.value.state;
  await api.createStatus(rollout.record.id, STATUS_OF_PHASE[winner.phase], encodeStatusLine(winner));
  return ok('conflict');
}

/** A new rollout deployment following `previous`; of two runs racing to start it, the older deployment wins. */
async function start(api: DeploymentsApi, options: DeploymentsStateOptions, key: string, previous: Head | null, state: RolloutState): Promise<Result<SaveOutcome, StoreFault>> {
  const created = await api.createDeployment({
    ref: state.plan.canary.ref,
    task: ROLLOUT_TASK,
    environment: key,
    payload: rolloutPayload(key, previous?.rollout.record.id ?? null, state),
    description: `rollout-guard ${state.plan.strategy} rollout of ${releaseName(state.plan.canary)}`,
    productionEnvironment: options.productionEnvironment,
  });
  if (!created.ok) return created;
  const rollouts = await listRollouts(api, key);
  if (!rollouts.ok) return rollouts;
  const mine = rollouts.value.find((rollout) => rollout.record.id === created.value.id);
  if (!mine || !isFirstFollower(rollouts.value, mine)) {
    const marked = await api.createStatus(created.value.id, 'inactive', 'duplicate: another run started this rollout first; ignored');
    return marked.ok ? ok('conflict') : marked;
  }
  const status = await api.createStatus(created.value.id, STATUS_OF_PHASE[state.phase], encodeStatusLine(state));
  return status.ok ? ok('saved') : status;
}
