import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import type { AnalysisConfig, MetricConfig } from '../../../src/engine/analysis/config.js';

/** An analysis config from the YAML of its metrics, as a user writes it. */
export function analysis(metricsYaml: string, top = '', mode: 'canary' | 'live' = 'canary'): AnalysisConfig {
  const parsed = parseAnalysis(`source: { type: file, path: metrics.json }\n${top}metrics:\n${metricsYaml}`, { mode });
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/** One metric's config from its YAML flow mapping, e.g. `{ series: latency, max-increase: 20% }`. */
export function metric(entry: string, mode: 'canary' | 'live' = 'canary'): MetricConfig {
  return analysis(`  m: ${entry}\n`, '', mode).metrics[0]!;
}

/** Counts spread over three intervals (the default min-samples), summing to the totals given. */
export function counts(events: number, total: number): { numerator: number[]; denominator: number[] } {
  const e = Math.floor(events / 3);
  const t = Math.floor(total / 3);
  return { numerator: [e, e, events - 2 * e], denominator: [t, t, total - 2 * t] };
}
