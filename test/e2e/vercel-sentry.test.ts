import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BundleRun } from '../support/run-bundle.js';
import { BAKE_MINUTES, DEDUP_KEY, type Pipeline, SHAS, startPipeline } from '../support/vercel-sentry-pipeline.js';

/**
 * The whole flow of a team on Vercel and Sentry, every step through the
 * bundles as the runner runs them, against the local Vercel, Sentry,
 * PagerDuty and GitHub APIs (each holding every request and answer to its
 * vendor's description): v2 goes through a rolling release stage by stage
 * and is tagged; v3 fails its first stage in Sentry and Vercel rolls back to
 * v2; and, in the other scenario, v3 reaches 100% before its errors climb,
 * and auto-rollback puts v2 back, pages and opens the post-mortem issue.
 */
let pipeline: Pipeline;

beforeAll(async () => {
  pipeline = await startPipeline({ name: 'e2e-vercel-sentry' });
});
afterAll(() => pipeline?.close());
afterEach(() => expect(pipeline.problems()).toEqual([]));

/** Vercel's view after a tick: the release's state and the share its active stage sends to the canary, and what production serves. */
const vercelNow = () => {
  const project = pipeline.project();
  const release = project.release!;
  return { state: release.state, percent: release.activeIndex === null ? null : project.stages[release.activeIndex], canary: release.canaryId, production: project.productionId };
};
const decided = (run: BundleRun) => [run.code, run.outputs.decision, run.outputs.weight];
const readReport = async (run: BundleRun) => JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { checks: { name: string; status: string; message: string }[] };

describe('Vercel rolling release judged by Sentry, end to end', () => {
  it('(a) v2 goes 5 → 25 → 50 → 100%, each stage approved on Vercel after its bake, and is published as release v2', async () => {
    const ticks: Array<{ minute: number; decision: string; weight: string; vercel: ReturnType<typeof vercelNow> }> = [];
    for (let step = 0; step <= 4; step++) {
      const minute = step * BAKE_MINUTES;
      const run = await pipeline.canaryTick({ version: 'v2', stable: 'v1', minute });
      expect(run.code, run.stdout).toBe(0);
      ticks.push({ minute, decision: run.outputs.decision!, weight: run.outputs.weight!, vercel: vercelNow() });
      if (step >= 1) {
        // The evidence of each judged tick: Sentry's error rate of v2 against v1.
        const report = await readReport(run);
        expect(report.checks.find((check) => check.name === 'error-rate')).toMatchObject({ status: 'pass' });
        // At 100% the baseline serves no traffic, so the last tick judges the canary alone.
        expect(run.summary).toMatch(step < 4 ? /\| error-rate \| ✅ pass \| 0\.5% \(\d+\/\d+\) \| 0\.5% \(\d+\/\d+\) \|/ : /\| error-rate \| ✅ pass \| 0\.5% \(5\/1000\) \| no data \|/);
      }
      if (step === 4) {
        expect(run.outputs['release-url']).toBe('https://github.com/acme/shop/releases/tag/v2');
        expect(run.stdout).toContain('published release v2 at');
      }
    }
    expect(ticks.map((tick) => [tick.decision, tick.weight, tick.vercel.percent, tick.vercel.state])).toEqual([
      ['start', '5', 5, 'ACTIVE'],
      ['promote', '25', 25, 'ACTIVE'],
      ['promote', '50', 50, 'ACTIVE'],
      ['promote', '100', 100, 'COMPLETE'],
      ['complete', '100', 100, 'COMPLETE'],
    ]);
    expect(vercelNow().production).toBe('dpl_v2');
    const approvals = pipeline.vercel.requests.filter((request) => request.method === 'POST').map((request) => [request.path, request.body]);
    expect(approvals).toEqual([
      ['/v1/projects/shop/rolling-release/approve-stage', { nextStageIndex: 1, canaryDeploymentId: 'dpl_v2' }],
      ['/v1/projects/shop/rolling-release/approve-stage', { nextStageIndex: 2, canaryDeploymentId: 'dpl_v2' }],
      // 100% is Vercel's complete call rather than an approval of the final stage.
      ['/v1/projects/shop/rolling-release/complete', { canaryDeploymentId: 'dpl_v2' }],
    ]);
    // Sentry was asked for the canary's and the baseline's releases.
    const asked = new Set(pipeline.sentry.requests.map((request) => request.params.get('query')));
    expect(asked).toEqual(new Set(['release:"shop@v2"', 'release:"shop@v1"', 'is_transaction:true release:"shop@v2"', 'is_transaction:true release:"shop@v1"']));
    expect(pipeline.github.state.releases.map((release) => [release.tagName, release.targetCommitish])).toEqual([['v2', SHAS.v2]]);
    expect(pipeline.github.state.deployments.map((deployment) => [deployment.ref, deployment.environment, deployment.statuses.at(-1)!.state])).toEqual([[SHAS.v2, 'production', 'success']]);
    // Only the completed rollout speaks to PagerDuty: it resolves the environment's alert, whether one is open or not.
    expect(pipeline.pagerduty.events).toEqual([{ routing_key: pipeline.pagerduty.routingKey, event_action: 'resolve', dedup_key: DEDUP_KEY }]);
  });

  it('(b) v3 with 10% errors in Sentry is rolled back at its first stage: Vercel instant rollback to v2, PagerDuty paged', async () => {
    pipeline.deployRelease('v3');
    pipeline.vercel.requests.length = 0;
    pipeline.pagerduty.reset();
    const start = await pipeline.canaryTick({ version: 'v3', stable: 'v2', minute: 50 });
    expect(decided(start), start.stdout).toEqual([0, 'start', '5']);
    expect(vercelNow()).toEqual({ state: 'ACTIVE', percent: 5, canary: 'dpl_v3', production: 'dpl_v2' });
    const rolled = await pipeline.canaryTick({ version: 'v3', stable: 'v2', minute: 50 + BAKE_MINUTES });
    expect(decided(rolled), rolled.stdout).toEqual([0, 'rollback', '0']);
    expect(rolled.outputs.reason).toMatch(/error-rate 10% exceeds max 5%/);
    expect(vercelNow()).toEqual({ state: 'ABORTED', percent: null, canary: 'dpl_v3', production: 'dpl_v2' });
    expect(pipeline.vercel.requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/v1/projects/prj_shop/rollback/dpl_v2']);
    expect(pipeline.pagerduty.events).toHaveLength(1);
    expect(pipeline.pagerduty.events[0]).toMatchObject({ event_action: 'trigger', dedup_key: DEDUP_KEY, payload: { severity: 'critical', custom_details: { decision: 'rollback', version: `v3 (${SHAS.v3.slice(0, 7)})` } } });
    expect(pipeline.pagerduty.alerts.get(DEDUP_KEY)).toBe('triggered');
    const report = await readReport(rolled);
    expect(report.checks.find((check) => check.name === 'notify: pagerduty')).toMatchObject({ status: 'pass', message: expect.stringContaining(`dedup_key ${DEDUP_KEY}`) });
    // No release is published for a rolled-back version.
    expect(pipeline.github.state.releases.map((release) => release.tagName)).toEqual(['v2']);
    expect(pipeline.github.state.deployments.at(-1)!.statuses.at(-1)!.state).toBe('failure');
  });

  it('(c) v3 at 100% whose Sentry errors climb is rolled back by auto-rollback to v2 on Vercel, paged, and an issue opened; a healthy watch resolves the page', async () => {
    await pipeline.seedReachedProduction('v3', 'v2');
    pipeline.climbErrors('v3');
    pipeline.vercel.requests.length = 0;
    const run = await pipeline.watch('v3');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true', 'restored-ref': 'v2' });
    expect(Number(run.outputs['rollback-seconds'])).toBeGreaterThan(0);
    expect(pipeline.project().productionId).toBe('dpl_v2');
    // GitHub Deployments names v2 by its commit; Vercel's deployment built from it is the one restored.
    expect(pipeline.vercel.requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/v1/projects/prj_shop/rollback/dpl_v2']);
    const report = await readReport(run);
    expect(report.checks.find((check) => check.name === 'rollback: platform-rollback')).toMatchObject({ status: 'pass', message: expect.stringContaining('production serves dpl_v2; expected dpl_v2') });

    expect(pipeline.pagerduty.events).toHaveLength(1);
    expect(pipeline.pagerduty.events[0]).toMatchObject({ event_action: 'trigger', dedup_key: DEDUP_KEY, payload: { severity: 'critical', custom_details: { decision: 'rolled-back', version: 'v3', restoredRef: 'v2' } } });

    expect(pipeline.github.state.issues).toHaveLength(1);
    const issue = pipeline.github.state.issues[0]!;
    expect(issue.title).toBe('rollout-guard: Rolled back v3 in production to v2');
    expect(issue.body).toContain('### Timeline (UTC)');
    for (const event of ['first breaching sample', 'rollback decided: error-rate breached max 5%', 'users back on the stable version', 'run ended: rolled-back']) expect(issue.body).toMatch(new RegExp(`\\| \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\| ${event}`));
    expect(issue.body).toContain('### Post-mortem');
    expect(issue.body).toMatch(new RegExp(`### Incidents\\n\\n- \\*\\*PagerDuty:\\*\\* \`${DEDUP_KEY}\``));

    // Production serves v2 again, and v2 is healthy in Sentry: the next watch resolves the alert.
    const healthy = await pipeline.watch('v2');
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.outputs.decision).toBe('healthy');
    expect(pipeline.pagerduty.events.map((event) => event.event_action)).toEqual(['trigger', 'resolve']);
    expect(pipeline.pagerduty.alerts.get(DEDUP_KEY)).toBe('resolved');
    expect(pipeline.project().productionId).toBe('dpl_v2');
  });
});
