import { type Result, ok } from '../../engine/result.js';
import { LIGHTHOUSE_MEASURES, type LighthouseMeasure, type LighthouseSummary, type UrlSummary, worstAcross } from '../reports/lighthouse-results.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * The per-URL medians and spread a lighthouse-budget report carries in each
 * check's evidence (BRIEF §2: gate-checks' `lighthouse` check accepts that
 * report), as the same summary the LHR reader makes. A URL whose runs all
 * failed (no runs) is unmeasured, as with LHRs.
 */
const MEASURES = Object.keys(LIGHTHOUSE_MEASURES) as LighthouseMeasure[];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function summaryFromBudgetReport(checks: readonly { name: string; evidence: Record<string, unknown> }[], file: string): Result<LighthouseSummary, SourceFault> {
  const urls: UrlSummary[] = [];
  const unmeasured: string[] = [];
  for (const check of checks) {
    const { url, runs, medians, spread } = check.evidence;
    if (typeof url !== 'string' || typeof runs !== 'number' || !isRecord(medians) || !isRecord(spread)) {
      return fault('malformed', `${file}: check \`${check.name}\` has no url, runs, medians and spread in its evidence (not a lighthouse-budget report?)`);
    }
    if (runs === 0) unmeasured.push(url);
    else urls.push(urlSummary(url, runs, medians, spread));
  }
  if (urls.length === 0) return fault('provider', `every Lighthouse run failed: ${unmeasured.join(', ') || 'the report has no URL'} (${file})`);
  return ok({ urls, failed: [], unmeasured, worst: worstAcross(urls) });
}

function urlSummary(url: string, runs: number, medians: Record<string, unknown>, spread: Record<string, unknown>): UrlSummary {
  const summary: UrlSummary = { url, runs, medians: {} as UrlSummary['medians'], spread: {} as UrlSummary['spread'] };
  for (const measure of MEASURES) {
    const value = medians[measure];
    summary.medians[measure] = typeof value === 'number' && Number.isFinite(value) ? value : null;
    const range = spread[measure];
    summary.spread[measure] = isRecord(range) && typeof range.min === 'number' && typeof range.max === 'number' ? { min: range.min, max: range.max } : null;
  }
  return summary;
}
