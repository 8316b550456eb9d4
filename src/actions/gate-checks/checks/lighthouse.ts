import path from 'node:path';
import { type Result, ok } from '../../../engine/result.js';
import type { MeasureTable } from '../../../engine/limits.js';
import {
  LIGHTHOUSE_MEASURES,
  type LighthouseRun,
  type LighthouseSummary,
  type UrlSummary,
  readLighthouseRuns,
  summarizeRuns,
} from '../../../sources/reports/lighthouse-results.js';
import { summaryFromBudgetReport } from '../../../sources/lighthouse/budget-report.js';
import { readJsonEvidence } from '../../../sources/reports/json-evidence.js';
import { parseRolloutReport } from '../../../sources/reports/rollout-report.js';
import { shownName } from '../../../sources/reports/shown-name.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `lighthouse`: Lighthouse result JSON — one file, a folder such
 * as `.lighthouseci/`, or a glob. Runs of one URL are taken at their median
 * (LHCI's `median` aggregation); with several URLs each measure is the worst
 * URL's median, and the evidence shows every URL's medians and spread.
 * Scores are 0–1 (`min-performance: 0.9`), timings in ms
 * (`max-largest-contentful-paint: 2.5s`), `max-cumulative-layout-shift: 0.1`.
 * A policy that sets none gets those two: the "good" thresholds of
 * Google's Core Web Vitals (https://web.dev/articles/vitals), which the
 * runbook's budgets start from.
 *
 * `path` may also name a lighthouse-budget report (its `report` output): the
 * medians and spread it recorded per URL are held to this check's thresholds.
 *
 * ```yaml
 * lighthouse: { type: lighthouse, path: .lighthouseci, min-performance: 0.9, max-largest-contentful-paint: 2500 }
 * ```
 */
export const lighthouseCheck: CheckType = {
  type: 'lighthouse',
  measures: Object.fromEntries(Object.entries(LIGHTHOUSE_MEASURES).map(([measure, source]) => [measure, source.dimension])) satisfies MeasureTable,
  headline: 'performance',
  keys: [],
  needsPath: true,
  defaults: [
    { key: 'max-largest-contentful-paint', value: '2500ms', replacedBy: 'any' },
    { key: 'max-cumulative-layout-shift', value: 0.1, replacedBy: 'any' },
  ],
  judgement: 'thresholds',
  measure: measureLighthouse,
};

async function measureLighthouse(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file, folder or glob`);
  const fromReport = await measureBudgetReport(spec.entry.path, environment.workspace);
  if (fromReport !== null) return fromReport;
  const read = await readLighthouseRuns(spec.entry.path, environment.workspace);
  if (!read.ok) return read;
  const summary = summarizeRuns(read.value.runs);
  if (!summary.ok) return summary;
  return ok(toMeasured(summary.value, read.value.runs, read.value.skipped));
}

function toMeasured(summary: LighthouseSummary, runs: LighthouseRun[], skipped: string[]): Measured {
  const measured = runs.length - summary.failed.length;
  return {
    measurements: { ...summary.worst },
    samples: measured,
    evidence: {
      urls: summary.urls,
      failedRuns: summary.failed.map((run) => ({ file: run.file, url: run.url, code: run.runtimeError?.code, message: run.runtimeError?.message })),
      skipped,
      lighthouseVersions: [...new Set(runs.map((run) => run.lighthouseVersion))],
    },
    // A page that never loaded is not a page that passed: say so, loudly.
    ...(summary.unmeasured.length > 0 ? { verdict: unmeasuredVerdict(summary) } : {}),
  };
}

function unmeasuredVerdict(summary: LighthouseSummary): NonNullable<Measured['verdict']> {
  const pages = summary.unmeasured.map((url) => {
    const codes = [...new Set(summary.failed.filter((run) => run.url === url).map((run) => run.runtimeError?.code))];
    return `${shownName(url)} (${codes.join(', ')})`;
  });
  return { status: 'error', message: `every run failed for ${pages.join(', ')}`, value: null, threshold: null };
}

/** A lighthouse-budget report at `file`, measured; null when the path is not one (LHRs are read instead). */
async function measureBudgetReport(file: string, workspace: string): Promise<Result<Measured, SourceFault> | null> {
  if (!file.endsWith('.json')) return null;
  const json = await readJsonEvidence(path.resolve(workspace, file), file);
  if (!json.ok || typeof json.value !== 'object' || json.value === null || (json.value as { action?: unknown }).action !== 'lighthouse-budget') return null;
  const report = parseRolloutReport(json.value, file);
  if (!report.ok) return report;
  const summary = summaryFromBudgetReport(report.value.checks, file);
  if (!summary.ok) return summary;
  const outOfRange = medianOutOfRange(summary.value.urls);
  if (outOfRange) return fault('malformed', `${file}: ${outOfRange}`);
  const measured: Measured = {
    measurements: { ...summary.value.worst },
    samples: summary.value.urls.reduce((total, url) => total + url.runs, 0),
    evidence: { report: file, decision: report.value.decision, urls: summary.value.urls, unmeasured: summary.value.unmeasured },
  };
  if (summary.value.unmeasured.length > 0) {
    measured.verdict = { status: 'error', message: `every run failed for ${summary.value.unmeasured.map((url) => shownName(url)).join(', ')} (${file})`, value: null, threshold: null };
  }
  return ok(measured);
}

/** A median a lighthouse-budget report could not have written (a score outside 0–1, a negative timing), or `null`. */
function medianOutOfRange(urls: readonly UrlSummary[]): string | null {
  for (const url of urls) {
    for (const [measure, source] of Object.entries(LIGHTHOUSE_MEASURES)) {
      const value = url.medians[measure as keyof typeof LIGHTHOUSE_MEASURES];
      if (value === null) continue;
      const isScore = source.dimension === 'score';
      if (value < 0 || (isScore && value > 1)) return `the median ${measure} of ${shownName(url.url)} is ${value}; ${isScore ? 'a score is from 0 to 1' : 'a measured value is ≥ 0'}`;
    }
  }
  return null;
}
