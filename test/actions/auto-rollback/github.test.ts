import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../../src/github/client.js';
import { type GitHubServer, startGitHubServer } from '../../support/github-server.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { type WebhookServer, startWebhookServer } from '../../notify/webhook-server.js';
import { ERROR_RATE_ANALYSIS, ratioDocument, readReport, recordingCommand } from './bundle-support.js';

/**
 * The bundle against the local GitHub REST server (deployments, statuses,
 * issues; OpenAPI-checked) and local webhook receivers (Slack-shaped and
 * generic): what a rollback writes where, that a re-run changes nothing, and
 * that a failing notifier never blocks the rollback.
 */
const TOKEN = 'ghs_rollbacktoken0123456789';
const SHAS = { v1: '1'.repeat(40), v2: '2'.repeat(40) };
const SLACK_PATH = '/services/T0001/B0001/xoxSecretWebhookPath';
let github: GitHubServer;
let slack: WebhookServer;
let hook: WebhookServer;
let dir: string;

beforeAll(async () => {
  github = await startGitHubServer({ token: TOKEN, refs: SHAS });
  slack = await startWebhookServer('ok');
  hook = await startWebhookServer('{}');
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-gh-'));
});
afterAll(async () => {
  await Promise.all([github.close(), slack.close(), hook.close()]);
});

/** v1 then v2 deployed to production by another tool, both successful: v2 is live. */
beforeEach(async () => {
  github.reset();
  slack.reset();
  hook.reset();
  const octokit = await createGitHubClient({ token: TOKEN, apiUrl: github.url });
  for (const ref of ['v1', 'v2']) {
    const created = await octokit.rest.repos.createDeployment({ owner: 'octo', repo: 'app', ref, environment: 'production', auto_merge: false, required_contexts: [] });
    const id = 'id' in created.data ? created.data.id : 0;
    await octokit.rest.repos.createDeploymentStatus({ owner: 'octo', repo: 'app', deployment_id: id, state: 'success' });
  }
});

const env = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'octo/app', GITHUB_RUN_ID: '77', GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: SHAS.v2 });
const deploymentStates = () => github.state.deployments.map((d) => `${d.ref}:${d.task}:${d.statuses.at(-1)?.state}`);

async function breachingAnalysis(): Promise<string> {
  const metrics = path.join(dir, 'metrics.json');
  const analysis = path.join(dir, 'analysis.yml');
  await writeFile(metrics, ratioDocument([0, 7, 9, 12]));
  await writeFile(analysis, ERROR_RATE_ANALYSIS(metrics));
  return analysis;
}

describe('auto-rollback bundle on GitHub', () => {
  it('marks the deployment failure, redeploys the last good one, opens an issue and notifies; a re-run changes nothing', async () => {
    const traffic = await recordingCommand(dir, 'traffic-gh');
    const inputs = {
      analysis: await breachingAnalysis(),
      duration: '0',
      version: 'v2',
      'github-token': TOKEN,
      'create-issue': 'true',
      'slack-webhook': `${slack.url}${SLACK_PATH}`,
      'webhook-url': `${hook.url}/rollbacks?key=hunter2`,
      'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']),
    };
    const run = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true', 'restored-ref': 'v1' });
    expect(deploymentStates()).toEqual(['v1:deploy:inactive', 'v2:deploy:failure', `${SHAS.v1}:deploy:rollback:success`]);
    expect(github.state.deployments[1]!.statuses.at(-1)!.description).toBe('rolled back by rollout-guard: error-rate breached max 5% in 3 consecutive samples (7%, 9%, 12%)');
    expect(github.state.issues).toHaveLength(1);
    expect(github.state.issues[0]).toMatchObject({ title: 'rollout-guard: Rolled back v2 in production to v1', labels: ['rollback'] });
    expect(github.state.issues[0]!.body).toContain('| error-rate | metric (ratio) | ❌ fail | 12% | max 5% | 4 |');
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0]!.path).toBe(SLACK_PATH);
    expect((slack.received[0]!.body as { text: string }).text).toMatch(/^🟠 rolled-back: v2 in production: rolled back v2 in production to v1 in [\d.]+ s:/);
    expect(hook.received[0]!.body).toMatchObject({ schema: 'rollout-guard/rollback@1', decision: 'rolled-back', version: 'v2', restoredRef: 'v1', environment: 'production' });
    // Secrets are masked first and appear nowhere else in the log.
    for (const secret of [TOKEN, inputs['slack-webhook'], inputs['webhook-url']]) {
      expect(run.stdout).toContain(`::add-mask::${secret}`);
      expect(run.stdout.split(secret)).toHaveLength(2);
    }
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks.filter((check) => check.type === 'notification').map((check) => [check.name, check.status])).toEqual([
      ['notify: slack', 'pass'],
      ['notify: webhook', 'pass'],
      ['notify: github-issue', 'pass'],
    ]);

    const again = await runBundle('auto-rollback', { cwd: dir, inputs, env: env() });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ decision: 'rolled-back', 'restored-ref': 'v1', 'rollback-seconds': '' });
    expect(again.outputs.summary).toBe('v2 in production was already rolled back to v1; nothing changed (error-rate breached max 5% in 3 consecutive samples (7%, 9%, 12%))');
    expect(deploymentStates()).toEqual(['v1:deploy:inactive', 'v2:deploy:failure', `${SHAS.v1}:deploy:rollback:success`]);
    expect([github.state.issues.length, slack.received.length, hook.received.length]).toEqual([1, 1, 1]);
    expect(github.validationErrors).toEqual([]);
  });

  it('a notifier that fails is reported, and the rollback stands', async () => {
    slack.script(...Array.from({ length: 3 }, () => ({ status: 500, body: 'internal_error' })));
    const traffic = await recordingCommand(dir, 'traffic-gh2');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { force: 'true', reason: 'bad release', version: 'v2', 'github-token': TOKEN, 'slack-webhook': `${slack.url}${SLACK_PATH}`, 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) },
      env: env(),
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'rolled-back', 'restored-ref': 'v1', reason: 'manual rollback: bad release' });
    expect(run.errors).toEqual([`::error::notification failed (the rollback is not affected): Slack webhook at ${new URL(slack.url).host} answered 500 "internal_error" after 3 tries`]);
    expect(deploymentStates()).toEqual(['v1:deploy:inactive', 'v2:deploy:failure', `${SHAS.v1}:deploy:rollback:success`]);
    const report = await readReport(run.outputs.report);
    expect(report.checks.find((check) => check.name === 'notify: slack')).toMatchObject({ status: 'error', value: 'failed' });
  });
});
