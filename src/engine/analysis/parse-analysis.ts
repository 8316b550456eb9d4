import { ConfigError, type Result, ok, err } from '../result.js';
import { ANALYSIS_DEFAULTS, type AnalysisConfig, type MetricConfig } from './config.js';
import { type FieldReader, readInterval, wholeNumber } from './fields.js';
import { type AnalysisMode, parseMetric } from './parse-metric.js';
import { type KeyPath, isMapping, readYaml } from './yaml-document.js';

/**
 * Reads the analysis file into a typed `AnalysisConfig`. Pure: the
 * action reads the file and passes its text. Every mistake is one line naming
 * the file, line and key, and what is accepted:
 * `analysis.yml:7: metrics.latency.max-increase: got "lots"; expected a percentage such as 20%`.
 * Unknown keys are errors: a typo such as `max-increse` must not silently
 * leave a canary unguarded.
 */
export interface ParseOptions {
  /** The name errors show; default `analysis.yml`. */
  file?: string;
  /** `canary` (default) or `live` for auto-rollback's single version, where relative thresholds are refused. */
  mode?: AnalysisMode;
  /** Refuse a metric without a failing-level `max` or `min` (canary-promote: see `ThresholdRules`). */
  absoluteRequired?: boolean;
}

const TOP_LEVEL = {
  'failure-limit': wholeNumber(0, 0),
  interval: readInterval,
} as const satisfies Record<string, FieldReader<number>>;

const TOP_LEVEL_KEYS = ['source', 'metrics', ...Object.keys(TOP_LEVEL)];

export function parseAnalysis(text: string, options: ParseOptions = {}): Result<AnalysisConfig, ConfigError> {
  const file = options.file ?? 'analysis.yml';
  const yaml = readYaml(text, file);
  if (!yaml.ok) return err(new ConfigError(yaml.error));
  const { root, where } = yaml.value;
  const fail = (path: KeyPath, message: string) => err(new ConfigError(`${where(path)}: ${path.length > 0 ? `${path.join('.')}: ` : ''}${message}`));

  if (!isMapping(root)) return fail([], 'expected a mapping with `source` and `metrics`');
  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL_KEYS.includes(key)) return fail([key], `unknown key; the analysis file accepts ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  if (!isMapping(root.source)) {
    return fail(['source'], root.source === undefined ? 'is missing; give a mapping with a `type` such as { type: file, path: metrics.json }' : `got ${JSON.stringify(root.source)}; expected a mapping with a \`type\``);
  }
  const top: Partial<Record<keyof typeof TOP_LEVEL, number>> = {};
  for (const [key, reader] of Object.entries(TOP_LEVEL) as [keyof typeof TOP_LEVEL, FieldReader<number>][]) {
    if (root[key] === undefined) continue;
    const value = reader(root[key]);
    if (!value.ok) return fail([key], value.error);
    top[key] = value.value;
  }

  if (!isMapping(root.metrics) || Object.keys(root.metrics).length === 0) {
    return fail(['metrics'], 'expected a mapping of named metrics, e.g. error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5% }');
  }
  const metrics: MetricConfig[] = [];
  for (const [name, entry] of Object.entries(root.metrics)) {
    const metric = parseMetric(name, entry, { mode: options.mode ?? 'canary', absoluteRequired: options.absoluteRequired ?? false });
    if (!metric.ok) return fail(metric.error.path, metric.error.message);
    metrics.push(metric.value);
  }
  return ok({
    source: root.source,
    metrics,
    failureLimit: top['failure-limit'] ?? ANALYSIS_DEFAULTS.failureLimit,
    intervalMs: top.interval ?? null,
  });
}
