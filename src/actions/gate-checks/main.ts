import path from 'node:path';
import * as core from '@actions/core';
import { decideGate, type GateVerdict } from '../../engine/gate-verdict.js';
import type { CheckReport } from '../../report/model.js';
import { SCHEMA_VERSION, type Report } from '../../report/model.js';
import { renderReportMarkdown } from '../../report/render-summary.js';
import { readReportContext } from '../shared/github-context.js';
import * as log from '../shared/log.js';
import { setOutput, writeSummary } from '../shared/outputs.js';
import { confineReads } from '../shared/read-roots.js';
import { defaultReportPath, writeReportFile } from '../shared/report-file.js';
import { runAction } from '../shared/run-action.js';
import { protectRun } from '../shared/run-secrets.js';
import { CHECK_TYPES } from './checks/index.js';
import { evaluatePolicy, loadPolicy } from './evaluate-policy.js';
import { readGateInputs } from './inputs.js';
import { logCheck } from './log-check.js';

/** gate-checks: the go/no-go decision before a deploy, from a policy of checks held to thresholds. */
export async function run(): Promise<void> {
  // Set first: a bad input or a crash leaves `no-go`, never an empty decision a later `if:` could misread.
  setOutput('decision', 'no-go');
  await runAction(async () => {
    const startedAt = new Date();
    // Before any input is read, so no message can show a secret.
    const redactor = protectRun('gate-checks', core.getInput, process.env);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    confineReads(workspace, process.env);
    const inputs = readGateInputs(core.getInput, () => new Date());

    const policy = await loadPolicy(path.resolve(workspace, inputs.policy), inputs.policy, CHECK_TYPES);
    const environment = { workspace, now: inputs.now, override: inputs.override, env: process.env };
    const evaluated = await core.group(`Evaluating ${policy.checks.length} checks from ${inputs.policy}`, async () => {
      const results = await evaluatePolicy(policy, CHECK_TYPES, environment);
      results.forEach(({ report }) => logCheck(report));
      return results;
    });
    // Masked here once, as the report, the summary, the check run and the comment all show these texts.
    const checks = redactor.redactDeep(evaluated.map((e) => e.report));
    const verdict = decideGate(checks);
    const report: Report = {
      schemaVersion: SCHEMA_VERSION,
      action: 'gate-checks',
      decision: verdict.decision,
      summary: verdict.reason ?? summarize(verdict, checks),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      context: readReportContext(process.env),
      checks,
    };
    const reportPath = await writeReportFile(report, inputs.reportPath ?? defaultReportPath('gate-checks', process.env));
    const title = inputs.checkName ?? policy.name ?? 'rollout-guard gates';
    const markdown = redactor.redact(renderReportMarkdown(report, title));

    setOutput('decision', report.decision);
    setOutput('failed', verdict.failed.join(','));
    setOutput('warnings', verdict.warnings.join(','));
    setOutput('report', reportPath);
    setOutput('summary', report.summary);
    await writeSummary(markdown);

    if (inputs.githubToken) {
      // Loaded only when publishing: Octokit is most of the bundle, and most runs have no token.
      const { publishGate } = await import('./publish.js');
      await publishGate({ token: inputs.githubToken, title, report, markdown, annotations: redactor.redactDeep(evaluated.flatMap((e) => e.annotations)), comment: inputs.comment, place: inputs.place, env: process.env, workspace });
    } else if (inputs.comment) {
      log.warning('input `comment` is true but no `github-token` was given, so no pull-request comment was posted');
    }
    log.info(`${report.decision}: ${report.summary}`);
    if (report.decision === 'no-go' && inputs.failOnNoGo) log.fail(`no-go: ${report.summary}`);
  });
}

function summarize(verdict: GateVerdict, checks: readonly CheckReport[]): string {
  const byName = new Map(checks.map((c) => [c.name, c]));
  const describe = (names: string[]) => names.map((n) => `${n} (${byName.get(n)?.status ?? '?'})`).join(', ');
  const warned = verdict.warnings.length > 0 ? `; ${verdict.warnings.length} warning(s): ${describe(verdict.warnings)}` : '';
  const required = checks.filter((c) => c.level === 'required').length;
  if (verdict.decision === 'go') return `${required} of ${required} required checks passed${warned}`;
  return `${verdict.failed.length} of ${required} required checks did not pass: ${describe(verdict.failed)}${warned}`;
}
