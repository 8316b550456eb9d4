import * as core from '@actions/core';
import { ConfigError, messageOf } from '../../engine/result.js';
import { streamCommandOutput } from '../../sources/command-output.js';
import { writeCommandOutputToLog } from './command-log.js';
import { activeRedactor } from './redactor.js';

/**
 * The one try/catch of every action (as actions/cache's restoreImpl has one):
 * a user's mistake fails the step with a single line naming the input, key
 * or file; anything else is an internal error, still one line, with the stack
 * only in debug logs. Never a bare stack trace in the log. Commands the
 * action runs print to the log as they go (command-log.ts).
 */
export async function runAction(body: () => Promise<void>): Promise<void> {
  const stopStreaming = streamCommandOutput(writeCommandOutputToLog);
  try {
    await body();
  } catch (thrown) {
    const redactor = activeRedactor();
    if (thrown instanceof ConfigError) {
      core.setFailed(redactor.redact(thrown.message));
      return;
    }
    if (thrown instanceof Error && thrown.stack) core.debug(redactor.redact(thrown.stack));
    core.setFailed(redactor.redact(`rollout-guard internal error: ${messageOf(thrown).split('\n')[0]} (re-run with ACTIONS_STEP_DEBUG=true for details)`));
  } finally {
    stopStreaming();
  }
}
