import * as core from '@actions/core';
import { SCHEMA_VERSION, type Report } from '../../report/model.js';
import { readReportContext } from '../shared/github-context.js';
import { loadAnalysis } from '../shared/metric-samples.js';
import * as log from '../shared/log.js';
import { setOutput, writeSummary } from '../shared/outputs.js';
import { confineReads } from '../shared/read-roots.js';
import { defaultReportPath, writeReportFile } from '../shared/report-file.js';
import { runAction } from '../shared/run-action.js';
import { protectRun } from '../shared/run-secrets.js';
import { readCanaryInputs } from './inputs.js';
import { tagCompletedRelease } from './release-tag.js';
import { notifyPagerDuty } from './notify.js';
import { renderTickMarkdown } from './render.js';
import { buildChecks, summaryLine } from './report.js';
import { openStateStore } from './store.js';
import { type TickLog, type TickOutcome, runTick } from './tick.js';

/** canary-promote: one tick of a staged or blue-green rollout. */
export async function run(): Promise<void> {
  // Set first: a bad input or a crash leaves `hold`, never an empty, stale or promoting decision.
  setOutput('decision', 'hold');
  await runAction(async () => {
    const startedAt = new Date();
    // Before any input is read, so no message can show a secret.
    protectRun('canary-promote', core.getInput, process.env);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    confineReads(workspace, process.env);
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
    const notified = await notifyPagerDuty(inputs.pagerduty, outcome, report);
    if (notified) report.checks.push(notified);
    const reportPath = await writeReportFile(report, inputs.reportPath ?? defaultReportPath('canary-promote', process.env));
    setOutputs(outcome, reportPath, summary);
    const release = inputs.releaseTag && inputs.githubToken ? await tagCompletedRelease(outcome, inputs.githubToken, process.env) : null;
    setOutput('release-url', release?.url ?? '');
    const releaseLine = release ? `\n\n${release.isFailed ? '⚠️' : '🏷️'} ${release.message}\n` : '';
    await writeSummary(renderTickMarkdown(outcome, inputs.environment) + releaseLine);

    if (release?.isFailed) log.warning(release.message);
    else if (release) log.info(release.message);
    log.info(summary);
    const { decision, failure } = outcome.standing;
    if (failure) log.fail(failure);
    else if (decision === 'rollback' && inputs.failOnRollback) log.fail(summary);
  });
}

const CORE_LOG: TickLog = {
  info: (message) => log.info(message),
  warning: (message) => log.warning(message),
  group: (name, body) => core.group(name, body),
};

function setOutputs(outcome: TickOutcome, reportPath: string, summary: string): void {
  const { standing } = outcome;
  const position = standing.position;
  setOutput('decision', standing.decision);
  setOutput('weight', position ? String(position.weight) : '');
  setOutput('previous-weight', position ? String(position.previousWeight) : '');
  setOutput('step', position ? String(position.step) : '');
  setOutput('next-check-after', standing.nextCheckAfter ?? '');
  setOutput('reason', standing.reason);
  setOutput('changed', String(isChanged(outcome)));
  setOutput('version', (outcome.state?.plan ?? outcome.settled?.plan)?.canary.version ?? '');
  setOutput('report', reportPath);
  setOutput('summary', summary);
}

/** True when this run saved a new state (and moved traffic where the tick moves it). */
function isChanged(outcome: TickOutcome): boolean {
  return outcome.commit?.kind === 'saved' || outcome.commit?.kind === 'traffic-failed';
}
