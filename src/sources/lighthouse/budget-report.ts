import { type Result, ok } from '../../engine/result.js';
import type { Dimension } from '../../engine/units.js';
import { LIGHTHOUSE_MEASURES, type LighthouseMeasure, type LighthouseSummary, type UrlSummary, worstAcross } from '../reports/lighthouse-results.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * The per-URL medians and spread a lighthouse-budget report carries in each
 * check's evidence (gate-checks' `lighthouse` check accepts that report), as
 * the same summary the LHR reader makes. A URL whose runs all failed (no
 * runs) is unmeasured, as with LHRs. A report is a file anyone can write, so
 * its numbers are checked as an LHR's are: a run count that is not a whole
 * number, a median or spread outside its measure's range (a score beyond
 * 0–1, a negative timing), or a URL whose runs contradicted each other is
 * malformed evidence, naming the file, the check and the key.
 */
const MEASURES = Object.keys(LIGHTHOUSE_MEASURES) as LighthouseMeasure[];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values a measure of each dimension can take. */
const IN_RANGE: Partial<Record<Dimension, (value: number) => boolean>> = { score: (value) => value >= 0 && value <= 1 };
const inRange = (measure: LighthouseMeasure, value: number): boolean => Number.isFinite(value) && (IN_RANGE[LIGHTHOUSE_MEASURES[measure].dimension] ?? ((v: number) => v >= 0))(value);

/** One check of the report, as gate-checks' report reader gives it. */
export interface BudgetReportCheck {
  name: string;
  evidence: Record<string, unknown>;
}

export function summaryFromBudgetReport(checks: readonly BudgetReportCheck[], file: string): Result<LighthouseSummary, SourceFault> {
  const urls: UrlSummary[] = [];
  const unmeasured: string[] = [];
  for (const check of checks) {
    const { url, runs, medians, spread, contradiction } = check.evidence;
    if (typeof url !== 'string' || typeof runs !== 'number' || !isRecord(medians) || !isRecord(spread)) {
      return fault('malformed', `${file}: check \`${check.name}\` has no url, runs, medians and spread in its evidence (not a lighthouse-budget report?)`);
    }
    if (!Number.isInteger(runs) || runs < 0) return fault('malformed', `${file}: check \`${check.name}\` evidence.runs must be a whole number of runs, got ${runs}`);
    if (typeof contradiction === 'string') return fault('malformed', `${file}: check \`${check.name}\`: ${contradiction}; its medians are not evidence`);
    if (runs === 0) {
      unmeasured.push(url);
      continue;
    }
    const summary = urlSummary(url, runs, medians, spread);
    if (typeof summary === 'string') return fault('malformed', `${file}: check \`${check.name}\` ${summary}`);
    urls.push(summary);
  }
  if (urls.length === 0) return fault('provider', `every Lighthouse run failed: ${unmeasured.join(', ') || 'the report has no URL'} (${file})`);
  return ok({ urls, failed: [], unmeasured, worst: worstAcross(urls) });
}

/** The URL's summary, or what is wrong with its numbers. */
function urlSummary(url: string, runs: number, medians: Record<string, unknown>, spread: Record<string, unknown>): UrlSummary | string {
  const summary: UrlSummary = { url, runs, medians: {} as UrlSummary['medians'], spread: {} as UrlSummary['spread'] };
  for (const measure of MEASURES) {
    const value = medians[measure] ?? null;
    if (value !== null && (typeof value !== 'number' || !inRange(measure, value))) return `evidence.medians.${measure} is out of range: ${JSON.stringify(value)}`;
    summary.medians[measure] = value;
    const range = spread[measure] ?? null;
    if (range === null) {
      summary.spread[measure] = null;
      continue;
    }
    const { min, max } = isRecord(range) ? range : {};
    if (typeof min !== 'number' || typeof max !== 'number' || !inRange(measure, min) || !inRange(measure, max) || min > max) {
      return `evidence.spread.${measure} must be {min, max} within the measure's range, got ${JSON.stringify(range)}`;
    }
    summary.spread[measure] = { min, max };
  }
  return summary;
}
