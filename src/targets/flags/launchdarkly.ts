import { type Result, ok } from '../../engine/result.js';
import type { HttpOptions } from '../../sources/http/send-request.js';
import { type SourceFault, fault } from '../../sources/source-fault.js';
import { type FlagAnswer, FlagApi, serviceMessage } from './flag-api.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import { type FlagCall, type FlagFault, type FlagService, type FlagServiceKind, type FlagState } from './flag-service.js';
import { type DefaultRollout, type FlagWhere, defaultRollout, launchDarklyFlagSchema, rolloutWeights } from './launchdarkly-flag.js';

/**
 * LaunchDarkly: the flag's default rule ("fallthrough") in one environment
 * is the percentage rollout (which variation is new: `launchdarkly-flag.ts`).
 * Reads are `GET /api/v2/flags/{project}/{flag}?env=`; changes are semantic
 * patches (`Content-Type: application/json; domain-model=launchdarkly.semanticpatch`),
 * which say what to change rather than carry the flag back, so targets, rules
 * and prerequisites cannot be overwritten by a stale copy:
 * - a share: `updateFallthroughVariationOrRollout` with the two variations'
 *   `rolloutWeights`, and the rollout's `rolloutBucketBy` and
 *   `rolloutContextKind` sent back as they were (left out, LaunchDarkly would
 *   bucket by the user key and reshuffle a rollout bucketed otherwise); then
 *   `turnFlagOn` in the same patch when the share is above 0 and the flag is
 *   off. LaunchDarkly applies a patch's instructions in order and all or none,
 *   so no moment serves the old share with the flag on;
 * - the kill switch: `turnFlagOff`, sent with `ignoreConflicts=true` so a
 *   pending scheduled change or approval request on the flag cannot block it.
 * Users stay in their buckets as the share grows: LaunchDarkly hashes the
 * flag key, the environment's salt and the context key, and a weight change
 * keeps the salt.
 *
 * Environments that require approvals answer a direct change with 405; that
 * is a config fault saying so, since a rollout cannot wait for a reviewer. A
 * token whose role may read but not write is answered 401 on the change (as
 * LaunchDarkly documents), which names the Writer role.
 */

const API_VERSION = '20240415';
const SEMANTIC_PATCH = 'application/json; domain-model=launchdarkly.semanticpatch';

const shape: FlagConfigShape = {
  title: 'LaunchDarkly',
  token: 'a LaunchDarkly API access token with the Writer role (Organization settings → Authorization)',
  defaultApiUrl: 'https://app.launchdarkly.com',
  project: { need: 'required', what: 'the project key (Project settings)' },
  environment: { need: 'required', what: 'the environment key (production)' },
};

export const launchDarklyService: FlagServiceKind<FlagConfig> = {
  kind: 'launchdarkly',
  title: 'LaunchDarkly',
  inputs: flagInputs(shape),
  schema: flagConfigSchema(shape),
  create: (config, http) => new LaunchDarklyFlag(config, http),
};

class LaunchDarklyFlag implements FlagService {
  readonly kind = 'launchdarkly';
  private readonly api: FlagApi;
  private readonly where: FlagWhere;
  private readonly flagPath: string;

  constructor(config: FlagConfig, http: HttpOptions) {
    this.where = { flag: config.flag, project: config.project ?? '', environment: config.environment ?? '' };
    // The version is pinned so the answers keep the shape this file reads whatever version the token was created with.
    this.api = new FlagApi(config.apiUrl, { authorization: config.token, 'ld-api-version': API_VERSION }, http, 'LaunchDarkly');
    this.flagPath = `/api/v2/flags/${encodeURIComponent(this.where.project)}/${encodeURIComponent(config.flag)}`;
  }

  describe(): string {
    return `LaunchDarkly flag ${this.where.flag} in project ${this.where.project}, environment ${this.where.environment}`;
  }

  async read(): Promise<Result<FlagState, SourceFault>> {
    const rollout = await this.readRollout();
    this.api.take();
    if (!rollout.ok) return { ok: false, error: { kind: rollout.error.kind, message: rollout.error.message } };
    return ok(stateOf(rollout.value));
  }

  async setPercentage(percentage: number): Promise<Result<FlagCall[], FlagFault>> {
    if (!(percentage >= 0 && percentage <= 100)) return this.failed('config', `a share of ${percentage}% is not between 0 and 100`);
    // Read again rather than trust `current`: the variation ids and the bucketing must be today's, not a caller's copy.
    const rollout = await this.readRollout();
    if (!rollout.ok) return this.failed(rollout.error.kind, rollout.error.message);
    const { bucketBy, contextKind } = rollout.value;
    const instructions: Record<string, unknown>[] = [
      {
        kind: 'updateFallthroughVariationOrRollout',
        rolloutWeights: rolloutWeights(rollout.value, percentage),
        ...(bucketBy === undefined ? {} : { rolloutBucketBy: bucketBy }),
        ...(contextKind === undefined ? {} : { rolloutContextKind: contextKind }),
      },
    ];
    if (percentage > 0 && !rollout.value.enabled) instructions.push({ kind: 'turnFlagOn' });
    return this.patch(instructions, `rollout-guard: default rule to ${percentage}% ${rollout.value.newVariant.label}`, false);
  }

  async turnOff(): Promise<Result<FlagCall[], FlagFault>> {
    return this.patch([{ kind: 'turnFlagOff' }], 'rollout-guard: kill switch', true);
  }

  private async readRollout(): Promise<Result<DefaultRollout, FlagFault>> {
    // The schema requires both; this guards a config built without it.
    if (this.where.project === '') return fault('config', 'LaunchDarkly needs `flag-project`: the project key');
    if (this.where.environment === '') return fault('config', 'LaunchDarkly needs `flag-environment`: the environment key');
    const answer = await this.api.send('GET', `${this.flagPath}?env=${encodeURIComponent(this.where.environment)}`);
    if (!answer.ok) return answer;
    if (answer.value.status !== 200) return fault(...this.faultOf(answer.value, 'read'));
    const flag = launchDarklyFlagSchema.safeParse(answer.value.json);
    if (!flag.success) return fault('malformed', `LaunchDarkly answered GET ${this.flagPath} off the documented shape: ${flag.error.issues[0]?.path.join('.') || 'body'} ${flag.error.issues[0]?.message ?? ''}`.trim());
    return defaultRollout(flag.data, this.where);
  }

  private async patch(instructions: Record<string, unknown>[], comment: string, ignoreConflicts: boolean): Promise<Result<FlagCall[], FlagFault>> {
    const body = { environmentKey: this.where.environment, comment, instructions };
    const answer = await this.api.send('PATCH', `${this.flagPath}${ignoreConflicts ? '?ignoreConflicts=true' : ''}`, body, SEMANTIC_PATCH);
    if (!answer.ok) return { ok: false, error: { ...answer.error, calls: this.api.take() } };
    if (answer.value.status !== 200) {
      const [kind, message] = this.faultOf(answer.value, 'change');
      return this.failed(kind, message);
    }
    return ok(this.api.take());
  }

  private failed(kind: SourceFault['kind'], message: string): { ok: false; error: FlagFault } {
    return { ok: false, error: { kind, message, calls: this.api.take() } };
  }

  /** What a non-200 answer means, as a fault naming the input or the LaunchDarkly setting to fix. */
  private faultOf(answer: FlagAnswer, doing: 'read' | 'change'): [SourceFault['kind'], string] {
    const said = serviceMessage(answer);
    const status = `${answer.status}${said ? `: ${said}` : ''}`;
    const { flag, project, environment } = this.where;
    switch (answer.status) {
      // LaunchDarkly answers 401 both to a token it does not know and to one whose role does not allow the call.
      case 401:
        if (doing === 'change') return ['config', `\`flag-api-token\` may not change flag \`${flag}\` in project \`${project}\`, environment \`${environment}\` (${status}): give the access token the Writer role, or a custom role allowing flag changes in that environment`];
        return ['config', `LaunchDarkly refused \`flag-api-token\` (${status}): it must be an API access token (Organization settings → Authorization) with the Writer role`];
      case 403:
        return ['config', `\`flag-api-token\` may not ${doing} flag \`${flag}\` in project \`${project}\`, environment \`${environment}\` (${status}): give the access token the Writer role, or a custom role allowing flag changes in that environment`];
      case 404:
        return ['config', `LaunchDarkly has no flag \`${flag}\` in project \`${project}\` that the token can see (${status}): check \`flag\` (the flag key) and \`flag-project\` (the project key)`];
      case 405:
        return ['config', `environment \`${environment}\` requires approval for changes to flag \`${flag}\` (${status}): rollout-guard cannot wait for a reviewer; turn off required approvals for this flag in that environment, or let the token bypass them`];
      case 400:
        if (said !== null && /approval/i.test(said)) return ['config', `environment \`${environment}\` requires approval for changes to flag \`${flag}\` (${status}): rollout-guard cannot wait for a reviewer`];
        return ['config', `LaunchDarkly refused to ${doing} flag \`${flag}\` in environment \`${environment}\` (${status})`];
      case 409:
        return ['config', `LaunchDarkly refused to change flag \`${flag}\` in environment \`${environment}\`: it conflicts with a pending scheduled change or approval request (${status}); resolve it in LaunchDarkly`];
      default:
        return ['provider', `LaunchDarkly answered ${status} to ${doing === 'read' ? 'reading' : 'changing'} flag \`${flag}\``];
    }
  }
}

function stateOf(rollout: DefaultRollout): FlagState {
  return { enabled: rollout.enabled, percentage: rollout.percentage, detail: rollout.detail };
}
