import { type BudgetAssertion, assertionKey, isWarning } from '../../engine/lighthouse/assertion-result.js';
import type { UrlVerdict } from '../../engine/lighthouse/budget-verdict.js';
import { type MetricRow, TABLE_METRICS, type TableMetric } from '../../engine/lighthouse/metric-rows.js';
import { REGRESSION_METRICS } from '../../engine/lighthouse/regression.js';
import { DEFAULT_BUDGETS_TEXT } from '../../engine/lighthouse/simple-budgets.js';
import type { Status } from '../../engine/status.js';
import { cell } from '../../report/render-summary.js';
import type { KeptRun } from '../../sources/lighthouse/results-output.js';
import type { Evaluation, UrlDetail } from './evaluate.js';

/**
 * The job summary and the pull-request comment: per URL, a table of each
 * headline metric's median with its spread across runs, the budget, the
 * baseline and delta, and a status; then the other assertions that failed,
 * and which run is representative. Renders the verdict; recomputes nothing.
 */
const STATUS = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail', inconclusive: '❔ inconclusive', nodata: '⭕ no data', error: '💥 error', skipped: '⏭️ skipped' } as const satisfies Record<Status, string>;
const MAX_LISTED = 20;

const trim = (value: number, digits: number): string => String(Math.round(value * 10 ** digits) / 10 ** digits);
/** LHCI's operators as a reader writes them. */
const OPERATOR: Record<string, string> = { '>=': '≥', '<=': '≤', '==': '=' };
const operator = (op: string): string => OPERATOR[op] ?? op;

/** A value of a table metric as Lighthouse shows it: scores 0–1, timings in ms or s, CLS to 3 decimals. */
export function formatMetric(kind: TableMetric['kind'], value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (kind === 'score') return trim(value, 2);
  if (kind === 'unitless') return trim(value, 3);
  return Math.abs(value) < 1000 ? `${Math.round(value)} ms` : `${trim(value / 1000, 2)} s`;
}

function formatDelta(row: MetricRow): string {
  if (row.delta === null || row.baseline === null) return '—';
  const kind = TABLE_METRICS[row.metric].kind;
  const sign = row.delta > 0 ? '+' : row.delta < 0 ? '−' : '±';
  const relative = row.baseline === 0 ? '' : ` (${sign}${trim((Math.abs(row.delta) / Math.abs(row.baseline)) * 100, 1)}%)`;
  const limit = row.regression ? ` ${row.regression.status === 'pass' ? '≤' : '❌ >'} ${trim(row.regression.allowed * 100, 1)}% worse` : '';
  return `${sign}${formatMetric(kind, Math.abs(row.delta)).replace(/^-/, '')}${relative}${limit}`;
}

function formatBudget(row: MetricRow): string {
  const kind = TABLE_METRICS[row.metric].kind;
  return row.budgets
    .map((result) => {
      const onScore = result.name === 'minScore' && kind !== 'score';
      const expected = onScore || result.name !== 'maxNumericValue' ? trim(result.expected, 3) : formatMetric(kind, result.expected);
      const text = `${onScore ? 'score ' : ''}${result.name === 'auditRan' ? 'audit ran' : `${operator(result.operator)} ${expected}`}`;
      // LHCI judged an aggregate (optimistic by default) that may differ from the median shown.
      const judged = result.name !== 'auditRan' && !onScore && !Number.isNaN(result.actual) && row.median !== null && Math.abs(result.actual - row.median) > 1e-9 ? ` (LHCI: ${formatMetric(kind, result.actual)})` : '';
      return `${result.level === 'warn' ? 'warn ' : ''}${text}${judged}${result.source === 'defaults' ? ' (default)' : ''}`;
    })
    .join('; ');
}

function renderRow(row: MetricRow, runs: number): string {
  const kind = TABLE_METRICS[row.metric].kind;
  const spread = runs > 1 && row.min !== null && row.max !== null ? `${formatMetric(kind, row.min)} – ${formatMetric(kind, row.max)}${row.noisy ? ' ⚠️ noisy' : ''}` : '—';
  const status = row.status === null ? '—' : STATUS[row.status];
  const baseline = row.baseline === null ? '—' : formatMetric(kind, row.baseline);
  return `| ${TABLE_METRICS[row.metric].label} | ${formatMetric(kind, row.median)} | ${spread} | ${cell(formatBudget(row) || '—')} | ${baseline} | ${formatDelta(row)} | ${status} |`;
}

/** `minScore ≥ 0.9, found 0 (runs: 0, 0)` — LHCI's expected/found, one line. */
export function describeAssertion(result: BudgetAssertion): string {
  const bytes = result.auditId === 'resource-summary' && result.auditProperty?.endsWith('size');
  const show = (value: number) => (Number.isNaN(value) ? 'no value' : bytes ? `${Math.round(value / 102.4) / 10} KB` : trim(value, 3));
  const title = result.auditTitle ? ` — ${result.auditTitle}` : '';
  const message = result.message ? ` ${result.message}` : '';
  return `\`${assertionKey(result)}\`${title}: ${result.name} ${operator(result.operator)} ${show(result.expected)}, found ${show(result.actual)} (runs: ${result.values.map(show).join(', ') || 'none'})${message}`;
}

function renderUrl(detail: UrlDetail, kept: ReadonlyMap<string, KeptRun>): string {
  const { verdict } = detail;
  const lines = [`#### ${STATUS[verdict.status]} — ${verdict.url}`, '', describeRuns(detail, kept), ''];
  if (detail.summary.runs > 0) {
    lines.push(`| Metric | Median | Spread (${detail.summary.runs} run${detail.summary.runs === 1 ? '' : 's'}) | Budget | Baseline | Δ | Status |`, '|---|---|---|---|---|---|---|');
    lines.push(...verdict.rows.map((row) => renderRow(row, detail.summary.runs)), '');
  }
  lines.push(...renderOthers(verdict));
  return lines.join('\n');
}

function describeRuns(detail: UrlDetail, kept: ReadonlyMap<string, KeptRun>): string {
  const parts = [verdict(detail.verdict)];
  const representative = detail.representative ? kept.get(detail.representative.id) : undefined;
  if (detail.representative) {
    const html = representative?.html ? `, HTML report \`${representative.html}\`` : '';
    parts.push(`Representative run (nearest the median FCP and TTI, as LHCI picks it): \`${representative?.json ?? detail.representative.id}\`${html}.`);
  }
  if (detail.baseline) parts.push(`Baseline: ${detail.baseline.url} (${detail.baseline.summary.runs} run${detail.baseline.summary.runs === 1 ? '' : 's'}).`);
  return parts.join(' ');
}

const verdict = (url: UrlVerdict): string => `${url.message.charAt(0).toUpperCase()}${url.message.slice(1)}.`;

function renderOthers(url: UrlVerdict): string[] {
  const failures = url.otherFailures;
  if (failures.length === 0) return url.otherPassed > 0 ? [`Other assertions: ${url.otherPassed} passed.`, ''] : [];
  const listed = failures.slice(0, MAX_LISTED).map((result) => `- ${isWarning(result) ? '⚠️' : '❌'} ${describeAssertion(result)}`);
  const more = failures.length > MAX_LISTED ? [`- … and ${failures.length - MAX_LISTED} more in the report's evidence`] : [];
  return [`Other assertions: ${failures.length} did not pass, ${url.otherPassed} passed.`, '', ...listed, ...more, ''];
}

export function renderBudgetMarkdown(evaluation: Evaluation, kept: ReadonlyMap<string, KeptRun>, title: string, summary: string, notes: readonly string[]): string {
  const decision = evaluation.verdict.decision;
  const defaults = `No budget was configured (\`config\`, \`budget-path\` or a simple budget input), so the default budgets apply: ${DEFAULT_BUDGETS_TEXT}, the Core Web Vitals "good" thresholds.`;
  const allNotes = evaluation.usedDefaults ? [defaults, ...notes] : notes;
  const regressionNote = evaluation.details.some((d) => d.verdict.rows.some((row) => row.regression))
    ? [`Regression: median against the baseline's median, for ${Object.keys(REGRESSION_METRICS).join(', ')}; changes under the noise floor never count.`, '']
    : [];
  return [
    `### ${decision === 'pass' ? '🟢' : '🔴'} ${title}: \`${decision}\``,
    '',
    summary,
    '',
    ...allNotes.map((note) => `> ${note}`),
    ...(allNotes.length > 0 ? [''] : []),
    ...evaluation.details.map((detail) => renderUrl(detail, kept)),
    ...regressionNote,
  ].join('\n');
}
