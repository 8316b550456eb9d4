import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { type HttpOptions, sendRequest } from '../http/send-request.js';
import { describeJsonTextError, parseJsonText } from '../json-text.js';
import { readCredential } from '../secret-registry.js';
import { type SourceFault, fault } from '../source-fault.js';
import { redactUrl } from './fetch-json.js';
import type { MetricQuery, MetricSamples, MetricSource, MetricSourceKind } from './metric-source.js';
import { BUILT_IN_EVENTS, type PostHogSourceConfig, configSchema } from './posthog-config.js';
import { MAX_BUCKETS, type VariantFilter, bucketGrid, hogqlRequest, readCounts } from './posthog-hogql.js';

export type { PostHogSourceConfig } from './posthog-config.js';

/**
 * The `posthog` metric source: events counted per variant of a feature
 * flag, with PostHog's query API (`query_create`,
 * `POST /api/projects/{project_id}/query/` with a `HogQLQuery`). PostHog's
 * SDKs put the flag's value on every event they send as the property
 * `$feature/<flag>`, so the canary is the events whose value is
 * `variants.canary` (`true` for a boolean flag, a variant key for a
 * multivariate one) and the baseline those with `variants.baseline`
 * (`false`, or the control variant).
 *
 * ```yaml
 * source:
 *   type: posthog
 *   project: 12345
 *   flag: new-checkout
 *   # variants: { canary: 'true', baseline: 'false' }   # the default
 *   events: { checkouts: checkout_completed }          # over errors: $exception, pageviews: $pageview
 * metrics:
 *   error-rate: { ratio: { numerator: errors, denominator: pageviews }, max-increase: 50% }
 * ```
 *
 * A series is a count of one event per `interval` over the window; see
 * `posthog-hogql.ts` for the query and why its text never holds config.
 */
export const postHogSource: MetricSourceKind<PostHogSourceConfig> = {
  kind: 'posthog',
  schema: configSchema as z.ZodType<PostHogSourceConfig>,
  create(config, context) {
    const name = config['token-env'];
    const token = readCredential(context.env, name);
    if (!token) return fault('config', `source.token-env names ${name}, but ${name} is not set; PostHog's query API needs a personal API key with the query:read scope`);
    return ok(new PostHogMetricSource(config, { authorization: `Bearer ${token}` }, context.http ?? {}));
  },
};

class PostHogMetricSource implements MetricSource {
  readonly kind = 'posthog';
  readonly where: string;
  private readonly events: Record<string, string>;

  constructor(
    private readonly config: PostHogSourceConfig,
    private readonly headers: Record<string, string>,
    private readonly http: HttpOptions,
  ) {
    this.where = `project ${config.project} at ${redactUrl(config.url)}`;
    this.events = { ...BUILT_IN_EVENTS, ...config.events };
  }

  async query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>> {
    if (request.query !== undefined) return fault('config', `metric query ${JSON.stringify(request.query)}: the posthog source takes no per-metric query; name a series (${Object.keys(this.events).join(', ')}) or add one under source.events`);
    const event = this.events[request.series];
    if (event === undefined) return fault('config', `the posthog source has no series \`${request.series}\`: use one of ${Object.keys(this.events).join(', ')}, or add it under source.events (series: event name)`);
    const filter = this.filterFor(request);
    if (!filter.ok) return filter;
    const grid = bucketGrid(request.now, request.windowMs, this.config.interval);
    if (grid.count > MAX_BUCKETS) return fault('config', `the window of series \`${request.series}\` holds ${grid.count} buckets of ${grid.stepMs / 1_000}s; PostHog answers at most ${MAX_BUCKETS} rows: raise source.interval`);
    const what = `posthog ${this.where} \`${request.series}\` (${event}${filter.value ? `, $feature/${filter.value.flag} = ${filter.value.value}` : ''})`;
    const body = { query: hogqlRequest(event, filter.value, grid), name: `rollout-guard ${request.series}${request.variant ? ` ${request.variant}` : ''}`.slice(0, 128) };
    const answer = await this.post(body, what);
    if (!answer.ok) return answer;
    const nobody = filter.value ? `$feature/${filter.value.flag} = ${filter.value.value}` : 'any event of the project';
    return readCounts(answer.value, grid, what, nobody);
  }

  /** The variant's property filter; a canary or baseline read without a flag would compare a thing with itself. */
  private filterFor(request: MetricQuery): Result<VariantFilter | null, SourceFault> {
    if (request.variant === null) return ok(null);
    if (this.config.flag === undefined) return fault('config', `the ${request.variant} of series \`${request.series}\` is told apart by a feature flag, and the posthog source names none: set source.flag to the flag's key`);
    return ok({ flag: this.config.flag, value: this.config.variants[request.variant] });
  }

  private async post(body: unknown, what: string): Promise<Result<unknown, SourceFault>> {
    const url = `${this.config.url}/api/projects/${this.config.project}/query/`;
    const label = `POST ${redactUrl(url)}`;
    // A query only reads, so retrying it on 429 and 5xx (as the helper does) is safe.
    const sent = await sendRequest(
      { method: 'POST', url, headers: this.headers, publicHeaders: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), label },
      { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs },
    );
    if (!sent.ok) return fault('provider', `${what}: ${sent.error.message}`);
    const { status, text, tries } = sent.value;
    const parsed = parseJsonText(text);
    if (status >= 200 && status < 300) return parsed.ok ? ok(parsed.value) : fault('malformed', `${what}: ${label} answered ${status}, but its body is ${describeJsonTextError(parsed.error)}`);
    const detail = detailOf(parsed.ok ? parsed.value : undefined);
    // A 400 is PostHog refusing the query (an unknown property type, a HogQL error): the config's to fix, not an outage.
    if (status === 400) return fault('config', `${what}: PostHog refused the query${detail ? `: ${detail}` : ''}`);
    const after = tries > 1 ? ` after ${tries} tries` : '';
    const reasons = [this.hintFor(status), detail].filter(Boolean).join(': ');
    return fault('provider', `${what}: ${label} answered ${status}${after}${reasons ? `; ${reasons}` : ''}`);
  }

  private hintFor(status: number): string | undefined {
    const { project } = this.config;
    if (status === 401 || status === 403) return `check that ${this.config['token-env']} holds a PostHog personal API key with the query:read scope and access to project ${project}`;
    if (status === 404) return `check source.project (${project}) and source.url (${this.config.url})`;
    return undefined;
  }
}

/** PostHog explains a refusal in `{"type": …, "detail": "…"}`. */
function detailOf(body: unknown): string | undefined {
  const parsed = z.object({ detail: z.string().min(1) }).safeParse(body);
  return parsed.success ? parsed.data.detail.replace(/\s+/g, ' ').slice(0, 300) : undefined;
}
