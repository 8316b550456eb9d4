import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RollbackPlan, rollBack } from '../../../src/actions/auto-rollback/rollback.js';
import { createTrafficTarget } from '../../../src/targets/registry.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { type VercelServer, projectInRelease, startVercelServer } from '../../support/vercel-server.js';

/**
 * auto-rollback with `traffic-target: vercel`: the canary's rolling release
 * is ended by Vercel's instant rollback to the deployment production served
 * before, and a second run finds 0% already and changes nothing.
 */
let server: VercelServer;

beforeAll(async () => {
  server = await startVercelServer();
  server.addProject(projectInRelease({ release: { state: 'ACTIVE', advancementType: 'manual-approval', activeIndex: 1, canaryId: 'dpl_canary', currentId: 'dpl_stable' } }));
});
afterAll(async () => {
  await server?.close();
});

function plan(): RollbackPlan {
  const inputs: Record<string, string> = { 'traffic-target': 'vercel', 'vercel-token': server.token, 'vercel-project': 'prj_shop', 'vercel-team-id': 'team_acme', 'vercel-api-url': server.apiUrl };
  const created = createTrafficTarget((name) => inputs[name] ?? '', { workspace: '/srv/app', env: {} });
  if (!created.ok || !created.value) throw new Error('no target');
  return {
    values: { version: 'dpl_canary', stable: 'dpl_stable', environment: 'production', reason: 'error-rate breached' },
    knownStable: null,
    target: created.value as TrafficTarget,
    platform: null,
    command: null,
    store: null,
    verify: { urls: [], timeoutMs: 0, check: async () => ({ url: '', isHealthy: true, status: 200, durationMs: 0, reason: '' }) },
    now: () => new Date(),
    sleep: async () => undefined,
  };
}

describe('auto-rollback through the vercel traffic target', () => {
  it('rolls production back to the stable deployment, then finds it done on a re-run', async () => {
    const first = await rollBack(plan());
    expect(first.steps[0]).toMatchObject({ name: 'traffic', status: 'done' });
    expect(first.steps[0]!.message).toMatch(/^Vercel project prj_shop \(team_acme\), rolling release: 100% to the stable version in \d+ ms; Vercel rolling release ABORTED sends 0% to the canary; asked 0%$/);
    expect(server.projects.get('prj_shop')!.productionId).toBe('dpl_stable');
    const again = await rollBack(plan());
    expect(again.steps[0]).toMatchObject({ name: 'traffic', status: 'already' });
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v1/projects/prj_shop/rollback/dpl_stable']);
    expect(server.problems).toEqual([]);
  });
});
