import { formatChange, formatP, formatValue } from '../../engine/judge/format.js';
import type { MetricClassification } from '../../engine/judge/types.js';
import type { Decision } from '../../engine/rollout/state.js';
import { formatDuration } from '../../engine/units.js';
import { cell, STATUS_ICON } from '../../report/render-summary.js';
import { describeReleases } from './release.js';
import { describeThreshold, shownThreshold } from './report.js';
import type { TickOutcome } from './tick.js';

/**
 * The job summary of a tick: a heading with the decision and the weight
 * change (`🟢 promote: 5% → 25% (step 2/4)`), the reason, and the metrics
 * table with the numbers behind each status (flagger#1810: show why).
 * Renders the outcome as it is; recomputes nothing.
 */
const DECISION_ICON = { start: '🔵', promote: '🟢', complete: '🟢', hold: '🟡', rollback: '🔴' } as const satisfies Record<Decision, string>;

/** The same icons as every other table (report/render-summary.ts). */
const STATUS_TEXT: Record<MetricClassification['status'], string> = STATUS_ICON;

export function renderTickMarkdown(outcome: TickOutcome, environment: string): string {
  const { reason, failure } = outcome.standing;
  // A failing tick's reason carries the failure; it is shown once, as a caution.
  const parts = [heading(outcome), context(outcome, environment), failure ? `> [!CAUTION]\n> ${cell(reason)}` : reason, metricsSection(outcome)];
  // Only a bake time puts the next check later than the next tick.
  const next = outcome.result?.nextCheckAfter;
  if (next && !outcome.standing.failure) parts.push(`Next check after ${next}.`);
  return `${parts.join('\n\n')}\n`;
}

/** `### 🟢 promote: 5% → 25% (step 2/4)`. */
export function heading(outcome: TickOutcome): string {
  const { decision, position } = outcome.standing;
  const icon = outcome.standing.failure ? '💥' : DECISION_ICON[decision];
  const dry = outcome.dryRun ? ' — dry run, nothing changed' : '';
  if (!position) return `### ${icon} ${decision}${dry}`;
  const weights = position.previousWeight === position.weight ? `${position.weight}%` : `${position.previousWeight}% → ${position.weight}%`;
  const step = position.step > 0 ? ` (step ${position.step}/${position.stepCount})` : '';
  return `### ${icon} ${decision}: ${weights}${step}${dry}`;
}

function context(outcome: TickOutcome, environment: string): string {
  const plan = outcome.state?.plan ?? outcome.settled?.plan;
  const release = plan ? ` · ${plan.strategy} of ${describeReleases(plan)}` : '';
  const traffic = outcome.target ?? 'no traffic target (a later step applies the `weight` output)';
  return `**canary-promote** · \`${environment}\`${release} · state: ${outcome.store} · traffic: ${traffic}`;
}

function metricsSection(outcome: TickOutcome): string {
  const judged = outcome.judged;
  if (!judged) return '_Metrics were not read this tick: nothing could change the outcome (see the reason above)._';
  const header = '| Metric | Status | Canary | Baseline | Change | Threshold | p-value | Samples |\n|---|---|---|---|---|---|---|---|';
  const rows = judged.judgement.metrics.map(metricRow);
  const window = `Window: ${judged.span.from} → ${judged.span.to} (${formatDuration(judged.span.windowMs)}). Verdict: **${judged.judgement.verdict}**, ${cell(judged.verdict.reason)}.`;
  return [header, ...rows].join('\n') + `\n\n${window}`;
}

/** The threshold that decided; for a passing metric, every failing-level one it was held to. */
function thresholdCell(metric: MetricClassification): string {
  const decisive = metric.threshold ? shownThreshold(metric) : undefined;
  const shown = decisive ? [decisive] : metric.thresholds.filter((t) => t.level === 'fail');
  return shown.length > 0 ? shown.map((t) => describeThreshold(metric.kind, t)).join(', ') : '—';
}

function metricRow(metric: MetricClassification): string {
  const counts = metric.counts;
  const canary = withCounts(formatValue(metric.kind, metric.value), counts?.canary ?? null);
  const baseline = withCounts(formatValue(metric.kind, metric.baselineValue), counts?.baseline ?? null);
  const cells = [
    metric.metric,
    STATUS_TEXT[metric.status],
    canary,
    baseline,
    metric.effect === null ? '—' : formatChange(metric.effect),
    thresholdCell(metric),
    metric.statistic ? formatP(metric.statistic.pValue, metric.statistic.alpha) : '—',
    `${metric.samples.canary} / ${metric.samples.baseline ?? '—'}`,
  ];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** `0.5% (3/600)`: a rate next to the counts it rests on. */
function withCounts(value: string, counts: { events: number; total: number } | null): string {
  return counts ? `${value} (${counts.events}/${counts.total})` : value;
}
