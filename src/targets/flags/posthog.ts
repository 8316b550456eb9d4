import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import type { HttpOptions } from '../../sources/http/send-request.js';
import { type SourceFault, fault } from '../../sources/source-fault.js';
import { describeFirstIssue } from '../../sources/zod-issue.js';
import { FlagApi, type FlagAnswer, serviceMessage } from './flag-api.js';
import { type FlagConfig, type FlagConfigShape, flagConfigSchema, flagInputs } from './flag-config.js';
import type { FlagCall, FlagFault, FlagService, FlagServiceKind, FlagState } from './flag-service.js';
import { type ReadFlag, checkFlag, describeFlag, filtersWithRollout, findRollout } from './posthog-flag.js';

/**
 * PostHog feature flags as a rollout lever, through three operations of
 * PostHog's API (its published description: `test/fixtures/posthog/`):
 * - `feature_flags_list`, `GET /api/projects/{project_id}/feature_flags/?search=<key>`,
 *   to find the flag by its key (the list has no exact-key filter: `search`
 *   matches key or name, and the exact key is picked from the pages);
 * - `feature_flags_retrieve`, `GET …/feature_flags/{id}/`, the fresh flag
 *   every change starts from;
 * - `feature_flags_partial_update`, `PATCH …/feature_flags/{id}/`, with
 *   `filters` (PostHog replaces the whole object, so it is the flag's own
 *   `filters` with one `rollout_percentage` changed) or `active`.
 *
 * The rollout is the flag's one condition set without property filters
 * (see `posthog-flag.ts`). A PATCH of `filters` carries the `version` read
 * and the `filters` it was made from (`original_flag`), PostHog's own
 * guard against concurrent edits: if someone changed the conditions in
 * between, PostHog answers 409 and nothing is overwritten.
 *
 * PostHog buckets a user by `sha1("<flag key>.<distinct id>")` against the
 * set's percentage, with no seed to change, so raising the percentage only
 * adds users: everyone served at 5% is still served at 25%.
 *
 * A project is one environment in PostHog: `flag-environment` is not read.
 * The token is a personal API key, sent as `Authorization: Bearer`.
 */
const shape: FlagConfigShape = {
  title: 'PostHog',
  token: 'a personal API key with the feature_flag:read and feature_flag:write scopes',
  defaultApiUrl: 'https://us.posthog.com',
  project: { need: 'required', what: 'the project id (Project settings → Project ID)' },
  environment: { need: 'none' },
};

/** `search` can match many flags by name; past this many pages the key is not looked for further. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

const schema = flagConfigSchema(shape).superRefine((config, context) => {
  // PostHog's project routes take the numeric id (or `@current`, which depends on the key's last-used project: too loose for a rollout).
  if (!/^\d+$/.test(config.project ?? '')) context.addIssue({ code: 'custom', path: ['flag-project'], message: 'must be the numeric project id (Project settings → Project ID)' });
});

export const postHogService: FlagServiceKind<FlagConfig> = {
  kind: 'posthog',
  title: 'PostHog',
  inputs: flagInputs(shape),
  schema,
  create: (config, http) => new PostHogFlagService(config, http),
};

const listSchema = z.looseObject({ count: z.number().int().min(0), results: z.array(z.looseObject({ key: z.string() })) });

class PostHogFlagService implements FlagService {
  readonly kind = 'posthog';
  private readonly api: FlagApi;
  private readonly flagsPath: string;
  /** The flag's id once found: its key cannot be looked up directly. */
  private id: number | null = null;

  constructor(
    private readonly config: FlagConfig,
    http: HttpOptions,
  ) {
    this.api = new FlagApi(config.apiUrl, { authorization: `Bearer ${config.token}` }, http, 'PostHog');
    this.flagsPath = `/api/projects/${config.project}/feature_flags/`;
  }

  describe(): string {
    return `PostHog flag ${this.config.flag} in project ${this.config.project}`;
  }

  async read(): Promise<Result<FlagState, SourceFault>> {
    const found = await this.find();
    this.api.take();
    if (!found.ok) return found;
    const rollout = findRollout(found.value.flag);
    if (!rollout.ok) return fault('config', rollout.error);
    return ok({ enabled: found.value.flag.active, percentage: rollout.value.percentage, detail: describeFlag(found.value.flag, rollout.value) });
  }

  async setPercentage(percentage: number): Promise<Result<FlagCall[], FlagFault>> {
    this.api.take();
    const fresh = await this.fetch();
    if (!fresh.ok) return this.failed(fresh.error);
    const { flag, raw } = fresh.value;
    const rollout = findRollout(flag);
    if (!rollout.ok) return this.failed({ kind: 'config', message: rollout.error });
    let version = flag.version;
    if (rollout.value.percentage !== percentage) {
      const guard = version == null ? {} : { version, original_flag: { filters: raw.filters } };
      const changed = await this.patch(flag.id, { filters: filtersWithRollout(raw, rollout.value, percentage), ...guard });
      if (!changed.ok) return this.failed(changed.error);
      version = changed.value.flag.version;
    }
    // On only once the share is set: turning on first would serve the old share for a moment.
    if (percentage > 0 && !flag.active) {
      const on = await this.patch(flag.id, { active: true, ...(version == null ? {} : { version }) });
      if (!on.ok) return this.failed(on.error);
    }
    return ok(this.api.take());
  }

  async turnOff(): Promise<Result<FlagCall[], FlagFault>> {
    this.api.take();
    const id = await this.flagId();
    if (!id.ok) return this.failed(id.error);
    // Only `active` is sent: nothing read is written back, so there is nothing a concurrent edit could lose.
    const off = await this.patch(id.value, { active: false });
    if (!off.ok) return this.failed(off.error);
    return ok(this.api.take());
  }

  private failed(error: SourceFault): { ok: false; error: FlagFault } {
    return { ok: false, error: { kind: error.kind, message: error.message, calls: this.api.take() } };
  }

  private async flagId(): Promise<Result<number, SourceFault>> {
    if (this.id !== null) return ok(this.id);
    const found = await this.find();
    return found.ok ? ok(found.value.flag.id) : found;
  }

  /** The flag as it is now, by id (found by key first when not yet known). */
  private async fetch(): Promise<Result<ReadFlag, SourceFault>> {
    if (this.id === null) return this.find();
    const answer = await this.api.send('GET', `${this.flagsPath}${this.id}/`);
    if (!answer.ok) return answer;
    const refused = this.refusal(answer.value, 'flag');
    if (refused) return refused;
    return this.checked(answer.value.json, `the answer to GET ${this.flagsPath}${this.id}/`);
  }

  /** Pages through `?search=<key>` for the flag whose key is exactly the `flag` input. */
  private async find(): Promise<Result<ReadFlag, SourceFault>> {
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ search: this.config.flag, limit: String(PAGE_SIZE), offset: String(offset) });
      const answer = await this.api.send('GET', `${this.flagsPath}?${query}`);
      if (!answer.ok) return answer;
      const refused = this.refusal(answer.value, 'project');
      if (refused) return refused;
      const list = listSchema.safeParse(answer.value.json, { reportInput: true });
      if (!list.success) return fault('malformed', `PostHog answered GET ${this.flagsPath} with something other than a page of flags: ${describeFirstIssue(list.error)}`);
      const match = list.data.results.find((flag) => flag.key === this.config.flag && flag.deleted !== true);
      if (match) return this.checked(match, `flag \`${this.config.flag}\` in PostHog's list`);
      offset += list.data.results.length;
      if (list.data.results.length === 0 || offset >= list.data.count) return this.unknownFlag();
    }
    return fault('config', `PostHog's search for \`${this.config.flag}\` in project ${this.config.project} matched more than ${MAX_PAGES * PAGE_SIZE} flags without one whose key is exactly it: check input \`flag\` (the flag's key)`);
  }

  private checked(json: unknown, where: string): Result<ReadFlag, SourceFault> {
    const read = checkFlag(json, where);
    if (!read.ok) return fault('malformed', read.error);
    if (read.value.flag.key !== this.config.flag) return fault('malformed', `${where} is flag \`${read.value.flag.key}\`, not \`${this.config.flag}\``);
    if (read.value.flag.deleted === true) return this.unknownFlag();
    this.id = read.value.flag.id;
    return ok(read.value);
  }

  private unknownFlag(): { ok: false; error: SourceFault } {
    this.id = null;
    return fault('config', `PostHog project ${this.config.project} has no feature flag with key \`${this.config.flag}\`: check input \`flag\` (the flag's key, not its name) and \`flag-project\``);
  }

  private async patch(id: number, body: Record<string, unknown>): Promise<Result<ReadFlag, SourceFault>> {
    const path = `${this.flagsPath}${id}/`;
    const answer = await this.api.send('PATCH', path, body);
    if (!answer.ok) return answer;
    const refused = this.refusal(answer.value, 'flag');
    if (refused) return refused;
    return this.checked(answer.value.json, `the answer to PATCH ${path}`);
  }

  /** What a status other than 2xx means; `null` for a 2xx. `missing` says what a 404 is missing. */
  private refusal(answer: FlagAnswer, missing: 'project' | 'flag'): { ok: false; error: SourceFault } | null {
    const { status } = answer;
    if (status >= 200 && status < 300) return null;
    const said = serviceMessage(answer);
    const saying = said ? `: ${said}` : '';
    const { project, flag } = this.config;
    if (status === 401) return fault('config', `PostHog refused \`flag-api-token\` (401${saying}): it must be a personal API key (Settings → Personal API keys) with the feature_flag:read and feature_flag:write scopes`);
    if (status === 403) return fault('config', `PostHog denied \`flag-api-token\` access (403${saying}): the personal API key needs the feature_flag:read and feature_flag:write scopes and access to project ${project} (\`flag-project\`)`);
    if (status === 404 && missing === 'project') return fault('config', `PostHog has no project ${project} for this key (404${saying}): check \`flag-project\` (Project settings → Project ID) and \`flag-api-url\` (us.posthog.com or eu.posthog.com)`);
    if (status === 404) {
      this.id = null;
      return fault('config', `PostHog flag \`${flag}\` is gone from project ${project} (404${saying}): check input \`flag\``);
    }
    if (status === 409) return fault('provider', `PostHog refused the change as the flag was edited meanwhile (409${saying}); nothing was overwritten, and the next run starts from the new flag`);
    if (status === 400) return fault('config', `PostHog refused the change to flag \`${flag}\` (400${saying})`);
    return fault('provider', `PostHog answered ${status}${saying}`);
  }
}
