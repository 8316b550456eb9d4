import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { readCredential } from '../secret-registry.js';
import { type SourceFault, fault } from '../source-fault.js';
import { type HttpOptions, redactUrl } from './fetch-json.js';
import type { MetricQuery, MetricSamples, MetricSource, MetricSourceKind } from './metric-source.js';
import { fillQueryTemplate, getProviderJson, requestValues } from './metric-source.js';
import { type ValueKind, readSessions, readTimeseries } from './sentry-answers.js';
import { HOUR_MS, type SentrySourceConfig, configSchema } from './sentry-config.js';

export type { SentrySourceConfig } from './sentry-config.js';

/**
 * The `sentry` metric source: errors, transactions, Release Health sessions
 * and Web Vitals per release, from two operations of Sentry's public API
 * (getsentry/sentry-api-schema):
 * - `GET /api/0/organizations/{org}/sessions/` for `sessions`,
 *   `errored-sessions` and `crashed-sessions` (hourly at the finest);
 * - `GET /api/0/organizations/{org}/events-timeseries/` for `errors`
 *   (dataset `errors`), `transactions` and `lcp`, `cls`, `inp`, `fcp`
 *   (dataset `spans`), and the custom series of `queries`.
 *
 * ```yaml
 * source:
 *   type: sentry
 *   organization: acme
 *   project: shop
 *   environment: production
 *   interval: 1m
 *   releases: { canary: 'shop@{{version}}', baseline: 'shop@{{version}}' }
 * ```
 */

/** What a built-in series asks Sentry for. */
type SeriesPlan =
  | { endpoint: 'sessions'; statuses: ((status: string) => boolean) | null }
  | { endpoint: 'events'; dataset: 'errors' | 'spans'; yAxis: string; filter: string; kind: ValueKind; splitsVariants?: boolean };

/** `p75` of a Web Vital from the spans that carry it (pageloads; interactions for INP). */
const vital = (name: string): SeriesPlan => ({ endpoint: 'events', dataset: 'spans', yAxis: `p75(measurements.${name})`, filter: `has:measurements.${name}`, kind: 'measure' });

const BUILT_IN: Record<string, SeriesPlan> = {
  errors: { endpoint: 'events', dataset: 'errors', yAxis: 'count()', filter: '', kind: 'count' },
  // Transactions are the spans that are a transaction's root, counted from sampled traces scaled by their sample rate.
  transactions: { endpoint: 'events', dataset: 'spans', yAxis: 'count()', filter: 'is_transaction:true', kind: 'estimated-count' },
  sessions: { endpoint: 'sessions', statuses: null },
  // Sentry's statuses: healthy, errored, crashed, abnormal (and unhandled): every one but healthy had an error.
  'errored-sessions': { endpoint: 'sessions', statuses: (status) => status !== 'healthy' },
  'crashed-sessions': { endpoint: 'sessions', statuses: (status) => status === 'crashed' },
  lcp: vital('lcp'),
  cls: vital('cls'),
  inp: vital('inp'),
  fcp: vital('fcp'),
};

export const SENTRY_SERIES: readonly string[] = Object.keys(BUILT_IN);

export const sentrySource: MetricSourceKind<SentrySourceConfig> = {
  kind: 'sentry',
  schema: configSchema as z.ZodType<SentrySourceConfig>,
  create(config, context) {
    const name = config['token-env'];
    const token = readCredential(context.env, name);
    if (!token) return fault('config', `source.token-env names ${name}, but ${name} is not set; Sentry's API needs an auth token with the org:read, project:read and event:read scopes`);
    return ok(new SentryMetricSource(config, { authorization: `Bearer ${token}` }, context.http ?? {}));
  },
};

class SentryMetricSource implements MetricSource {
  readonly kind = 'sentry';
  readonly where: string;

  constructor(
    private readonly config: SentrySourceConfig,
    private readonly headers: Record<string, string>,
    private readonly http: HttpOptions,
  ) {
    this.where = `${config.organization}/${config.project} at ${redactUrl(config.url).replace(/\/$/, '')}`;
  }

  async query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>> {
    if (request.query !== undefined) return fault('config', `metric query ${JSON.stringify(request.query)}: the sentry source takes no per-metric query; name a series (${SENTRY_SERIES.join(', ')}) or add one under source.queries`);
    const plan = this.planFor(request);
    if (!plan.ok) return plan;
    const release = this.releaseFor(request, plan.value.endpoint === 'events' && plan.value.splitsVariants === true);
    if (!release.ok) return release;
    const what = `sentry ${this.where} \`${request.series}\`${request.variant ? ` (${request.variant})` : ''}`;
    const read = await this.readSeries(request, plan.value, release.value, what);
    return release.value === null ? read : this.unlessUnknownRelease(read, release.value, what);
  }

  /**
   * Sentry zero-fills the counts of a release it has never heard of, which
   * would read as a release without a single error: a misspelt release
   * would pass every count threshold. So a read of nothing but zeros is
   * only believed once Sentry confirms the release exists; otherwise it is
   * no data (the metric holds), with a warning saying why.
   */
  private async unlessUnknownRelease(read: Result<MetricSamples, SourceFault>, release: string, what: string): Promise<Result<MetricSamples, SourceFault>> {
    if (!read.ok || !read.value.values.every((value) => value === 0)) return read;
    const known = await this.isKnownRelease(release, what);
    if (!known.ok) return known;
    if (known.value) return read;
    return ok({ values: [], intervalMs: null, warnings: [`Sentry knows no release ${JSON.stringify(release)} in ${this.config.organization}: no data (a misspelt release, or one that has sent nothing yet)`] });
  }

  private async readSeries(request: MetricQuery, plan: SeriesPlan, release: string | null, what: string): Promise<Result<MetricSamples, SourceFault>> {
    if (plan.endpoint === 'sessions') {
      const body = await this.get('sessions', this.sessionsParams(request, release), what);
      const window = { fromMs: request.now.getTime() - request.windowMs, toMs: request.now.getTime() };
      return body.ok ? readSessions(body.value, plan.statuses, what, window) : body;
    }
    const events = plan;
    const filter = [events.filter, release === null ? '' : `release:${quoted(release)}`].filter(Boolean).join(' ');
    const window = { fromMs: request.now.getTime() - request.windowMs, toMs: request.now.getTime() };
    const read = async (yAxis: string, kind: ValueKind) => {
      const body = await this.get('events-timeseries', this.eventsParams(window, events.dataset, yAxis, filter), what);
      const read = body.ok ? readTimeseries(body.value, kind, window, what, yAxis) : body;
      // Sentry picks its own bucket when it finds the one asked for invalid (too many points for the window); say so.
      if (read.ok && read.value.intervalMs !== null && read.value.intervalMs !== this.config.interval) {
        return ok({ ...read.value, warnings: [`Sentry answered in buckets of ${read.value.intervalMs / 1_000}s, not the ${this.config.interval / 1_000}s of source.interval`] });
      }
      return read;
    };
    if (events.kind !== 'measure') return read(events.yAxis, events.kind);
    // Sentry zero-fills an aggregate's empty buckets too, and an LCP of 0 would look perfect: a bucket without events is a gap.
    const [measure, count] = await Promise.all([read(events.yAxis, 'measure'), read('count()', 'estimated-count')]);
    if (!measure.ok) return measure;
    if (!count.ok) return count;
    const values = measure.value.values.map((value, index) => (count.value.values[index]! > 0 ? value : NaN));
    return ok({ ...measure.value, values });
  }

  /** Releases Sentry answered for; only `true` is kept, as a release appears with its first event. */
  private readonly knownReleases = new Set<string>();

  private async isKnownRelease(release: string, what: string): Promise<Result<boolean, SourceFault>> {
    if (this.knownReleases.has(release)) return ok(true);
    const answer = await this.ask(`releases/${encodeURIComponent(release)}/`);
    if (answer.body.ok) {
      this.knownReleases.add(release);
      return ok(true);
    }
    if (answer.status === 404) return ok(false);
    return fault(answer.body.error.kind, `${what}: ${answer.body.error.message}`);
  }

  /**
   * A custom series' `query` is a template too: a feature flag's variant is
   * a tag on the events (`new_checkout:{{variant}}`), which tells canary and
   * baseline apart within one release.
   */
  private planFor(request: MetricQuery): Result<SeriesPlan, SourceFault> {
    const { series } = request;
    const custom = this.config.queries?.[series];
    if (custom) {
      const kind: ValueKind = custom['y-axis'] !== 'count()' ? 'measure' : custom.dataset === 'spans' ? 'estimated-count' : 'count';
      const template = custom.query ?? '';
      const filter = fillQueryTemplate(template, requestValues(request), series);
      if (!filter.ok) return filter;
      const splitsVariants = /\{\{\s*(variant|version)\s*\}\}/.test(template);
      return ok({ endpoint: 'events', dataset: custom.dataset, yAxis: custom['y-axis'], filter: filter.value, kind, splitsVariants });
    }
    const plan = BUILT_IN[series];
    if (plan) return ok(plan);
    const customNames = Object.keys(this.config.queries ?? {});
    return fault('config', `the sentry source has no series \`${series}\`: use one of ${[...SENTRY_SERIES, ...customNames].join(', ')}, or add it under source.queries`);
  }

  /** The release a read is of: the variant's template, else `release`, filled with the request's version and variant. */
  private releaseFor(request: MetricQuery, splitsVariants: boolean): Result<string | null, SourceFault> {
    const template = (request.variant && this.config.releases?.[request.variant]) ?? this.config.release;
    if (template === null) {
      // Without a release filter canary and baseline read the same events, and a comparison of a thing with itself always passes, unless the series' own query tells them apart.
      if (request.variant !== null && !splitsVariants) return fault('config', `source.release is null (every release), so the ${request.variant} of series \`${request.series}\` cannot be told apart; give source.releases.canary and source.releases.baseline, or a source.queries query that names {{variant}} (a flag variant's tag)`);
      return ok(null);
    }
    const filled = fillQueryTemplate(template, requestValues(request), request.series);
    if (!filled.ok) return fault('config', filled.error.message.replace(/^query for series/, 'release for series'));
    // Sentry refuses release names with whitespace or slashes; a quote or backslash would break the search query.
    if (!/^[^\s"\\/]+$/.test(filled.value)) return fault('config', `release ${JSON.stringify(filled.value)} for series \`${request.series}\` is not a Sentry release name (no spaces, quotes, slashes or backslashes)`);
    return ok(filled.value);
  }

  private sessionsParams(request: MetricQuery, release: string | null): URLSearchParams {
    // Sessions come in buckets of an hour or more; the API rounds the range out to whole buckets.
    const intervalMs = Math.max(this.config.interval, HOUR_MS);
    const interval = intervalMs % HOUR_MS === 0 ? `${intervalMs / HOUR_MS}h` : `${intervalMs / 60_000}m`;
    const params = new URLSearchParams({ field: 'sum(session)', groupBy: 'session.status', interval });
    params.set('start', new Date(request.now.getTime() - request.windowMs).toISOString());
    params.set('end', request.now.toISOString());
    params.set('project', this.config.project);
    if (this.config.environment) params.set('environment', this.config.environment);
    if (release !== null) params.set('query', `release:${quoted(release)}`);
    return params;
  }

  private eventsParams(window: { fromMs: number; toMs: number }, dataset: string, yAxis: string, filter: string): URLSearchParams {
    const params = new URLSearchParams({ dataset, yAxis, interval: String(this.config.interval / 1_000) });
    params.set('start', new Date(window.fromMs).toISOString());
    params.set('end', new Date(window.toMs).toISOString());
    params.set('project', this.config.project);
    if (this.config.environment) params.set('environment', this.config.environment);
    if (filter) params.set('query', filter);
    return params;
  }

  private async get(operation: 'sessions' | 'events-timeseries', params: URLSearchParams, what: string): Promise<Result<unknown, SourceFault>> {
    const answer = await this.ask(`${operation}/?${params}`);
    if (answer.body.ok) return answer.body;
    // A 400 is Sentry refusing the query (a bad custom y-axis or filter): the user's to fix, not an outage.
    const detail = detailOf(answer.errorBody);
    if (answer.status === 400) return fault('config', `${what}: Sentry refused the query${detail ? `: ${detail}` : ''}`);
    return fault(answer.body.error.kind, `${what}: ${answer.body.error.message.replace(/\?\S*/, '')}`);
  }

  /** One GET under the organization, with the token, the hints and Sentry's retry-at header. */
  private ask(pathAndQuery: string): ReturnType<typeof getProviderJson> {
    const url = `${this.config.url}/api/0/organizations/${encodeURIComponent(this.config.organization)}/${pathAndQuery}`;
    return getProviderJson(
      { url, headers: this.headers, hint: (status, body) => this.hintFor(status, body), retryAtHeader: 'x-sentry-rate-limit-reset' },
      { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs },
    );
  }

  private hintFor(status: number, body: unknown): string | undefined {
    const { organization, project } = this.config;
    const name = this.config['token-env'];
    if (status === 401 || status === 403) return `check that ${name} holds a Sentry auth token with the org:read, project:read and event:read scopes for organization ${organization}`;
    if (status === 404) return `check source.organization (${organization}) and source.project (${project})${detailOf(body) ? `: ${detailOf(body)}` : ''}`;
    return detailOf(body);
  }
}

/** Sentry explains a refusal in `{"detail": "…"}`. */
function detailOf(body: unknown): string | undefined {
  const parsed = z.object({ detail: z.string().min(1) }).safeParse(body);
  return parsed.success ? parsed.data.detail.replace(/\s+/g, ' ').slice(0, 300) : undefined;
}

function quoted(release: string): string {
  return `"${release}"`;
}
