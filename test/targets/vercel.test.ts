import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTrafficTarget } from '../../src/targets/registry.js';
import type { TrafficTarget } from '../../src/targets/traffic-target.js';
import { type VercelServer, projectInRelease, startVercelServer } from '../support/vercel-server.js';

/**
 * The `vercel` target through @vercel/sdk against a local Vercel API
 * (test/support/vercel-server.ts) that holds every request and answer to
 * Vercel's published description.
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
  server.addProject(projectInRelease());
});
afterEach(() => {
  expect(server.problems).toEqual([]);
});

function target(inputs: Record<string, string> = {}): TrafficTarget {
  const all: Record<string, string> = { 'traffic-target': 'vercel', 'vercel-token': server.token, 'vercel-project': 'shop', 'vercel-team-id': 'team_acme', 'vercel-api-url': server.apiUrl, ...inputs };
  const context = { workspace: '/srv/app', env: {}, http: { backoffMs: 1, sleep: async (ms: number) => void waits.push(ms) } };
  const created = createTrafficTarget((name) => all[name] ?? '', context);
  if (!created.ok || !created.value) throw new Error(`no target: ${JSON.stringify(created)}`);
  return created.value;
}

const move = (t: TrafficTarget, canaryWeight: number, extra: { canary?: string; dryRun?: boolean } = {}) => t.setWeight({ canaryWeight, canary: extra.canary ?? 'v2', stable: 'v1', dryRun: extra.dryRun });
const posts = () => server.requests.filter((r) => r.method === 'POST').map((r) => `${r.path} ${JSON.stringify(r.body ?? null)}`);

describe('vercel traffic target', () => {
  it('promotes through every stage: approve-stage for 25 and 50, complete for 100, each read back', async () => {
    const t = target();
    expect(t.describe()).toBe('Vercel project shop (team_acme), rolling release');
    expect(await t.currentWeight!()).toEqual({ ok: true, value: 5 });
    const at5 = await move(t, 5);
    expect(at5.ok && at5.value.steps).toEqual([]);
    for (const weight of [25, 50, 100]) {
      const moved = await move(t, weight);
      if (!moved.ok) throw new Error(moved.error.message);
      expect(moved.value.verification).toEqual({ passed: true, detail: expect.stringContaining(`sends ${weight}% to the canary; asked ${weight}%`) });
      expect(moved.value.steps.map((step) => step.outcome?.exitCode)).toEqual([0]);
      expect(await t.currentWeight!()).toEqual({ ok: true, value: weight });
    }
    expect(posts()).toEqual([
      '/v1/projects/shop/rolling-release/approve-stage {"nextStageIndex":1,"canaryDeploymentId":"dpl_canary"}',
      '/v1/projects/shop/rolling-release/approve-stage {"nextStageIndex":2,"canaryDeploymentId":"dpl_canary"}',
      '/v1/projects/shop/rolling-release/complete {"canaryDeploymentId":"dpl_canary"}',
    ]);
    expect(server.projects.get('prj_shop')!.productionId).toBe('dpl_canary');
    expect(server.requests.every((r) => r.query === '?teamId=team_acme')).toBe(true);
  });

  it('rolls back at 25%: instant rollback to the deployment production served before, read back at 0%', async () => {
    const t = target();
    await move(t, 25);
    const back = await move(t, 0);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.steps.map((step) => step.argv)).toEqual([['POST', '/v1/projects/{projectId}/rollback/dpl_stable']]);
    // `vercel-project` is the name: the rollback path takes the id, looked up first.
    expect(server.requests.slice(-4).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/projects/shop/rolling-release',
      'GET /v9/projects/shop',
      'POST /v1/projects/prj_shop/rollback/dpl_stable',
      'GET /v1/projects/shop/rolling-release',
    ]);
    expect(back.value.verification).toEqual({ passed: true, detail: 'Vercel rolling release ABORTED sends 0% to the canary; asked 0%' });
    expect(server.projects.get('prj_shop')!.productionId).toBe('dpl_stable');
    expect(await t.currentWeight!()).toEqual({ ok: true, value: 0 });
    // A re-run of the rollback changes nothing.
    const again = await move(t, 0);
    expect(again.ok && again.value.steps).toEqual([]);
    expect(posts()).toHaveLength(2);
  });

  it('accepts steps equal to the stages and names both lists on a mismatch', async () => {
    const t = target();
    expect(await t.checkSteps!([5, 25, 50, 100])).toEqual({ ok: true, value: undefined });
    const mismatch = await t.checkSteps!([5, 30, 100]);
    expect(mismatch).toEqual({ ok: false, error: { kind: 'config', message: expect.stringContaining('input `steps` 5,30,100 does not match the rolling release stages of Vercel project shop (team_acme) (5,25,50,100)') } });
  });

  it('refuses a weight that is no stage, a skipped stage and a step back, calling nothing', async () => {
    const t = target();
    const notStage = await move(t, 30);
    expect(notStage).toEqual({ ok: false, error: { kind: 'config', message: expect.stringContaining('30% is not one of the rolling release stages of Vercel project shop (team_acme) (5,25,50,100)') } });
    const skip = await move(t, 50);
    expect(skip).toEqual({ ok: false, error: { kind: 'config', message: expect.stringContaining('would skip the rolling release stage 25%') } });
    await move(t, 25);
    const back = await move(t, 5);
    expect(back).toEqual({ ok: false, error: { kind: 'config', message: expect.stringContaining('cannot go back to the earlier stage 5%') } });
    expect(posts()).toHaveLength(1);
  });

  it('refuses a release that advances on its own, and a canary-ref naming another deployment', async () => {
    server.projects.get('prj_shop')!.release!.advancementType = 'automatic';
    const automatic = await move(target(), 25);
    expect(automatic.ok || automatic.error).toEqual({ kind: 'config', message: expect.stringContaining('advances automatically') });
    server.projects.get('prj_shop')!.release!.advancementType = 'manual-approval';
    const other = await move(target(), 25, { canary: 'dpl_someoneelse' });
    expect(other.ok || other.error).toEqual({ kind: 'config', message: expect.stringContaining('is rolling out dpl_canary') });
    const same = await move(target(), 25, { canary: 'dpl_canary' });
    expect(same.ok).toBe(true);
  });

  it('does not take a release of another deployment already at the asked share as done', async () => {
    // A finished release (or one at the asked stage) of someone else's deployment is no evidence about this canary.
    const release = server.projects.get('prj_shop')!.release!;
    release.state = 'COMPLETE';
    const complete = await move(target(), 100, { canary: 'dpl_someoneelse' });
    expect(complete.ok || complete.error).toEqual({ kind: 'config', message: expect.stringContaining('is rolling out dpl_canary') });
    release.state = 'ACTIVE';
    const atStage = await move(target(), 5, { canary: 'https://shop-other.vercel.app' });
    expect(atStage.ok || atStage.error).toEqual({ kind: 'config', message: expect.stringContaining('is rolling out dpl_canary') });
    expect((await move(target(), 5, { canary: 'dpl_canary' })).ok).toBe(true);
    expect(posts()).toEqual([]);
  });

  it('a read-back of another deployment\'s release at the asked share is not verified', async () => {
    // After the approval, Vercel answers with a release of someone else's deployment at that stage.
    let posted = false;
    const fetcher: typeof fetch = async (input, init) => {
      if (init?.method === 'POST') posted = true;
      const response = await fetch(input, init);
      if (!posted || init?.method === 'POST') return response;
      const text = (await response.text()).replaceAll('dpl_canary', 'dpl_other');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const all: Record<string, string> = { 'traffic-target': 'vercel', 'vercel-token': server.token, 'vercel-project': 'shop', 'vercel-team-id': 'team_acme', 'vercel-api-url': server.apiUrl };
    const created = createTrafficTarget((name) => all[name] ?? '', { workspace: '/srv/app', env: {}, http: { backoffMs: 1, fetch: fetcher } });
    if (!created.ok || !created.value) throw new Error('no target');
    const moved = await move(created.value, 25);
    expect(moved.ok && moved.value.verification).toEqual({ passed: false, detail: "Vercel's rolling release now rolls out dpl_other, not dpl_canary" });
  });

  it('says so when the project has no rolling release', async () => {
    server.projects.get('prj_shop')!.release = null;
    expect(await target().currentWeight!()).toEqual({ ok: true, value: null });
    const moved = await move(target(), 25);
    expect(moved.ok || moved.error).toEqual({ kind: 'config', message: expect.stringContaining('has no rolling release: turn on Rolling Releases with manual approval') });
  });

  it('names an unknown project (or a missing team) as a config fault', async () => {
    const unknown = await target({ 'vercel-project': 'nope' }).currentWeight!();
    expect(unknown).toEqual({ ok: false, error: { kind: 'config', message: expect.stringMatching(/^GET \/v1\/projects\/nope\/rolling-release answered 404 \(Project not found\); is `vercel-project` nope the id or name/) } });
    const noTeam = await target({ 'vercel-team-id': '' }).currentWeight!();
    expect(noTeam.ok).toBe(false);
  });

  it('retries a 429 (waiting until X-RateLimit-Reset) and a 503, then goes on', async () => {
    const reset = String(Math.ceil(Date.now() / 1_000) + 4);
    server.fail({ status: 429, headers: { 'x-ratelimit-reset': reset } }, { status: 503 });
    expect(await target().currentWeight!()).toEqual({ ok: true, value: 5 });
    expect(server.requests.map((r) => r.status)).toEqual([429, 503, 200]);
    expect(waits[0]).toBeGreaterThanOrEqual(3_000);
    expect(waits[0]).toBeLessThanOrEqual(5_000);
  });

  it('gives up after the retries with a provider fault', async () => {
    server.fail({ status: 502 }, { status: 502 }, { status: 502 });
    const answer = await target().currentWeight!();
    expect(answer).toEqual({ ok: false, error: { kind: 'provider', message: expect.stringContaining('answered 502') } });
  });

  it('names the token input and its scope on 401 and 403, never the token', async () => {
    server.fail({ status: 401 });
    const unauthorized = await target().currentWeight!();
    expect(unauthorized).toEqual({ ok: false, error: { kind: 'provider', message: expect.stringContaining('answered 401 (injected 401); check `vercel-token`') } });
    const wrong = await target({ 'vercel-token': 'wrong-token-3b9d0c1e' }).currentWeight!();
    expect(wrong).toEqual({ ok: false, error: { kind: 'provider', message: expect.stringContaining('answered 403 (Not authorized); check `vercel-token`: it must be a Vercel access token scoped to the project\'s team and team team_acme') } });
    expect(JSON.stringify([unauthorized, wrong])).not.toMatch(new RegExp(`${server.token}|wrong-token-3b9d0c1e`));
  });

  it('refuses an answer off Vercel\'s description as malformed, never reading a weight from it', async () => {
    server.fail({ status: 200, body: { rollingRelease: { state: 'ACTIVE', activeStage: { targetPercentage: '25' } } } });
    const answer = await target().currentWeight!();
    expect(answer).toEqual({ ok: false, error: { kind: 'malformed', message: expect.stringMatching(/^GET \/v1\/projects\/shop\/rolling-release: Vercel's answer does not match its API description: rollingRelease\S*: \S/) } });
  });

  it('never follows a redirect to another origin with the token', async () => {
    const seen: (string | undefined)[] = [];
    const elsewhere = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const { port } = elsewhere.address() as AddressInfo;
    server.fail({ status: 307, headers: { location: `http://127.0.0.1:${port}/v1/projects/shop/rolling-release` }, body: '' });
    const answer = await target().currentWeight!();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    expect(answer).toEqual({ ok: false, error: { kind: 'provider', message: expect.stringContaining('GET /v1/projects/shop/rolling-release') } });
    expect(JSON.stringify(answer)).not.toContain(server.token);
    expect(seen).toEqual([]);
  });

  it('a failed call keeps its step for the evidence', async () => {
    server.fail({ status: 401, pathEndsWith: '/approve-stage' });
    const moved = await move(target(), 25);
    expect(moved.ok).toBe(false);
    if (moved.ok) return;
    expect(moved.error.steps?.map((step) => [step.name, step.outcome?.exitCode])).toEqual([['approve-stage', 1]]);
  });

  it('in a dry run reads the release and says what it would call, calling nothing', async () => {
    const dry = await move(target(), 25, { dryRun: true });
    if (!dry.ok) throw new Error(dry.error.message);
    expect(dry.value.steps).toEqual([{ name: 'approve-stage', argv: ['POST', '/v1/projects/shop/rolling-release/approve-stage', 'nextStageIndex=1', 'canaryDeploymentId=dpl_canary'], outcome: null }]);
    expect(posts()).toEqual([]);
  });

  it('checks its inputs, naming each', () => {
    const created = createTrafficTarget((name) => ({ 'traffic-target': 'vercel', 'vercel-project': 'a b', 'vercel-api-url': 'ftp://x' })[name] ?? '', { workspace: '/', env: {} });
    expect(created.ok || created.error.message).toBe(
      'input `vercel-token` is required with traffic-target vercel; input `vercel-project`: must be the project id (prj_…) or its name, got "a b"; input `vercel-api-url`: must be an http:// or https:// URL, got "ftp://x"',
    );
  });

  it('refuses a token that cannot be a header value with one line naming the input, never the token', async () => {
    // fetch would refuse it deep in the SDK, quoting the whole Authorization header in its message.
    for (const token of ['vcp_first\nvcp_second', 'vcp_tökén']) {
      const created = createTrafficTarget((name) => ({ 'traffic-target': 'vercel', 'vercel-token': token, 'vercel-project': 'shop' })[name] ?? '', { workspace: '/', env: {} });
      expect(created.ok || created.error.message).toBe('input `vercel-token`: must be a Vercel access token: printable characters, no spaces or line breaks');
    }
  });
});
