import type { VariantData } from '../../engine/judge/types.js';
import type { SourceFault } from '../../sources/source-fault.js';
import { type LoadedAnalysis, collectCanarySamples, collectLiveSamples } from '../shared/metric-samples.js';
import { type MetricRead, type SampleReader, needsBaseline } from './metric-read.js';
import type { Variant } from '../../sources/metrics/metric-source.js';

/**
 * Query sources (Prometheus, Datadog, http-json): each poll reads the last
 * interval, at the source's step. The watched release is `canary` when
 * versions are told apart (see `watchedVariant`), with the baseline beside it
 * for metrics with relative thresholds. A ratio's counts are checked (and an
 * empty numerator read as zero) where the shared collector reads them, so a
 * fault names the source and variant.
 */
export class LatestIntervalReader implements SampleReader {
  readonly where: string;
  readonly isStream = false;

  constructor(
    private readonly loaded: LoadedAnalysis,
    private readonly intervalMs: number,
    private readonly version: string,
    private readonly variant: Variant | null,
  ) {
    this.where = `${loaded.source.kind} ${loaded.source.where}`;
  }

  async read(now: Date): Promise<Record<string, MetricRead>> {
    const window = { windowMs: this.intervalMs, now, version: this.version };
    const { metrics } = this.loaded.config;
    const reads: Record<string, MetricRead> = {};
    if (metrics.some(needsBaseline)) {
      const samples = await collectCanarySamples(this.loaded, window);
      for (const metric of metrics) {
        const input = samples[metric.name];
        reads[metric.name] = !input || 'fault' in input ? { ok: false, fault: faultOf(input) } : this.poll(input.canary, needsBaseline(metric) ? input.baseline : null);
      }
      return reads;
    }
    const samples = await collectLiveSamples(this.loaded, window, this.variant);
    for (const metric of metrics) {
      const input = samples[metric.name];
      reads[metric.name] = !input || 'fault' in input ? { ok: false, fault: faultOf(input) } : this.poll(input.live, null);
    }
    return reads;
  }

  private poll(watched: VariantData, baseline: VariantData | null): MetricRead {
    return { ok: true, value: { watched, baseline, intervalMs: this.intervalMs } };
  }
}

const faultOf = (input: { fault: { kind: string; message: string } } | undefined): SourceFault =>
  input ? (input.fault as SourceFault) : { kind: 'provider', message: 'the source returned nothing for this metric' };
