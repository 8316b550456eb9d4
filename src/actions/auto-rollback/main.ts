import * as core from '@actions/core';
import { checkHealth } from '../../sources/health-check.js';
import { runAction } from '../shared/run-action.js';
import { createAdapters } from './adapters.js';
import { guard } from './guard.js';
import { readRollbackInputs, readSecretInputs } from './inputs.js';
import { publish } from './publish.js';

/** auto-rollback: watch a release, and put the last good one back when it breaks (BRIEF §2). */
export async function run(): Promise<void> {
  await runAction(async () => {
    const startedAt = new Date();
    const env = process.env;
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    // Masked first thing: a webhook URL is its own secret.
    readSecretInputs(core.getInput).forEach((secret) => core.setSecret(secret));
    const inputs = readRollbackInputs(core.getInput, { workspace, env });
    const adapters = await createAdapters(inputs, { workspace, env });
    const { health } = inputs;
    const result = await guard(inputs, adapters, {
      clock: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      log: (line) => core.info(line),
      error: (line) => core.error(line),
      group: (name, body) => core.group(name, body),
      checkHealth: (url) => checkHealth({ url, expectedStatus: health.expectedStatus, timeoutMs: health.timeoutMs }),
      workspace,
      env,
    });
    await publish({ result, version: inputs.version, environment: inputs.environment, notifiers: adapters.notifiers, startedAt, reportPath: inputs.reportPath, env });
    const { decision, summary } = result.verdict;
    core.info(`${decision}: ${summary}`);
    if (decision !== 'healthy' && decision !== 'rolled-back') core.setFailed(`${decision}: ${summary}`);
  });
}
