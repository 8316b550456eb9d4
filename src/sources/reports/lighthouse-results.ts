import { stat } from 'node:fs/promises';
import path from 'node:path';
import { escapePath, isDynamicPattern } from 'tinyglobby';
import { type Result, ok } from '../../engine/result.js';
import { findFiles, readText, resolveReadPath } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { parseJsonEvidence } from './json-evidence.js';
import { LIGHTHOUSE_MEASURES } from './lighthouse-measures.js';
import { lhrValues } from './lhr-values.js';
import { shownName } from './shown-name.js';

/**
 * Lighthouse results (LHR JSON, as `lighthouse --output=json` and LHCI's
 * `.lighthouseci/lhr-*.json` hold them), grouped by URL and taken at the
 * median of several runs, since one run's scores vary too much to gate on
 * (treosh/lighthouse-ci-action#14, #65). Values are validated
 * (`lhr-values.ts`): a score outside 0–1, a negative timing or byte weight,
 * or a non-finite number anywhere in an LHR makes it malformed. Only
 * `readLighthouseRuns` touches files; the grouping and median functions are
 * pure, for the lighthouse-budget action to reuse.
 */

// The table lives apart so gate-checks can describe its lighthouse check without loading these readers.
export { LIGHTHOUSE_MEASURES, type LighthouseMeasureSource } from './lighthouse-measures.js';
export type LighthouseMeasure = keyof typeof LIGHTHOUSE_MEASURES;
export type LighthouseValues = Record<LighthouseMeasure, number | null>;
const MEASURE_NAMES = Object.keys(LIGHTHOUSE_MEASURES) as LighthouseMeasure[];

/** One Lighthouse run. */
export interface LighthouseRun {
  file: string;
  /** The page the run measured: `finalDisplayedUrl`, else `finalUrl`, else `requestedUrl`. */
  url: string;
  lighthouseVersion: string;
  fetchTime: string | null;
  /** Set when Lighthouse could not load the page; such a run has no values. */
  runtimeError: { code: string; message: string } | null;
  values: LighthouseValues;
}

/** Several runs of one URL, at their median. */
export interface UrlSummary {
  url: string;
  runs: number;
  medians: LighthouseValues;
  spread: Record<LighthouseMeasure, { min: number; max: number } | null>;
}

export interface LighthouseSummary {
  urls: UrlSummary[];
  /** Runs with a runtimeError, left out of every median. */
  failed: LighthouseRun[];
  /** URLs whose every run failed. */
  unmeasured: string[];
  /** Per measure, the worst URL's median (lowest score, highest timing). */
  worst: LighthouseValues;
}

/** Whether a parsed document is an LHR (and not LHCI's assertion-results, links or flags). */
export function isLhr(doc: unknown): doc is Record<string, unknown> {
  return isRecord(doc) && typeof doc.lighthouseVersion === 'string' && (isRecord(doc.audits) || isRecord(doc.runtimeError));
}

/** Reads one parsed LHR; `file` names it in messages. Values out of their range are `malformed`, naming the field. */
export function runFromLhr(doc: unknown, file: string): Result<LighthouseRun, SourceFault> {
  if (!isLhr(doc)) return fault('malformed', `${file} is not a Lighthouse result (no lighthouseVersion and audits)`);
  const values = lhrValues(doc, LIGHTHOUSE_MEASURES);
  if (!values.ok) return fault('malformed', `${file}: ${values.error}`);
  const error = isRecord(doc.runtimeError) ? doc.runtimeError : null;
  const requested = stringOr(doc.requestedUrl);
  // A failed run's final URL is Chrome's error page (chrome-error://chromewebdata/); name the requested one.
  const url = error ? (requested ?? stringOr(doc.finalUrl)) : (stringOr(doc.finalDisplayedUrl) ?? stringOr(doc.finalUrl) ?? requested);
  if (!url) return fault('malformed', `${file} has no finalDisplayedUrl, finalUrl or requestedUrl`);
  return ok({
    file,
    url,
    lighthouseVersion: doc.lighthouseVersion as string,
    fetchTime: stringOr(doc.fetchTime),
    // The code is a name shown in messages; the message stays in the evidence.
    runtimeError: error ? { code: shownName(stringOr(error.code) ?? 'UNKNOWN'), message: stringOr(error.message) ?? '' } : null,
    values: error ? emptyValues() : values.value,
  });
}

/** The median as LHCI's `median` aggregation takes it: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor((sorted.length - 1) / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle]! + sorted[middle + 1]!) / 2;
}

/** Runs grouped by URL, in the order URLs first appear. */
export function groupByUrl(runs: readonly LighthouseRun[]): Map<string, LighthouseRun[]> {
  const groups = new Map<string, LighthouseRun[]>();
  for (const run of runs) groups.set(run.url, [...(groups.get(run.url) ?? []), run]);
  return groups;
}

/** The medians and spread of one URL's successful runs; a value missing from some runs is taken over the others. */
export function summarizeUrl(url: string, runs: readonly LighthouseRun[]): UrlSummary {
  const medians = emptyValues();
  const spread = Object.fromEntries(MEASURE_NAMES.map((m) => [m, null])) as UrlSummary['spread'];
  for (const measure of MEASURE_NAMES) {
    const values = runs.map((run) => run.values[measure]).filter((value): value is number => value !== null);
    medians[measure] = median(values);
    if (values.length > 0) spread[measure] = { min: Math.min(...values), max: Math.max(...values) };
  }
  return { url, runs: runs.length, medians, spread };
}

/**
 * Per measure, the worst URL's median. A URL without the value makes the
 * measure unknown (null), so a gate never passes on the pages that happened
 * to report it.
 */
export function worstAcross(urls: readonly UrlSummary[]): LighthouseValues {
  const worst = emptyValues();
  for (const measure of MEASURE_NAMES) {
    const medians = urls.map((u) => u.medians[measure]);
    if (medians.length === 0 || medians.some((m) => m === null)) continue;
    const known = medians as number[];
    worst[measure] = LIGHTHOUSE_MEASURES[measure].worse === 'lower' ? Math.min(...known) : Math.max(...known);
  }
  return worst;
}

/** Summarizes runs per URL. Every run failing is a fault naming the error codes, never an empty pass. */
export function summarizeRuns(runs: readonly LighthouseRun[]): Result<LighthouseSummary, SourceFault> {
  const failed = runs.filter((run) => run.runtimeError !== null);
  const measured = runs.filter((run) => run.runtimeError === null);
  if (measured.length === 0) {
    const codes = [...new Set(failed.map((run) => `${run.runtimeError?.code} (${shownName(run.url)})`))].join(', ');
    return fault('provider', `every Lighthouse run failed: ${codes || 'no runs'}`);
  }
  const urls = [...groupByUrl(measured)].map(([url, group]) => summarizeUrl(url, group));
  const unmeasured = [...new Set(failed.map((run) => run.url))].filter((url) => !urls.some((u) => u.url === url));
  return ok({ urls, failed, unmeasured, worst: worstAcross(urls) });
}

function emptyValues(): LighthouseValues {
  return Object.fromEntries(MEASURE_NAMES.map((m) => [m, null])) as LighthouseValues;
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** LHCI's name for saved runs (`lhr-<time>.json`) and the Lighthouse CLI's default (`*.report.json`). */
const LHR_NAME = /(^|[\\/])lhr-[^\\/]*\.json$|\.report\.json$/;

/**
 * The runs in a file, a folder (such as `.lighthouseci/`) or a glob. In a
 * folder or glob, JSON that is not an LHR (LHCI's assertion-results.json,
 * links.json, flags-*.json) is skipped and listed; a file that looks like an
 * LHR but does not parse is malformed, never skipped.
 */
export async function readLighthouseRuns(pattern: string, cwd: string): Promise<Result<{ runs: LighthouseRun[]; skipped: string[] }, SourceFault>> {
  const read = await readLighthouseResults(pattern, cwd);
  return read.ok ? ok({ runs: read.value.results.map((result) => result.run), skipped: read.value.skipped }) : read;
}

/** One run with the parsed LHR it came from (lighthouse-budget hands the LHRs to LHCI's assertions). */
export interface LighthouseResult {
  run: LighthouseRun;
  lhr: Record<string, unknown>;
}

/** As readLighthouseRuns, keeping each parsed LHR beside its run. */
export async function readLighthouseResults(pattern: string, cwd: string): Promise<Result<{ results: LighthouseResult[]; skipped: string[] }, SourceFault>> {
  const listed = await listResultFiles(pattern, cwd);
  if (!listed.ok) return listed;
  const { files, isSingle } = listed.value;
  const results: LighthouseResult[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    const name = path.relative(cwd, file);
    const text = await readText(file);
    if (!text.ok) return fault(text.error.kind, text.error.message.replace(file, name));
    const mustBeLhr = isSingle || LHR_NAME.test(name) || text.value.includes('"lighthouseVersion"');
    const parsed = parseJsonEvidence(text.value, name);
    if (!parsed.ok && mustBeLhr) return parsed;
    const doc = parsed.ok ? parsed.value : undefined;
    if (!parsed.ok || (!mustBeLhr && !isLhr(doc))) {
      skipped.push(name);
      continue;
    }
    const run = runFromLhr(doc, name);
    if (!run.ok) return run;
    results.push({ run: run.value, lhr: doc as Record<string, unknown> });
  }
  if (results.length > 0) return ok({ results, skipped });
  return fault('missing', `no Lighthouse result (LHR JSON) in ${pattern}${skipped.length > 0 ? `; skipped ${skipped.join(', ')}` : ''}`);
}

async function listResultFiles(pattern: string, cwd: string): Promise<Result<{ files: string[]; isSingle: boolean }, SourceFault>> {
  if (isDynamicPattern(pattern)) {
    const found = await findFiles(pattern, cwd);
    return found.ok ? ok({ files: found.value, isSingle: false }) : found;
  }
  const inside = await resolveReadPath(pattern, cwd);
  if (!inside.ok) return inside;
  const absolute = inside.value;
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return fault('missing', `file not found: ${pattern}`);
  if (!info.isDirectory()) return ok({ files: [absolute], isSingle: true });
  // LHCI keeps its runs flat in .lighthouseci/; sub-folders are not searched. A link inside the folder cannot lead out of the roots.
  const files = await findFiles(`${escapePath(path.relative(cwd, absolute).split(path.sep).join('/') || '.')}/*.json`, cwd);
  if (!files.ok) return files.error.kind === 'missing' ? ok({ files: [], isSingle: false }) : files;
  return ok({ files: files.value, isSingle: false });
}

