import path from 'node:path';
import type { AnalysisConfig, MetricConfig } from '../../engine/analysis/config.js';
import { type ParseOptions, parseAnalysis } from '../../engine/analysis/parse-analysis.js';
import type { CanaryInput, CanarySamples, LiveInput, LiveSamples, VariantData } from '../../engine/judge/types.js';
import { checkRatioCounts, fillEmptyNumerator } from '../../engine/judge/transform.js';
import { ConfigError } from '../../engine/result.js';
import type { MetricQuery, MetricSource, SourceContext, Variant } from '../../sources/metrics/metric-source.js';
import { readText } from '../../sources/files.js';
import { createMetricSource } from '../../sources/metrics/registry.js';
import type { SourceFault } from '../../sources/source-fault.js';

/**
 * The I/O half of judging (canary-promote and auto-rollback share it): read
 * the analysis file, build its metric source, and ask the source for each
 * metric's samples. A fault reading one metric is kept on that metric, so the
 * judge classifies it (`error`, then `on-error`) while the others are judged.
 */
export interface LoadedAnalysis {
  config: AnalysisConfig;
  source: MetricSource;
}

/** Reads and validates the analysis file and its `source`; any mistake is a ConfigError naming the file and key. */
export async function loadAnalysis(file: string, workspace: string, env: SourceContext['env'], mode: ParseOptions['mode'] = 'canary', absoluteRequired = false): Promise<LoadedAnalysis> {
  // Read as evidence is: inside the workspace or the runner's temp folder only.
  const absolute = path.resolve(workspace, file);
  const text = await readText(absolute);
  if (!text.ok) throw new ConfigError(text.error.kind === 'missing' ? `analysis file not found: ${file} (input \`analysis\`)` : `${text.error.message.replace(absolute, file)} (input \`analysis\`)`);
  const parsed = parseAnalysis(text.value, { file, mode, absoluteRequired });
  if (!parsed.ok) throw parsed.error;
  // Relative paths inside the analysis (a `file` source's path) resolve against the workspace, as every other path does.
  const source = createMetricSource(parsed.value.source, { workspace, env });
  if (!source.ok) throw new ConfigError(`${file}: ${source.error.message}`);
  const histogram = parsed.value.metrics.find((metric) => metric.measure.kind === 'histogram');
  if (histogram && !source.value.queryHistogram) throw new ConfigError(`${file}: metrics.${histogram.name}.histogram: ${cannotReadBuckets(source.value)}`);
  return { config: parsed.value, source: source.value };
}

export interface SampleWindow {
  windowMs: number;
  now: Date;
  /** The version under test, for `{{version}}` in queries (the live version's, or the canary's). */
  version?: string;
  /** Per variant, for `{{version}}` in canary/baseline queries: the baseline reads the stable version, not the canary's. */
  versions?: Partial<Record<Variant, string>>;
}

/** The `{{version}}` of a read: the variant's own when known, else the one under test. */
function versionFor(window: SampleWindow, variant: Variant | null): string | undefined {
  if (variant === null) return window.version;
  return window.versions ? window.versions[variant] : window.version;
}

const cannotReadBuckets = (source: MetricSource) => `a ${source.kind} source cannot read a histogram's bucket counters; use a prometheus or file source, or a \`query\` with a quantile`;

type Read = { ok: true; data: VariantData } | { ok: false; fault: SourceFault };

async function readVariant(source: MetricSource, metric: MetricConfig, variant: Variant | null, window: SampleWindow): Promise<Read> {
  const version = versionFor(window, variant);
  const request = (series: string): MetricQuery => ({
    series,
    variant,
    windowMs: window.windowMs,
    now: window.now,
    ...(metric.query ? { query: metric.query } : {}),
    ...(version ? { version } : {}),
  });
  const ask = async (series: string) => source.query(request(series));
  if (metric.measure.kind === 'series') {
    const read = await ask(metric.measure.series);
    return read.ok ? { ok: true, data: read.value.values } : { ok: false, fault: read.error };
  }
  if (metric.measure.kind === 'histogram') {
    if (!source.queryHistogram) return { ok: false, fault: { kind: 'config', message: `metric \`${metric.name}\`: ${cannotReadBuckets(source)}` } };
    const read = await source.queryHistogram(request(metric.measure.series));
    return read.ok ? { ok: true, data: { buckets: read.value.buckets } } : { ok: false, fault: read.error };
  }
  const [numerator, denominator] = await Promise.all([ask(metric.measure.numerator), ask(metric.measure.denominator)]);
  if (!numerator.ok) return { ok: false, fault: numerator.error };
  if (!denominator.ok) return { ok: false, fault: denominator.error };
  const counts = fillEmptyNumerator({ numerator: numerator.value.values, denominator: denominator.value.values }, metric.measure.emptyNumerator);
  // Checked here, where the source is known, so the fault names where the counts came from.
  const problem = checkRatioCounts(counts, metric.measure);
  if (problem !== null) return { ok: false, fault: { kind: 'malformed', message: `${source.kind} ${source.where}${variant ? ` (${variant})` : ''}: metric \`${metric.name}\`: ${problem}` } };
  return { ok: true, data: counts };
}

/** Baseline and canary samples of every metric over the window. */
export async function collectCanarySamples(loaded: LoadedAnalysis, window: SampleWindow): Promise<CanarySamples> {
  const entries = await Promise.all(
    loaded.config.metrics.map(async (metric): Promise<[string, CanaryInput]> => {
      const [baseline, canary] = await Promise.all([readVariant(loaded.source, metric, 'baseline', window), readVariant(loaded.source, metric, 'canary', window)]);
      if (!baseline.ok) return [metric.name, { fault: baseline.fault }];
      if (!canary.ok) return [metric.name, { fault: canary.fault }];
      return [metric.name, { baseline: baseline.data, canary: canary.data }];
    }),
  );
  return Object.fromEntries(entries);
}

/** The one live version's samples of every metric (auto-rollback's single-version mode). */
export async function collectLiveSamples(loaded: LoadedAnalysis, window: SampleWindow, variant: Variant | null = null): Promise<LiveSamples> {
  const entries = await Promise.all(
    loaded.config.metrics.map(async (metric): Promise<[string, LiveInput]> => {
      const read = await readVariant(loaded.source, metric, variant, window);
      return [metric.name, read.ok ? { live: read.data } : { fault: read.fault }];
    }),
  );
  return Object.fromEntries(entries);
}
