import * as core from '@actions/core';
import { checkHealth } from '../../sources/health-check.js';
import * as log from '../shared/log.js';
import { confineReads } from '../shared/read-roots.js';
import { setOutput } from '../shared/outputs.js';
import { runAction } from '../shared/run-action.js';
import { protectRun } from '../shared/run-secrets.js';
import { sleep } from '../shared/sleep.js';
import { createAdapters } from './adapters.js';
import { guard } from './guard.js';
import { readRollbackInputs } from './inputs.js';
import { publish } from './publish.js';

/** auto-rollback: watch a release, and put the last good one back when it breaks. */
export async function run(): Promise<void> {
  // Set first: a bad input, samples that cannot be believed or a crash leave `inconclusive`, never an empty decision.
  setOutput('decision', 'inconclusive');
  await runAction(async () => {
    const startedAt = new Date();
    const env = process.env;
    // Masked first thing: a webhook URL is its own secret.
    protectRun('auto-rollback', core.getInput, env);
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    confineReads(workspace, env);
    const inputs = readRollbackInputs(core.getInput, { workspace, env });
    const adapters = await createAdapters(inputs, { workspace, env });
    const { health } = inputs;
    const result = await guard(inputs, adapters, {
      clock: () => Date.now(),
      sleep,
      log: (line) => log.info(line),
      error: (line) => log.error(line),
      group: (name, body) => core.group(name, body),
      checkHealth: (url) => checkHealth({ url, expectedStatus: health.expectedStatus, timeoutMs: health.timeoutMs }),
      workspace,
      env,
    });
    await publish({ result, version: inputs.version, environment: inputs.environment, notifiers: adapters.notifiers, startedAt, reportPath: inputs.reportPath, env });
    const { decision, summary } = result.verdict;
    log.info(`${decision}: ${summary}`);
    if (decision !== 'healthy' && decision !== 'rolled-back') log.fail(`${decision}: ${summary}`);
  });
}
