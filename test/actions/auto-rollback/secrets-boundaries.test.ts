import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';
import { type TestServer, answer, startServer } from '../boundary-servers.js';
import { envPrinter } from '../env-printer.js';

/**
 * dist/auto-rollback/index.js with secrets in its inputs and environment:
 * none reaches a child process, the report, the job summary, the outputs or
 * the log (beyond the `::add-mask::` lines that tell the runner what to
 * mask), and no untrusted text can start a workflow command.
 */
const TOKEN = 'ghs_boundarytoken0123456789';
const RUNTIME_TOKEN = 'runtime-token-0123456789';
const OIDC_TOKEN = 'oidc-request-token-0123456789';
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-secrets-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Everything the run wrote where people and later steps read it. */
async function everythingShown(run: Awaited<ReturnType<typeof runBundle>>): Promise<string> {
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  const report = run.outputs.report ? await readFile(run.outputs.report, 'utf8') : '';
  return [log, run.stderr, run.summary, JSON.stringify(run.outputs), report].join('\n');
}

describe('auto-rollback bundle: secrets stay out of child processes and everything written', () => {
  it('rollback-command ["env"]: the child gets no INPUT_* nor runner token, and the report shows no token', async () => {
    const printer = await envPrinter(dir, 'rollback-env');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      env: { ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_TOKEN, ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/oidc', DEPLOY_KEY: 'deploy-key-from-step-env' },
      inputs: { force: 'true', reason: 'smoke', version: 'v2', state: 'file:state.json', 'github-token': TOKEN, 'rollback-command': JSON.stringify(printer.argv) },
    });
    expect(run.outputs.decision, run.stdout).toBe('rolled-back');
    const seen = await printer.seen();
    expect(Object.keys(seen).filter((name) => /^INPUT_/i.test(name))).toEqual([]);
    expect(seen).not.toHaveProperty('ACTIONS_RUNTIME_TOKEN');
    expect(seen).not.toHaveProperty('ACTIONS_ID_TOKEN_REQUEST_TOKEN');
    expect(seen).not.toHaveProperty('ACTIONS_ID_TOKEN_REQUEST_URL');
    expect(seen).not.toHaveProperty('GITHUB_OUTPUT');
    // A secret the workflow gives the command on purpose still reaches it.
    expect(seen.DEPLOY_KEY).toBe('deploy-key-from-step-env');
    const shown = await everythingShown(run);
    for (const secret of [TOKEN, RUNTIME_TOKEN, OIDC_TOKEN]) expect(shown).not.toContain(secret);
  });

  it('health URLs with user:pass@ and ?token= are masked in the log, the summary and the report', async () => {
    const app = await startServer(answer(200, 'ok'));
    servers.push(app);
    const url = app.url.replace('//', '//watcher:pa55-word-xyz@');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      // One check can fire a rule of one failure (max-failures: 0), so a one-shot health check can be healthy.
      inputs: { 'health-urls': `${url}/healthz?token=health-token-0123456789&region=eu`, duration: '0', 'max-failures': '0', version: 'v2', 'traffic-command': JSON.stringify(['true']) },
    });
    expect(run.outputs.decision, run.stdout).toBe('healthy');
    expect(app.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('watcher:pa55-word-xyz').toString('base64')}`);
    const shown = await everythingShown(run);
    expect(shown).not.toContain('pa55-word-xyz');
    expect(shown).not.toContain('health-token-0123456789');
  });

  it('a Slack error page that echoes the webhook path is shown with the path masked', async () => {
    const slack = await startServer((request, response) => answer(404, `no_service: no webhook at ${request.url}`, { 'content-type': 'text/plain' })(request, response));
    servers.push(slack);
    const webhook = `${slack.url}/services/T0000/B0000/XXXXsecretpathXXXXXXXXXX`;
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { force: 'true', version: 'v2', 'traffic-command': JSON.stringify(['true']), 'slack-webhook': webhook },
    });
    expect(slack.requests).toHaveLength(1);
    const shown = await everythingShown(run);
    expect(shown).toContain('no_service: no webhook at ***');
    expect(shown).not.toContain('XXXXsecretpathXXXXXXXXXX');
    expect(shown).not.toContain('/services/T0000');
  });

  it('a version that carries a newline and a workflow command cannot start a command in the log', async () => {
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { force: 'true', version: 'v2\n::error::forged by the ref\n::set-output name=decision::healthy', 'traffic-command': JSON.stringify(['true']) },
    });
    // Each line the runner would read as a command is one the action issued (`::group::` escapes its data itself).
    const forged = run.stdout.split('\n').filter((line) => /^\s*(::(error|set-output|warning|add-mask|stop-commands)|##\[)/.test(line));
    expect(forged).toEqual([]);
    expect(run.stdout).toContain('rolled back v2\\n:\u200b:error:\u200b:forged by the ref');
    expect(run.outputs.decision).toBe('rolled-back');
  });
});
