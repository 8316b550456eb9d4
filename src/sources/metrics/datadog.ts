import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { readCredential } from '../secret-registry.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import { type HttpOptions, redactUrl } from './fetch-json.js';
import { type MetricQuery, type MetricSamples, type MetricSource, type MetricSourceKind, durationField, timerDurationField, envNameField } from './metric-source.js';
import { fillQueryTemplate, getProviderJson, oneLine, pickQueryTemplate, placeOnGrid, requestValues } from './metric-source.js';

/**
 * The `datadog` metric source: Datadog's metrics query API,
 * `GET {site}/api/v1/query?from=&to=&query=` with the `DD-API-KEY` and
 * `DD-APPLICATION-KEY` headers
 * (https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points).
 * The answer's one series gives a value per rollup interval, oldest first.
 *
 * ```yaml
 * source:
 *   type: datadog
 *   site: datadoghq.eu
 *   interval: 1m
 *   queries:
 *     errors:   sum:trace.http.request.errors{service:shop,version:{{variant}}}.as_count().rollup(sum, {{interval}}).fill(zero)
 *     requests: sum:trace.http.request.hits{service:shop,version:{{variant}}}.as_count().rollup(sum, {{interval}}).fill(zero)
 * ```
 * Placeholders: `{{variant}}`, `{{version}}`, `{{series}}`, and `{{window}}`
 * and `{{interval}}` in seconds. Counts need `.as_count()` (else Datadog
 * answers a per-second rate) and `.fill(zero)`: Datadog leaves an interval
 * without errors out, and an interval left out is a gap, not a zero.
 */
export interface DatadogSourceConfig {
  type: 'datadog';
  /** API base URL (`https://api.datadoghq.eu`) or site (`datadoghq.eu`, `us5.datadoghq.com`); default `https://api.datadoghq.com`. */
  site: string;
  /** A query for any series not in `queries`, usually with `{{series}}`. */
  query?: string;
  /** A query per series name (a check's `series`, a ratio's numerator and denominator). */
  queries?: Record<string, string>;
  /** The rollup interval `{{interval}}` stands for, ms (written in seconds). */
  interval?: number;
  /** Variable holding the API key; default `DD_API_KEY`. */
  'api-key-env': string;
  /** Variable holding the application key; default `DD_APP_KEY`. */
  'app-key-env': string;
  /** Per-request timeout, ms; default 10 s. */
  timeout?: number;
}

const configSchema = z.strictObject({
  type: z.literal('datadog'),
  site: z
    .string()
    .regex(/^(https?:\/\/\S+|[a-z0-9.-]+\.[a-z]+)$/, 'must be a site such as datadoghq.eu or an API URL such as https://api.datadoghq.eu')
    .transform(siteUrl)
    .default('https://api.datadoghq.com'),
  query: z.string().min(1).optional(),
  queries: z.record(z.string(), z.string().min(1)).optional(),
  interval: durationField.refine((ms) => ms >= 1_000 && ms % 1_000 === 0, 'must be whole seconds, e.g. 60s or 1m').optional(),
  'api-key-env': envNameField.default('DD_API_KEY'),
  'app-key-env': envNameField.default('DD_APP_KEY'),
  timeout: timerDurationField.optional(),
});

/** `datadoghq.eu` and `app.datadoghq.eu` are the site; its API lives at `api.` (Datadog's site table). */
function siteUrl(site: string): string {
  if (/^https?:\/\//.test(site)) return site.replace(/\/+$/, '');
  return `https://api.${site.replace(/^(app|api)\./, '')}`;
}

export const datadogSource: MetricSourceKind<DatadogSourceConfig> = {
  kind: 'datadog',
  schema: configSchema as z.ZodType<DatadogSourceConfig>,
  create(config, context) {
    const headers: Record<string, string> = {};
    for (const [key, header] of [['api-key-env', 'dd-api-key'], ['app-key-env', 'dd-application-key']] as const) {
      const name = config[key];
      const secret = readCredential(context.env, name);
      if (!secret) return fault('config', `source.${key} names ${name}, but ${name} is not set; Datadog's query API needs an API key and an application key`);
      headers[header] = secret;
    }
    return ok(new DatadogMetricSource(config, headers, context.http ?? {}));
  },
};

class DatadogMetricSource implements MetricSource {
  readonly kind = 'datadog';
  readonly where: string;

  constructor(
    private readonly config: DatadogSourceConfig,
    private readonly headers: Record<string, string>,
    private readonly http: HttpOptions,
  ) {
    this.where = redactUrl(config.site);
  }

  async query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>> {
    const template = pickQueryTemplate(request, this.config);
    if (!template.ok) return template;
    const interval = this.config.interval === undefined ? { missing: 'the source gives no `interval` (the rollup, e.g. 1m)' } : String(this.config.interval / 1_000);
    const values = { ...requestValues(request), window: String(Math.round(request.windowMs / 1_000)), interval };
    const filled = fillQueryTemplate(template.value, values, request.series);
    if (!filled.ok) return filled;
    const to = Math.floor(request.now.getTime() / 1_000);
    const from = Math.floor((request.now.getTime() - request.windowMs) / 1_000);
    const url = `${this.config.site}/api/v1/query?${new URLSearchParams({ from: String(from), to: String(to), query: filled.value })}`;
    const answer = await getProviderJson(
      { url, headers: this.headers, hint: (status, body) => hintFor(status, body, this.config) },
      { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs },
      // Datadog rate limits answer 429 with X-RateLimit-Reset, the seconds until the limit resets (docs: "Rate Limits").
      'x-ratelimit-reset',
    );
    if (!answer.body.ok) {
      // A 400 is the query's fault (Datadog: "Error parsing query"), for the user to fix; the rest is the provider's.
      const reason = errorsOf(answer.errorBody);
      if (answer.status === 400 && reason !== undefined) return fault('config', `datadog rejected query ${shown(filled.value)}: ${reason}`);
      const message = answer.body.error.message.replace(redactUrl(url), redactUrl(url.split('?')[0]!));
      return fault(answer.body.error.kind, `datadog: ${message} (query ${shown(filled.value)})`);
    }
    return readDatadogBody(answer.body.value, filled.value, { fromMs: from * 1_000, toMs: to * 1_000 });
  }
}

/** Datadog explains a failed call in `{"errors": ["…"]}`, parse errors over several lines; folded to one. */
function errorsOf(body: unknown): string | undefined {
  const parsed = z.object({ errors: z.array(z.string()).min(1) }).safeParse(body);
  return parsed.success ? parsed.data.errors.join('; ').replace(/\s+/g, ' ').trim() : undefined;
}

function hintFor(status: number, body: unknown, config: DatadogSourceConfig): string | undefined {
  if (status === 401 || status === 403) {
    return `check that ${config['api-key-env']} and ${config['app-key-env']} hold a valid API key and an application key with the timeseries_query permission, for ${config.site}`;
  }
  return errorsOf(body);
}

const point = z.tuple([z.number(), z.number().nullable()]);
const bodySchema = z.object({
  status: z.string().optional(),
  error: z.string().nullable().optional(),
  series: z.array(z.object({ pointlist: z.array(point), interval: z.number().nullable().optional(), scope: z.string().nullable().optional() })).default([]),
});

/**
 * The values of a `/api/v1/query` answer. Points go on the grid of the
 * series' interval over the window (Datadog stamps each rollup bucket at a
 * multiple of the interval), so a bucket left out is a gap (NaN) and two
 * series of one window line up. No series is no data; several series (a
 * `by {…}` query) must be aggregated first.
 */
export function readDatadogBody(body: unknown, query: string, window: { fromMs: number; toMs: number }): Result<MetricSamples, SourceFault> {
  const parsed = bodySchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return fault('malformed', `datadog answered ${shown(query)} with something other than a query response: ${describeFirstIssue(parsed.error)}`);
  const { status, error, series } = parsed.data;
  if (status === 'error' || error) return fault('config', `datadog rejected query ${shown(query)}: ${error || 'status "error"'}`);
  if (series.length === 0) return ok({ values: [], intervalMs: null });
  if (series.length > 1) {
    const scopes = series.slice(0, 2).map((one) => one.scope ?? '?');
    return fault('config', `datadog query ${shown(query)} returned ${series.length} series (${scopes.join('; ')}${series.length > 2 ? '; …' : ''}); it must aggregate to one, e.g. without \`by {…}\``);
  }
  const only = series[0]!;
  const samples = only.pointlist.map(([time, value]) => [time, value ?? NaN] as const);
  const stepMs = (only.interval ?? 0) * 1_000;
  if (!(stepMs > 0)) return ok({ values: samples.map(([, value]) => value), intervalMs: null });
  const first = Math.ceil(window.fromMs / stepMs);
  const grid = { startMs: first * stepMs, stepMs, count: Math.max(0, Math.floor(window.toMs / stepMs) - first + 1) };
  return ok({ values: placeOnGrid(samples, grid), intervalMs: stepMs });
}

function shown(query: string): string {
  return `\`${oneLine(query)}\``;
}
