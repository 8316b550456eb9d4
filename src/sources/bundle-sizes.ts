import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { glob, isDynamicPattern } from 'tinyglobby';
import { type Result, err, messageOf, ok } from '../engine/result.js';
import { readText, resolveReadPath } from './files.js';
import { parseJsonEvidence } from './reports/json-evidence.js';
import { shownName } from './reports/shown-name.js';
import { type SourceFault, fault } from './source-fault.js';

/**
 * Sizes of built files, raw and compressed as a CDN would serve them: gzip
 * at level 9 and brotli at quality 11, the maximum settings (size-limit and
 * bundlesize measure the same way). Compression is per file, since each file
 * is served on its own. Size arithmetic and the baseline lookup are pure;
 * only `measureFiles` and `readBaseline` touch the disk.
 */
export interface Sizes {
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface FileSizes extends Sizes {
  /** Relative to the workspace. */
  file: string;
}

/** The three sizes of some content. */
export function sizesOf(content: Uint8Array): Sizes {
  const brotli = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.byteLength,
    },
  });
  return { bytes: content.byteLength, gzipBytes: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).byteLength, brotliBytes: brotli.byteLength };
}

/** The sums over files. */
export function totalSizes(files: readonly Sizes[]): Sizes {
  return files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzipBytes: sum.gzipBytes + f.gzipBytes, brotliBytes: sum.brotliBytes + f.brotliBytes }), {
    bytes: 0,
    gzipBytes: 0,
    brotliBytes: 0,
  });
}

/** The largest files by gzip size (what is gated), raw size breaking ties. */
export function largestFiles(files: readonly FileSizes[], limit = 20): FileSizes[] {
  return [...files].sort((a, b) => b.gzipBytes - a.gzipBytes || b.bytes - a.bytes || a.file.localeCompare(b.file)).slice(0, limit);
}

/** Growth in percent; `null` when there is nothing to grow from. */
export function percentIncrease(current: number, baseline: number): number | null {
  if (!(baseline > 0)) return null;
  return ((current - baseline) / baseline) * 100;
}

/** What the baseline report said, or why it said nothing. */
export interface BaselineSize {
  gzipBytes: number | null;
  /** Set when `gzipBytes` is null. */
  reason: string | null;
}

/**
 * The gzip bytes an earlier gate-checks report (`report/model.ts`) measured
 * for the bundle-size check of the same name. A report without that check,
 * or whose check measured nothing, is no data, not an error: the check may
 * be new. A document that is not a rollout-guard report, or a size that is
 * not a whole number of bytes ≥ 0, is an error: growth from a negative or
 * made-up baseline would pass any `max-increase`.
 */
export function baselineGzipBytes(doc: unknown, checkName: string, name: string): Result<BaselineSize, string> {
  if (!isRecord(doc) || !Array.isArray(doc.checks)) return err(`${name} is not a rollout-guard report (no \`checks\` list)`);
  const check = doc.checks.find((c): c is Record<string, unknown> => isRecord(c) && c.name === checkName && c.type === 'bundle-size');
  const shown = JSON.stringify(shownName(checkName));
  if (!check) return ok({ gzipBytes: null, reason: `${name} has no bundle-size check named ${shown}` });
  const evidence = isRecord(check.evidence) ? check.evidence : {};
  const measurements = isRecord(evidence.measurements) ? evidence.measurements : {};
  const value = measurements['gzip-bytes'];
  if (value === undefined || value === null) return ok({ gzipBytes: null, reason: `${name}: check ${shown} has no gzip-bytes measurement` });
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return err(`${name}: check ${shown} has a gzip-bytes measurement that is not a whole number of bytes ≥ 0`);
  }
  return ok({ gzipBytes: value, reason: null });
}

/** Reads the baseline report; a missing file is no data (the first run has none), an unreadable one a fault. */
export async function readBaseline(file: string, cwd: string, checkName: string): Promise<Result<BaselineSize, SourceFault>> {
  const text = await readText(path.resolve(cwd, file));
  if (!text.ok) return text.error.kind === 'missing' ? ok({ gzipBytes: null, reason: `baseline report not found: ${file}` }) : text;
  const doc = parseJsonEvidence(text.value, `baseline ${file}`);
  if (!doc.ok) return doc;
  const size = baselineGzipBytes(doc.value, checkName, file);
  return size.ok ? size : fault('malformed', `baseline ${size.error}`);
}

/**
 * Sizes of the files matching some globs (`!` excludes). A plain folder
 * name means everything under it. Matching nothing is `missing`: a gate on
 * an empty build must not pass.
 */
export async function measureFiles(patterns: readonly string[], cwd: string): Promise<Result<FileSizes[], SourceFault>> {
  const expanded = await Promise.all(patterns.map((pattern) => expandFolder(pattern, cwd)));
  const matches = await glob(expanded, { cwd, absolute: true, onlyFiles: true, dot: true });
  if (matches.length === 0) return fault('missing', `no file matches ${patterns.join(', ')}`);
  const sizes: FileSizes[] = [];
  for (const absolute of matches.sort()) {
    const file = path.relative(cwd, absolute);
    const inside = await resolveReadPath(file, cwd);
    if (!inside.ok) return inside;
    try {
      sizes.push({ file, ...sizesOf(await readFile(absolute)) });
    } catch (thrown) {
      return fault('malformed', `cannot read ${file}: ${messageOf(thrown)}`);
    }
  }
  return ok(sizes);
}

async function expandFolder(pattern: string, cwd: string): Promise<string> {
  if (pattern.startsWith('!') || isDynamicPattern(pattern)) return pattern;
  const info = await stat(path.resolve(cwd, pattern)).catch(() => undefined);
  return info?.isDirectory() ? `${pattern.replace(/\/+$/, '')}/**` : pattern;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
