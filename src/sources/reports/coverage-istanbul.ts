import { abs, compare, fraction, fromNumber, subtract } from '../../engine/exact.js';
import { type Result, err, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type CoverageCount, type CoverageCounts, type CoverageReport, type FileCoverage, COVERAGE_KINDS, emptyCounts, isCount, percentOf, sumCounts } from './coverage-counts.js';
import { shownName } from './shown-name.js';

/**
 * Istanbul's `coverage-summary.json` (the `json-summary` reporter of nyc,
 * Jest, Vitest, c8): `total` plus one entry per file, each with `covered`,
 * `total` and `pct` per kind. The counts are validated, not trusted: whole
 * numbers ≥ 0 with `covered` ≤ `total`; a written `pct` that disagrees with
 * them beyond istanbul's two-decimal rounding, or a `total` that is not the
 * sum of the files listed (istanbul computes it so), is malformed.
 */
export function parseIstanbulSummary(doc: unknown, name: string): Result<CoverageReport, SourceFault> {
  if (!isRecord(doc)) return fault('malformed', `${name} is not a coverage-summary.json object`);
  if (Object.values(doc).some((entry) => isRecord(entry) && 'statementMap' in entry)) {
    return fault('malformed', `${name} is istanbul's coverage-final.json; use the json-summary reporter's coverage-summary.json`);
  }
  if (!hasKinds(doc.total)) return fault('malformed', `${name} has no \`total\` with lines, statements, functions and branches`);
  const totals = summaryCounts(doc.total, 'total');
  if (!totals.ok) return fault('malformed', `${name}: ${totals.error}`);
  const files: FileCoverage[] = [];
  for (const [file, entry] of Object.entries(doc)) {
    if (file === 'total') continue;
    const shown = JSON.stringify(shownName(file));
    if (!hasKinds(entry)) return fault('malformed', `${name}: entry ${shown} lacks lines, statements, functions or branches`);
    const counts = summaryCounts(entry, `entry ${shown}`);
    if (!counts.ok) return fault('malformed', `${name}: ${counts.error}`);
    files.push({ file, counts: counts.value });
  }
  const disagreement = files.length === 0 ? null : totalsDisagreement(totals.value, sumCounts(files.map((f) => f.counts)));
  if (disagreement) return fault('malformed', `${name}: ${disagreement}; the summary was edited or merged by hand`);
  return ok({ format: 'istanbul-summary', totals: totals.value, files, notes: [] });
}

function hasKinds(entry: unknown): entry is Record<string, unknown> {
  return isRecord(entry) && COVERAGE_KINDS.every((kind) => isRecord(entry[kind]));
}

/** One entry's counts, or what is wrong with them, naming the field. */
function summaryCounts(entry: Record<string, unknown>, where: string): Result<CoverageCounts> {
  const counts = emptyCounts();
  for (const kind of COVERAGE_KINDS) {
    const item = entry[kind] as Record<string, unknown>;
    const field = `${where}.${kind}`;
    for (const part of ['total', 'covered'] as const) {
      if (!isCount(item[part])) return err(`${field}.${part} is not a whole number ≥ 0`);
    }
    const count = checkedCount(item.covered as number, item.total as number, item.pct, field);
    if (!count.ok) return count;
    counts[kind] = count.value;
  }
  return ok(counts);
}

/** Istanbul rounds down to two decimals; a written pct further than that from the counts' ratio is not theirs. */
const ROUNDING = fraction(1, 100);

function checkedCount(covered: number, total: number, pct: unknown, field: string): Result<CoverageCount> {
  if (covered > total) return err(`${field} has covered ${covered} > total ${total}`);
  if (total === 0) {
    // Nothing to cover: istanbul writes "Unknown" (or 100); whatever it says, there is no percentage.
    const isEmptyPct = pct === undefined || pct === 'Unknown' || (typeof pct === 'number' && pct >= 0 && pct <= 100);
    return isEmptyPct ? ok({ covered, total, pct: null }) : err(`${field}.pct is neither a number from 0 to 100 nor "Unknown"`);
  }
  if (pct !== undefined) {
    if (typeof pct !== 'number' || !Number.isFinite(pct)) return err(`${field}.pct is not a number, though ${total} items were counted`);
    const ratio = fraction(covered * 100, total);
    if (compare(abs(subtract(fromNumber(pct), ratio)), ROUNDING) >= 0) {
      return err(`${field}.pct ${pct} disagrees with covered ${covered} of total ${total} (${percentOf(covered, total)}%)`);
    }
  }
  return ok({ covered, total, pct: percentOf(covered, total) });
}

/** Where `total` is not the sum of the files, or `null`. */
function totalsDisagreement(totals: CoverageCounts, summed: CoverageCounts): string | null {
  const kind = COVERAGE_KINDS.find((k) => totals[k].covered !== summed[k].covered || totals[k].total !== summed[k].total);
  if (kind === undefined) return null;
  return `total.${kind} says ${totals[kind].covered} of ${totals[kind].total} but its files add up to ${summed[kind].covered} of ${summed[kind].total}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
