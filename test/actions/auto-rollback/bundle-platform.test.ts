import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../../src/github/client.js';
import { type GitHubServer, startGitHubServer } from '../../support/github-server.js';
import { type NetlifyServer, startNetlifyServer } from '../../support/netlify-server.js';
import { type PagerDutyServer, startPagerDutyServer } from '../../support/pagerduty-server.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { workspaceDir } from '../../support/workspace-dir.js';
import { ERROR_RATE_ANALYSIS, ratioDocument, readReport } from './bundle-support.js';

/**
 * The bundle with `rollback-target: netlify` against the local Netlify API,
 * GitHub REST API and PagerDuty Events API (each checked against its
 * vendor's description): the platform puts production back on the last good
 * release GitHub Deployments knows, a re-run restores nothing twice, and
 * PagerDuty is triggered by the rollback and resolved by a later healthy watch.
 */
const GITHUB_TOKEN = 'ghs_platformtoken0123456789';
const SHAS = { v1: '1'.repeat(40), v2: '2'.repeat(40) };
/** A production deploy Netlify has between v1 and v2 that GitHub Deployments never recorded as good (a hotfix someone published by hand). */
const UNRECORDED = '4'.repeat(40);
let github: GitHubServer;
let netlify: NetlifyServer;
let pagerduty: PagerDutyServer;
let dir: string;

beforeAll(async () => {
  [github, netlify, pagerduty] = await Promise.all([startGitHubServer({ token: GITHUB_TOKEN, refs: SHAS }), startNetlifyServer(), startPagerDutyServer()]);
  dir = await workspaceDir('platform');
});
afterAll(() => Promise.all([github.close(), netlify.close(), pagerduty.close()]));

beforeEach(async () => {
  github.reset();
  netlify.reset();
  pagerduty.reset();
  netlify.seed([SHAS.v1, UNRECORDED, SHAS.v2]);
  const octokit = await createGitHubClient({ token: GITHUB_TOKEN, apiUrl: github.url });
  for (const ref of ['v1', 'v2']) {
    const created = await octokit.rest.repos.createDeployment({ owner: 'octo', repo: 'app', ref, environment: 'production', auto_merge: false, required_contexts: [] });
    const id = 'id' in created.data ? created.data.id : 0;
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'app', deployment_id: id, state: 'success' });
  }
});

const env = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '91', GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: SHAS.v2 });

async function analysis(name: string, errors: number[]): Promise<string> {
  const metrics = path.join(dir, `${name}-metrics.json`);
  const file = path.join(dir, `${name}-analysis.yml`);
  await writeFile(metrics, ratioDocument(errors));
  await writeFile(file, ERROR_RATE_ANALYSIS(metrics));
  return file;
}

/** The log as people read it: the runner hides values after `::add-mask::`, the one line that must carry them. */
const shown = (stdout: string): string => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

const platformInputs = () => ({
  'rollback-target': 'netlify',
  'netlify-token': netlify.token,
  'netlify-site': netlify.siteId,
  'netlify-api-url': netlify.apiUrl,
  'pagerduty-routing-key': pagerduty.routingKey,
  'pagerduty-url': pagerduty.url,
});

describe('auto-rollback bundle with rollback-target: netlify', () => {
  it('restores the last good commit from GitHub Deployments on Netlify, pages, and a re-run restores nothing twice; a later healthy watch resolves the page', async () => {
    const inputs = { analysis: await analysis('breach', [0, 7, 9, 12]), duration: '0', version: SHAS.v2, 'github-token': GITHUB_TOKEN, ...platformInputs() };
    const run = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true', 'restored-ref': 'v1' });
    expect(Number(run.outputs['rollback-seconds'])).toBeGreaterThan(0);
    // GitHub Deployments says v1 was the last good release: its deploy, not the unrecorded one Netlify published since.
    const v1Deploy = netlify.state.deploys[0]!.id;
    expect(netlify.restores()).toEqual([v1Deploy]);
    expect(netlify.state.publishedId).toBe(v1Deploy);
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks.map((check) => `${check.name}:${check.status}`)).toEqual([
      'error-rate:fail',
      'rollback: traffic:skipped',
      'rollback: mark-failed:pass',
      'rollback: platform-rollback:pass',
      'rollback: rollback-command:skipped',
      'rollback: restore:pass',
      'rollback: verify:skipped',
      'notify: pagerduty:pass',
    ]);
    const platform = report.checks[3]!;
    expect(platform.message).toMatch(new RegExp(`^Netlify site ${netlify.siteId}: production serves deploy ${v1Deploy} \\(the last good release ${SHAS.v1}\\), read back from the site, in \\d+ ms$`));
    expect(platform.evidence).toMatchObject({ restored: { id: v1Deploy }, lastGood: { release: SHAS.v1, from: expect.stringContaining('octo/app deployments') } });
    expect(run.summary).toContain(`- **Platform rollback** (done): Netlify site ${netlify.siteId}: production serves deploy ${v1Deploy}`);
    expect(pagerduty.events).toHaveLength(1);
    expect(pagerduty.events[0]).toMatchObject({ event_action: 'trigger', dedup_key: 'rollout-guard/octo/app/production', payload: { severity: 'critical', custom_details: { decision: 'rolled-back', restoredRef: 'v1' } } });
    expect(report.checks[7]!.message).toContain('dedup_key rollout-guard/octo/app/production');
    for (const text of [shown(run.stdout), run.summary, JSON.stringify(report), JSON.stringify(pagerduty.events[0]!.payload)]) {
      expect(text).not.toContain(netlify.token);
      expect(text).not.toContain(pagerduty.routingKey);
    }

    const again = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ decision: 'rolled-back', 'rollback-seconds': '' });
    expect(again.outputs.summary).toContain('was already rolled back');
    expect(netlify.restores()).toHaveLength(1);
    expect(pagerduty.events).toHaveLength(1);

    const healthy = await runBundle('auto-rollback', { cwd: dir, inputs: { ...inputs, analysis: await analysis('healthy', [0, 1, 0, 1]), version: 'v1' }, env: env() });
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(healthy.outputs.decision).toBe('healthy');
    expect(pagerduty.events.map((event) => event.event_action)).toEqual(['trigger', 'resolve']);
    expect(pagerduty.alerts.get('rollout-guard/octo/app/production')).toBe('resolved');
    expect(netlify.restores()).toHaveLength(1);
    expect(netlify.problems).toEqual([]);
    expect(pagerduty.problems).toEqual([]);
    expect(github.validationErrors).toEqual([]);
  });

  it('without a state store goes back to the deploy published before; a Netlify that refuses the token is rollback-failed, the token never shown', async () => {
    const inputs = { analysis: await analysis('breach-nostate', [0, 7, 9, 12]), duration: '0', version: SHAS.v2, ...platformInputs() };
    const run = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('rolled-back');
    expect(netlify.restores()).toEqual([netlify.state.deploys[1]!.id]);
    const again = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(again.outputs.decision).toBe('rolled-back');
    expect(again.outputs.summary).toContain('was already rolled back');
    expect(netlify.restores()).toHaveLength(1);
    expect(pagerduty.events).toHaveLength(1);

    netlify.seed([SHAS.v1, SHAS.v2]);
    const wrongToken = 'nfp_revoked_token_0000000000';
    const refused = await runBundle('auto-rollback', { cwd: dir, inputs: { ...inputs, 'netlify-token': wrongToken }, env: env() });
    expect(refused.code).toBe(1);
    expect(refused.outputs.decision).toBe('rollback-failed');
    expect(refused.outputs.summary).toContain('platform-rollback: Netlify site');
    expect(refused.outputs.summary).toContain('answered 401');
    expect(shown(refused.stdout)).not.toContain(wrongToken);
    expect(netlify.restores()).toHaveLength(1);
    expect(netlify.problems).toEqual([]);
  });
  it('a re-run after the platform rollback failed rolls the platform back then, instead of calling it already done', async () => {
    const inputs = { analysis: await analysis('breach-retry', [0, 7, 9, 12]), duration: '0', version: SHAS.v2, 'github-token': GITHUB_TOKEN, ...platformInputs() };
    // The first run marks v2 failed, but Netlify refuses: production still serves v2.
    const failed = await runBundle('auto-rollback', { cwd: dir, inputs: { ...inputs, 'netlify-token': 'nfp_revoked_token_0000000000' }, env: env() });
    expect(failed.code).toBe(1);
    expect(failed.outputs.decision).toBe('rollback-failed');
    expect(netlify.restores()).toEqual([]);
    // The re-run (token fixed) finds v2 already marked failed; production must still be put back.
    const again = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs.decision).toBe('rolled-back');
    expect(again.outputs.summary).not.toContain('was already rolled back');
    const v1Deploy = netlify.state.deploys[0]!.id;
    expect(netlify.restores()).toEqual([v1Deploy]);
    expect(netlify.state.publishedId).toBe(v1Deploy);
    // A third run changes nothing and pages nobody again.
    const third = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(third.outputs.summary).toContain('was already rolled back');
    expect(netlify.restores()).toHaveLength(1);
    expect(netlify.problems).toEqual([]);
  });
});
