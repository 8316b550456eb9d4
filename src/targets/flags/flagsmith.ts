import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import type { HttpOptions } from '../../sources/http/send-request.js';
import { type SourceFault, fault } from '../../sources/source-fault.js';
import { type FlagAnswer, FlagApi, serviceMessage } from './flag-api.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagCall, FlagFault, FlagService, FlagServiceKind, FlagState } from './flag-service.js';
import { findSplit, segmentRuleSchema, splitShare, withSplit } from './flagsmith-split.js';

/**
 * Flagsmith through its Admin API (`Authorization: Api-Key …`).
 *
 * The percentage rollout is what Flagsmith documents as a staged rollout
 * ("Rollout by Percentage"): a segment with a `% Split` condition, added as a
 * segment override on the feature in the environment with the flag on.
 * Flagsmith hashes (segment id, identity key) to a number from 0 to 100 and
 * puts the identity in the segment when it is at most the split's value, so
 * growing the value only adds users and nobody is reshuffled. Multivariate
 * weights are not used: they are for A/B tests, they split values rather than
 * on/off, and their hash includes the feature state's id, which a new feature
 * version replaces.
 *
 * The rule: among the feature's segment overrides in the environment,
 * exactly one has a segment with a `% Split` condition; that segment has
 * exactly one, ANDed with any other conditions (the share is then of the
 * users matching them). None, several, or a split inside an `ANY` with
 * siblings or a `NONE` is a `config` fault naming what to change.
 *
 * - `percentage` is the split's value; `enabled` is the rollout override's
 *   on/off, which is what serves the flag to the split (a segment override
 *   replaces the environment's state for its members, `enabled` included).
 * - `setPercentage` writes only the split's value (the segment's other rules,
 *   name and metadata as read), then turns the override on when the share is
 *   above 0. The split lives on the segment, which is project-wide: a segment
 *   that also serves another feature or environment is refused before any
 *   write, since changing it would move their rollouts too.
 * - `turnOff` turns the rollout override off; the split stays as it was.
 * - The environment's own state must be off, or every user outside the split
 *   gets the flag too and no share could be read; other segment overrides and
 *   identity overrides are left as the team set them.
 * - Environments with feature versioning (v2) are refused: Flagsmith takes
 *   feature-state changes there only as new versions.
 * - A split of 0 still admits an identity whose hash is exactly 0 (about 1
 *   in 9,999): Flagsmith's comparison is "at most". So 0% (a rollback) also
 *   turns the rollout override off.
 */
const shape: FlagConfigShape = {
  title: 'Flagsmith',
  token: 'an Admin API key (Organisation Settings → API Keys)',
  defaultApiUrl: 'https://api.flagsmith.com/api/v1',
  project: { need: 'none' },
  environment: { need: 'required', what: "the environment's client-side API key (Environment Settings → Keys)" },
};

const TOKEN_SCOPE =
  'an Admin API key of the organisation (Organisation Settings → API Keys) that is an admin key, or whose role may view the project, manage its segments and update feature states in the environment';

// What rollout-guard reads, loosely: Flagsmith adds fields over time.
const environmentSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  project: z.number().int(),
  use_v2_feature_versioning: z.boolean().optional(),
});
const stateSchema = z.looseObject({ id: z.number().int(), enabled: z.boolean() });
const featureSchema = z.looseObject({ id: z.number().int(), name: z.string(), environment_feature_state: stateSchema.nullish() });
const featureSegmentSchema = z.looseObject({ id: z.number().int(), segment: z.number().int(), priority: z.number().int(), segment_name: z.string().optional() });
const segmentSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  rules: z.array(segmentRuleSchema),
  metadata: z.array(z.looseObject({ model_field: z.number().int(), field_value: z.string() })).optional(),
});
const overrideStateSchema = z.looseObject({ id: z.number().int(), enabled: z.boolean(), feature: z.number().int(), feature_segment: z.number().int().nullable() });
const usageSchema = z.looseObject({ feature: z.number().int(), environment: z.number().int().nullable() });
const pageSchema = z.looseObject({ next: z.string().nullish(), results: z.array(z.unknown()) });

type Segment = z.infer<typeof segmentSchema>;

/** Everything one read found: the ids the writes need and the state to report. */
interface Rollout {
  environment: z.infer<typeof environmentSchema>;
  feature: { id: number; name: string };
  segment: Segment;
  override: z.infer<typeof overrideStateSchema>;
  share: number;
  state: FlagState;
}

/** Lists come in pages of 10 by default; more than this many pages is not a flag's configuration. */
const MAX_PAGES = 50;

export const flagsmithService: FlagServiceKind<FlagConfig> = {
  kind: 'flagsmith',
  title: 'Flagsmith',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config, http) => new FlagsmithFlag(config, http),
};

class FlagsmithFlag implements FlagService {
  readonly kind = 'flagsmith';
  private readonly api: FlagApi;
  private readonly environmentKey: string;

  constructor(
    private readonly config: FlagConfig,
    http: HttpOptions,
  ) {
    this.api = new FlagApi(config.apiUrl, { authorization: `Api-Key ${config.token}` }, http, 'Flagsmith');
    this.environmentKey = config.environment!;
  }

  describe(): string {
    return `Flagsmith flag ${this.config.flag} in environment ${this.environmentKey}`;
  }

  async read(): Promise<Result<FlagState, SourceFault>> {
    const rollout = await this.locate();
    this.api.take();
    return rollout.ok ? ok(rollout.value.state) : rollout;
  }

  async setPercentage(percentage: number): Promise<Result<FlagCall[], FlagFault>> {
    const rollout = await this.locate();
    if (!rollout.ok) return this.failed(rollout.error);
    const { environment, segment, override } = rollout.value;
    if (rollout.value.share !== percentage) {
      const shared = await this.checkSegmentIsOwn(rollout.value);
      if (!shared.ok) return this.failed(shared.error);
      const body = { rules: withSplit(segment.rules, percentage), metadata: (segment.metadata ?? []).map(({ model_field, field_value }) => ({ model_field, field_value })) };
      const saved = await this.send('PATCH', `/projects/${environment.project}/segments/${segment.id}/`, body, `update segment ${segment.name}`);
      if (!saved.ok) return this.failed(saved.error);
      const after = segmentSchema.safeParse(saved.value.json);
      const split = after.success ? findSplit(after.data.rules) : null;
      if (split?.found !== 'one' || splitShare(split.value) !== percentage) {
        return this.failed({ kind: 'malformed', message: `Flagsmith answered the update of segment ${segment.name} (id ${segment.id}) without a % split of ${percentage}` });
      }
    }
    // On only after the share is set, so no moment serves the old, larger share.
    if (percentage > 0 && !override.enabled) {
      const on = await this.setOverride(true, rollout.value);
      if (!on.ok) return this.failed(on.error);
    }
    // A split of 0 still admits an identity whose hash is exactly 0 ("at most"), so 0% also turns the override off: nobody means nobody.
    if (percentage === 0 && override.enabled) {
      const off = await this.setOverride(false, rollout.value);
      if (!off.ok) return this.failed(off.error);
    }
    return ok(this.api.take());
  }

  async turnOff(): Promise<Result<FlagCall[], FlagFault>> {
    const rollout = await this.locate();
    if (!rollout.ok) return this.failed(rollout.error);
    if (rollout.value.override.enabled) {
      const off = await this.setOverride(false, rollout.value);
      if (!off.ok) return this.failed(off.error);
    }
    return ok(this.api.take());
  }

  /** Finds the environment, the feature, its rollout override and segment, and checks the rule above. */
  private async locate(): Promise<Result<Rollout, SourceFault>> {
    const key = this.environmentKey;
    if (key.startsWith('ser.')) {
      return fault('config', `flag-environment ${key.slice(0, 8)}… is a server-side SDK key; the Admin API names an environment by its client-side key (Environment Settings → Keys)`);
    }
    const got = await this.send('GET', `/environments/${encodeURIComponent(key)}/`, undefined, `read environment ${key}`, 'environment');
    if (!got.ok) return got;
    const environment = environmentSchema.safeParse(got.value.json);
    if (!environment.success) return this.malformed(`environment ${key}`);
    const env = environment.data;
    const where = `environment ${env.name} (project ${env.project})`;
    if (env.use_v2_feature_versioning === true) {
      return fault('config', `Flagsmith ${where} uses feature versioning, where feature states change only through new versions, which rollout-guard does not write; use an environment without feature versioning for flag-environment`);
    }

    const features = await this.list(`/projects/${env.project}/features/?search=${encodeURIComponent(this.config.flag)}&environment=${env.id}`, featureSchema, `list features of project ${env.project}`);
    if (!features.ok) return features;
    const feature = features.value.find((candidate) => candidate.name === this.config.flag);
    if (!feature) return fault('config', `Flagsmith has no feature named ${this.config.flag} (flag) in project ${env.project}, the project of environment ${env.name}`);
    if (!feature.environment_feature_state) return this.malformed(`feature ${feature.name} without its state in ${where}`);

    const overrides = await this.list(`/features/feature-segments/?environment=${env.id}&feature=${feature.id}`, featureSegmentSchema, `list segment overrides of ${feature.name}`);
    if (!overrides.ok) return overrides;
    const withSplits: Array<{ featureSegment: z.infer<typeof featureSegmentSchema>; segment: Segment; split: ReturnType<typeof findSplit> }> = [];
    for (const featureSegment of overrides.value) {
      const read = await this.send('GET', `/projects/${env.project}/segments/${featureSegment.segment}/`, undefined, `read segment ${featureSegment.segment}`);
      if (!read.ok) return read;
      const segment = segmentSchema.safeParse(read.value.json);
      if (!segment.success) return this.malformed(`segment ${featureSegment.segment}`);
      const split = findSplit(segment.data.rules);
      if (split.found !== 'none') withSplits.push({ featureSegment, segment: segment.data, split });
    }
    const fix = `in Flagsmith, give ${feature.name} in ${env.name} exactly one segment override whose segment has a % Split condition (Segments → a segment with a % Split rule; Features → ${feature.name} → Segment Overrides, flag on)`;
    if (withSplits.length === 0) return fault('config', `Flagsmith feature ${feature.name} (flag) has no percentage rollout in ${where}: ${fix}`);
    if (withSplits.length > 1) {
      const names = withSplits.map(({ segment }) => segment.name).join(', ');
      return fault('config', `Flagsmith feature ${feature.name} (flag) has ${withSplits.length} segment overrides with a % split in ${where} (${names}), so which one is the rollout is ambiguous: ${fix}`);
    }
    const [{ featureSegment, segment, split }] = withSplits as [(typeof withSplits)[number]];
    if (split.found === 'several') return fault('config', `Flagsmith segment ${segment.name} (rollout of ${feature.name}) has ${split.count} % Split conditions; keep one`);
    if (split.found === 'not-anded') {
      return fault('config', `Flagsmith segment ${segment.name} (rollout of ${feature.name}) has its % Split inside an ${split.ruleType} rule with other conditions, so its value is not the share; move the % Split to its own rule`);
    }
    if (split.found !== 'one') return fault('config', `Flagsmith segment ${segment.name} has no % split`);
    const share = splitShare(split.value);
    if (share === null) return fault('malformed', `Flagsmith segment ${segment.name} (rollout of ${feature.name}) has a % Split of ${JSON.stringify(split.value.slice(0, 20))}, not a number from 0 to 100`);

    const states = await this.list(`/features/featurestates/?environment=${env.id}&feature=${feature.id}&feature_segment=${featureSegment.id}`, overrideStateSchema, `read the override of ${feature.name} for segment ${segment.name}`);
    if (!states.ok) return states;
    const own = states.value.filter((state) => state.feature === feature.id && state.feature_segment === featureSegment.id);
    if (own.length !== 1) return this.malformed(`${own.length} feature states for the override of ${feature.name} by segment ${segment.name} in ${where}`);
    const override = own[0]!;

    if (feature.environment_feature_state.enabled) {
      return fault(
        'config',
        `Flagsmith feature ${feature.name} (flag) is on for every identity in ${where}, so its % split rollout (segment ${segment.name}) decides nothing; turn the feature off in the environment and let the segment override turn it on`,
      );
    }
    const ahead = overrides.value.filter((other) => other.id !== featureSegment.id && other.priority < featureSegment.priority).length;
    const scope = split.otherConditions > 0 ? ` of the identities matching its ${split.otherConditions} other condition${split.otherConditions === 1 ? '' : 's'}` : '';
    const by = split.property ? ` by ${split.property}` : '';
    const detail = [
      `${override.enabled ? 'on' : 'off'}, segment ${segment.name} % split ${share}%${scope}${by}`,
      'environment default off',
      ...(ahead > 0 ? [`${ahead} segment override${ahead === 1 ? '' : 's'} ranked above`] : []),
    ].join('; ');
    return ok({ environment: env, feature: { id: feature.id, name: feature.name }, segment, override, share, state: { enabled: override.enabled, percentage: share, detail } });
  }

  /**
   * The split is the segment's, for every feature and environment that
   * overrides with it: changing it for another's rollout is not ours to do.
   */
  private async checkSegmentIsOwn({ environment, feature, segment }: Rollout): Promise<Result<void, SourceFault>> {
    // One page of up to 999 (Flagsmith's page size here, and the description documents no `page`): a segment with more uses is shared anyway.
    const uses = await this.list(`/projects/${environment.project}/segments/${segment.id}/associated-features/`, usageSchema, `list the uses of segment ${segment.name}`, false);
    if (!uses.ok) return uses;
    const others = uses.value.filter((use) => use.feature !== feature.id || use.environment !== environment.id);
    if (others.length === 0) return ok(undefined);
    const other = others[0]!;
    const what = other.feature !== feature.id ? `feature ${other.feature}` : `environment ${other.environment ?? 'none'}`;
    return fault(
      'config',
      `Flagsmith segment ${segment.name} (the % split rollout of ${feature.name}) also serves ${what} and ${others.length - 1} more override(s); changing its split would move those too: give ${feature.name} in ${environment.name} a segment of its own`,
    );
  }

  private async setOverride(enabled: boolean, { environment, feature, segment, override }: Rollout): Promise<Result<void, SourceFault>> {
    // Flagsmith's serializer checks the feature and environment of the state it changes; both are sent as read.
    const body = { enabled, feature: feature.id, environment: environment.id };
    const sent = await this.send('PATCH', `/features/featurestates/${override.id}/`, body, `turn the override of ${feature.name} by segment ${segment.name} ${enabled ? 'on' : 'off'}`);
    if (!sent.ok) return sent;
    const after = overrideStateSchema.safeParse(sent.value.json);
    if (!after.success || after.data.enabled !== enabled) return this.malformed(`the answer to turning the override of ${feature.name} ${enabled ? 'on' : 'off'}`);
    return ok(undefined);
  }

  /** Every item of a paged list (or its first page only), each checked against `item`. */
  private async list<T>(path: string, item: z.ZodType<T>, doing: string, everyPage = true): Promise<Result<T[], SourceFault>> {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const got = await this.send('GET', everyPage ? `${path}${path.includes('?') ? '&' : '?'}page=${page}` : path, undefined, doing);
      if (!got.ok) return got;
      const parsed = pageSchema.safeParse(got.value.json);
      if (!parsed.success) return this.malformed(`the answer to ${doing} (not a page of results)`);
      for (const raw of parsed.data.results) {
        const one = item.safeParse(raw);
        if (!one.success) return this.malformed(`an item of ${doing}`);
        items.push(one.data);
      }
      if (!parsed.data.next || !everyPage) return ok(items);
    }
    return this.malformed(`the answer to ${doing} (more than ${MAX_PAGES} pages)`);
  }

  /**
   * One call; an answer other than 2xx becomes the fault that names what to
   * fix: the token on 401/403, flag-environment on a 404 of the environment.
   */
  private async send(method: 'GET' | 'PATCH', path: string, body: unknown, doing: string, subject?: 'environment'): Promise<Result<FlagAnswer, SourceFault>> {
    const sent = await this.api.send(method, path, body);
    if (!sent.ok) return sent;
    const answer = sent.value;
    if (answer.status >= 200 && answer.status < 300) return sent;
    const said = serviceMessage(answer) ?? firstFieldError(answer);
    const because = said ? `: ${said}` : '';
    if (answer.status === 401 || answer.status === 403) {
      return fault('config', `Flagsmith refused to ${doing} (HTTP ${answer.status}${because}); flag-api-token must be ${TOKEN_SCOPE}`);
    }
    if (answer.status === 404 && subject === 'environment') {
      return fault('config', `Flagsmith has no environment with the key in flag-environment (${this.environmentKey}) that this Admin API key can see; use the environment's client-side key (Environment Settings → Keys)`);
    }
    if (answer.status >= 500 || answer.status === 429) return fault('provider', `Flagsmith could not ${doing} (HTTP ${answer.status}${because})`);
    return fault('config', `Flagsmith refused to ${doing} (HTTP ${answer.status}${because})`);
  }

  private malformed(what: string): { ok: false; error: SourceFault } {
    return fault('malformed', `Flagsmith answered with an unexpected shape for ${what}`);
  }

  private failed(error: SourceFault): { ok: false; error: FlagFault } {
    return { ok: false, error: { ...error, calls: this.api.take() } };
  }
}

/** Django REST framework's validation answers are `{field: ["message"]}`. */
function firstFieldError(answer: FlagAnswer): string | null {
  const body = answer.json;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') return `${field}: ${first.split('\n')[0]!.slice(0, 200)}`;
  }
  return null;
}
