import { describe, expect, it } from 'vitest';
import type { RolloutState } from '../../src/engine/rollout/state.js';
import { type RolloutDeployment, foldStatuses, isGoodHistory, selectHead } from '../../src/state/deployment-log.js';
import { encodeStatusLine } from '../../src/state/deployment-status-line.js';
import { PROMOTE, ROLLBACK, canaryPlan, statesOf } from './support/rollout-states.js';

const [first, second, third] = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE], [20, PROMOTE]]);

const rollout = (id: number, previousDeploymentId: number | null): RolloutDeployment => ({
  record: { id, ref: 'v2', sha: 'a'.repeat(40), task: 'deploy:canary', payload: {}, productionEnvironment: true },
  payload: { schema: 1, key: 'production', previousDeploymentId, state: first! },
});

let nextId = 1;
const status = (state: string, description: string) => ({ id: nextId++, state, description, createdAt: '2026-03-03T11:00:00Z' });
const line = (state: RolloutState) => status('in_progress', encodeStatusLine(state));

describe('selectHead', () => {
  it('follows the chain of rollouts to the newest', () => {
    expect(selectHead([rollout(3, 2), rollout(2, 1), rollout(1, null)])?.record.id).toBe(3);
  });

  it('ignores a later follower of the same rollout: a lost start race or a stale reader', () => {
    expect(selectHead([rollout(2, null), rollout(1, null)])?.record.id).toBe(1);
    expect(selectHead([rollout(3, 1), rollout(2, 1), rollout(1, null)])?.record.id).toBe(2);
    expect(selectHead([rollout(5, 1), rollout(3, 2), rollout(2, 1), rollout(1, null)])?.record.id).toBe(3);
  });

  it('has no head without rollouts', () => {
    expect(selectHead([])).toBeNull();
  });
});

describe('foldStatuses', () => {
  it('applies each next version and ignores a racing run’s lost write at a version already taken', () => {
    const lost = statesOf(canaryPlan('v2'), [[10, ROLLBACK]], first!)[0]!;
    const statuses = [line(first!), line(second!), line(lost), line(third!)];
    const folded = foldStatuses(first!, statuses);
    expect(folded).toEqual({ ok: true, value: { state: third, accepted: [statuses[1]!.id, statuses[3]!.id] } });
  });

  it('refuses a jump in versions: a record is missing', () => {
    const statuses = [line(third!)];
    expect(foldStatuses(first!, statuses)).toEqual({ ok: false, error: `status ${statuses[0]!.id} jumps from version 1 to 3` });
  });

  it('ends the rollout on someone else’s failure or inactive status, and ignores what follows', () => {
    const failed = foldStatuses(first!, [status('failure', 'rolled back by rollout-guard: 12% errors'), line(second!)]);
    expect(failed.ok && failed.value.state).toMatchObject({ phase: 'failed', weight: 0, version: 2 });
    expect(failed.ok && failed.value.state.history.at(-1)?.reason).toBe('marked failure outside the rollout: rolled back by rollout-guard: 12% errors');
    const retired = foldStatuses(first!, [status('inactive', '')]);
    expect(retired.ok && retired.value.state.phase).toBe('superseded');
    const ignored = foldStatuses(first!, [status('success', 'deployed by hand'), status('queued', '')]);
    expect(ignored.ok && ignored.value).toEqual({ state: first, accepted: [] });
  });
});

describe('isGoodHistory', () => {
  it('wants a success, and no failure since', () => {
    expect(isGoodHistory([status('inactive', ''), status('success', '')])).toBe(true);
    expect(isGoodHistory([status('success', '')])).toBe(true);
    expect(isGoodHistory([status('failure', ''), status('success', '')])).toBe(false);
    expect(isGoodHistory([status('in_progress', '')])).toBe(false);
    expect(isGoodHistory([])).toBe(false);
  });
});
