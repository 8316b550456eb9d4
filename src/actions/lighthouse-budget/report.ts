import { assertionKey } from '../../engine/lighthouse/assertion-result.js';
import { TABLE_METRICS, TABLE_METRIC_IDS } from '../../engine/lighthouse/metric-rows.js';
import { DEFAULT_BUDGETS, DEFAULT_BUDGETS_TEXT } from '../../engine/lighthouse/simple-budgets.js';
import type { CheckReport } from '../../report/model.js';
import type { KeptRun } from '../../sources/lighthouse/results-output.js';
import type { Evaluation, UrlDetail } from './evaluate.js';

/**
 * The report's checks: one per URL, its evidence carrying the medians and
 * spread in the shape gate-checks' `lighthouse` check reads (so a later gate
 * can hold this report to its own thresholds), the assertions that decided,
 * the regressions, and where the representative run was kept.
 */
export function buildChecks(evaluation: Evaluation, kept: ReadonlyMap<string, KeptRun>): CheckReport[] {
  return evaluation.details.map((detail) => {
    const { verdict, summary } = detail;
    const performanceBudget = detail.assertions.find((result) => assertionKey(result) === TABLE_METRICS.performance.key && result.name === 'minScore');
    return {
      name: verdict.url,
      type: 'lighthouse',
      status: verdict.status,
      level: 'required',
      value: summary.medians.performance,
      threshold: performanceBudget?.expected ?? null,
      unit: 'score',
      samples: summary.runs,
      message: verdict.message,
      evidence: {
        url: summary.url,
        runs: summary.runs,
        medians: summary.medians,
        spread: summary.spread,
        failedRuns: detail.runs.filter((run) => run.failure).map((run) => ({ run: run.id, attempts: run.attempts, ...run.failure })),
        representativeRun: detail.representative ? { run: detail.representative.id, ...kept.get(detail.representative.id) } : null,
        baseline: detail.baseline
          ? { url: detail.baseline.url, runs: detail.baseline.summary.runs, medians: detail.baseline.summary.medians, representativeRun: detail.baseline.representative?.id ?? null }
          : null,
        regressions: verdict.rows.flatMap((row) => (row.regression ? [row.regression] : [])),
        failedAssertions: detail.assertions.filter((result) => !result.passed),
        passedAssertions: detail.assertions.filter((result) => result.passed).length,
        ...(evaluation.usedDefaults ? { defaultBudgets: DEFAULT_BUDGETS } : {}),
        // gate-checks refuses the medians of runs that contradicted each other (budget-report.ts).
        ...(detail.contradiction !== null ? { contradiction: detail.contradiction } : {}),
      },
    };
  });
}

/** The `scores` output: per URL, the median of each headline metric (scores 0–1, timings in ms) and the run count. */
export function scoresOutput(details: readonly UrlDetail[]): string {
  const scores = Object.fromEntries(
    details.map((detail) => [detail.verdict.url, { ...Object.fromEntries(TABLE_METRIC_IDS.map((metric) => [metric, detail.summary.medians[metric]])), runs: detail.summary.runs }]),
  );
  return JSON.stringify(scores);
}

/** One line for the log and the `summary` output. */
export function summarizeEvaluation(evaluation: Evaluation): string {
  const { verdict, details } = evaluation;
  const runs = details.reduce((total, detail) => total + detail.runs.length, 0);
  const warned = verdict.warnings.length > 0 ? `; warnings: ${verdict.warnings.join(', ')}` : '';
  const budgets = evaluation.usedDefaults ? `the default budgets (${DEFAULT_BUDGETS_TEXT})` : 'their budgets';
  if (verdict.decision === 'pass') return `${details.length} URL(s) met ${budgets} over ${runs} run(s)${warned}`;
  if (details.length === 0) return 'no Lighthouse run to judge';
  const failing = verdict.urls.filter((url) => url.status !== 'pass' && url.status !== 'warn');
  const against = evaluation.usedDefaults ? ` ${budgets}` : '';
  return `${failing.length} of ${details.length} URL(s) did not pass${against}: ${failing.map((url) => `${url.url} (${url.message})`).join('; ')}`;
}
