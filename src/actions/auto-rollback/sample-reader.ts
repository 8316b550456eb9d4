import path from 'node:path';
import type { AnalysisConfig, MetricConfig } from '../../engine/analysis/config.js';
import type { VariantData } from '../../engine/judge/types.js';
import { readJson } from '../../sources/files.js';
import { fileSource, parseSampleDocument } from '../../sources/metrics/file.js';
import type { Variant } from '../../sources/metrics/metric-source.js';
import type { SourceFault } from '../../sources/source-fault.js';
import { type LoadedAnalysis, collectCanarySamples, collectLiveSamples } from '../shared/metric-samples.js';

/**
 * The samples each poll of a watch adds, per metric, oldest first (issue 5:
 * breach rules count samples, not polls).
 * - `file` source: the document's series are the stream (the flat document,
 *   or `canary` when split, with `baseline` beside it). Each poll re-reads
 *   the file and takes the samples it has not seen (a cursor per metric), so
 *   the first poll takes all present and a writer may append while we watch.
 * - Query sources (Prometheus, Datadog, http-json): each poll reads the last
 *   interval, one sample per metric at the source's step.
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
  read(now: Date): Promise<Record<string, MetricRead>>;
}

export interface ReaderContext {
  workspace: string;
  /** The watch's poll spacing: the window of a query source's read. */
  intervalMs: number;
  /** The release under watch, for `{{version}}` in queries. */
  version: string;
}

/** Whether a metric is judged against a baseline as well (it has `max-increase` or the like). */
export const needsBaseline = (metric: MetricConfig): boolean => metric.thresholds.some((threshold) => threshold.kind === 'relative');

export function createSampleReader(loaded: LoadedAnalysis, context: ReaderContext): SampleReader {
  const file = fileSource.schema.safeParse(loaded.config.source);
  if (loaded.source.kind === 'file' && file.success) return new FileStreamReader(loaded.config, path.resolve(context.workspace, file.data.path), file.data.path);
  return new LatestIntervalReader(loaded, context.intervalMs, context.version);
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

class LatestIntervalReader implements SampleReader {
  readonly where: string;

  constructor(
    private readonly loaded: LoadedAnalysis,
    private readonly intervalMs: number,
    private readonly version: string,
  ) {
    this.where = `${loaded.source.kind} ${loaded.source.where}`;
  }

  async read(now: Date): Promise<Record<string, MetricRead>> {
    const window = { windowMs: this.intervalMs, now, version: this.version };
    const reads: Record<string, MetricRead> = {};
    if (this.loaded.config.metrics.some(needsBaseline)) {
      const samples = await collectCanarySamples(this.loaded, window);
      for (const metric of this.loaded.config.metrics) {
        const input = samples[metric.name];
        if (!input || 'fault' in input) reads[metric.name] = { ok: false, fault: faultOf(input) };
        else reads[metric.name] = { ok: true, value: { watched: input.canary, baseline: needsBaseline(metric) ? input.baseline : null, intervalMs: this.intervalMs } };
      }
      return reads;
    }
    const samples = await collectLiveSamples(this.loaded, window, watchedVariant(this.loaded.config));
    for (const metric of this.loaded.config.metrics) {
      const input = samples[metric.name];
      reads[metric.name] = !input || 'fault' in input ? { ok: false, fault: faultOf(input) } : { ok: true, value: { watched: input.live, baseline: null, intervalMs: this.intervalMs } };
    }
    return reads;
  }
}

const faultOf = (input: { fault: { kind: string; message: string } } | undefined): SourceFault =>
  input ? (input.fault as SourceFault) : { kind: 'provider', message: 'the source returned nothing for this metric' };

type Sections = Partial<Record<'baseline' | 'canary' | 'live', Record<string, number[]>>>;

class FileStreamReader implements SampleReader {
  readonly where: string;
  /** Samples already taken, per metric and role. */
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly config: AnalysisConfig,
    private readonly file: string,
    private readonly shown: string,
  ) {
    this.where = `file ${shown}`;
  }

  async read(): Promise<Record<string, MetricRead>> {
    const document = await this.load();
    const reads: Record<string, MetricRead> = {};
    for (const metric of this.config.metrics) {
      reads[metric.name] = document.ok ? this.readMetric(metric, document.value.sections, document.value.intervalMs) : { ok: false, fault: document.error };
    }
    return reads;
  }

  private async load(): Promise<{ ok: true; value: { sections: Sections; intervalMs: number } } | { ok: false; error: SourceFault }> {
    const json = await readJson(this.file);
    if (!json.ok) return json.error.kind === 'missing' ? { ok: false, error: { kind: 'missing', message: `metrics file not found: ${this.shown}` } } : json;
    return parseSampleDocument(json.value, this.shown);
  }

  private readMetric(metric: MetricConfig, sections: Sections, intervalMs: number): MetricRead {
    const watchedSection = sections.live ?? sections.canary;
    if (!watchedSection) return configFault(`${this.shown} has no \`canary\` section to watch (a split document needs one; a flat one holds the live version's series)`);
    const watched = takeNew(this.cursors, `${metric.name}:watched`, watchedSection, metric, this.shown);
    if (!watched.ok) return watched;
    if (!needsBaseline(metric)) return { ok: true, value: { watched: watched.value, baseline: null, intervalMs } };
    if (!sections.baseline) return configFault(`${this.shown} has no \`baseline\` section, but metric \`${metric.name}\` has a relative threshold`);
    const baseline = takeNew(this.cursors, `${metric.name}:baseline`, sections.baseline, metric, this.shown);
    if (!baseline.ok) return baseline;
    return { ok: true, value: { watched: watched.value, baseline: baseline.value, intervalMs } };
  }
}

const configFault = (message: string): { ok: false; fault: SourceFault } => ({ ok: false, fault: { kind: 'config', message } });

/** The samples after the cursor; a ratio advances by whole pairs, so a half-written pair waits for the next poll. */
function takeNew(cursors: Map<string, number>, key: string, section: Record<string, number[]>, metric: MetricConfig, where: string): { ok: true; value: VariantData } | { ok: false; fault: SourceFault } {
  const names = metric.measure.kind === 'ratio' ? [metric.measure.numerator, metric.measure.denominator] : [metric.measure.series];
  const missing = names.find((name) => section[name] === undefined);
  if (missing !== undefined) return configFault(`${where} has no series \`${missing}\` for metric \`${metric.name}\`; it has ${Object.keys(section).join(', ') || 'none'}`);
  const series = names.map((name) => section[name]!);
  const length = Math.min(...series.map((values) => values.length));
  const from = Math.min(cursors.get(key) ?? 0, length);
  cursors.set(key, length);
  const fresh = series.map((values) => values.slice(from, length));
  return { ok: true, value: metric.measure.kind === 'ratio' ? { numerator: fresh[0]!, denominator: fresh[1]! } : fresh[0]! };
}
