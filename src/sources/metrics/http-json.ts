import { JSONPath } from 'jsonpath-plus';
import { z } from 'zod';
import { takeWindow } from '../../engine/aggregate.js';
import { type Result, ok } from '../../engine/result.js';
import { readCredential } from '../secret-registry.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type HttpOptions, getJson, redactUrl } from './fetch-json.js';
import { type MetricQuery, type MetricSamples, type MetricSource, type MetricSourceKind, durationField, timerDurationField } from './metric-source.js';

/**
 * The `http-json` metric source: GET a URL, pick the samples with
 * a JSONPath expression. The expression may select one number, an array of
 * numbers, or an array of `{ "value": … }` objects or `[timestamp, value]`
 * pairs (as Prometheus' HTTP API writes them, values as strings).
 *
 * `{{series}}`, `{{variant}}` and `{{window}}` (seconds) in the URL and the
 * JSONPath are replaced per query, so one source serves several series and
 * both versions.
 */
export interface HttpJsonSourceConfig {
  type: 'http-json';
  url: string;
  'json-path': string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Name of an environment variable holding a bearer token (never the token itself). */
  'token-env'?: string;
  /** Per-request timeout, ms; default 10 s. */
  timeout?: number;
  /** Spacing of the samples, ms: with it, the last ceil(window / interval) are kept; without, all are. */
  interval?: number;
}

const configSchema = z.strictObject({
  type: z.literal('http-json'),
  url: z.string().regex(/^https?:\/\//, 'must be an http:// or https:// URL'),
  'json-path': z.string().min(1),
  headers: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  'token-env': z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, e.g. METRICS_TOKEN').optional(),
  timeout: timerDurationField.optional(),
  interval: durationField.optional(),
});

export const httpJsonSource: MetricSourceKind<HttpJsonSourceConfig> = {
  kind: 'http-json',
  schema: configSchema as z.ZodType<HttpJsonSourceConfig>,
  create(config, context) {
    const headers: Record<string, string> = { ...config.headers };
    const tokenEnv = config['token-env'];
    if (tokenEnv !== undefined) {
      const token = readCredential(context.env, tokenEnv);
      if (!token) return fault('config', `source.token-env names ${tokenEnv}, but ${tokenEnv} is not set`);
      headers.authorization = `Bearer ${token}`;
    }
    return ok(new HttpJsonMetricSource(config, headers, context.http ?? {}));
  },
};

class HttpJsonMetricSource implements MetricSource {
  readonly kind = 'http-json';
  readonly where: string;

  constructor(
    private readonly config: HttpJsonSourceConfig,
    private readonly headers: Record<string, string>,
    private readonly http: HttpOptions,
  ) {
    this.where = redactUrl(config.url);
  }

  async query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>> {
    const url = fillPlaceholders(this.config.url, request, encodeURIComponent);
    const body = await getJson({ url, headers: this.headers }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs });
    if (!body.ok) return body;
    const jsonPath = fillPlaceholders(this.config['json-path'], request, (text) => text);
    const values = pickSamples(body.value, jsonPath, redactUrl(url));
    if (!values.ok) return values;
    const intervalMs = this.config.interval ?? null;
    return ok({ values: takeWindow(values.value, request.windowMs, intervalMs), intervalMs });
  }
}

function fillPlaceholders(template: string, request: MetricQuery, encode: (text: string) => string): string {
  const values: Record<string, string> = {
    series: request.series,
    variant: request.variant ?? '',
    window: String(Math.round(request.windowMs / 1_000)),
  };
  return template.replace(/\{\{\s*(series|variant|window)\s*\}\}/g, (_, name: string) => encode(values[name] ?? ''));
}

/**
 * Samples selected by a JSONPath. Nothing selected is an empty window, not an
 * error: Prometheus answers `"result": []` when a version got no traffic,
 * and that is no data (no data is explicit), which the caller reports as such.
 */
export function pickSamples(body: unknown, jsonPath: string, where: string): Result<number[], SourceFault> {
  let matches: unknown[];
  try {
    matches = JSONPath({ path: jsonPath, json: body as object, wrap: true }) as unknown[];
  } catch (thrown) {
    return fault('config', `source.json-path ${jsonPath} is not a valid JSONPath: ${(thrown as Error).message}`);
  }
  const only = matches[0];
  const items = matches.length === 1 && Array.isArray(only) && !isPair(only) ? only : matches;
  const values: number[] = [];
  for (const [index, item] of items.entries()) {
    const value = toSample(item);
    if (value === undefined) {
      return fault('malformed', `json-path ${jsonPath} on ${where} gave ${JSON.stringify(item)} at [${index}]; expected a number, [timestamp, value] or {"value": …}`);
    }
    values.push(value);
  }
  return ok(values);
}

/** A Prometheus sample `[1700000000.5, "0.02"]`: a timestamp and a value written as a string. */
function isPair(item: unknown[]): boolean {
  return item.length === 2 && typeof item[0] === 'number' && typeof item[1] === 'string';
}

function toSample(item: unknown): number | undefined {
  if (typeof item === 'number') return item;
  // null and Prometheus' "NaN" are gaps; they are kept as NaN so the window's length stays honest.
  if (item === null) return NaN;
  if (typeof item === 'string') return item.trim() !== '' && !Number.isNaN(Number(item)) ? Number(item) : item === 'NaN' ? NaN : undefined;
  if (Array.isArray(item) && item.length === 2) return toSample(item[1]);
  if (typeof item === 'object' && 'value' in item) return toSample((item as { value: unknown }).value);
  return undefined;
}
