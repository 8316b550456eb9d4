import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';
import { type VercelServer, projectInRelease, startVercelServer } from '../../support/vercel-server.js';
import { type Workdir, makeWorkdir, minutes } from './support.js';

/**
 * The bundle with `traffic-target: vercel`, as the runner runs it, against
 * the local Vercel API: the SDK loads from its own chunk, every call goes
 * through the HTTP helper, and the token shows nowhere.
 */
let server: VercelServer;
let work: Workdir;

beforeAll(async () => {
  server = await startVercelServer();
  server.addProject(projectInRelease());
  work = await makeWorkdir('rg-cp-bundle-vercel-');
});
afterAll(async () => {
  await server?.close();
});

const tick = (inputs: Record<string, string>) =>
  runBundle('canary-promote', {
    cwd: work.dir,
    inputs: {
      analysis: work.analysis,
      state: `file:${work.stateFile}`,
      'traffic-target': 'vercel',
      'vercel-token': server.token,
      'vercel-project': 'shop',
      'vercel-team-id': 'team_acme',
      'vercel-api-url': server.apiUrl,
      ...inputs,
    },
  });

describe('canary-promote bundle with the vercel target', () => {
  it('starts at the first stage and approves the next one on a promotion, the token masked everywhere', async () => {
    const start = await tick({ now: minutes(0), 'canary-ref': 'v2' });
    expect([start.code, start.outputs.decision, start.outputs.weight]).toEqual([0, 'start', '5']);
    const promoted = await tick({ now: minutes(10) });
    expect([promoted.code, promoted.outputs.decision, promoted.outputs['previous-weight'], promoted.outputs.weight]).toEqual([0, 'promote', '5', '25']);
    expect(promoted.stdout).toMatch(/ran approve-stage: POST \/v1\/projects\/shop\/rolling-release\/approve-stage nextStageIndex=1 canaryDeploymentId=dpl_canary/);
    expect(server.projects.get('prj_shop')!.release!.activeIndex).toBe(1);
    const report = await readFile(promoted.outputs.report!, 'utf8');
    // The runner is told to mask it (`::add-mask::`); nothing else may show it.
    const shown = (text: string) => text.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    expect(start.stdout).toContain(`::add-mask::${server.token}`);
    for (const text of [start.stdout, start.stderr, promoted.stdout, promoted.stderr, promoted.summary, report]) expect(shown(text)).not.toContain(server.token);
    expect(server.problems).toEqual([]);
  });

  it('fails the step with one line naming both lists when steps differ from the stages', async () => {
    const run = await tick({ now: minutes(20), steps: '5,50,100' });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('hold');
    expect(run.errors.join('\n')).toContain('input `steps` 5,50,100 does not match the rolling release stages of Vercel project shop (team_acme) (5,25,50,100)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(server.projects.get('prj_shop')!.release!.activeIndex).toBe(1);
    expect(server.problems).toEqual([]);
  });
});
