/**
 * The counts coverage reports share, whatever their format: covered of
 * total items per kind, and istanbul's percentage of them.
 */
export const COVERAGE_KINDS = ['lines', 'branches', 'functions', 'statements'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

/** Covered of total items of one kind. */
export interface CoverageCount {
  covered: number;
  total: number;
  /**
   * Percent 0–100 as istanbul rounds it, for display; `null` when there is
   * nothing to cover. Istanbul writes `"pct": "Unknown"` (or 100) for an
   * empty total; neither 0 nor 100 is true, so an absence of code never
   * passes or fails a gate by itself. Thresholds are held to the exact ratio
   * of the counts instead.
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

export const countOf = (covered: number, total: number): CoverageCount => ({ covered, total, pct: percentOf(covered, total) });
export const emptyCounts = (): CoverageCounts => ({ lines: countOf(0, 0), branches: countOf(0, 0), functions: countOf(0, 0), statements: countOf(0, 0) });

/** Adds counts up (several reports, or files into totals); percentages are recomputed from the sums. */
export function sumCounts(all: readonly CoverageCounts[]): CoverageCounts {
  const sums = emptyCounts();
  for (const kind of COVERAGE_KINDS) {
    const covered = all.reduce((sum, counts) => sum + counts[kind].covered, 0);
    const total = all.reduce((sum, counts) => sum + counts[kind].total, 0);
    sums[kind] = countOf(covered, total);
  }
  return sums;
}

/** A whole number ≥ 0, as every coverage count is. */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
