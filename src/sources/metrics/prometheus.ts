import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { readCredential } from '../secret-registry.js';
import { type SourceFault, type SourceFaultKind, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import { type HttpOptions, redactUrl } from './fetch-json.js';
import { type HistogramSamples, type MetricQuery, type MetricSamples, type MetricSource, type MetricSourceKind, type RangeGrid, type SourceContext, durationField, timerDurationField, envNameField } from './metric-source.js';
import { fillQueryTemplate, getProviderJson, oneLine, pickQueryTemplate, placeOnGrid, requestValues } from './metric-source.js';
import { type HistogramBucket, orderBuckets } from './histogram-buckets.js';

/**
 * The `prometheus` metric source, on Prometheus' HTTP API
 * (https://prometheus.io/docs/prometheus/latest/querying/api/), so also
 * Thanos, Mimir or VictoriaMetrics at their Prometheus-compatible base URL.
 * A range query (`/api/v1/query_range`) gives one value per `step`, oldest
 * first, the last at `now`; a ratio reads two series of counts per step,
 * which PromQL gives with `increase` over `{{interval}}`:
 *
 * ```yaml
 * source:
 *   type: prometheus
 *   url: http://prometheus:9090
 *   step: 1m
 *   auth: { bearer-env: PROMETHEUS_TOKEN }
 *   queries:
 *     errors:   sum(increase(http_requests_total{variant="{{variant}}", code=~"5.."}[{{interval}}]))
 *     requests: sum(increase(http_requests_total{variant="{{variant}}"}[{{interval}}]))
 *     p99: { instant: true, query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{variant="{{variant}}"}[{{window}}])))' }
 * ```
 * Placeholders: `{{variant}}`, `{{version}}`, `{{series}}`, and `{{window}}`
 * and `{{interval}}` (the step) as PromQL durations such as `60s`. A query
 * must return one series: `sum(...)` it. A `histogram` metric's query (read
 * by `queryHistogram`) is a range query returning one series per bucket,
 * labelled by `le` alone:
 *
 * ```yaml
 *     latency: sum by (le) (increase(http_request_duration_seconds_bucket{variant="{{variant}}"}[{{interval}}]))
 * ```
 * `increase` extrapolates to the edges of each step (Prometheus docs,
 * "increase()"), so counts are estimates; a ratio of two counts over the
 * same steps is sound, and a step of several scrape intervals keeps them steady.
 */
export interface PrometheusSourceConfig {
  type: 'prometheus';
  /** The server's base URL (a path prefix is kept), without `/api/v1`. */
  url: string;
  /** PromQL for any series not in `queries`, usually with `{{series}}`. */
  query?: string;
  /** PromQL per series name (a check's `series`, a ratio's numerator and denominator), or `{ query, instant }`. */
  queries?: Record<string, string | { query: string; instant?: boolean }>;
  /** Instant queries (`/api/v1/query`: one value at `now`) instead of range queries; default false. */
  instant?: boolean;
  /** Spacing of a range query's values, ms; default 1 m. */
  step?: number;
  /** Per-request timeout, ms; default 10 s. */
  timeout?: number;
  /** Credentials from the environment variables named here, never the secrets themselves. */
  auth?: { 'bearer-env'?: string; basic?: { 'username-env': string; 'password-env': string } };
  /** Extra request headers (e.g. `X-Scope-OrgID` for Mimir). */
  headers?: Record<string, string>;
}

const queryEntry = z.union([z.string().min(1), z.strictObject({ query: z.string().min(1), instant: z.boolean().optional() })]);
const basicAuth = z.strictObject({ 'username-env': envNameField, 'password-env': envNameField });
const configSchema = z.strictObject({
  type: z.literal('prometheus'),
  url: z
    .string()
    .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
    .refine((url) => !/\/api\/v1(\/|$)/.test(url), 'must be the base URL, without /api/v1')
    .refine((url) => !/^https?:\/\/[^/]*@/.test(url), 'must not hold credentials; name their variables in auth.basic'),
  query: z.string().min(1).optional(),
  queries: z.record(z.string(), queryEntry).optional(),
  instant: z.boolean().optional(),
  step: durationField.refine((ms) => ms >= 1_000, 'must be 1s or more').optional(),
  timeout: timerDurationField.optional(),
  auth: z
    .strictObject({ 'bearer-env': envNameField.optional(), basic: basicAuth.optional() })
    .refine((auth) => (auth['bearer-env'] === undefined) !== (auth.basic === undefined), 'give either bearer-env or basic')
    .optional(),
  headers: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
});

export const prometheusSource: MetricSourceKind<PrometheusSourceConfig> = {
  kind: 'prometheus',
  schema: configSchema as z.ZodType<PrometheusSourceConfig>,
  create(config, context) {
    const auth = authHeader(config.auth, context.env);
    if (!auth.ok) return auth;
    return ok(new PrometheusMetricSource(config, { ...config.headers, ...auth.value }, context.http ?? {}));
  },
};

function authHeader(auth: PrometheusSourceConfig['auth'], env: SourceContext['env']): Result<Record<string, string>, SourceFault> {
  if (auth === undefined) return ok({});
  const names: Array<[string, string]> = auth.basic
    ? [['basic.username-env', auth.basic['username-env']], ['basic.password-env', auth.basic['password-env']]]
    : [['bearer-env', auth['bearer-env'] ?? '']];
  const values = names.map(([key, name]) => [key, name, readCredential(env, name)] as const);
  const unset = values.find(([, , value]) => value === undefined);
  if (unset) return fault('config', `source.auth.${unset[0]} names ${unset[1]}, but ${unset[1]} is not set`);
  const [first, second] = values.map(([, , value]) => value!);
  if (second === undefined) return ok({ authorization: `Bearer ${first}` });
  return ok({ authorization: `Basic ${Buffer.from(`${first}:${second}`).toString('base64')}` });
}

class PrometheusMetricSource implements MetricSource {
  readonly kind = 'prometheus';
  readonly where: string;
  private readonly base: string;
  private readonly stepMs: number;

  constructor(
    private readonly config: PrometheusSourceConfig,
    private readonly headers: Record<string, string>,
    private readonly http: HttpOptions,
  ) {
    this.base = config.url.replace(/\/+$/, '');
    this.where = redactUrl(this.base);
    this.stepMs = config.step ?? 60_000;
  }

  async query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>> {
    const prepared = this.prepare(request);
    if (!prepared.ok) return prepared;
    const { promql, instant } = prepared.value;
    const grid = instant ? null : this.gridFor(request);
    const body = await this.run(promql, grid, request.now);
    if (!body.ok) return body;
    const read = readPrometheusBody(body.value, promql, grid);
    if (!read.ok) return read;
    return ok({ values: read.value.values, intervalMs: grid ? this.stepMs : null, warnings: read.value.warnings });
  }

  async queryHistogram(request: MetricQuery): Promise<Result<HistogramSamples, SourceFault>> {
    const prepared = this.prepare(request);
    if (!prepared.ok) return prepared;
    const { promql, instant } = prepared.value;
    // One value at `now` cannot say how many requests each interval had, which the judge compares.
    if (instant) return fault('config', `prometheus query ${shown(promql)} for histogram \`${request.series}\` is instant (\`instant: true\` on it or on the source); a histogram needs per-interval counts from a range query`);
    const grid = this.gridFor(request);
    const body = await this.run(promql, grid, request.now);
    if (!body.ok) return body;
    const read = readPrometheusHistogramBody(body.value, promql, grid);
    if (!read.ok) return read;
    return ok({ buckets: read.value.buckets, intervalMs: this.stepMs, warnings: read.value.warnings });
  }

  /** The request's PromQL, placeholders filled, and whether it is an instant query. */
  private prepare(request: MetricQuery): Result<{ promql: string; instant: boolean }, SourceFault> {
    const entry = request.query === undefined ? this.config.queries?.[request.series] : undefined;
    const queries = Object.fromEntries(Object.entries(this.config.queries ?? {}).map(([name, e]) => [name, typeof e === 'string' ? e : e.query]));
    const template = pickQueryTemplate(request, { query: this.config.query, queries });
    if (!template.ok) return template;
    const values = { ...requestValues(request), window: promDuration(request.windowMs), interval: promDuration(this.stepMs) };
    const promql = fillQueryTemplate(template.value, values, request.series);
    if (!promql.ok) return promql;
    const instant = (typeof entry === 'object' ? entry.instant : undefined) ?? this.config.instant ?? false;
    return ok({ promql: promql.value, instant });
  }

  /** Points at end − (n−1)·step … end: with `increase(…[{{interval}}])` each counts the step before it, so n steps cover the window. */
  private gridFor(request: MetricQuery): RangeGrid {
    const count = Math.max(1, Math.ceil(request.windowMs / this.stepMs));
    return { startMs: request.now.getTime() - (count - 1) * this.stepMs, stepMs: this.stepMs, count };
  }

  /** A range query over the grid, or an instant query at `now` without one; the answer's body. */
  private async run(promql: string, grid: RangeGrid | null, now: Date): Promise<Result<unknown, SourceFault>> {
    const params: Record<string, string> = grid
      ? { query: promql, start: seconds(grid.startMs), end: seconds(now.getTime()), step: seconds(this.stepMs) }
      : { query: promql, time: seconds(now.getTime()) };
    return this.get(`${this.base}/api/v1/${grid ? 'query_range' : 'query'}?${new URLSearchParams(params)}`, promql);
  }

  /** GET with retries; a refusal Prometheus explains in its error envelope keeps its words and its kind. */
  private async get(url: string, promql: string): Promise<Result<unknown, SourceFault>> {
    const hint = (_status: number, body: unknown) => {
      const envelope = errorEnvelope.safeParse(body);
      return envelope.success ? `${envelope.data.errorType}: ${envelope.data.error}` : undefined;
    };
    const answer = await getProviderJson({ url, headers: this.headers, hint }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs });
    if (answer.body.ok) return answer.body;
    const envelope = errorEnvelope.safeParse(answer.errorBody);
    if (envelope.success && faultKindOf(envelope.data.errorType) === 'config') return refused(promql, envelope.data);
    // getJson names the whole URL; the query string repeats the PromQL, shown once, readably, at the end instead.
    const message = answer.body.error.message.replace(redactUrl(url), redactUrl(url.split('?')[0]!));
    return fault(answer.body.error.kind, `prometheus: ${message} (query ${shown(promql)})`);
  }
}

const errorEnvelope = z.object({ status: z.literal('error'), errorType: z.string().default('error'), error: z.string().default('') });

/**
 * Prometheus' error types: `bad_data` (400, the query or a parameter is
 * wrong) and `execution` (422, e.g. many-to-many matching) are the user's to
 * fix; `timeout`, `canceled`, `internal`, `unavailable` (503) are the
 * server's, kept apart as provider faults.
 */
function faultKindOf(errorType: string): SourceFaultKind {
  return errorType === 'bad_data' || errorType === 'execution' ? 'config' : 'provider';
}

function refused(promql: string, envelope: z.infer<typeof errorEnvelope>): Result<never, SourceFault> {
  return fault(faultKindOf(envelope.errorType), `prometheus rejected query ${shown(promql)}: ${envelope.errorType}: ${envelope.error.replace(/\s+/g, ' ')}`);
}

const sample = z.tuple([z.number(), z.string()]);
const RESULT_SCHEMAS = {
  matrix: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sample).default([]) })),
  vector: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sample }).transform(({ metric, value }) => ({ metric, values: [value] }))),
  scalar: sample.transform((value) => [{ metric: {}, values: [value] }]),
  string: sample,
} as const;
const successSchema = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.enum(['matrix', 'vector', 'scalar', 'string']), result: z.unknown() }),
  warnings: z.array(z.string()).optional(),
  infos: z.array(z.string()).optional(),
});

/** One series of an answer: its labels and its samples, timestamps in ms. */
interface LabelledSeries {
  metric: Record<string, string>;
  samples: Array<[number, number]>;
}

/**
 * The series of a Prometheus API answer, values read as numbers; an error
 * envelope, a string, or a shape that is no API answer is a fault naming the query.
 */
function readSeriesOf(body: unknown, promql: string): Result<{ series: LabelledSeries[]; warnings: string[] }, SourceFault> {
  const failed = errorEnvelope.safeParse(body);
  if (failed.success) return refused(promql, failed.data);
  const parsed = successSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return fault('malformed', `prometheus answered ${shown(promql)} with something other than an API response: ${describeFirstIssue(parsed.error)}`);
  const { resultType, result } = parsed.data.data;
  if (resultType === 'string') return fault('config', `prometheus query ${shown(promql)} returns a string; it must return a number`);
  const typed = RESULT_SCHEMAS[resultType].safeParse(result, { reportInput: true });
  if (!typed.success) return fault('malformed', `prometheus ${resultType} for ${shown(promql)}: ${describeFirstIssue(typed.error, 'data.result')}`);
  const warnings = [...(parsed.data.warnings ?? []), ...(parsed.data.infos ?? [])];
  const series: LabelledSeries[] = [];
  for (const { metric, values } of typed.data as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>) {
    const samples = values.map(([time, text]) => [time * 1_000, parseValue(text)] as const);
    const bad = samples.find(([, value]) => value === undefined);
    if (bad) return fault('malformed', `prometheus answered ${shown(promql)} with a value that is not a number at ${bad[0] / 1_000}`);
    series.push({ metric, samples: samples as Array<[number, number]> });
  }
  return ok({ series, warnings });
}

/**
 * The values of a Prometheus API answer. With a grid (a range query) each
 * value goes to its step and a step Prometheus left out is NaN (a gap, so the
 * window's length stays honest); without, values keep their order. No series
 * is an empty window: no data, never an error or a pass (no data is explicit, never a pass).
 */
export function readPrometheusBody(body: unknown, promql: string, grid: RangeGrid | null): Result<{ values: number[]; warnings: string[] }, SourceFault> {
  const read = readSeriesOf(body, promql);
  if (!read.ok) return read;
  const { series, warnings } = read.value;
  if (series.length === 0) return ok({ values: [], warnings });
  if (series.length > 1) {
    const more = series.length > 2 ? ', …' : '';
    return fault('config', `prometheus query ${shown(promql)} returned ${series.length} series (${series.slice(0, 2).map(labelsOf).join(', ')}${more}); it must aggregate to one, e.g. sum(...)`);
  }
  const { samples } = series[0]!;
  return ok({ values: grid ? placeOnGrid(samples, grid) : samples.map(([, value]) => value), warnings });
}

/**
 * The buckets of a classic histogram from a range query returning one series
 * per `le` (`sum by (le) (increase(…_bucket[{{interval}}]))`), each placed on
 * the grid, ascending by bound. No series is no data (`buckets: []`); whether
 * the counts make a histogram (rising with `le`, a +Inf bucket) is the
 * judge's to check, as it knows the metric.
 */
export function readPrometheusHistogramBody(body: unknown, promql: string, grid: RangeGrid): Result<{ buckets: HistogramBucket[]; warnings: string[] }, SourceFault> {
  const read = readSeriesOf(body, promql);
  if (!read.ok) return read;
  const { series, warnings } = read.value;
  const unbounded = series.find(({ metric }) => metric.le === undefined);
  if (unbounded) return fault('config', `prometheus query ${shown(promql)} returned a series without \`le\` (${labelsOf(unbounded)}); a histogram's query must keep \`le\`: sum by (le) (…)`);
  const extra = series.find(({ metric }) => Object.keys(metric).length > 1);
  if (extra) return fault('config', `prometheus query ${shown(promql)} returned a series labelled ${labelsOf(extra)}; a histogram's query must aggregate to one series per \`le\`: sum by (le) (…)`);
  const ordered = orderBuckets(series.map(({ metric, samples }) => [metric.le!, placeOnGrid(samples, grid)] as const));
  if (ordered.ok) return ok({ buckets: ordered.value, warnings });
  const problem = ordered.error;
  if ('notABound' in problem) return fault('config', `prometheus query ${shown(promql)} returned le="${problem.notABound}", which is not a number; a bucket's \`le\` is its upper bound`);
  // Prometheus 3 writes `1.0` where 2 wrote `1`: a query over both spellings of one bound counts its requests twice.
  const [first, second] = problem.sameBound;
  return fault('config', `prometheus query ${shown(promql)} returned two series for one bound (le="${first}" and le="${second}"); aggregate them into one, e.g. by label_replace on \`le\``);
}

function labelsOf({ metric }: { metric: Record<string, string> }): string {
  return `{${Object.entries(metric).map(([name, value]) => `${name}="${value}"`).join(',')}}`;
}

/** Prometheus writes values as strings so that NaN and ±Inf survive JSON. ±Inf is kept: a p99 in the +Inf bucket is a finding, not a gap. */
function parseValue(text: string): number | undefined {
  const special: Record<string, number> = { NaN: NaN, '+Inf': Infinity, Inf: Infinity, '-Inf': -Infinity };
  if (Object.hasOwn(special, text)) return special[text];
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? undefined : value;
}

function shown(promql: string): string {
  return `\`${oneLine(promql)}\``;
}

/** A PromQL duration: whole seconds as `300s`, anything finer in `ms`. */
function promDuration(ms: number): string {
  return ms % 1_000 === 0 ? `${ms / 1_000}s` : `${Math.round(ms)}ms`;
}

/** API timestamps and steps: seconds, milliseconds as decimals. */
function seconds(ms: number): string {
  return String(ms / 1_000);
}
