import path from 'node:path';
import * as core from '@actions/core';
import { decideGate, type GateVerdict } from '../../engine/gate-verdict.js';
import type { CheckReport } from '../../report/model.js';
import { SCHEMA_VERSION, type Report } from '../../report/model.js';
import { renderReportMarkdown } from '../../report/render-summary.js';
import { readReportContext } from '../shared/github-context.js';
import { defaultReportPath, writeReportFile } from '../shared/report-file.js';
import { runAction } from '../shared/run-action.js';
import { CHECK_TYPES } from './checks/index.js';
import { evaluatePolicy, loadPolicy } from './evaluate-policy.js';
import { readGateInputs } from './inputs.js';
import { logCheck } from './log-check.js';

/** gate-checks: the go/no-go decision before a deploy (BRIEF §2). */
export async function run(): Promise<void> {
  await runAction(async () => {
    const startedAt = new Date();
    const inputs = readGateInputs(core.getInput, () => new Date());
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    if (process.env.PERCY_TOKEN) core.setSecret(process.env.PERCY_TOKEN);
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

    const policy = await loadPolicy(path.resolve(workspace, inputs.policy), inputs.policy, CHECK_TYPES);
    const environment = { workspace, now: inputs.now, override: inputs.override, env: process.env };
    const evaluated = await core.group(`Evaluating ${policy.checks.length} checks from ${inputs.policy}`, async () => {
      const results = await evaluatePolicy(policy, CHECK_TYPES, environment);
      results.forEach(({ report }) => logCheck(report));
      return results;
    });
    const checks = evaluated.map((e) => e.report);
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
    const markdown = renderReportMarkdown(report, title);

    core.setOutput('decision', report.decision);
    core.setOutput('failed', verdict.failed.join(','));
    core.setOutput('warnings', verdict.warnings.join(','));
    core.setOutput('report', reportPath);
    core.setOutput('summary', report.summary);
    await core.summary.addRaw(markdown).write();

    if (inputs.githubToken) {
      // Loaded only when publishing: Octokit is most of the bundle, and most runs have no token.
      const { publishGate } = await import('./publish.js');
      await publishGate({ token: inputs.githubToken, title, report, markdown, annotations: evaluated.flatMap((e) => e.annotations), comment: inputs.comment, env: process.env, workspace });
    } else if (inputs.comment) {
      core.warning('input `comment` is true but no `github-token` was given, so no pull-request comment was posted');
    }
    core.info(`${report.decision}: ${report.summary}`);
    if (report.decision === 'no-go' && inputs.failOnNoGo) core.setFailed(`no-go: ${report.summary}`);
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
