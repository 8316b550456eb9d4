import { type Result, ok } from '../../../engine/result.js';
import type { MeasureTable } from '../../../engine/limits.js';
import {
  LIGHTHOUSE_MEASURES,
  type LighthouseRun,
  type LighthouseSummary,
  readLighthouseRuns,
  summarizeRuns,
} from '../../../sources/reports/lighthouse-results.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `lighthouse` (BRIEF §2): Lighthouse result JSON — one file, a folder such
 * as `.lighthouseci/`, or a glob. Runs of one URL are taken at their median
 * (LHCI's `median` aggregation); with several URLs each measure is the worst
 * URL's median, and the evidence shows every URL's medians and spread.
 * Scores are 0–1 (`min-performance: 0.9`), timings in ms
 * (`max-largest-contentful-paint: 2.5s`), `max-cumulative-layout-shift: 0.1`.
 *
 * ```yaml
 * lighthouse: { type: lighthouse, path: .lighthouseci, min-performance: 0.9, max-largest-contentful-paint: 2500 }
 * ```
 */
export const lighthouseCheck: CheckType = {
  type: 'lighthouse',
  measures: Object.fromEntries(Object.entries(LIGHTHOUSE_MEASURES).map(([measure, source]) => [measure, source.dimension])) satisfies MeasureTable,
  headline: 'performance',
  keys: [],
  needsPath: true,
  measure: measureLighthouse,
};

async function measureLighthouse(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  if (typeof spec.entry.path !== 'string') return fault('config', `check \`${spec.name}\`: \`path\` must be a file, folder or glob`);
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
    return `${url} (${codes.join(', ')})`;
  });
  return { status: 'error', message: `every run failed for ${pages.join(', ')}`, value: null, threshold: null };
}
