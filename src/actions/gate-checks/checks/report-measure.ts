import { type Result, ok } from '../../../engine/result.js';
import { isPassing } from '../../../engine/status.js';
import { ACTION_NAMES, type ReadReport, isPositiveDecision, readRolloutReports } from '../../../sources/reports/rollout-report.js';
import { shownName } from '../../../sources/reports/shown-name.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `report` checks; `report.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

interface ReportEvidence {
  file: string;
  action: string;
  decision: string;
  summary: string;
  positive: boolean;
  /** Checks of that report that did not pass. */
  failingChecks: string[];
}

export async function measureReports(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  const required = spec.entry.action;
  if (required !== undefined && !(ACTION_NAMES as readonly unknown[]).includes(required)) {
    return fault('config', `check \`${spec.name}\`: \`action\` must be one of ${ACTION_NAMES.join(', ')}, got ${JSON.stringify(required)}`);
  }
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` is required (a report file or a glob)`);
  const read = await readRolloutReports(spec.entry.path, environment.workspace);
  if (!read.ok) return read;

  const reports = read.value.map(describeReport);
  const wrongWriter = required === undefined ? [] : reports.filter((report) => report.action !== required);
  const negative = reports.filter((report) => !report.positive);
  const failed = new Set([...wrongWriter, ...negative]).size;
  return ok({
    measurements: { failed },
    samples: reports.length,
    evidence: { reports, requiredAction: required ?? null },
    verdict: {
      status: failed === 0 ? 'pass' : 'fail',
      message: verdictMessage(reports, negative, wrongWriter, required as string | undefined),
      value: failed,
      threshold: 0,
    },
  });
}

function describeReport({ file, report }: ReadReport): ReportEvidence {
  return {
    file,
    action: report.action,
    decision: report.decision,
    summary: report.summary,
    positive: isPositiveDecision(report),
    failingChecks: report.checks.filter((check) => !isPassing(check.status)).map((check) => check.name),
  };
}

function verdictMessage(all: ReportEvidence[], negative: ReportEvidence[], wrongWriter: ReportEvidence[], required: string | undefined): string {
  const parts: string[] = [];
  for (const report of wrongWriter) parts.push(`${report.file} was written by ${report.action}, not ${required}`);
  for (const report of negative) {
    const failing = report.failingChecks.length > 0 ? ` (failing: ${report.failingChecks.map((name) => shownName(name)).join(', ')})` : '';
    parts.push(`${report.file}: ${report.action} decided ${shownName(report.decision, 30)}${failing}`);
  }
  if (parts.length > 0) return parts.join('; ');
  const decisions = all.map((report) => `${report.action} ${report.decision}`).join(', ');
  return `${all.length} ${all.length === 1 ? 'report is' : 'reports are'} positive: ${decisions}`;
}
