import path from 'node:path';
import * as core from '@actions/core';
import { SCHEMA_VERSION, type Report } from '../../report/model.js';
import { type KeptRun, keepResults } from '../../sources/lighthouse/results-output.js';
import { readReportContext } from '../shared/github-context.js';
import * as log from '../shared/log.js';
import { setOutput, writeSummary } from '../shared/outputs.js';
import { confineReads } from '../shared/read-roots.js';
import { defaultReportPath, writeReportFile } from '../shared/report-file.js';
import { runAction } from '../shared/run-action.js';
import { protectRun } from '../shared/run-secrets.js';
import { annotateFailures } from './annotate.js';
import { loadBudgetSets } from './budgets.js';
import { type BaselineLookup, type Evaluation, evaluateRuns } from './evaluate.js';
import { type GatheredRuns, gatherRuns } from './gather.js';
import { type BudgetInputs, readBudgetInputs } from './inputs.js';
import { loadRunConfig } from './lhci-rc.js';
import { buildChecks, scoresOutput, summarizeEvaluation } from './report.js';
import { renderBudgetMarkdown } from './summary-markdown.js';
import { treoshOnlyNotices, withTreoshNames } from './treosh-inputs.js';
import { treoshOutputs, writeTreoshFiles } from './treosh-outputs.js';
import { planUpload, runUpload } from './upload.js';

/** lighthouse-budget: Lighthouse budgets with LHCI's semantics, variance and baseline. */
export async function run(): Promise<void> {
  // Set first: any early exit (a bad input, a crash) leaves `fail`, never an empty or stale decision.
  setOutput('decision', 'fail');
  setOutput('links', '{}');
  await runAction(async () => {
    const startedAt = new Date();
    // treosh/lighthouse-ci-action's input names read as ours, for the secrets too.
    const getInput = withTreoshNames(core.getInput, process.env);
    // Before any input is read, so no message can show a secret.
    const redactor = protectRun('lighthouse-budget', getInput, process.env);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    confineReads(workspace, process.env);
    const inputs = readBudgetInputs(getInput);
    treoshOnlyNotices(core.getInput).forEach(({ level, message }) => (level === 'notice' ? log.notice(message) : log.warning(message)));
    const config = await loadRunConfig(inputs, workspace);
    const sets = await loadBudgetSets(inputs, workspace, config);
    const uploadPlan = planUpload(inputs, config);
    const gathered = await gatherRuns(inputs, workspace, process.env, config);
    const evaluation = evaluateRuns(sets, gathered, baselineLookup(inputs, gathered), inputs.maxRegression);

    const outputDir = path.resolve(workspace, inputs.outputDir ?? path.join(process.env.RUNNER_TEMP ?? '/tmp', 'rollout-guard', 'lighthouse-budget-results'));
    const kept = await keep(inputs, gathered, evaluation, outputDir, workspace);
    const upload = await runUpload(uploadPlan, gathered.targets, inputs, workspace, process.env);

    const summary = summarizeEvaluation(evaluation);
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      action: 'lighthouse-budget',
      decision: evaluation.verdict.decision,
      summary,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      context: readReportContext(process.env),
      checks: buildChecks(evaluation, kept),
    };
    const reportPath = await writeReportFile(report, inputs.reportPath ?? defaultReportPath('lighthouse-budget', process.env));
    const notes = gathered.skipped.length > 0 ? [`Skipped JSON that is not a Lighthouse result: ${gathered.skipped.join(', ')}`] : [];
    if (upload.note !== null) notes.push(upload.note);
    // Masked before it is shown anywhere: the job summary and the pull-request comment.
    const markdown = redactor.redact(renderBudgetMarkdown(evaluation, kept, inputs.title, summary, notes));

    setOutputs(evaluation, { outputDir, reportPath, summary });
    const treosh = treoshOutputs(evaluation, outputDir, upload.links);
    await writeTreoshFiles(treosh);
    setOutput('links', JSON.stringify(treosh.links));
    setOutput('resultsPath', treosh.resultsPath);
    setOutput('assertionResults', JSON.stringify(treosh.assertionResults));
    await writeSummary(markdown);
    await annotateFailures(evaluation, sets, workspace);
    await publish(inputs, markdown, report.decision === 'pass');
    log.info(`${report.decision}: ${summary}`);
    if (report.decision === 'fail' && inputs.failOnFail) log.fail(`fail: ${summary}`);
    // Whatever the verdict and fail-on-fail: the upload was asked for and did not happen, as treosh's action fails on `lhci upload`.
    if (upload.failure !== null) log.fail(upload.failure);
  });
}

/** Keeps every LHR and the representative runs' HTML; results read from the output folder itself are not copied onto themselves. */
function keep(inputs: BudgetInputs, gathered: GatheredRuns, evaluation: Evaluation, outputDir: string, workspace: string): Promise<Map<string, KeptRun>> {
  const representative = new Set(evaluation.details.flatMap((d) => [d.representative?.id, d.baseline?.representative?.id]).filter((id): id is string => id !== undefined));
  const readFromOutput = inputs.mode.kind === 'evaluate' && path.resolve(workspace, inputs.mode.resultsPath) === outputDir;
  return keepResults(outputDir, [...gathered.targets, ...gathered.baselines], representative, readFromOutput);
}

function setOutputs(evaluation: Evaluation, files: { outputDir: string; reportPath: string; summary: string }): void {
  setOutput('decision', evaluation.verdict.decision);
  setOutput('scores', scoresOutput(evaluation.details));
  setOutput('failed-assertions', evaluation.verdict.failedAssertions.join(','));
  setOutput('warnings', evaluation.verdict.warnings.join(','));
  setOutput('regressions', evaluation.verdict.regressions.join(','));
  setOutput('output-dir', files.outputDir);
  setOutput('report', files.reportPath);
  setOutput('summary', files.summary);
}

function baselineLookup(inputs: BudgetInputs, gathered: GatheredRuns): BaselineLookup {
  if (gathered.baselineOf && gathered.baselineOf.size > 0) return { kind: 'collected', baselineOf: gathered.baselineOf };
  return inputs.baselineResultsPath !== undefined ? { kind: 'results' } : { kind: 'none' };
}

async function publish(inputs: BudgetInputs, markdown: string, passed: boolean): Promise<void> {
  if (!inputs.comment) return;
  if (!inputs.githubToken) {
    log.warning('input `comment` is true but no `github-token` was given, so no pull-request comment was posted');
    return;
  }
  // Loaded only when commenting: Octokit is most of the bundle, and most runs have no token.
  const { publishComment } = await import('./publish.js');
  await publishComment({ token: inputs.githubToken, title: inputs.title, markdown, passed, place: inputs.place, env: process.env });
}
