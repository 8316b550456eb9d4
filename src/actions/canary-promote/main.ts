import * as core from '@actions/core';
import { SCHEMA_VERSION, type Report } from '../../report/model.js';
import { readReportContext } from '../shared/github-context.js';
import { loadAnalysis } from '../shared/metric-samples.js';
import { defaultReportPath, writeReportFile } from '../shared/report-file.js';
import { runAction } from '../shared/run-action.js';
import { readCanaryInputs, readSecretInputs } from './inputs.js';
import { renderTickMarkdown } from './render.js';
import { buildChecks, summaryLine } from './report.js';
import { openStateStore } from './store.js';
import { type TickLog, type TickOutcome, runTick } from './tick.js';

/** canary-promote: one tick of a staged or blue-green rollout (BRIEF §2). */
export async function run(): Promise<void> {
  // Set first: a bad input or a crash leaves `hold`, never an empty, stale or promoting decision.
  core.setOutput('decision', 'hold');
  await runAction(async () => {
    const startedAt = new Date();
    for (const secret of readSecretInputs(core.getInput)) core.setSecret(secret);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const inputs = readCanaryInputs(core.getInput, { workspace, env: process.env }, () => new Date());
    // Every metric needs a `max` or `min`: the 100% step is judged on those alone.
    const analysis = await loadAnalysis(inputs.analysis, workspace, process.env, 'canary', true);
    const store = await openStateStore(inputs.state, inputs.githubToken, workspace, process.env);

    const request = { key: inputs.environment, plan: inputs.plan, given: inputs.given, sha: process.env.GITHUB_SHA, now: inputs.now, dryRun: inputs.dryRun };
    const outcome = await runTick(request, { store, target: inputs.target, analysis, log: CORE_LOG });
    const summary = summaryLine(outcome);
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      action: 'canary-promote',
      decision: outcome.standing.decision,
      summary,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      context: readReportContext(process.env, inputs.environment),
      checks: buildChecks(outcome, inputs.environment),
    };
    const reportPath = await writeReportFile(report, inputs.reportPath ?? defaultReportPath('canary-promote', process.env));
    setOutputs(outcome, reportPath, summary);
    await core.summary.addRaw(renderTickMarkdown(outcome, inputs.environment)).write();

    core.info(summary);
    const { decision, failure } = outcome.standing;
    if (failure) core.setFailed(failure);
    else if (decision === 'rollback' && inputs.failOnRollback) core.setFailed(summary);
  });
}

const CORE_LOG: TickLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  group: (name, body) => core.group(name, body),
};

function setOutputs(outcome: TickOutcome, reportPath: string, summary: string): void {
  const { standing } = outcome;
  const position = standing.position;
  core.setOutput('decision', standing.decision);
  core.setOutput('weight', position ? String(position.weight) : '');
  core.setOutput('previous-weight', position ? String(position.previousWeight) : '');
  core.setOutput('step', position ? String(position.step) : '');
  core.setOutput('next-check-after', standing.nextCheckAfter ?? '');
  core.setOutput('reason', standing.reason);
  core.setOutput('changed', String(isChanged(outcome)));
  core.setOutput('report', reportPath);
  core.setOutput('summary', summary);
}

/** True when this run saved a new state (and moved traffic where the tick moves it). */
function isChanged(outcome: TickOutcome): boolean {
  return outcome.commit?.kind === 'saved' || outcome.commit?.kind === 'traffic-failed';
}
