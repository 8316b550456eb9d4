import path from 'node:path';
import { type Rational, fraction, toNumber } from '../../../engine/exact.js';
import { type Result, ok } from '../../../engine/result.js';
import { findFiles } from '../../../sources/files.js';
import {
  COVERAGE_KINDS,
  type CoverageCounts,
  type CoverageReport,
  leastCovered,
  mergeCoverage,
  readCoverage,
} from '../../../sources/reports/coverage.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `coverage`: istanbul `coverage-summary.json` or `lcov.info`, held to
 * `min-lines`, `min-branches`, `min-functions`, `min-statements` (percent).
 * A glob matching several reports (a monorepo's packages) adds their counts
 * up before taking percentages. The percentage held to a threshold is the
 * exact ratio of the counts (7 of 1000 lines uncovered is exactly 99.3%), not
 * istanbul's rounded `pct`. No default would fit every project, so a
 * coverage check without a threshold is refused when the policy loads.
 *
 * ```yaml
 * coverage: { type: coverage, path: coverage/coverage-summary.json, min-lines: 80, min-branches: 70 }
 * ```
 */
export const coverageCheck: CheckType = {
  type: 'coverage',
  measures: { lines: 'percent', branches: 'percent', functions: 'percent', statements: 'percent' },
  headline: 'lines',
  keys: [],
  needsPath: true,
  judgement: 'thresholds',
  thresholdExample: 'min-lines: 80',
  measure: measureCoverage,
};

/** How many of the least-covered files the evidence lists. */
const LEAST_COVERED_SHOWN = 10;

async function measureCoverage(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file or glob`);
  const files = await findFiles(spec.entry.path, environment.workspace);
  if (!files.ok) return files;
  const reports: CoverageReport[] = [];
  for (const file of files.value) {
    const report = await readCoverage(file, path.relative(environment.workspace, file));
    if (!report.ok) return report;
    reports.push(report.value);
  }
  const names = files.value.map((file) => path.relative(environment.workspace, file));
  return ok(toMeasured(mergeCoverage(reports), names));
}

function toMeasured(report: CoverageReport, reportFiles: string[]): Measured {
  const exact: Record<string, Rational> = {};
  for (const kind of COVERAGE_KINDS) {
    const { covered, total } = report.totals[kind];
    // Nothing to cover is no data: neither 0% nor 100% is true of it.
    if (total > 0) exact[kind] = fraction(covered * 100, total);
  }
  const measurements = Object.fromEntries(COVERAGE_KINDS.map((kind) => [kind, exact[kind] === undefined ? null : toNumber(exact[kind])]));
  return {
    measurements,
    exact,
    samples: report.files.length,
    evidence: {
      format: report.format,
      reports: reportFiles,
      totals: report.totals,
      notes: report.notes,
      leastCovered: leastCovered(report.files, LEAST_COVERED_SHOWN).map((f) => ({ file: f.file, ...percentages(f.counts) })),
    },
  };
}

/** `{lines: '1/8 (12.5%)', …}`: covered/total per kind, readable in a summary table. */
function percentages(counts: CoverageCounts): Record<string, string> {
  return Object.fromEntries(
    COVERAGE_KINDS.map((kind) => {
      const { covered, total, pct } = counts[kind];
      return [kind, `${covered}/${total}${pct === null ? '' : ` (${pct}%)`}`];
    }),
  );
}
