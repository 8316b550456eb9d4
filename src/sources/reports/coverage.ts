import type { Result } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type CoverageReport, type FileCoverage, sumCounts } from './coverage-counts.js';
import { parseIstanbulSummary } from './coverage-istanbul.js';
import { parseLcov } from './coverage-lcov.js';
import { parseJsonEvidence } from './json-evidence.js';

/**
 * Coverage reports: istanbul's `coverage-summary.json` (the `json-summary`
 * reporter of nyc, Jest, Vitest, c8) and `lcov.info` tracefiles. The format is
 * told by content, not by name, so a renamed report still reads. Each
 * format's reader validates its counts (`coverage-istanbul.ts`,
 * `coverage-lcov.ts`).
 */
export { COVERAGE_KINDS, percentOf, sumCounts } from './coverage-counts.js';
export type { CoverageCount, CoverageCounts, CoverageKind, CoverageReport, FileCoverage } from './coverage-counts.js';
export { parseIstanbulSummary } from './coverage-istanbul.js';
export { parseLcov } from './coverage-lcov.js';

/** Reads a coverage report file in either format; `name` is how messages call it (default: the path). */
export async function readCoverage(file: string, name = file): Promise<Result<CoverageReport, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return fault(text.error.kind, text.error.message.replace(file, name));
  return parseCoverage(text.value, name);
}

/** Parses report text, telling istanbul JSON from lcov by its first characters. */
export function parseCoverage(text: string, name: string): Result<CoverageReport, SourceFault> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    // The text as written, so a fault's line and column are the file's.
    const doc = parseJsonEvidence(text, name);
    return doc.ok ? parseIstanbulSummary(doc.value, name) : doc;
  }
  // An empty lcov.info is what lcov writers produce when no file was instrumented.
  if (/^(TN|SF):/m.test(trimmed) || (trimmed === '' && /lcov|\.info$/i.test(name))) return parseLcov(trimmed, name);
  if (trimmed === '') return fault('malformed', `${name} is empty; expected coverage-summary.json or lcov.info`);
  return fault('malformed', `${name} is neither an istanbul coverage-summary.json nor an lcov.info tracefile`);
}

/** One report from several (a monorepo's packages): counts summed, files listed together. */
export function mergeCoverage(reports: readonly CoverageReport[]): CoverageReport {
  if (reports.length === 1) return reports[0]!;
  const formats = new Set(reports.map((r) => r.format));
  return {
    format: formats.size === 1 ? reports[0]!.format : 'mixed',
    totals: sumCounts(reports.map((r) => r.totals)),
    files: reports.flatMap((r) => r.files),
    notes: [...new Set(reports.flatMap((r) => r.notes))],
  };
}

/** The files with the lowest line coverage first (most uncovered lines breaking ties); files without lines last. */
export function leastCovered(files: readonly FileCoverage[], limit = 10): FileCoverage[] {
  const rank = (f: FileCoverage) => f.counts.lines.pct ?? Number.POSITIVE_INFINITY;
  const uncovered = (f: FileCoverage) => f.counts.lines.total - f.counts.lines.covered;
  return [...files]
    .sort((a, b) => rank(a) - rank(b) || uncovered(b) - uncovered(a) || a.file.localeCompare(b.file))
    .slice(0, limit);
}
