import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type CoverageCounts, type CoverageKind, type CoverageReport, COVERAGE_KINDS, countOf, isCount, sumCounts } from './coverage-counts.js';
import { shownName } from './shown-name.js';

/** lcov summary lines per record, as geninfo and istanbul's lcovonly writer emit them. */
const LCOV_SUMMARY = {
  LF: ['lines', 'total'],
  LH: ['lines', 'covered'],
  BRF: ['branches', 'total'],
  BRH: ['branches', 'covered'],
  FNF: ['functions', 'total'],
  FNH: ['functions', 'covered'],
} as const satisfies Record<string, readonly [CoverageKind, 'total' | 'covered']>;

type RawCounts = Record<CoverageKind, { covered: number; total: number }>;

/**
 * Parses an lcov tracefile by summing each record's LF/LH, BRF/BRH and
 * FNF/FNH (the totals `lcov --summary` prints). lcov has no statements, so
 * statements are the line counts and a note says so. A count that is not a
 * whole number, a count outside a record, or a file with more hit than
 * found is malformed; messages name the line, never quote it.
 */
export function parseLcov(text: string, name: string): Result<CoverageReport, SourceFault> {
  const byFile = new Map<string, RawCounts>();
  let current: RawCounts | undefined;
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
      const key = match[1] as keyof typeof LCOV_SUMMARY;
      const value = /^\s*\d+\s*$/.test(match[2]!) ? Number(match[2]) : Number.NaN;
      if (!current) return fault('malformed', `${name}:${index + 1}: \`${key}\` outside a record (no SF: line before it)`);
      if (!isCount(value)) return fault('malformed', `${name}:${index + 1}: \`${key}\` must be a whole number ≥ 0`);
      const [kind, field] = LCOV_SUMMARY[key];
      current[kind][field] += value;
    }
  }
  for (const [file, counts] of byFile) {
    const over = COVERAGE_KINDS.find((kind) => counts[kind].covered > counts[kind].total);
    if (over) return fault('malformed', `${name}: the record for ${shownName(file)} has more ${over} hit (${counts[over].covered}) than found (${counts[over].total})`);
  }
  const files = [...byFile].map(([file, counts]) => ({ file, counts: withStatementsFromLines(counts) }));
  return ok({
    format: 'lcov',
    totals: sumCounts(files.map((f) => f.counts)),
    files,
    notes: ['lcov has no statement counts; statements are the line counts (LF/LH)'],
  });
}

function rawCounts(): RawCounts {
  return { lines: { covered: 0, total: 0 }, branches: { covered: 0, total: 0 }, functions: { covered: 0, total: 0 }, statements: { covered: 0, total: 0 } };
}

function withStatementsFromLines(raw: RawCounts): CoverageCounts {
  return {
    lines: countOf(raw.lines.covered, raw.lines.total),
    branches: countOf(raw.branches.covered, raw.branches.total),
    functions: countOf(raw.functions.covered, raw.functions.total),
    statements: countOf(raw.lines.covered, raw.lines.total),
  };
}
