import type { Status } from '../engine/status.js';
import type { CheckReport, Report } from './model.js';

/**
 * Markdown for the job summary and the sticky comment: a table of checks
 * with status, value, threshold and message. It renders the report as it is
 * and recomputes nothing: verdicts carry their evidence, as LHCI's assertion
 * results do, so what is shown is what was judged.
 */
export const STATUS_ICON = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  inconclusive: '❔ inconclusive',
  nodata: '⭕ no data',
  error: '💥 error',
  skipped: '⏭️ skipped',
} as const satisfies Record<Status, string>;

const DECISION_ICON: Record<string, string> = {
  go: '🟢',
  pass: '🟢',
  promote: '🟢',
  complete: '🟢',
  healthy: '🟢',
  hold: '🟡',
  'no-go': '🔴',
  fail: '🔴',
  rollback: '🔴',
  'rolled-back': '🟠',
  'rollback-failed': '🔴',
  'backend-failed': '🟠',
  inconclusive: '🟡',
};

/** Escapes what would break a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function formatValue(value: CheckReport['value'], unit: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (unit === 'ratio') return `${Math.round(value * 100_000) / 1000}%`;
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10_000) / 10_000;
  if (unit === '%') return `${rounded}%`;
  return unit && unit !== 'count' && unit !== 'score' ? `${rounded} ${unit}` : `${rounded}`;
}

export function renderChecksTable(checks: readonly CheckReport[]): string {
  const header = '| Check | Type | Status | Value | Threshold | Samples | Details |\n|---|---|---|---|---|---|---|';
  const rows = checks.map((check) => {
    const status = STATUS_ICON[check.status] + (check.level === 'advisory' ? ' (advisory)' : '');
    return `| ${cell(check.name)} | ${cell(check.type)} | ${status} | ${cell(formatValue(check.value, check.unit))} | ${cell(
      formatValue(check.threshold, check.unit),
    )} | ${check.samples ?? '—'} | ${cell(check.message)} |`;
  });
  return [header, ...rows].join('\n');
}

/** The whole summary: a heading with the decision, the one-line summary, then the table. */
export function renderReportMarkdown(report: Report, title: string): string {
  const icon = DECISION_ICON[report.decision] ?? '';
  return [
    `### ${icon} ${title}: \`${report.decision}\``.replace('###  ', '### '),
    '',
    report.summary,
    '',
    renderChecksTable(report.checks),
    '',
  ].join('\n');
}
