import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RollbackTarget } from '../../src/targets/rollback-target.js';
import { vercelRollbackTarget } from '../../src/targets/vercel-rollback.js';
import { type VercelServer, deployment, projectInRelease, startVercelServer } from '../support/vercel-server.js';

/**
 * The Vercel rollback kind through @vercel/sdk against the local Vercel API
 * (test/support/vercel-server.ts), every request and answer held to Vercel's
 * description. Production serves `dpl_canary`, the release under watch;
 * `dpl_stable` and `dpl_old` came before it.
 */
let server: VercelServer;
let waits: number[];

beforeAll(async () => {
  server = await startVercelServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.projects.clear();
  server.requests.length = 0;
  server.problems.length = 0;
  waits = [];
  server.addProject(projectInRelease({ release: null, productionId: 'dpl_canary' }));
});
afterEach(() => {
  expect(server.problems).toEqual([]);
});

function target(inputs: Record<string, string> = {}): RollbackTarget {
  const raw = { 'vercel-token': server.token, 'vercel-project': 'shop', 'vercel-team-id': 'team_acme', 'vercel-api-url': server.apiUrl, ...inputs };
  const parsed = vercelRollbackTarget.schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '')));
  if (!parsed.success) throw new Error(parsed.error.message);
  return vercelRollbackTarget.create(parsed.data, { env: {}, http: { backoffMs: 1, sleep: async (ms) => void waits.push(ms) } });
}
const production = () => server.projects.get('prj_shop')!.productionId;
const posts = () => server.requests.filter((r) => r.method === 'POST').map((r) => `${r.path}${r.query}`);

describe('vercel rollback kind', () => {
  it('finds the READY production deployment before the release, rolls back to it and reads production back', async () => {
    const done = await target().rollBack({ version: 'dpl_canary', lastGood: null });
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value).toMatchObject({
      target: 'Vercel project shop (team_acme)',
      restored: { id: 'dpl_stable', url: 'https://shop-stable.vercel.app' },
      alreadyRestored: false,
      dryRun: false,
      verification: { passed: true, detail: "production serves dpl_stable; expected dpl_stable; Vercel's rollback job is succeeded" },
    });
    expect(done.value.calls).toEqual([
      'GET /v9/projects/shop → 200',
      'GET /v7/deployments?projectId=prj_shop&target=production → 200',
      'POST /v1/projects/prj_shop/rollback/dpl_stable → 201',
      'GET /v9/projects/shop → 200',
    ]);
    expect(production()).toBe('dpl_stable');
    expect(posts()).toEqual(['/v1/projects/prj_shop/rollback/dpl_stable?description=rollout-guard%3A%20dpl_canary%20rolled%20back&teamId=team_acme']);
  });

  it('skips deployments that are not READY and ones after the release; a URL names the release too', async () => {
    const project = server.projects.get('prj_shop')!;
    project.deployments.push(deployment('dpl_newer', 4_000));
    project.deployments.find((d) => d.id === 'dpl_stable')!.readyState = 'ERROR';
    const done = await target().rollBack({ version: 'https://shop-canary.vercel.app/', lastGood: null });
    expect(done.ok && done.value.restored.id).toBe('dpl_old');
  });

  it('goes to the last good deployment the workflow names, by id or URL', async () => {
    const byUrl = await target().rollBack({ version: 'dpl_canary', lastGood: 'https://shop-old.vercel.app' });
    expect(byUrl.ok && [byUrl.value.restored.id, byUrl.value.verification.passed]).toEqual(['dpl_old', true]);
    const unknown = await target().rollBack({ version: 'dpl_canary', lastGood: 'dpl_gone' });
    expect(unknown).toEqual({ ok: false, error: { kind: 'config', message: 'the last good deployment dpl_gone is not among the 3 latest production deployments of Vercel project shop (team_acme)' } });
  });

  it('matches a commit sha, as GitHub Deployments and GITHUB_SHA name releases, to the deployment Vercel built from it', async () => {
    const project = server.projects.get('prj_shop')!;
    const shas = { dpl_old: '1'.repeat(40), dpl_stable: 'ab'.repeat(20), dpl_canary: 'cd'.repeat(20) };
    for (const found of project.deployments) found.gitSha = shas[found.id as keyof typeof shas];
    const byCommit = await target().rollBack({ version: shas.dpl_canary, lastGood: shas.dpl_old });
    expect(byCommit.ok && [byCommit.value.restored.id, byCommit.value.verification.passed]).toEqual(['dpl_old', true]);
    // The release under watch named by a short sha: the deployment before it, not the release itself.
    project.productionId = 'dpl_canary';
    const previous = await target().rollBack({ version: shas.dpl_canary.slice(0, 7), lastGood: null });
    expect(previous.ok && previous.value.restored.id).toBe('dpl_stable');
    // Fewer than 7 characters are no commit.
    const tooShort = await target().rollBack({ version: 'dpl_canary', lastGood: 'ababab' });
    expect(tooShort.ok).toBe(false);
  });

  it('never takes the release under watch for the last good deployment, even when both were built from one commit', async () => {
    // The failed release is a redeploy of the last good commit (an environment change): the newest build of that sha is the release.
    const project = server.projects.get('prj_shop')!;
    const sha = 'ab'.repeat(20);
    for (const found of project.deployments) found.gitSha = found.id === 'dpl_old' ? '1'.repeat(40) : sha;
    const done = await target().rollBack({ version: 'dpl_canary', lastGood: sha });
    expect(done.ok && [done.value.restored.id, done.value.alreadyRestored, done.value.verification.passed]).toEqual(['dpl_stable', false, true]);
    expect(production()).toBe('dpl_stable');
    const same = await target().rollBack({ version: 'dpl_stable', lastGood: 'dpl_stable' });
    expect(same.ok).toBe(false);
  });

  it('changes nothing when production already serves the last good deployment (a re-run)', async () => {
    server.projects.get('prj_shop')!.productionId = 'dpl_stable';
    const again = await target().rollBack({ version: 'dpl_canary', lastGood: 'dpl_stable' });
    expect(again.ok && again.value).toMatchObject({ alreadyRestored: true, verification: { passed: true } });
    expect(posts()).toEqual([]);
  });

  it('in a dry run finds the deployment and sends nothing', async () => {
    const dry = await target().rollBack({ version: 'dpl_canary', lastGood: null, dryRun: true });
    expect(dry.ok && dry.value).toMatchObject({ dryRun: true, restored: { id: 'dpl_stable' }, verification: { passed: false } });
    expect(posts()).toEqual([]);
    expect(production()).toBe('dpl_canary');
  });

  it('is not verified when Vercel\'s rollback job failed', async () => {
    server.projects.get('prj_shop')!.rollbackJobStatus = 'failed';
    const done = await target().rollBack({ version: 'dpl_canary', lastGood: null });
    expect(done.ok && done.value.verification).toEqual({ passed: false, detail: "production serves dpl_canary; expected dpl_stable; Vercel's rollback job is failed" });
  });

  it('refuses, and is not "already restored", when the release under watch names no deployment', async () => {
    // A tag such as v2.0.0 is no deployment id, URL or commit: the newest READY deployment is the failed release production serves.
    const unknown = await target().rollBack({ version: 'v2.0.0', lastGood: null });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.error).toMatchObject({ kind: 'config', message: expect.stringContaining('v2.0.0 names none of the 3 latest production deployments') });
    expect(posts()).toEqual([]);
  });

  it('leaves production alone when it serves neither the release under watch nor the last good deployment', async () => {
    // A newer release went out after the one under watch (a late run, or a re-run): rolling back would undo it.
    const project = server.projects.get('prj_shop')!;
    project.deployments.push(deployment('dpl_newer', 4_000));
    project.productionId = 'dpl_newer';
    for (const lastGood of [null, 'dpl_stable']) {
      const done = await target().rollBack({ version: 'dpl_canary', lastGood });
      expect(done.ok || done.error).toEqual({ kind: 'config', message: expect.stringContaining('production serves dpl_newer, which is neither dpl_canary (under watch) nor the last good deployment dpl_stable') });
    }
    expect(posts()).toEqual([]);
    expect(production()).toBe('dpl_newer');
  });

  it('says so when there is nothing to go back to', async () => {
    server.projects.get('prj_shop')!.deployments = [deployment('dpl_canary', 3_000)];
    const none = await target().rollBack({ version: 'dpl_canary', lastGood: null });
    expect(none).toEqual({ ok: false, error: { kind: 'missing', message: 'Vercel project shop (team_acme) has no READY production deployment before dpl_canary to roll back to' } });
  });

  it('retries a 429 and a 5xx; names the token input on 401 without the token; an unknown project is a config fault', async () => {
    server.fail({ status: 429, headers: { 'retry-after': '2' } }, { status: 500, pathEndsWith: '/rollback/dpl_stable' });
    const retried = await target().rollBack({ version: 'dpl_canary', lastGood: null });
    expect(retried.ok && retried.value.verification.passed).toBe(true);
    expect(waits).toEqual([2_000, 1]);
    server.fail({ status: 401 });
    const refused = await target().rollBack({ version: 'dpl_canary', lastGood: null });
    expect(refused).toEqual({ ok: false, error: { kind: 'provider', message: expect.stringContaining('GET /v9/projects/shop answered 401 (injected 401); check `vercel-token`') } });
    expect(JSON.stringify(refused)).not.toContain(server.token);
    const unknown = await target({ 'vercel-project': 'nope' }).rollBack({ version: 'dpl_canary', lastGood: null });
    expect(unknown.ok || unknown.error.kind).toBe('config');
  });
});
