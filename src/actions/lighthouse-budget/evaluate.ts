import { type BudgetAssertion, assertionKey } from '../../engine/lighthouse/assertion-result.js';
import { judgeMedianExactly } from '../../engine/lighthouse/exact-budgets.js';
import { type RunFacts, baselineMismatchOf, contradictionOf, runFacts } from '../../engine/lighthouse/run-consistency.js';
import { matchBaselineUrl } from '../../engine/lighthouse/baseline-pairing.js';
import { type BudgetVerdict, type UrlEvidence, type UrlVerdict, decideBudget, judgeUrl } from '../../engine/lighthouse/budget-verdict.js';
import { type MetricStats, TABLE_METRIC_IDS, type TableMetricId } from '../../engine/lighthouse/metric-rows.js';
import { type MaxRegression, REGRESSION_METRICS, type RegressionMetricId, compareToBaseline } from '../../engine/lighthouse/regression.js';
import { ConfigError } from '../../engine/result.js';
import { representativeRun, runLhciAssertions } from '../../sources/lighthouse/lhci-assert.js';
import type { LhrRun } from '../../sources/lighthouse/lhr-run.js';
import { type UrlSummary, summarizeUrl } from '../../sources/reports/lighthouse-results.js';
import type { BudgetSet } from './budgets.js';
import type { GatheredRuns } from './gather.js';

/** One URL judged, with what the report and summary show about it. */
export interface UrlDetail {
  verdict: UrlVerdict;
  /** Medians and spread of the successful runs (the shape gate-checks' `lighthouse` check reads). */
  summary: UrlSummary;
  runs: LhrRun[];
  representative: LhrRun | null;
  baseline: { url: string; summary: UrlSummary; representative: LhrRun | null } | null;
  assertions: BudgetAssertion[];
  /** Why the runs contradict each other (run-consistency.ts), or null. */
  contradiction: string | null;
}

/** Every URL judged, and the run's verdict. */
export interface Evaluation {
  verdict: BudgetVerdict;
  details: UrlDetail[];
  /** True when nothing was configured and the default budgets judged the runs (DEFAULT_BUDGETS). */
  usedDefaults: boolean;
}

/** How each target URL finds its baseline runs. */
export type BaselineLookup = { kind: 'none' } | { kind: 'collected'; baselineOf: ReadonlyMap<string, string> } | { kind: 'results' };

const measured = (runs: readonly LhrRun[]): LhrRun[] => runs.filter((run) => run.failure === null && run.lhr !== null);

function groupByUrl(runs: readonly LhrRun[]): Map<string, LhrRun[]> {
  const groups = new Map<string, LhrRun[]>();
  for (const run of runs) groups.set(run.url, [...(groups.get(run.url) ?? []), run]);
  return groups;
}

/**
 * Every budget set through LHCI's assertions, over the successful runs
 * only: a run that failed is an error of its URL instead. (`lhci collect`
 * never saves a failed run, so every folder it writes is judged exactly as
 * `lhci assert` judges it.)
 */
export function assertAll(sets: readonly BudgetSet[], targets: readonly LhrRun[]): BudgetAssertion[] {
  const lhrs = measured(targets).map((run) => run.lhr!);
  return sets.flatMap((set) => {
    const results = runLhciAssertions(set.options, lhrs, set.where);
    if (!results.ok) throw new ConfigError(results.error);
    return results.value.map((result) => {
      const threshold = set.exact?.get(assertionKey(result));
      return { ...(threshold ? judgeMedianExactly(result, threshold) : result), source: set.source };
    });
  });
}

export function evaluateRuns(sets: readonly BudgetSet[], gathered: GatheredRuns, lookup: BaselineLookup, maxRegression: MaxRegression | null): Evaluation {
  const assertions = assertAll(sets, gathered.targets);
  const targetGroups = groupByUrl(gathered.targets);
  const baselineGroups = groupByUrl(gathered.baselines);
  const details = [...targetGroups].map(([url, runs]) => {
    const baselineUrl = findBaselineUrl(url, runs, lookup, [...targetGroups.keys()], gathered.baselines);
    const baselineRuns = baselineUrl === null ? [] : (baselineGroups.get(baselineUrl) ?? gathered.baselines.filter((run) => run.requestedUrl === baselineUrl));
    return judgeOne(url, runs, assertions.filter((result) => result.url === url), baselineUrl, baselineRuns, lookup, maxRegression);
  });
  return { verdict: decideBudget(details.map((detail) => detail.verdict)), details, usedDefaults: sets.some((set) => set.source === 'defaults') };
}

function findBaselineUrl(url: string, runs: LhrRun[], lookup: BaselineLookup, targets: string[], baselines: LhrRun[]): string | null {
  if (lookup.kind === 'none') return null;
  if (lookup.kind === 'collected') {
    const requested = lookup.baselineOf.get(runs[0]!.requestedUrl) ?? null;
    // Group the baseline under the URL its runs reported, as the target's is.
    return baselines.find((run) => run.requestedUrl === requested && run.failure === null)?.url ?? requested;
  }
  return matchBaselineUrl(url, targets, [...new Set(baselines.map((run) => run.url))]);
}

function judgeOne(url: string, runs: LhrRun[], assertions: BudgetAssertion[], baselineUrl: string | null, baselineRuns: LhrRun[], lookup: BaselineLookup, maxRegression: MaxRegression | null): UrlDetail {
  const summary = summarize(url, runs);
  const baselineMeasured = measured(baselineRuns);
  const baseline = baselineUrl !== null && baselineMeasured.length > 0 ? { url: baselineUrl, summary: summarize(baselineUrl, baselineRuns), representative: pickRepresentative(baselineRuns) } : null;
  const held = lookup.kind !== 'none' && maxRegression !== null;
  const baselineProblem = held ? baselineProblemOf(url, baselineUrl, baselineRuns, runs) : null;
  const failedRuns = runs.filter((run) => run.failure !== null).map((run) => run.failure!);
  const contradiction = contradictionOf(factsOf(runs));
  const evidence: UrlEvidence = {
    url,
    runs: summary.runs,
    failedRuns,
    contradiction,
    stats: statsOf(summary),
    assertions,
    baseline: baseline ? { url: baseline.url, stats: statsOf(baseline.summary) } : null,
    baselineProblem,
    regressions: baseline && maxRegression && baselineProblem === null ? compareToBaseline(valuesOf(runs), valuesOf(baselineRuns), maxRegression) : [],
  };
  return { verdict: judgeUrl(evidence), summary, runs, representative: pickRepresentative(runs), baseline, assertions, contradiction };
}

/**
 * Why the baseline cannot stand for this URL under `max-regression`: none
 * matched, none of its runs succeeded, or some failed (a baseline that
 * partly failed is judged on fewer runs than it was asked for, as a target
 * with a failed run is an error rather than a pass). Null when it can.
 */
function baselineProblemOf(url: string, baselineUrl: string | null, baselineRuns: readonly LhrRun[], targetRuns: readonly LhrRun[]): string | null {
  if (baselineUrl === null) return `no baseline run matches ${url}`;
  const failed = baselineRuns.filter((run) => run.failure !== null);
  if (measured(baselineRuns).length === 0) return `the baseline ${baselineUrl} has no successful run to compare with${failed.length > 0 ? ` (${failed[0]!.failure!.code})` : ''}`;
  if (failed.length > 0) return `${failed.length} run(s) of the baseline ${baselineUrl} failed (${[...new Set(failed.map((run) => run.failure!.code))].join(', ')}), so it cannot be compared with`;
  const contradiction = contradictionOf(factsOf(baselineRuns));
  if (contradiction !== null) return `the baseline ${baselineUrl} cannot be compared with: ${contradiction}`;
  return baselineMismatchOf(factsOf(targetRuns), factsOf(baselineRuns));
}

/** What each successful run's LHR says about how it was measured. */
const factsOf = (runs: readonly LhrRun[]): RunFacts[] => measured(runs).map((run) => runFacts(run.id, run.requestedUrl, run.lhr!));

/** Each regression metric's values over the successful runs, for the exact medians (exact-median.ts). */
function valuesOf(runs: readonly LhrRun[]): Partial<Record<RegressionMetricId, number[]>> {
  const good = measured(runs);
  return Object.fromEntries(
    (Object.keys(REGRESSION_METRICS) as RegressionMetricId[]).map((metric) => [metric, good.map((run) => run.values![metric]).filter((value): value is number => value !== null)]),
  );
}

function summarize(url: string, runs: readonly LhrRun[]): UrlSummary {
  const good = measured(runs).map((run) => ({ file: run.id, url, lighthouseVersion: '', fetchTime: null, runtimeError: null, values: run.values! }));
  return summarizeUrl(url, good);
}

function pickRepresentative(runs: readonly LhrRun[]): LhrRun | null {
  const good = measured(runs);
  const id = representativeRun(good.map((run) => ({ id: run.id, lhr: run.lhr! })));
  return good.find((run) => run.id === id) ?? null;
}

function statsOf(summary: UrlSummary): Partial<Record<TableMetricId, MetricStats>> {
  return Object.fromEntries(
    TABLE_METRIC_IDS.map((metric) => {
      const spread = summary.spread[metric];
      return [metric, { median: summary.medians[metric], min: spread?.min ?? null, max: spread?.max ?? null }];
    }),
  );
}
