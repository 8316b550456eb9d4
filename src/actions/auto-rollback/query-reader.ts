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
    /**
     * `{{version}}` per variant: the watched release for its own reads, the
     * stable one for the baseline's. A baseline read that needs
     * `{{version}}` without a stable version is a config fault: filling in
     * the watched release would compare it with itself, and no relative
     * threshold could ever fire.
     */
    private readonly versions: { canary: string; baseline?: string },
    private readonly variant: Variant | null,
  ) {
    this.where = `${loaded.source.kind} ${loaded.source.where}`;
  }

  async read(now: Date): Promise<Record<string, MetricRead>> {
    const window = { windowMs: this.intervalMs, now, version: this.versions.canary, versions: this.versions };
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

/**
 * A query source's answer that cannot be believed (a proxy's HTML page with
 * a 200, counts that do not add up) is the backend's failure, not the
 * user's document: it is read as an outage, retried at the next poll, ends
 * the watch as `backend-failed` when it lasts, and rolls back only under
 * `on-error: fail`, rather than stopping a production watch on one bad
 * answer. Only `config` faults (a mistake in the analysis) end it at once.
 */
function faultOf(input: { fault: { kind: string; message: string } } | undefined): SourceFault {
  if (!input) return { kind: 'provider', message: 'the source returned nothing for this metric' };
  const fault = input.fault as SourceFault;
  return fault.kind === 'malformed' ? { kind: 'provider', message: `the metrics backend's answer cannot be believed: ${fault.message}` } : fault;
}
