import { describe, expect, it } from 'vitest';
import { nextTick } from '../../src/engine/rollout/next-tick.js';
import { createDeploymentsStore } from '../../src/github/deployments-store.js';
import type { RolloutState } from '../../src/engine/rollout/state.js';
import { OWNER, REPO, useGitHubFixture } from '../github/github-fixture.js';
import { ROLLBACK, at, canaryPlan, completedRollout, statesOf } from './support/rollout-states.js';

/** Auto-rollback through the GitHub store, against the local GitHub server with the real client. */
const SHAS = { v1: '1111111111111111111111111111111111111111', v2: '2222222222222222222222222222222222222222', 'release-2': '2222222222222222222222222222222222222222' };
const github = useGitHubFixture({ refs: SHAS });
const KEY = 'production';
const store = () => createDeploymentsStore(github.octokit, { owner: OWNER, repo: REPO, logUrl: 'https://github.com/octo/app/actions/runs/7' });
const deployments = () => github.server.state.deployments;
const latestStates = () => deployments().map((deployment) => `${deployment.ref}:${deployment.task}:${deployment.statuses.at(-1)?.state}`);

async function saveAll(states: readonly RolloutState[]): Promise<void> {
  for (const state of states) expect(await store().save(KEY, state, state.version - 1)).toEqual({ ok: true, value: 'saved' });
}

/** A plain deployment by another tool, marked success. */
async function deployByHand(ref: string): Promise<void> {
  const created = await github.octokit.rest.repos.createDeployment({ owner: OWNER, repo: REPO, ref, environment: KEY, auto_merge: false, required_contexts: [] });
  const id = 'id' in created.data ? created.data.id : 0;
  await github.octokit.rest.repos.createDeploymentStatus({ owner: OWNER, repo: REPO, deployment_id: id, state: 'success' });
}

describe('GitHub store: markFailed', () => {
  it('marks the deployment under watch failure once, then says it already is', async () => {
    await saveAll(completedRollout('v2', 0));
    const request = { key: KEY, ref: 'v2', reason: 'error rate > 10% for 5 consecutive minutes', now: at(90) };
    expect(await store().markFailed(request)).toEqual({ ok: true, value: { status: 'marked', message: `marked deployment ${deployments()[0]!.id} of v2 in \`production\` failure` } });
    expect(deployments()[0]!.statuses.at(-1)).toMatchObject({ state: 'failure', description: 'rolled back by rollout-guard: error rate > 10% for 5 consecutive minutes' });
    expect(await store().markFailed(request)).toEqual({ ok: true, value: { status: 'already-failed', message: `deployment ${deployments()[0]!.id} of v2 is already marked failure; nothing changed` } });
    expect(deployments()[0]!.statuses.filter((status) => status.state === 'failure')).toHaveLength(1);
    // canary-promote now reads the completed release as rolled back, and never promotes it again.
    const loaded = await store().load(KEY);
    expect(loaded.ok && loaded.value?.state).toMatchObject({ phase: 'failed', weight: 0, version: 6 });
    const tick = nextTick(canaryPlan('v2'), loaded.ok ? loaded.value!.state : null, null, at(100));
    expect(tick).toMatchObject({ decision: 'rollback', isChanged: false, trafficChange: null });
  });

  it('marks the rollout that won its start race, not a duplicate created after it', async () => {
    await saveAll(statesOf(canaryPlan('v2'), [[0, null]]));
    await github.octokit.rest.repos.createDeployment({
      ...{ owner: OWNER, repo: REPO, ref: 'v2', task: 'deploy:canary', environment: KEY, auto_merge: false, required_contexts: [] },
      payload: { 'rollout-guard': { schema: 1, key: KEY, previousDeploymentId: null } },
    });
    expect((await store().markFailed({ key: KEY, ref: 'v2', reason: 'x', now: at(1) })).ok).toBe(true);
    expect(latestStates()).toEqual(['v2:deploy:canary:failure', 'v2:deploy:canary:undefined']);
  });

  it('finds the deployment by sha too, and says when there is none', async () => {
    await deployByHand('v2');
    expect((await store().markFailed({ key: KEY, ref: SHAS.v2, reason: 'x', now: at(0) })).ok).toBe(true);
    expect(latestStates()).toEqual(['v2:deploy:failure']);
    const missing = await store().markFailed({ key: KEY, ref: 'v9', reason: 'x', now: at(0) });
    expect(missing).toEqual({ ok: true, value: { status: 'not-found', message: 'no deployment of v9 among the newest of environment `production`; nothing to mark' } });
  });
});

describe('GitHub store: restoreLastGood', () => {
  it('re-deploys the last good commit with success, once', async () => {
    const v1 = completedRollout('v1', 0);
    await saveAll([...v1, ...completedRollout('v2', 60, v1.at(-1)!)]);
    await store().markFailed({ key: KEY, ref: 'v2', reason: 'error rate 12%', now: at(120) });
    const request = { key: KEY, excludingRef: 'v2', reason: 'error rate 12%', now: at(121) };
    const restored = await store().restoreLastGood(request);
    expect(restored).toEqual({
      ok: true,
      value: { status: 'restored', ref: 'v1', sha: SHAS.v1, message: `restored v1 (1111111) as deployment ${deployments()[2]!.id} of \`production\`, the last good release before v2` },
    });
    const restore = github.server.requests.filter((request_) => request_.method === 'POST' && request_.route === 'POST /repos/{owner}/{repo}/deployments').at(-1);
    expect(restore?.body).toMatchObject({ ref: SHAS.v1, task: 'deploy:rollback', environment: KEY, auto_merge: false, required_contexts: [], transient_environment: false });
    expect(latestStates()).toEqual(['v1:deploy:canary:inactive', 'v2:deploy:canary:failure', `${SHAS.v1}:deploy:rollback:success`]);
    expect(deployments()[2]!.statuses[0]!.description).toBe('restored v1 (1111111), the last good release before v2: error rate 12%');
    const again = await store().restoreLastGood(request);
    expect(again).toEqual({ ok: true, value: { status: 'already-restored', ref: 'v1', sha: SHAS.v1, message: 'v1 (1111111) is active since v2 failed; nothing to restore' } });
    expect(deployments()).toHaveLength(3);
  });

  it('leaves the stable release alone when the canary failed before completing', async () => {
    await deployByHand('v1');
    await saveAll(statesOf(canaryPlan('v2'), [[0, null], [3, ROLLBACK]]));
    const outcome = await store().restoreLastGood({ key: KEY, excludingRef: 'v2', reason: 'x', now: at(5) });
    expect(outcome.ok && outcome.value).toMatchObject({ status: 'already-restored', ref: 'v1', message: 'v1 (1111111) is still the active deployment; nothing to restore' });
    expect(deployments()).toHaveLength(2);
  });

  it('skips releases of the same commit under another ref, and failed ones', async () => {
    await deployByHand('v1');
    await deployByHand('release-2'); // same commit as v2
    await deployByHand('v2');
    await store().markFailed({ key: KEY, ref: 'v2', reason: 'x', now: at(0) });
    const outcome = await store().restoreLastGood({ key: KEY, excludingRef: 'v2', reason: 'x', now: at(1) });
    expect(outcome.ok && outcome.value).toMatchObject({ status: 'restored', ref: 'v1', sha: SHAS.v1 });
  });

  it('says when there is no good release to go back to', async () => {
    await deployByHand('v2');
    await store().markFailed({ key: KEY, ref: 'v2', reason: 'x', now: at(0) });
    expect(await store().restoreLastGood({ key: KEY, excludingRef: 'v2', reason: 'x', now: at(1) })).toEqual({
      ok: true,
      value: { status: 'none', ref: null, sha: null, message: 'no good deployment before v2 in environment `production`; nothing to restore' },
    });
  });
});

describe('GitHub store: findLastGood', () => {
  it('names the release restoreLastGood would make active, by its commit, and changes nothing', async () => {
    await deployByHand('v1');
    await deployByHand('v2');
    const before = JSON.stringify(deployments());
    const found = await store().findLastGood!({ key: KEY, excludingRef: 'v2' });
    expect(found.ok && found.value).toMatchObject({ ref: 'v1', sha: SHAS.v1 });
    expect(JSON.stringify(deployments())).toBe(before);
    const restored = await store().restoreLastGood({ key: KEY, excludingRef: 'v2', reason: 'x', now: at(0) });
    expect(restored.ok && restored.value).toMatchObject({ status: 'restored', ref: 'v1', sha: SHAS.v1 });
  });

  it('finds nothing when no earlier release was good', async () => {
    await deployByHand('v2');
    expect(await store().findLastGood!({ key: KEY, excludingRef: 'v2' })).toEqual({ ok: true, value: null });
  });
});
