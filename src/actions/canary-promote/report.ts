import { formatPercentage, formatValue } from '../../engine/judge/format.js';
import type { MetricClassification, ThresholdResult } from '../../engine/judge/types.js';
import type { Decision } from '../../engine/rollout/state.js';
import type { Status } from '../../engine/status.js';
import type { CheckReport } from '../../report/model.js';
import type { SampleSpan } from './judge-step.js';
import type { TickOutcome } from './tick.js';
import type { TrafficSync } from './traffic-sync.js';

/**
 * The report's `checks`: one per metric, its classification as
 * the judge made it (nothing recomputed), and one `rollout` entry
 * for the step and weight change.
 */
export function buildChecks(outcome: TickOutcome, environment: string): CheckReport[] {
  const judged = outcome.judged;
  const metrics = judged ? judged.judgement.metrics.map((metric) => metricCheck(metric, judged.span)) : [];
  return [...metrics, rolloutCheck(outcome, environment)];
}

/** The threshold that decided a metric, else its first failing-level one: what a person compares the value with. */
export function shownThreshold(metric: MetricClassification): ThresholdResult | undefined {
  const results = metric.thresholds;
  return results.find((r) => r.key === metric.threshold?.key) ?? results.find((r) => r.level === 'fail') ?? results[0];
}

/** `max ≤ 5%`, `max-increase < +50%`, `min-decrease > −40%`. */
export function describeThreshold(kind: MetricClassification['kind'], threshold: ThresholdResult): string {
  const operator = { '<=': '≤', '>=': '≥', '<': '<', '>': '>' }[threshold.operator];
  if (threshold.kind === 'absolute') return `${threshold.key} ${operator} ${formatValue(kind, threshold.expected)}`;
  const sign = threshold.expected < 0 ? '−' : '+';
  return `${threshold.key} ${operator} ${sign}${formatPercentage(Math.abs(threshold.expected))}`;
}

/** The unit of a metric's value in the report: a ratio is a fraction, a histogram's quantile milliseconds, a series' own unit unknown. */
const VALUE_UNIT = { ratio: 'ratio', histogram: 'ms', series: '' } as const satisfies Record<MetricClassification['kind'], string>;

function metricCheck(metric: MetricClassification, span: SampleSpan): CheckReport {
  const threshold = shownThreshold(metric);
  return {
    name: metric.metric,
    type: metric.kind,
    status: metric.status,
    level: 'required',
    value: metric.value,
    // An absolute threshold is in the value's unit; a relative one is a change, so it is shown as text.
    threshold: threshold === undefined ? null : threshold.kind === 'absolute' ? threshold.expected : describeThreshold(metric.kind, threshold),
    unit: VALUE_UNIT[metric.kind],
    samples: metric.samples.canary,
    message: metric.reason,
    evidence: {
      outcome: metric.outcome,
      critical: metric.critical,
      baseline: metric.baselineValue,
      effect: metric.effect,
      samples: metric.samples,
      counts: metric.counts,
      statistic: metric.statistic,
      pValue: metric.statistic?.pValue ?? null,
      decisiveThreshold: metric.threshold,
      thresholds: metric.thresholds,
      window: span,
    },
  };
}

// A start judged nothing: it is not a pass that a `report` check could take as evidence.
const ROLLOUT_STATUS = { start: 'skipped', promote: 'pass', complete: 'pass', hold: 'inconclusive', rollback: 'fail' } as const satisfies Record<Decision, Status>;

function rolloutCheck(outcome: TickOutcome, environment: string): CheckReport {
  const { standing, result, settled, judged, commit } = outcome;
  const plan = outcome.state?.plan ?? settled?.plan ?? null;
  return {
    name: 'rollout',
    type: 'rollout',
    status: standing.failure ? 'error' : ROLLOUT_STATUS[standing.decision],
    level: 'required',
    value: standing.position?.weight ?? null,
    threshold: null,
    unit: '%',
    samples: null,
    message: standing.reason,
    evidence: {
      decision: standing.decision,
      environment,
      strategy: plan?.strategy ?? null,
      canary: plan?.canary ?? null,
      stable: plan?.stable ?? null,
      canarySource: settled?.canarySource ?? null,
      ...standing.position,
      nextCheckAfter: standing.nextCheckAfter,
      plannedTrafficChange: result?.trafficChange ?? null,
      traffic: trafficEvidence(outcome),
      store: { where: outcome.store, outcome: commit?.kind ?? 'unreadable', stateVersion: outcome.state?.version ?? null },
      dryRun: outcome.dryRun,
      verdict: judged ? { verdict: judged.judgement.verdict, reason: judged.verdict.reason, tally: judged.judgement.tally } : null,
      failure: standing.failure,
    },
  };
}

function trafficEvidence(outcome: TickOutcome): Record<string, unknown> {
  const commit = outcome.commit;
  const base = { target: outcome.target };
  if (commit?.kind === 'saved') return { ...base, change: commit.change, sync: syncEvidence(commit.sync) };
  if (commit?.kind === 'unchanged') return { ...base, change: null, sync: syncEvidence(commit.sync) };
  if (commit?.kind === 'dry-run') return { ...base, wouldRun: commit.planned, fault: commit.fault };
  if (commit?.kind === 'traffic-failed') return { ...base, fault: commit.fault, compensation: commit.compensation.kind };
  return { ...base, change: null };
}

function syncEvidence(sync: TrafficSync | null): Record<string, unknown> | null {
  if (sync === null) return null;
  return {
    steps: sync.steps.map((step) => ({ weight: step.weight, reason: step.reason, inPlace: step.inPlace, steps: step.change?.steps ?? [] })),
    overtakenBy: sync.overtakenBy ? { version: sync.overtakenBy.version, phase: sync.overtakenBy.state.phase, weight: sync.overtakenBy.state.weight } : null,
    fault: sync.fault,
    unconfirmed: sync.unconfirmed,
  };
}

/** The `summary` output: `promote: canary 25% (step 2/4): promoted 5% → 25%, judged after 10m: 2 metrics passed`. */
export function summaryLine(outcome: TickOutcome): string {
  const { standing } = outcome;
  return `${standing.decision}${standing.position ? `: ${standing.position.label}` : ''}: ${standing.reason}`;
}
