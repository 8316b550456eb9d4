import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type VercelServer, projectInRelease, startVercelServer } from '../../support/vercel-server.js';
import { brief, tick } from './harness.js';
import { makeWorkdir, minutes } from './support.js';

/**
 * Ticks of canary-promote with `traffic-target: vercel` against the local
 * Vercel API: the rollout's steps are checked against the rolling release's
 * stages before anything moves, and each promotion approves the next stage.
 */
let server: VercelServer;

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
  server.addProject(projectInRelease());
});
afterEach(() => {
  expect(server.problems).toEqual([]);
});

const vercelInputs = () => ({ 'traffic-command': '', 'traffic-target': 'vercel', 'vercel-token': server.token, 'vercel-project': 'shop', 'vercel-team-id': 'team_acme', 'vercel-api-url': server.apiUrl });
const posts = () => server.requests.filter((r) => r.method === 'POST').map((r) => r.path.split('/').pop());

describe('canary-promote with the vercel target', () => {
  it('walks the rolling release stage by stage: approve, approve, complete', async () => {
    const work = await makeWorkdir('rg-tick-vercel-');
    const ticks = [];
    for (const [at, ref] of [[0, 'v2'], [10, ''], [20, ''], [30, ''], [40, '']] as const) ticks.push(await tick(work, { ...vercelInputs(), now: minutes(at), 'canary-ref': ref }));
    expect(ticks.map(brief)).toEqual([
      ['start', 0, 5, 1, null],
      ['promote', 5, 25, 2, null],
      ['promote', 25, 50, 3, null],
      ['promote', 50, 100, 4, null],
      ['complete', 100, 100, 4, null],
    ]);
    expect(posts()).toEqual(['approve-stage', 'approve-stage', 'complete']);
    expect(server.projects.get('prj_shop')!.release!.state).toBe('COMPLETE');
  });

  it('holds with one line naming both lists when steps differ from the stages, moving nothing', async () => {
    const work = await makeWorkdir('rg-tick-vercel-steps-');
    const run = await tick(work, { ...vercelInputs(), steps: '10,50,100', now: minutes(0), 'canary-ref': 'v2' });
    expect(run.standing.decision).toBe('hold');
    expect(run.standing.failure).toBe(
      "input `steps` 10,50,100 does not match the rolling release stages of Vercel project shop (team_acme) (5,25,50,100); set `steps: 5,25,50,100` or change the stages in the project's Rolling Releases settings",
    );
    expect(run.commit).toBeNull();
    expect(posts()).toEqual([]);
  });

  it('refuses blue-green, which would jump past every stage', async () => {
    const work = await makeWorkdir('rg-tick-vercel-bg-');
    const run = await tick(work, { ...vercelInputs(), strategy: 'blue-green', now: minutes(0), 'canary-ref': 'v2' });
    expect([run.standing.decision, run.standing.failure]).toEqual(['hold', 'traffic-target vercel moves traffic in its own stages; use `strategy: canary` with `steps` equal to them']);
    expect(posts()).toEqual([]);
  });

  it('rolls back through Vercel when the canary fails', async () => {
    const { FAULTY_CANARY } = await import('./support.js');
    const work = await makeWorkdir('rg-tick-vercel-faulty-', FAULTY_CANARY);
    await tick(work, { ...vercelInputs(), now: minutes(0), 'canary-ref': 'v2' });
    const judged = await tick(work, { ...vercelInputs(), now: minutes(10) });
    expect(judged.standing.decision).toBe('rollback');
    expect(posts()).toEqual(['dpl_stable']);
    expect(server.projects.get('prj_shop')!.productionId).toBe('dpl_stable');
    expect(server.projects.get('prj_shop')!.release!.state).toBe('ABORTED');
  });
});
