import path from 'node:path';
import { type Result, ok } from '../../engine/result.js';
import { type LighthouseValues, readLighthouseResults, runFromLhr } from '../reports/lighthouse-results.js';
import type { SourceFault } from '../source-fault.js';
import type { CollectedRun, RunRole } from './collector.js';

/**
 * One Lighthouse run as lighthouse-budget judges it, whether collected now
 * or read from a results folder: the LHR for LHCI's assertions, the values
 * for medians and spread, and the failure when Lighthouse could not measure.
 */
export interface LhrRun {
  /** Names the run in messages: the file it was read from, or `run 2 of <url>`. */
  id: string;
  role: RunRole;
  requestedUrl: string;
  /** LHCI's grouping key (`finalUrl`); the requested URL for a run that failed. */
  url: string;
  lhr: Record<string, unknown> | null;
  failure: { code: string; message: string } | null;
  values: LighthouseValues | null;
  attempts: number;
}

const stringOr = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);

/**
 * A run whose LHR the shared reader accepts. One it refuses (no URL, a
 * negative timing, a score outside 0–1) is a failed run naming the reader's
 * reason, so it makes its URL an error instead of reaching LHCI's
 * assertions, which would compare whatever number it holds.
 */
function measuredRun(id: string, role: RunRole, requested: string, lhr: Record<string, unknown>, attempts: number): LhrRun {
  const run = runFromLhr(lhr, id);
  const requestedUrl = stringOr(lhr.requestedUrl, requested);
  if (!run.ok) return { id, role, requestedUrl, url: requestedUrl, lhr, failure: { code: 'MALFORMED_RESULT', message: run.error.message }, values: null, attempts };
  return { id, role, requestedUrl, url: stringOr(lhr.finalUrl, run.value.url), lhr, failure: null, values: run.value.values, attempts };
}

export function fromCollected(run: CollectedRun): LhrRun {
  const id = `run ${run.index} of ${run.url}`;
  if (run.failure === null && run.lhr !== null) return measuredRun(id, run.role, run.url, run.lhr, run.attempts);
  return { id, role: run.role, requestedUrl: run.url, url: run.url, lhr: run.lhr, failure: run.failure, values: null, attempts: run.attempts };
}

/**
 * The runs in a results folder (`.lighthouseci/`, Lighthouse CLI
 * `*.report.json`) or file, named relative to the workspace. An LHR that
 * carries a runtimeError is a failed run of its requested URL.
 */
export async function readResultRuns(pattern: string, workspace: string, role: RunRole): Promise<Result<{ runs: LhrRun[]; skipped: string[] }, SourceFault>> {
  const read = await readLighthouseResults(pattern, workspace);
  if (!read.ok) return read;
  const runs = read.value.results.map(({ run, lhr }): LhrRun => {
    const id = path.isAbsolute(run.file) ? run.file : run.file.split(path.sep).join('/');
    if (run.runtimeError === null) return measuredRun(id, role, run.url, lhr, 1);
    return { id, role, requestedUrl: run.url, url: run.url, lhr, failure: run.runtimeError, values: null, attempts: 1 };
  });
  return ok({ runs, skipped: read.value.skipped });
}
