import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import type { HttpOptions } from '../../sources/http/send-request.js';
import { type SourceFault, fault } from '../../sources/source-fault.js';
import { FlagApi, type FlagAnswer, serviceMessage } from './flag-api.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagCall, FlagFault, FlagService, FlagServiceKind, FlagState } from './flag-service.js';

/**
 * `flag-service: unleash`: a flag's Gradual rollout in one environment of a
 * self-hosted or hosted Unleash, through its Admin API (the token goes in
 * the `Authorization` header as is):
 * - read: `GET /api/admin/projects/{project}/features/{flag}` (getFeature),
 *   the flag with every environment's strategies, segments included (the
 *   per-environment endpoint leaves segments out);
 * - the share: `PATCH …/features/{flag}/environments/{env}/strategies/{id}`
 *   (patchFeatureStrategy) with the JSON Patch
 *   `[{ op: 'add', path: '/parameters/rollout', value: '25' }]`. Unleash
 *   applies it to the strategy as stored, so stickiness, groupId,
 *   constraints, segments, variants, title, the disabled flag and the sort
 *   order stay as they are. A PUT (updateFeatureStrategy) replaces the
 *   strategy with what is sent, and a field left out changes: `disabled`
 *   is documented to default to true;
 * - on and off: `POST …/features/{flag}/environments/{env}/on` and `/off`
 *   (toggleFeatureEnvironmentOn/Off), without `shouldActivateDisabledStrategies`
 *   so a strategy the team disabled stays disabled.
 *
 * The percentage rollout is the environment's one flexibleRollout ("Gradual
 * rollout") strategy that is enabled and has no constraints and no segments:
 * it alone is a share of all users. Gradual rollouts with constraints or
 * segments target a group, and disabled ones serve nobody; they are left
 * alone with every other strategy. None, or more than one, is a `config`
 * fault that says what to change in the Unleash UI. So is an enabled
 * Standard strategy without constraints or segments: it serves everyone
 * whatever the rollout says, and a canary share read from the rollout would
 * be untrue.
 *
 * Users keep their bucket: Unleash's SDKs put a user in a Gradual rollout by
 * the murmur hash of `groupId:userId` (the strategy's stickiness field), and
 * nothing here changes groupId or stickiness, so raising the rollout only
 * adds users.
 */
const shape: FlagConfigShape = {
  title: 'Unleash',
  token: 'an admin API token or a personal access token',
  defaultApiUrl: null,
  project: { need: 'default', value: 'default', what: 'the project id' },
  environment: { need: 'required', what: 'the environment name (production)' },
};

const strategySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  title: z.string().nullish(),
  disabled: z.boolean().nullish(),
  constraints: z.array(z.unknown()).nullish(),
  segments: z.array(z.number()).nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});
type Strategy = z.infer<typeof strategySchema>;

const featureSchema = z.looseObject({
  name: z.string(),
  environments: z.array(z.looseObject({ name: z.string(), enabled: z.boolean(), strategies: z.array(strategySchema) })),
});

/** The Gradual rollout this service drives, as last read. */
interface Rollout {
  strategyId: string;
  /** Its `rollout` parameter as read, 0–100. */
  percentage: number;
}

/** `https://unleash.example.com`, `…/api` and `…/api/admin` all name the instance; the paths below add `/api/admin`. */
export function unleashBaseUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '').replace(/\/api(\/admin)?$/, '');
}

export const unleashService: FlagServiceKind<FlagConfig> = {
  kind: 'unleash',
  title: 'Unleash',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config, http) => new UnleashFlag(config, http),
};

class UnleashFlag implements FlagService {
  readonly kind = 'unleash';
  private readonly api: FlagApi;
  private readonly project: string;
  private readonly environment: string;
  /** The strategy found by the last read: `setPercentage` is given that read's state. */
  private rollout: Rollout | null = null;

  constructor(
    private readonly config: FlagConfig,
    http: HttpOptions,
  ) {
    this.api = new FlagApi(unleashBaseUrl(config.apiUrl), { authorization: config.token }, http, 'Unleash');
    this.project = config.project ?? 'default';
    this.environment = config.environment ?? '';
  }

  describe(): string {
    return `Unleash flag ${this.config.flag} in project ${this.project}, environment ${this.environment}`;
  }

  private get featurePath(): string {
    return `/api/admin/projects/${encodeURIComponent(this.project)}/features/${encodeURIComponent(this.config.flag)}`;
  }

  private get environmentPath(): string {
    return `${this.featurePath}/environments/${encodeURIComponent(this.environment)}`;
  }

  async read(): Promise<Result<FlagState, SourceFault>> {
    this.rollout = null;
    const path = this.featurePath;
    const answer = await this.api.send('GET', path);
    if (!answer.ok) return answer;
    if (answer.value.status !== 200) return this.refused(answer.value, 'GET', path);
    if (answer.value.json === undefined) return fault('malformed', `Unleash GET ${path} answered 200 without JSON: is \`flag-api-url\` the Unleash instance (https://unleash.example.com)?`);
    const feature = featureSchema.safeParse(answer.value.json);
    if (!feature.success) {
      const issue = feature.error.issues[0];
      return fault('malformed', `Unleash GET ${path} answered a flag off the documented shape (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`);
    }
    const environment = feature.data.environments.find((candidate) => candidate.name === this.environment);
    if (!environment) {
      const known = feature.data.environments.map((candidate) => candidate.name).join(', ') || 'none';
      return fault('config', `\`flag-environment\`: flag ${this.config.flag} has no environment ${this.environment} in project ${this.project} (its environments: ${known}); name one of them, or enable the environment for the project in Unleash`);
    }
    const chosen = chooseRollout(environment.strategies, this.describe());
    if (!chosen.ok) return chosen;
    const { strategy, percentage } = chosen.value;
    this.rollout = { strategyId: strategy.id, percentage };
    const others = environment.strategies.length - 1;
    const params = strategy.parameters ?? {};
    const detail = [
      `${environment.enabled ? 'on' : 'off'}, Gradual rollout${strategy.title ? ` "${strategy.title}"` : ''} ${percentage}%`,
      ` (stickiness ${String(params.stickiness ?? 'default')}, groupId ${String(params.groupId ?? this.config.flag)})`,
      others > 0 ? `, ${others} other ${others === 1 ? 'strategy' : 'strategies'} left alone` : '',
    ].join('');
    return ok({ enabled: environment.enabled, percentage, detail });
  }

  async setPercentage(percentage: number, current: FlagState): Promise<Result<FlagCall[], FlagFault>> {
    // The calls of earlier reads are not this change's.
    this.api.take();
    let state = current;
    if (this.rollout === null) {
      const read = await this.read();
      if (!read.ok) return { ok: false, error: { ...read.error, calls: this.api.take() } };
      state = read.value;
    }
    const { strategyId, percentage: now } = this.rollout!;
    if (now !== percentage) {
      const patch = [{ op: 'add', path: '/parameters/rollout', value: String(percentage) }];
      const patched = await this.change('PATCH', `${this.environmentPath}/strategies/${encodeURIComponent(strategyId)}`, patch);
      if (!patched.ok) return patched;
      this.rollout = { strategyId, percentage };
    }
    // After the share: turning on first would serve the old share for a moment.
    if (percentage > 0 && !state.enabled) {
      const on = await this.change('POST', `${this.environmentPath}/on`);
      if (!on.ok) return on;
    }
    return ok(this.api.take());
  }

  async turnOff(): Promise<Result<FlagCall[], FlagFault>> {
    this.api.take();
    const off = await this.change('POST', `${this.environmentPath}/off`);
    return off.ok ? ok(this.api.take()) : off;
  }

  /** One write; any answer but 200 is a fault carrying the calls so far. */
  private async change(method: 'PATCH' | 'POST', path: string, body?: unknown): Promise<Result<void, FlagFault>> {
    const answer = await this.api.send(method, path, body);
    if (!answer.ok) return answer;
    if (answer.value.status === 200) return ok(undefined);
    return { ok: false, error: { ...this.refused(answer.value, method, path).error, calls: this.api.take() } };
  }

  /** What a refusal means, in one line naming the input to fix. */
  private refused(answer: FlagAnswer, method: 'GET' | 'PATCH' | 'POST', path: string): { ok: false; error: SourceFault } {
    const said = serviceMessage(answer);
    const where = `Unleash ${method} ${path} answered ${answer.status}${said === null ? '' : ` ("${said}")`}`;
    if (answer.status === 401) return fault('config', `\`flag-api-token\`: ${where}: this Unleash does not accept the token; give ${shape.token} of this instance`);
    if (answer.status === 403) {
      const needs =
        method === 'GET' ? 'read the flag (a client or frontend token cannot use the Admin API)' : method === 'PATCH' ? 'change the strategy (permission UPDATE_FEATURE_STRATEGY)' : 'turn the flag on or off (permission UPDATE_FEATURE_ENVIRONMENT)';
      return fault('config', `\`flag-api-token\`: ${where}: the token may not ${needs} in project ${this.project}, environment ${this.environment}; give an admin API token, or a personal access token of a user with that permission`);
    }
    if (answer.status === 404 && method === 'GET') return fault('config', `\`flag\`: ${where}: no flag ${this.config.flag} in project ${this.project}; check \`flag\` and \`flag-project\``);
    if (answer.status === 404) return fault('config', `\`flag\`: ${where}: the flag or its Gradual rollout in ${this.environment} is gone since it was read; check the flag in Unleash`);
    if (answer.status >= 500) return fault('provider', where);
    return fault('config', `${where}: check \`flag-api-url\`, \`flag-project\` and \`flag-environment\``);
  }
}

const isGradualRollout = (strategy: Strategy): boolean => strategy.name === 'flexibleRollout';
const isEnabled = (strategy: Strategy): boolean => strategy.disabled !== true;
const isForEveryone = (strategy: Strategy): boolean => (strategy.constraints ?? []).length === 0 && (strategy.segments ?? []).length === 0;
const nameOf = (strategy: Strategy): string => (strategy.title ? `"${strategy.title}" (${strategy.id})` : strategy.id);

/** The one Gradual rollout of all users and its share, or a `config` fault saying what to change in Unleash. */
export function chooseRollout(strategies: readonly Strategy[], where: string): Result<{ strategy: Strategy; percentage: number }, SourceFault> {
  const everyone = strategies.filter((strategy) => isEnabled(strategy) && isForEveryone(strategy));
  const standard = everyone.find((strategy) => strategy.name === 'default');
  if (standard) {
    return fault('config', `\`flag\`: ${where} has a Standard strategy ${nameOf(standard)} without constraints or segments, which serves everyone whatever the rollout; remove it or give it constraints in Unleash`);
  }
  const rollouts = everyone.filter(isGradualRollout);
  if (rollouts.length > 1) {
    return fault('config', `\`flag\`: ${where} has ${rollouts.length} enabled Gradual rollout strategies without constraints or segments (${rollouts.map(nameOf).join(', ')}); keep one, so it is clear which one is the canary's share`);
  }
  const strategy = rollouts[0];
  if (!strategy) {
    const others = strategies.filter(isGradualRollout).length;
    const why = others > 0 ? `its ${others} Gradual rollout ${others === 1 ? 'strategy is' : 'strategies are'} disabled or limited by constraints or segments` : 'it has no Gradual rollout strategy';
    return fault('config', `\`flag\`: ${where}: ${why}; add a "Gradual rollout" strategy without constraints or segments in that environment in Unleash`);
  }
  const raw = strategy.parameters?.rollout;
  const percentage = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(percentage) || percentage < 0 || percentage > 100) {
    return fault('malformed', `${where}: the Gradual rollout ${nameOf(strategy)} has rollout ${JSON.stringify(raw) ?? 'missing'}, not a percentage of 0 to 100`);
  }
  return ok({ strategy, percentage });
}
