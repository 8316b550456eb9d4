import path from 'node:path';
import type { AnalysisConfig } from '../../engine/analysis/config.js';
import { fileSource } from '../../sources/metrics/file.js';
import type { Variant } from '../../sources/metrics/metric-source.js';
import type { LoadedAnalysis } from '../shared/metric-samples.js';
import { FileStreamReader } from './file-stream-reader.js';
import { type SampleReader, needsBaseline } from './metric-read.js';
import { LatestIntervalReader } from './query-reader.js';

export { type MetricPoll, type MetricRead, type SampleReader, needsBaseline } from './metric-read.js';

/**
 * The samples each poll of a watch adds, per metric, oldest first (breach
 * rules count samples, not polls):
 * - `file` source: the document is a stream (`file-stream-reader.ts`);
 * - query sources (Prometheus, Datadog, http-json): each poll reads the last
 *   interval, one sample per step of the source (`query-reader.ts`).
 */
export interface ReaderContext {
  workspace: string;
  /** The watch's poll spacing: the window of a query source's read. */
  intervalMs: number;
  /** The release under watch, for `{{version}}` in queries. */
  version: string;
  /** `stable-version`: `{{version}}` in the baseline's reads, so a baseline never reads the watched release itself. */
  stableVersion?: string;
}

export function createSampleReader(loaded: LoadedAnalysis, context: ReaderContext): SampleReader {
  const file = fileSource.schema.safeParse(loaded.config.source);
  if (loaded.source.kind === 'file' && file.success) return new FileStreamReader(loaded.config, path.resolve(context.workspace, file.data.path), file.data.path);
  return new LatestIntervalReader(loaded, context.intervalMs, { canary: context.version, ...(context.stableVersion ? { baseline: context.stableVersion } : {}) }, watchedVariant(loaded.config));
}

const VARIANT_PLACEHOLDER = /\{\{\s*variant\s*\}\}/;

/**
 * Which variant a query source's reads of the watched release ask for:
 * `canary` when versions are told apart (a baseline is compared, or a query
 * names `{{variant}}`, as canary-promote's analysis files do), else the one
 * live version.
 */
export function watchedVariant(config: AnalysisConfig): Variant | null {
  const mentions = VARIANT_PLACEHOLDER.test(JSON.stringify(config.source) ?? '') || config.metrics.some((metric) => metric.query !== null && VARIANT_PLACEHOLDER.test(metric.query));
  return config.metrics.some(needsBaseline) || mentions ? 'canary' : null;
}
