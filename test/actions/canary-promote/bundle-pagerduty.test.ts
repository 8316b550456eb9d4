import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PagerDutyServer, startPagerDutyServer } from '../../support/pagerduty-server.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { type BundleRun, runBundle } from '../../support/run-bundle.js';
import { FAULTY_CANARY, HEALTHY_CANARY, type Workdir, makeWorkdir, minutes } from './support.js';

/**
 * canary-promote's PagerDuty: a tick that rolls the canary back triggers the
 * environment's alert (the key auto-rollback uses), a completed rollout
 * resolves it, and every other tick sends nothing. Against the local Events
 * API v2, checked against PagerDuty's description.
 */
let pagerduty: PagerDutyServer;
beforeAll(async () => {
  pagerduty = await startPagerDutyServer();
});
afterAll(() => pagerduty.close());
beforeEach(() => pagerduty.reset());

const ENV = { GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '12', GITHUB_SERVER_URL: 'https://github.com' };
const tick = (work: Workdir, inputs: Record<string, string>) =>
  runBundle('canary-promote', {
    cwd: work.dir,
    env: ENV,
    inputs: { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand, 'pagerduty-routing-key': pagerduty.routingKey, 'pagerduty-url': pagerduty.url, ...inputs },
  });
const readReport = async (run: BundleRun) => JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { checks: { name: string; status: string; message: string }[] };

describe('canary-promote bundle with PagerDuty', () => {
  it('a rollback triggers a critical alert with the evidence and a link to the run', async () => {
    const work = await makeWorkdir('rg-cp-pd-faulty-', FAULTY_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2', 'stable-ref': 'v1' });
    expect(pagerduty.events).toEqual([]);
    const rolled = await tick(work, { now: minutes(10) });
    expect(rolled.outputs.decision).toBe('rollback');
    expect(pagerduty.events).toHaveLength(1);
    expect(pagerduty.events[0]).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'rollout-guard/octo/app/production',
      client_url: 'https://github.com/octo/app/actions/runs/12',
      payload: { severity: 'critical', class: 'rollback', component: 'production', custom_details: { decision: 'rollback', version: 'v2', restoredRef: 'v1' } },
    });
    expect(pagerduty.events[0]!.payload!.summary).toMatch(/^rollout-guard rollback: rollback: canary rolled back at step 1\/4/);
    const report = await readReport(rolled);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks.at(-1)).toMatchObject({ name: 'notify: pagerduty', status: 'pass', message: expect.stringContaining('dedup_key rollout-guard/octo/app/production') });
    expect(rolled.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(pagerduty.routingKey);
    expect(pagerduty.problems).toEqual([]);
  });

  it('promotes send nothing; completing the rollout resolves the alert', async () => {
    const work = await makeWorkdir('rg-cp-pd-healthy-', HEALTHY_CANARY);
    const decisions: string[] = [];
    for (const [at, more] of [[0, { 'canary-ref': 'v2' }], [10, {}], [20, {}], [30, {}], [40, {}]] as const) {
      decisions.push((await tick(work, { now: minutes(at), ...more })).outputs.decision!);
    }
    expect(decisions).toEqual(['start', 'promote', 'promote', 'promote', 'complete']);
    expect(pagerduty.events).toEqual([{ routing_key: pagerduty.routingKey, event_action: 'resolve', dedup_key: 'rollout-guard/octo/app/production' }]);
    expect(pagerduty.problems).toEqual([]);
  });
});
