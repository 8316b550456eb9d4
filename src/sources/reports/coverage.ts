import { type Result, messageOf, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * Coverage reports: istanbul's `coverage-summary.json` (the `json-summary`
 * reporter of nyc, Jest, Vitest, c8) and `lcov.info` tracefiles. The format is
 * told by content, not by name, so a renamed report still reads.
 */
export const COVERAGE_KINDS = ['lines', 'branches', 'functions', 'statements'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** Covered of total items of one kind. */
export interface CoverageCount {
  covered: number;
  total: number;
  /**
   * Percent 0–100, `null` when there is nothing to cover. Istanbul writes
   * `"pct": "Unknown"` (or 100) for an empty total; neither 0 nor 100 is
   * true, so an absence of code never passes or fails a gate by itself.
   */
  pct: number | null;
}

export type CoverageCounts = Record<CoverageKind, CoverageCount>;

export interface FileCoverage {
  file: string;
  counts: CoverageCounts;
}

export interface CoverageReport {
  /** `mixed` when reports of both formats were merged. */
  format: 'istanbul-summary' | 'lcov' | 'mixed';
  totals: CoverageCounts;
  /** Per source file; empty when the report has none. */
  files: FileCoverage[];
  /** How the numbers were derived, where the format lacks something. */
  notes: string[];
}

/** Istanbul's rounding (istanbul-lib-coverage `percent.js`): floored to two decimals. */
export function percentOf(covered: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.floor((100_000 * covered) / total / 10) / 100;
}

const count = (covered: number, total: number): CoverageCount => ({ covered, total, pct: percentOf(covered, total) });
const emptyCounts = (): CoverageCounts => ({ lines: count(0, 0), branches: count(0, 0), functions: count(0, 0), statements: count(0, 0) });

/** Reads a coverage report file in either format; `name` is how messages call it (default: the path). */
export async function readCoverage(file: string, name = file): Promise<Result<CoverageReport, SourceFault>> {
  const text = await readText(file);
  if (!text.ok) return text;
  return parseCoverage(text.value, name);
}

/** Parses report text, telling istanbul JSON from lcov by its first characters. */
export function parseCoverage(text: string, name: string): Result<CoverageReport, SourceFault> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return parseIstanbulSummary(JSON.parse(trimmed) as unknown, name);
    } catch (thrown) {
      return fault('malformed', `${name} is not valid JSON: ${messageOf(thrown)}`);
    }
  }
  // An empty lcov.info is what lcov writers produce when no file was instrumented.
  if (/^(TN|SF):/m.test(trimmed) || (trimmed === '' && /lcov|\.info$/i.test(name))) return parseLcov(trimmed, name);
  if (trimmed === '') return fault('malformed', `${name} is empty; expected coverage-summary.json or lcov.info`);
  return fault('malformed', `${name} is neither an istanbul coverage-summary.json nor an lcov.info tracefile`);
}

/** Parses a `coverage-summary.json` document: `total` plus one entry per file. */
export function parseIstanbulSummary(doc: unknown, name: string): Result<CoverageReport, SourceFault> {
  if (!isRecord(doc)) return fault('malformed', `${name} is not a coverage-summary.json object`);
  if (Object.values(doc).some((entry) => isRecord(entry) && 'statementMap' in entry)) {
    return fault('malformed', `${name} is istanbul's coverage-final.json; use the json-summary reporter's coverage-summary.json`);
  }
  const totals = summaryCounts(doc.total);
  if (!totals) return fault('malformed', `${name} has no \`total\` with lines, statements, functions and branches`);
  const files: FileCoverage[] = [];
  for (const [file, entry] of Object.entries(doc)) {
    if (file === 'total') continue;
    const counts = summaryCounts(entry);
    if (!counts) return fault('malformed', `${name}: entry ${JSON.stringify(file)} lacks lines, statements, functions or branches`);
    files.push({ file, counts });
  }
  return ok({ format: 'istanbul-summary', totals, files, notes: [] });
}

function summaryCounts(entry: unknown): CoverageCounts | undefined {
  if (!isRecord(entry)) return undefined;
  const counts = emptyCounts();
  for (const kind of COVERAGE_KINDS) {
    const item = entry[kind];
    if (!isRecord(item) || !isCount(item.total) || !isCount(item.covered)) return undefined;
    // The reported pct is kept (it is what the user's own report shows), unless there is nothing to cover.
    const pct = item.total > 0 && typeof item.pct === 'number' ? item.pct : percentOf(item.covered, item.total);
    counts[kind] = { covered: item.covered, total: item.total, pct };
  }
  return counts;
}

/** lcov summary lines per record, as geninfo and istanbul's lcovonly writer emit them. */
const LCOV_SUMMARY = {
  LF: ['lines', 'total'],
  LH: ['lines', 'covered'],
  BRF: ['branches', 'total'],
  BRH: ['branches', 'covered'],
  FNF: ['functions', 'total'],
  FNH: ['functions', 'covered'],
} as const satisfies Record<string, readonly [CoverageKind, 'total' | 'covered']>;

/**
 * Parses an lcov tracefile by summing each record's LF/LH, BRF/BRH and
 * FNF/FNH (the totals `lcov --summary` prints). lcov has no statements, so
 * statements are the line counts and a note says so.
 */
export function parseLcov(text: string, name: string): Result<CoverageReport, SourceFault> {
  const byFile = new Map<string, Record<CoverageKind, { covered: number; total: number }>>();
  let current: Record<CoverageKind, { covered: number; total: number }> | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line.startsWith('SF:')) {
      const file = line.slice(3);
      current = byFile.get(file) ?? rawCounts();
      byFile.set(file, current);
    } else if (line === 'end_of_record') {
      current = undefined;
    } else {
      const match = /^(LF|LH|BRF|BRH|FNF|FNH):(.*)$/.exec(line);
      if (!match) continue;
      const value = Number(match[2]);
      if (!current || !isCount(value)) return fault('malformed', `${name}:${index + 1}: unexpected \`${line}\` in lcov tracefile`);
      const [kind, field] = LCOV_SUMMARY[match[1] as keyof typeof LCOV_SUMMARY];
      current[kind][field] += value;
    }
  }
  const files = [...byFile].map(([file, counts]) => ({ file, counts: withStatementsFromLines(counts) }));
  return ok({
    format: 'lcov',
    totals: sumCounts(files.map((f) => f.counts)),
    files,
    notes: ['lcov has no statement counts; statements are the line counts (LF/LH)'],
  });
}

function rawCounts(): Record<CoverageKind, { covered: number; total: number }> {
  return { lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 }, functions: { covered: 0, total: 0 }, statements: { covered: 0, total: 0 } };
}

function withStatementsFromLines(raw: Record<CoverageKind, { covered: number; total: number }>): CoverageCounts {
  return {
    lines: count(raw.lines.covered, raw.lines.total),
    branches: count(raw.branches.covered, raw.branches.total),
    functions: count(raw.functions.covered, raw.functions.total),
    statements: count(raw.lines.covered, raw.lines.total),
  };
}

/** Adds counts up (several reports, or files into totals); percentages are recomputed from the sums. */
export function sumCounts(all: readonly CoverageCounts[]): CoverageCounts {
  const sums = emptyCounts();
  for (const kind of COVERAGE_KINDS) {
    const covered = all.reduce((sum, counts) => sum + counts[kind].covered, 0);
    const total = all.reduce((sum, counts) => sum + counts[kind].total, 0);
    sums[kind] = count(covered, total);
  }
  return sums;
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

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
