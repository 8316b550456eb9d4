import { z } from 'zod';
import { type Result, messageOf, ok } from '../../engine/result.js';
import { checkTimerDuration, parseDuration } from '../../engine/units.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type GetJsonRequest, type HttpOptions, type JsonAnswer, getJsonAnswer } from './fetch-json.js';

/**
 * A place live metrics come from: the gate's
 * `metric` check and the canary judge ask it for one series of one version
 * over a window. Each kind is one file exporting a `MetricSourceKind`, listed
 * once in `registry.ts`, as argo-rollouts' providers are one package each
 * behind one factory.
 */
export type Variant = 'baseline' | 'canary';

export interface MetricQuery {
  /** The series: a name in a `file`, the `{{series}}` placeholder of a URL or query. */
  series: string;
  /** Which version's samples; `null` for the one live version. */
  variant: Variant | null;
  /** How far back from `now` to read. */
  windowMs: number;
  now: Date;
  /**
   * The provider query for this metric when the caller holds it (an analysis
   * metric's `query`: PromQL, a Datadog query), with `{{…}}` placeholders.
   * It wins over the source's own `queries`; sources without a query
   * language (`file`, `http-json`) do not read it.
   */
  query?: string;
  /** The version under test, for `{{version}}` in a query (a tag, a SHA). */
  version?: string;
}

export interface MetricSamples {
  /** The window's samples, oldest first; NaN marks a gap. */
  values: number[];
  /** The spacing of the samples, when the source knows it. */
  intervalMs: number | null;
  /** Non-fatal notes from the provider (Prometheus' `warnings`), for evidence. */
  warnings?: string[];
}

/** A classic histogram's buckets over a window: per upper bound (`le`), the requests at or below it in each interval, oldest first (NaN = gap). */
export interface HistogramSamples {
  /** Ascending by `le`; `le` is Infinity for the +Inf bucket. */
  buckets: { le: number; values: number[] }[];
  intervalMs: number | null;
  warnings?: string[];
}

export interface MetricSource {
  readonly kind: string;
  /** Where it reads, without credentials (a path, or a URL with secrets masked), for evidence. */
  readonly where: string;
  query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>>;
  /**
   * The bucket counters of a classic histogram (`_bucket{le=…}`), one series
   * per bound. Only sources that can read them have it; the others cannot
   * judge `histogram` metrics.
   */
  queryHistogram?(request: MetricQuery): Promise<Result<HistogramSamples, SourceFault>>;
}

/** What a source may need from its surroundings; passed in so sources stay testable. */
export interface SourceContext {
  /** Relative paths resolve here. */
  workspace: string;
  /** Environment variables a source may read (a token named in config). */
  env: Readonly<Record<string, string | undefined>>;
  /** Timeouts, retries and the fetch implementation for HTTP sources. */
  http?: HttpOptions;
}

/** One kind of source: its config schema (strict, so a typo is an error) and a constructor. */
export interface MetricSourceKind<Config> {
  kind: string;
  schema: z.ZodType<Config>;
  create(config: Config, context: SourceContext): Result<MetricSource, SourceFault>;
}

/**
 * The source with a `query` (and a `queryHistogram`, when it has one) that
 * never throws: whatever escapes a read (a parser's bug, an exception in a
 * library) becomes a `provider` fault naming the source, so the metric is
 * `error` and its `on-error` decides, instead of the action ending in an
 * internal error with no report and no decision.
 */
export function neverThrows(source: MetricSource): MetricSource {
  const guarded =
    <T>(read: (request: MetricQuery) => Promise<Result<T, SourceFault>>) =>
    async (request: MetricQuery): Promise<Result<T, SourceFault>> => {
      try {
        return await read(request);
      } catch (thrown) {
        return fault('provider', `${source.kind} source at ${source.where} failed to read \`${request.series}\`: ${messageOf(thrown).split('\n')[0]}`);
      }
    };
  const queryHistogram = source.queryHistogram?.bind(source);
  return {
    kind: source.kind,
    where: source.where,
    query: guarded((request) => source.query(request)),
    // Absent stays absent: the judge tells a source that cannot read buckets by the missing method.
    ...(queryHistogram ? { queryHistogram: guarded(queryHistogram) } : {}),
  };
}

/** A duration key (`30s`, `1m`, a bare number of ms), parsed with the engine's units. */
export const durationField = z.union([z.string(), z.number()]).transform((raw, context) => {
  const parsed = parseDuration(raw);
  if (parsed.ok) return parsed.value;
  context.addIssue({ code: 'custom', message: parsed.error });
  return z.NEVER;
});

/**
 * A duration that drives a timer (a request's `timeout`): more than 0 and at
 * most 2^31 − 1 ms, as Node's setTimeout fires at once beyond that, so
 * `timeout: 1e12` would time every request out at once instead of never.
 */
export const timerDurationField = durationField.superRefine((ms, context) => {
  const timer = checkTimerDuration(ms);
  if (!timer.ok) context.addIssue({ code: 'custom', message: timer.error });
  else if (!(ms > 0)) context.addIssue({ code: 'custom', message: 'must be more than 0' });
});

/** Where a time series' values belong: `count` points `stepMs` apart, the first at `startMs`. */
export interface RangeGrid {
  startMs: number;
  stepMs: number;
  count: number;
}

/**
 * Values by their timestamp (ms) on a grid; a point the provider left out
 * is NaN, a gap, so two series of one window line up step by step and the
 * window's length stays honest. Points off the grid are dropped.
 */
export function placeOnGrid(samples: ReadonlyArray<readonly [number, number]>, grid: RangeGrid): number[] {
  const placed = new Array<number>(grid.count).fill(NaN);
  for (const [time, value] of samples) {
    const slot = Math.round((time - grid.startMs) / grid.stepMs);
    if (slot >= 0 && slot < grid.count) placed[slot] = value;
  }
  return placed;
}

/** A key naming an environment variable that holds a secret (never the secret itself). */
export const envNameField = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, e.g. METRICS_TOKEN');

/**
 * Where a query-language source finds the query for a request: the caller's
 * `query`, else `queries[series]`, else the source's `query` (which may use
 * `{{series}}`). A series with none is a config fault listing the known ones.
 */
export function pickQueryTemplate(request: MetricQuery, config: { query?: string; queries?: Record<string, string> }): Result<string, SourceFault> {
  const template = request.query ?? config.queries?.[request.series] ?? config.query;
  if (template !== undefined) return ok(template);
  const known = Object.keys(config.queries ?? {});
  const has = known.length > 0 ? `source.queries has ${known.map((name) => `\`${name}\``).join(', ')}` : 'source.queries is empty';
  return fault('config', `no query for series \`${request.series}\`: ${has}; add it there or give source.query with {{series}}`);
}

/** A placeholder's value, or why there is none (finishes "… uses {{name}}, but "). */
export type TemplateValue = string | { missing: string };

/** A version becomes part of a label matcher or a tag, so only characters no query language treats specially pass. */
const SAFE_VERSION = /^[\w.:/@+-]+$/;

/** `{{series}}`, `{{variant}}` and `{{version}}` of a request; sources add their own (`{{window}}`, `{{interval}}`). */
export function requestValues(request: MetricQuery): Record<string, TemplateValue> {
  const version = request.version;
  return {
    series: request.series,
    variant: request.variant ?? { missing: 'this read is of the one live version; set `variant` to baseline or canary' },
    version:
      version === undefined
        ? { missing: 'no version was given for this read' }
        : SAFE_VERSION.test(version)
          ? version
          : { missing: `the version ${JSON.stringify(version)} has characters a query cannot hold (letters, digits and . _ - : / @ + are accepted)` },
  };
}

/**
 * Replaces `{{name}}` (spaces inside the braces allowed) with its value. An
 * unknown name is a typo the user should hear about, not text sent to the
 * backend; a known one without a value is a config fault saying why.
 */
export function fillQueryTemplate(template: string, values: Record<string, TemplateValue>, series: string): Result<string, SourceFault> {
  const problems: string[] = [];
  const filled = template.replace(/\{\{\s*([^{}\s]*)\s*\}\}/g, (match, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (typeof value === 'string') return value;
    if (value === undefined) problems.push(`{{${name}}} is not a placeholder; use ${Object.keys(values).map((known) => `{{${known}}}`).join(', ')}`);
    else problems.push(`it uses {{${name}}}, but ${value.missing}`);
    return match;
  });
  if (problems.length > 0) return fault('config', `query for series \`${series}\` (${oneLine(template)}): ${problems[0]}`);
  return ok(filled);
}

/** A query as one line for a message: multi-line YAML blocks folded, long ones cut. */
export function oneLine(query: string): string {
  const line = query.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** A failed answer's body, parsed when it is JSON: what the provider said (Prometheus' error envelope, Datadog's `errors`). */
export type ProviderAnswer = JsonAnswer;

export type ProviderRequest = GetJsonRequest;

/**
 * `getJson` (retries, a timeout covering the body, backoff) keeping the body
 * of a failed answer, which holds the reason a query was refused.
 * `retryAfterHeader` names a header giving the seconds to wait when the
 * provider does not send `Retry-After` (Datadog sends `X-RateLimit-Reset`).
 */
export async function getProviderJson(request: ProviderRequest, http: HttpOptions, retryAfterHeader?: string): Promise<ProviderAnswer> {
  return getJsonAnswer({ ...request, ...(retryAfterHeader ? { retryAfterHeader } : {}) }, http);
}
