import type { BudgetAssertion } from '../../engine/lighthouse/assertion-result.js';
import { matchBaselineUrl } from '../../engine/lighthouse/baseline-pairing.js';
import { type BudgetVerdict, type UrlEvidence, type UrlVerdict, decideBudget, judgeUrl } from '../../engine/lighthouse/budget-verdict.js';
import { type MetricStats, TABLE_METRIC_IDS, type TableMetricId } from '../../engine/lighthouse/metric-rows.js';
import { compareToBaseline, type MaxRegression } from '../../engine/lighthouse/regression.js';
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
}

/** Every URL judged, and the run's verdict. */
export interface Evaluation {
  verdict: BudgetVerdict;
  details: UrlDetail[];
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
    return results.value.map((result) => ({ ...result, source: set.source }));
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
  return { verdict: decideBudget(details.map((detail) => detail.verdict)), details };
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
  let baselineProblem: string | null = null;
  if (lookup.kind !== 'none' && maxRegression !== null && baseline === null) {
    baselineProblem = baselineUrl === null ? `no baseline run matches ${url}` : `the baseline ${baselineUrl} has no successful run to compare with`;
  }
  const failedRuns = runs.filter((run) => run.failure !== null).map((run) => run.failure!);
  const evidence: UrlEvidence = {
    url,
    runs: summary.runs,
    failedRuns,
    stats: statsOf(summary),
    assertions,
    baseline: baseline ? { url: baseline.url, stats: statsOf(baseline.summary) } : null,
    baselineProblem,
    regressions: baseline && maxRegression ? compareToBaseline(summary.medians, baseline.summary.medians, maxRegression) : [],
  };
  return { verdict: judgeUrl(evidence), summary, runs, representative: pickRepresentative(runs), baseline, assertions };
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
