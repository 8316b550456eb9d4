import { fraction } from '../../../engine/exact.js';
import { type Result, ok } from '../../../engine/result.js';
import { type BaselineSize, type FileSizes, largestFiles, measureFiles, percentIncrease, readBaseline, totalSizes } from '../../../sources/bundle-sizes.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';

// Measures `bundle-size` checks; `bundle-size.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

/** How many of the largest files the evidence lists. */
const LARGEST_SHOWN = 20;

export async function measureBundle(spec: CheckSpec, environment: CheckEnvironment): Promise<Result<Measured, SourceFault>> {
  const patterns = patternsOf(spec);
  if (!patterns.ok) return patterns;
  const baselinePath = spec.entry.baseline;
  if (baselinePath !== undefined && (typeof baselinePath !== 'string' || baselinePath.trim() === '')) {
    return fault('config', `check \`${spec.name}\`: \`baseline\` must be the path of an earlier gate-checks report`);
  }
  const files = await measureFiles(patterns.value, environment.workspace);
  if (!files.ok) return files;
  let baseline: BaselineSize = { gzipBytes: null, reason: 'no `baseline` report set' };
  if (typeof baselinePath === 'string') {
    const read = await readBaseline(baselinePath, environment.workspace, spec.name);
    if (!read.ok) return read;
    baseline = read.value;
  }
  return ok(toMeasured(files.value, patterns.value, typeof baselinePath === 'string' ? baselinePath : null, baseline));
}

function patternsOf(spec: CheckSpec): Result<string[], SourceFault> {
  const { path, files } = spec.entry;
  const isGlobList = Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === 'string' && f.trim() !== '');
  if (path !== undefined && files !== undefined) return fault('config', `check \`${spec.name}\`: give \`path\` (one glob) or \`files\` (a list of globs), not both`);
  if (typeof path === 'string' && path.trim() !== '') return ok([path]);
  if (isGlobList) return ok(files as string[]);
  return fault('config', `check \`${spec.name}\`: set \`path\` to a glob such as "dist/**/*.js", or \`files\` to a list of globs`);
}

function toMeasured(files: FileSizes[], patterns: string[], baselinePath: string | null, baseline: BaselineSize): Measured {
  const total = totalSizes(files);
  const increase = baseline.gzipBytes === null ? null : percentIncrease(total.gzipBytes, baseline.gzipBytes);
  const reason = baseline.reason ?? (increase === null ? 'the baseline measured 0 gzip bytes; no growth rate from zero' : null);
  return {
    measurements: { bytes: total.bytes, 'gzip-bytes': total.gzipBytes, 'brotli-bytes': total.brotliBytes, files: files.length, increase },
    // Growth of whole byte counts, exactly: +20% is 20, not 19.999999999999996.
    exact: increase === null || baseline.gzipBytes === null ? {} : { increase: fraction((total.gzipBytes - baseline.gzipBytes) * 100, baseline.gzipBytes) },
    samples: files.length,
    evidence: {
      patterns,
      compression: 'per file with node:zlib: gzip level 9, brotli quality 11',
      largest: largestFiles(files, LARGEST_SHOWN),
      baseline: { path: baselinePath, gzipBytes: baseline.gzipBytes, ...(reason ? { reason } : {}) },
    },
  };
}
