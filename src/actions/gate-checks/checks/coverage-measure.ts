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
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `coverage` checks; `coverage.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

/** How many of the least-covered files the evidence lists. */
const LEAST_COVERED_SHOWN = 10;

export async function measureCoverage(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
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
