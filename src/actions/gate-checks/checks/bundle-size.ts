import type { CheckType } from '../check-type.js';

/**
 * `bundle-size`: built files by glob, measured raw, gzip (level 9) and
 * brotli (quality 11). `path` takes one glob or folder; `files` takes a
 * list of them, where `!` excludes (`["dist/assets", "!dist/assets/*.map"]`);
 * give one of the two. `baseline` is an earlier gate-checks report: `increase` is
 * the growth of gzip bytes against the same-named check in it, and no data
 * (so `max-increase` says `nodata`) when there is no baseline to compare.
 * No size fits every project, so a check without a threshold is refused
 * when the policy loads.
 *
 * ```yaml
 * bundle: { type: bundle-size, path: "dist/assets/*.js", max-gzip-bytes: 2MB, max-increase: 20, baseline: baseline/gates-report.json }
 * ```
 */
export const bundleSizeCheck: CheckType = {
  type: 'bundle-size',
  measures: { bytes: 'bytes', 'gzip-bytes': 'bytes', 'brotli-bytes': 'bytes', files: 'count', increase: 'percent' },
  headline: 'gzip-bytes',
  keys: ['files', 'baseline'],
  // `files` may stand in for `path`; measure() asks for one of them.
  needsPath: false,
  judgement: 'thresholds',
  thresholdExample: 'max-gzip-bytes: 500KB',
  // Loaded on use, so a policy without a bundle-size check never loads the file measuring.
  measure: async (spec, environment) => (await import('./bundle-size-measure.js')).measureBundle(spec, environment),
};
