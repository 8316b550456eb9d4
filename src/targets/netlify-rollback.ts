import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import { type HttpOptions, sendRequest } from '../sources/http/send-request.js';
import { parseJsonText } from '../sources/json-text.js';
import { noteSecret } from '../sources/secret-registry.js';
import { type SourceFault, type SourceFaultKind, fault } from '../sources/source-fault.js';
import type { PlatformRollback, PlatformRollbackRequest, RollbackTarget, RollbackTargetContext, RollbackTargetKind } from './rollback-target.js';

/**
 * `rollback-target: netlify`: Netlify's own rollback, which publishes an
 * earlier deploy of the site again ("Publish deploy" in the UI), through the
 * REST API (https://open-api.netlify.com):
 * 1. `GET /sites/{site}`: the deploy production serves (`published_deploy`);
 * 2. `GET /sites/{site}/deploys?production=true&state=ready`: the newest
 *    100 production deploys, the ones to choose from;
 * 3. `POST /sites/{site}/deploys/{deploy}/restore` of the chosen deploy;
 * 4. `GET /sites/{site}` again: it must now serve the chosen deploy.
 * The deploy to go back to is `lastGood` when the state store or
 * `stable-version` names one (a deploy id, or the commit it was built from),
 * else the newest ready production deploy published before the one under
 * watch. A site that no longer serves the release under watch is left alone
 * (a re-run, or someone rolled back by hand): going "one further back" from
 * there would undo a good release.
 *
 * Netlify's JS client (`@netlify/api`) is not used: it calls `node-fetch`
 * itself, with no way to hand it our HTTP helper (its own retries have no
 * timeout and follow redirects with the token), and it would add about
 * 470 KB (its copy of the API description) to the bundle for three calls.
 */
export const NETLIFY_KIND = 'netlify';
export const DEFAULT_NETLIFY_API_URL = 'https://api.netlify.com/api/v1';

export interface NetlifyRollbackConfig {
  token: string;
  /** The site's id (API id) or its `name.netlify.app` domain, as Netlify's API accepts either. */
  site: string;
  apiUrl: string;
}

/** How many production deploys are looked at: the last good one is rarely more than a few back. */
export const DEPLOYS_PAGE = 100;

const configSchema = z
  .strictObject({
    // A header value: a line break or a non-Latin-1 character would fail in fetch with the token in the message.
    'netlify-token': z.string().regex(/^[\x21-\x7e]+$/, { error: 'must be a Netlify personal access token: printable characters, no spaces or line breaks' }),
    'netlify-site': z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "must be the site's API id (Site configuration → Site information) or its name.netlify.app domain" }),
    'netlify-api-url': z
      .string()
      .regex(/^https?:\/\/[^\s/]+/, { error: 'must be an http:// or https:// URL' })
      .default(DEFAULT_NETLIFY_API_URL),
  })
  .transform((raw): NetlifyRollbackConfig => ({ token: raw['netlify-token'], site: raw['netlify-site'], apiUrl: raw['netlify-api-url'].replace(/\/+$/, '') }));

export const netlifyRollbackTarget: RollbackTargetKind<NetlifyRollbackConfig> = {
  kind: NETLIFY_KIND,
  inputs: ['netlify-token', 'netlify-site', 'netlify-api-url'],
  schema: configSchema,
  create: (config, context) => createNetlifyRollback(config, context),
};

/** The fields of Netlify's `deploy` we read; everything else it sends is ignored. */
const deploySchema = z.looseObject({
  id: z.string(),
  state: z.string().optional(),
  context: z.string().optional(),
  commit_ref: z.string().nullish(),
  published_at: z.string().nullish(),
  created_at: z.string().nullish(),
  ssl_url: z.string().nullish(),
  deploy_ssl_url: z.string().nullish(),
});
type Deploy = z.infer<typeof deploySchema>;
const siteSchema = z.looseObject({ published_deploy: deploySchema.nullish() });

export function createNetlifyRollback(config: NetlifyRollbackConfig, context: RollbackTargetContext): RollbackTarget {
  noteSecret(config.token);
  const describe = (): string => `Netlify site ${config.site}`;
  const sitePath = `/sites/${encodeURIComponent(config.site)}`;

  return {
    kind: NETLIFY_KIND,
    describe,
    async rollBack(request: PlatformRollbackRequest): Promise<Result<PlatformRollback, SourceFault>> {
      const started = performance.now();
      const api = new NetlifyCalls(config, context.http);
      const before = await api.call('GET', sitePath, siteSchema);
      if (!before.ok) return before;
      const published = before.value.published_deploy ?? null;
      if (published === null) return fault('missing', `${describe()} has no published deploy: nothing is live to roll back from`);
      const listed = await api.call('GET', `${sitePath}/deploys?production=true&state=ready&page=1&per_page=${DEPLOYS_PAGE}`, z.array(deploySchema));
      if (!listed.ok) return listed;
      const deploys = listed.value.filter((deploy) => (deploy.state ?? 'ready') === 'ready' && (deploy.context ?? 'production') === 'production');
      const chosen = chooseDeploy({ request, published, deploys, where: describe() });
      if (!chosen.ok) return chosen;
      const result = (restored: Deploy, alreadyRestored: boolean, verification: PlatformRollback['verification']): PlatformRollback => ({
        target: describe(),
        restored: { id: restored.id, url: restored.deploy_ssl_url ?? restored.ssl_url ?? null },
        alreadyRestored,
        dryRun: request.dryRun === true,
        calls: api.lines,
        verification,
        durationMs: Math.round(performance.now() - started),
      });
      const { deploy, why } = chosen.value;
      if (deploy.id === published.id) return ok(result(deploy, true, { passed: true, detail: `production already serves deploy ${deploy.id} (${why}); nothing changed` }));
      if (request.dryRun) return ok(result(deploy, false, { passed: false, detail: `dry run: would publish deploy ${deploy.id} (${why}) in place of ${published.id}; nothing changed or read back` }));
      const restored = await api.call('POST', `${sitePath}/deploys/${encodeURIComponent(deploy.id)}/restore`, deploySchema);
      if (!restored.ok) return restored;
      const after = await api.call('GET', sitePath, siteSchema);
      if (!after.ok) return after;
      const now = after.value.published_deploy?.id ?? null;
      const passed = now === deploy.id;
      const detail = passed ? `production serves deploy ${deploy.id} (${why}), read back from the site` : `restored deploy ${deploy.id}, but the site reads back ${now === null ? 'no published deploy' : `deploy ${now}`}`;
      return ok(result(deploy, false, { passed, detail }));
    },
  };
}

interface Choice {
  request: PlatformRollbackRequest;
  published: Deploy;
  deploys: readonly Deploy[];
  where: string;
}

/**
 * A release is named by a deploy id, or by the commit a deploy was built
 * from (the full sha, or at least its first 7 characters), as the workflow
 * and GitHub Deployments know it.
 */
export function isDeployOf(deploy: Deploy, name: string): boolean {
  if (deploy.id === name) return true;
  const commit = deploy.commit_ref ?? '';
  return commit !== '' && name.length >= 7 && /^[0-9a-f]+$/i.test(name) && commit.toLowerCase().startsWith(name.toLowerCase());
}

const publishedTime = (deploy: Deploy): number => Date.parse(deploy.published_at ?? '') || Number.NEGATIVE_INFINITY;

/** The deploy production should serve, and why; a fault when there is none, or when the site serves something unexpected. */
export function chooseDeploy({ request, published, deploys, where }: Choice): Result<{ deploy: Deploy; why: string }, SourceFault> {
  const { version, lastGood } = request;
  const isServingVersion = isDeployOf(published, version);
  if (lastGood !== null) {
    if (isDeployOf(published, lastGood) && !isServingVersion) return ok({ deploy: published, why: `the last good release ${lastGood}` });
    const good = [...deploys].sort((a, b) => publishedTime(b) - publishedTime(a)).find((deploy) => isDeployOf(deploy, lastGood) && !isDeployOf(deploy, version));
    if (!good) return fault('missing', `${where}: no ready production deploy among the newest ${DEPLOYS_PAGE} is the last good release ${lastGood} (matched by deploy id or commit); nothing was changed`);
    if (!isServingVersion) {
      // Neither the release under watch nor the last good one is live: a newer release replaced it, which a rollback must not undo blindly.
      return fault('config', `${where} serves deploy ${published.id}, which is neither ${version} (under watch) nor the last good release ${lastGood}; not changed: roll back by hand or name the release under watch in \`version\``);
    }
    return ok({ deploy: good, why: `the last good release ${lastGood}` });
  }
  if (!isServingVersion) {
    if (!deploys.some((deploy) => isDeployOf(deploy, version))) {
      return fault('config', `${where}: no ready production deploy among the newest ${DEPLOYS_PAGE} is ${version}; give \`version\` as the Netlify deploy id or the commit sha it was built from`);
    }
    return ok({ deploy: published, why: `not ${version}: it no longer serves the release under watch` });
  }
  const since = publishedTime(published);
  const previous = [...deploys]
    .filter((deploy) => deploy.id !== published.id && !isDeployOf(deploy, version) && publishedTime(deploy) < since)
    .sort((a, b) => publishedTime(b) - publishedTime(a))[0];
  if (!previous) return fault('missing', `${where}: no ready production deploy was published before ${published.id} (${version}) among the newest ${DEPLOYS_PAGE}; nothing to restore`);
  return ok({ deploy: previous, why: `the production deploy published before ${version}` });
}

/** The three calls, through the one HTTP helper, each recorded as one line without secrets. */
class NetlifyCalls {
  readonly lines: string[] = [];

  constructor(
    private readonly config: NetlifyRollbackConfig,
    private readonly http: HttpOptions | undefined,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>): Promise<Result<T, SourceFault>> {
    const label = `${method} ${path.split('?')[0]}`;
    const sent = await sendRequest(
      { method, url: `${this.config.apiUrl}${path}`, headers: { authorization: `Bearer ${this.config.token}` }, publicHeaders: { accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, label: `Netlify ${label}` },
      this.http,
    );
    if (!sent.ok) {
      this.lines.push(`${label} → ${sent.error.kind}`);
      return fault('provider', sent.error.message);
    }
    const { status, text, tries } = sent.value;
    this.lines.push(`${label} → ${status}${tries > 1 ? ` (${tries} tries)` : ''}`);
    const parsed = parseJsonText(text);
    if (status < 200 || status >= 300) {
      const said = parsed.ok ? (parsed.value as { message?: unknown } | null)?.message : undefined;
      const after = tries > 1 ? ` after ${tries} tries` : '';
      return fault(faultKind(status), `Netlify ${label} answered ${status}${after}${typeof said === 'string' && said !== '' ? ` "${oneLine(said)}"` : ''}${hint(status, this.config.site)}`);
    }
    if (!parsed.ok) return fault('malformed', `Netlify ${label} answered ${status}, but its body is not JSON`);
    const read = schema.safeParse(parsed.value);
    if (!read.success) return fault('malformed', `Netlify ${label} answered ${status} with a body that is not the documented shape (${read.error.issues[0]?.path.join('.') || 'body'}: ${read.error.issues[0]?.message ?? 'invalid'})`);
    return ok(read.data);
  }
}

/** A site or deploy Netlify does not know is the config's mistake; the rest (auth, limits, outages) the provider's. */
function faultKind(status: number): SourceFaultKind {
  return status === 404 || status === 422 ? 'config' : 'provider';
}

function hint(status: number, site: string): string {
  if (status === 401) return '; check `netlify-token`: a Netlify personal access token (User settings → Applications) that has not expired';
  if (status === 403) return `; the owner of \`netlify-token\` must be a member of the team that owns site ${site}, with a role that may publish deploys`;
  if (status === 404) return `; check \`netlify-site\`: ${site} is not a site this token can see`;
  return '';
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
