import path from 'node:path';
import { type Result, ok } from '../../../engine/result.js';
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
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `lighthouse` checks; `lighthouse.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

export async function measureLighthouse(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
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
