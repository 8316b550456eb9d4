import { describe, expect, it } from 'vitest';
import { nextTick } from '../../src/engine/rollout/next-tick.js';
import type { RolloutState } from '../../src/engine/rollout/state.js';
import { createDeploymentsStore, deploymentsApi } from '../../src/github/deployments-store.js';
import { createDeploymentsStateStore } from '../../src/state/deployments-state.js';
import type { DeploymentsApi } from '../../src/state/deployments-api.js';
import type { StateStore } from '../../src/state/state-store.js';
import { PROMOTE, ROLLBACK, at, canaryPlan, completedRollout, statesOf } from '../state/support/rollout-states.js';
import { OWNER, REPO, useGitHubFixture } from './github-fixture.js';

const SHAS = { v1: '1111111111111111111111111111111111111111', v2: '2222222222222222222222222222222222222222', v3: '3333333333333333333333333333333333333333' };
const github = useGitHubFixture({ refs: SHAS });
const KEY = 'production';
const RUN_URL = 'https://github.com/octo/app/actions/runs/42';
const options = { owner: OWNER, repo: REPO, logUrl: RUN_URL, productionEnvironment: true };
const store = (): StateStore => createDeploymentsStore(github.octokit, options);

/** Saves each state over the one before, asserting every save wins. */
async function saveAll(target: StateStore, states: readonly RolloutState[]): Promise<void> {
  for (const state of states) expect(await target.save(KEY, state, state.version - 1)).toEqual({ ok: true, value: 'saved' });
}

const deployments = () => github.server.state.deployments;
const statusesOf = (index: number) => deployments()[index]!.statuses.map((status) => `${status.state}: ${status.description}`);

describe('deployments store: one deployment per rollout, one status per tick', () => {
  it('creates the rollout deployment with the plan and state in its payload', async () => {
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await saveAll(store(), [first!]);
    const created = github.server.requests.find((request) => request.method === 'POST' && request.route === 'POST /repos/{owner}/{repo}/deployments');
    expect(created?.body).toEqual({
      ref: 'v2',
      task: 'deploy:canary',
      environment: 'production',
      payload: { 'rollout-guard': { schema: 1, key: 'production', previousDeploymentId: null, state: first } },
      description: 'rollout-guard canary rollout of v2',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: true,
    });
    expect(deployments()[0]!.statuses).toMatchObject([{ state: 'in_progress', logUrl: RUN_URL }]);
    expect(statusesOf(0)[0]).toMatch(/^in_progress: canary 5% \(step 1\/4\): started the rollout of v2: canary 5%, judged after 10m \[rg:1:p:0:5:/);
    expect(await store().load(KEY)).toEqual({ ok: true, value: { state: first, version: 1 } });
  });

  it('writes a status per changed tick and loads back exactly the state the engine made', async () => {
    const states = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE], [20, PROMOTE]]);
    await saveAll(store(), states);
    expect(deployments()).toHaveLength(1);
    expect(statusesOf(0).map((line) => line.replace(/ \[rg:.*\]$/, ''))).toEqual([
      'in_progress: canary 5% (step 1/4): started the rollout of v2: canary 5%, judged after 10m',
      'in_progress: canary 25% (step 2/4): promoted 5% → 25%, judged after 10m: all 3 metrics pass',
      'in_progress: canary 50% (step 3/4): promoted 25% → 50%, judged after 10m: all 3 metrics pass',
    ]);
    expect(await store().load(KEY)).toEqual({ ok: true, value: { state: states[2], version: 3 } });
  });

  it('marks complete with success, which turns the previous release inactive', async () => {
    const v1 = completedRollout('v1', 0);
    const v2 = completedRollout('v2', 60, v1.at(-1)!);
    await saveAll(store(), [...v1, ...v2]);
    expect(deployments().map((deployment) => [deployment.ref, deployment.statuses.at(-1)?.state])).toEqual([
      ['v1', 'inactive'],
      ['v2', 'success'],
    ]);
    expect(deployments()[1]!.statuses.at(-1)?.description).toMatch(/^canary complete, 100% \(step 4\/4\): complete at 100%: all 3 metrics pass \[rg:10:c:/);
    const loaded = await store().load(KEY);
    expect(loaded.ok && loaded.value).toEqual({ state: v2.at(-1), version: 10 });
  });

  it('marks a rollback with failure', async () => {
    const states = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE], [12, ROLLBACK]]);
    await saveAll(store(), states);
    expect(statusesOf(0).at(-1)).toMatch(/^failure: canary rolled back at step 2\/4: rolled back 25% → 0%: error-rate 7\.2% > 5% \(fail\) \[rg:3:f:/);
  });

  it('ends the replaced rollout as inactive when a new version supersedes it, and follows it', async () => {
    const v2 = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE]]);
    await saveAll(store(), v2);
    const v3 = nextTick(canaryPlan('v3'), v2.at(-1)!, null, at(15)).nextState;
    await saveAll(store(), [v3]);
    expect(statusesOf(0).at(-1)).toMatch(/^inactive: canary superseded at step 2\/4: superseded by v3 at 25%; traffic moved to the new version \[rg:3:s:/);
    expect(deployments()[1]!.payload).toMatchObject({ 'rollout-guard': { previousDeploymentId: deployments()[0]!.id, state: { version: 3 } } });
    expect(await store().load(KEY)).toEqual({ ok: true, value: { state: v3, version: 3 } });
  });
});

describe('deployments store: compare-and-swap', () => {
  it('answers conflict, writing nothing, when the stored version has moved on', async () => {
    const [first, second] = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE]]);
    await saveAll(store(), [first!, second!]);
    const stale = statesOf(canaryPlan('v2'), [[11, ROLLBACK]], first!)[0]!;
    const before = github.server.requests.filter((request) => request.method === 'POST').length;
    expect(await store().save(KEY, stale, 1)).toEqual({ ok: true, value: 'conflict' });
    expect(github.server.requests.filter((request) => request.method === 'POST').length).toBe(before);
  });

  it('voids the loser’s status when two runs write the same version at once', async () => {
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await saveAll(store(), [first!]);
    const winner = statesOf(canaryPlan('v2'), [[10, PROMOTE]], first!)[0]!;
    const loser = statesOf(canaryPlan('v2'), [[10, ROLLBACK]], first!)[0]!;
    // The rival's whole save lands between our read and our write.
    const racing = withRivalBefore('createStatus', () => store().save(KEY, winner, 1));
    expect(await racing.save(KEY, loser, 1)).toEqual({ ok: true, value: 'conflict' });
    // The loser's `failure` is void; it shows the winner's state again so GitHub's newest status is right.
    expect(deployments()[0]!.statuses.map((status) => status.state)).toEqual(['in_progress', 'in_progress', 'failure', 'in_progress']);
    expect(statusesOf(0)[3]).toBe(statusesOf(0)[1]);
    expect(await store().load(KEY)).toEqual({ ok: true, value: { state: winner, version: 2 } });
  });

  it('keeps the older deployment when two runs start the same rollout', async () => {
    const [mine] = statesOf(canaryPlan('v2'), [[0, null]]);
    const [theirs] = statesOf(canaryPlan('v2'), [[0.5, null]]);
    const racing = withRivalBefore('createDeployment', () => store().save(KEY, theirs!, 0));
    expect(await racing.save(KEY, mine!, 0)).toEqual({ ok: true, value: 'conflict' });
    expect(statusesOf(1)).toEqual(['inactive: duplicate: another run started this rollout first; ignored']);
    expect(await store().load(KEY)).toEqual({ ok: true, value: { state: theirs, version: 1 } });
  });
});

/** A store whose first `call` lets a rival run to completion first. */
function withRivalBefore(call: 'createStatus' | 'createDeployment', rival: () => Promise<unknown>): StateStore {
  const api = deploymentsApi(github.octokit, options);
  let isRivalDone = false;
  const racing: DeploymentsApi = {
    ...api,
    [call]: async (...args: unknown[]) => {
      if (!isRivalDone) {
        isRivalDone = true;
        await rival();
      }
      return (api[call] as (...rest: unknown[]) => Promise<unknown>)(...args);
    },
  };
  return createDeploymentsStateStore(racing, { productionEnvironment: true });
}

describe('deployments store: what it will not read as a good state', () => {
  it('ends a rollout that someone else marked failure, so the next tick cannot promote it', async () => {
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await saveAll(store(), [first!]);
    await github.octokit.rest.repos.createDeploymentStatus({ owner: OWNER, repo: REPO, deployment_id: deployments()[0]!.id, state: 'failure', description: 'health checks failing' });
    const loaded = await store().load(KEY);
    expect(loaded.ok && loaded.value).toMatchObject({ version: 2, state: { phase: 'failed', weight: 0 } });
    const tick = nextTick(canaryPlan('v2'), loaded.ok ? loaded.value!.state : null, PROMOTE, at(30));
    expect(tick).toMatchObject({ decision: 'rollback', isChanged: false, trafficChange: null });
  });

  it('refuses a rollout payload it cannot read, naming the deployment', async () => {
    const created = await github.octokit.rest.repos.createDeployment({
      ...{ owner: OWNER, repo: REPO, ref: 'v2', task: 'deploy:canary', environment: KEY, auto_merge: false, required_contexts: [] },
      payload: { 'rollout-guard': { schema: 1, key: KEY, previousDeploymentId: null, state: { phase: 'progressing' } } },
    });
    const id = 'id' in created.data ? created.data.id : 0;
    const loaded = await store().load(KEY);
    expect(loaded).toEqual({
      ok: false,
      error: {
        kind: 'corrupt',
        message: `octo/app environment \`production\`: deployment ${id} has a rollout-guard payload that cannot be read (\`payload.state.plan\` is missing (expected object)); mark it inactive and delete it to go on`,
      },
    });
  });

  it('refuses a damaged state line, naming the deployment and status', async () => {
    const [first] = statesOf(canaryPlan('v2'), [[0, null]]);
    await saveAll(store(), [first!]);
    const id = deployments()[0]!.id;
    const status = await github.octokit.rest.repos.createDeploymentStatus({ owner: OWNER, repo: REPO, deployment_id: id, state: 'in_progress', description: 'canary 25% [rg:2:p:1:25]' });
    expect(await store().load(KEY)).toEqual({
      ok: false,
      error: { kind: 'corrupt', message: `octo/app environment \`production\` deployment ${id}: status ${status.data.id}: description "[rg:2:p:1:25]" is not a rollout-guard state line` },
    });
  });

  it('passes on a refused API call as `unavailable`, with GitHub’s answer', async () => {
    github.server.failNext({ route: 'GET /repos/{owner}/{repo}/deployments', status: 403, message: 'Resource not accessible by integration' });
    expect(await store().load(KEY)).toEqual({
      ok: false,
      error: {
        kind: 'unavailable',
        message: 'GitHub API GET /repos/octo/app/deployments answered 403 "Resource not accessible by integration": the token lacks a permission; grant it in the workflow\'s `permissions:` block',
      },
    });
  });
});
