import type { MetricConfig } from '../../engine/analysis/config.js';
import type { VariantData } from '../../engine/judge/types.js';
import type { SourceFault } from '../../sources/source-fault.js';

/**
 * What a poll of a watch reads, per metric: the new samples, oldest first
 * (breach rules count samples, not polls), or why there are none.
 */
export interface MetricPoll {
  /** The release under watch. */
  watched: VariantData;
  /** The baseline's samples of the same intervals, read only for metrics with relative thresholds. */
  baseline: VariantData | null;
  /** Spacing of the samples, when the source knows it. */
  intervalMs: number | null;
}

export type MetricRead = { ok: true; value: MetricPoll } | { ok: false; fault: SourceFault };

export interface SampleReader {
  /** What it reads, for logs. */
  readonly where: string;
  /**
   * True for a stream of samples (the `file` source: what is present is all
   * there is to see); false for a query source, where each poll should bring
   * its interval's samples, so polls without data count against coverage.
   */
  readonly isStream: boolean;
  read(now: Date): Promise<Record<string, MetricRead>>;
}

/** Whether a metric is judged against a baseline as well (it has `max-increase` or the like). */
export const needsBaseline = (metric: MetricConfig): boolean => metric.thresholds.some((threshold) => threshold.kind === 'relative');
