import { type Result, err, ok } from '../../engine/result.js';
import type { HttpOptions } from '../http/send-request.js';
import type { BuildContextResult } from './lhci-build-context.js';
import { type LhciFailure, type LhciProject, type LhciServer, LhciServerClient } from './lhci-server-client.js';
import { parseUrlReplacement, replaceUrl } from './url-replacement.js';

/**
 * `lhci upload --target=lhci`, step for step (@lhci/cli's upload.js): look
 * the project up by its token, create an unsealed build with the build
 * context, upload every run's LHR under its URL with LHCI's URL replacement
 * patterns applied, seal the build (the server then marks each URL's
 * representative run, with the same @lhci/utils code we judge with), and
 * return the links LHCI prints and writes to `.lighthouseci/links.json`.
 */
export interface UploadRequest {
  server: LhciServer;
  /** The successful runs' LHRs, in the order they were collected. */
  lhrs: ReadonlyArray<Record<string, unknown>>;
  /** `ci.upload.urlReplacementPatterns`, LHCI's defaults when unset. */
  urlReplacementPatterns: readonly string[];
  /** The build context; it needs the project's base branch, which the server says. */
  contextFor(baseBranch: string): Promise<Result<BuildContextResult>>;
  /** Skip quietly, as `--ignoreDuplicateBuildFailure` does, when a build of this commit and branch exists. */
  ignoreDuplicateBuildFailure: boolean;
  httpOptions?: HttpOptions;
}

export type UploadOutcome =
  | {
      kind: 'uploaded';
      project: LhciProject;
      buildId: string;
      /** The build's page: `<server>/app/projects/<slug>/compare/<buildId>`. */
      buildUrl: string;
      /** Each run's `finalUrl` → its page on the server, as LHCI's links.json. */
      links: Record<string, string>;
      runs: number;
      /** Build-context fields nobody could tell (a shallow checkout), sent empty. */
      unknownContext: string[];
    }
  | { kind: 'duplicate-skipped'; reason: string };

export type UploadFailure = LhciFailure | { kind: 'context'; reason: string };

/** The server's `runs.url` column. */
const MAX_URL_LENGTH = 256;

export async function uploadRuns(request: UploadRequest): Promise<Result<UploadOutcome, UploadFailure>> {
  const outcome = await upload(request);
  if (!outcome.ok && outcome.error.kind === 'duplicate' && request.ignoreDuplicateBuildFailure) return ok({ kind: 'duplicate-skipped', reason: outcome.error.reason });
  return outcome;
}

async function upload(request: UploadRequest): Promise<Result<UploadOutcome, UploadFailure>> {
  const replacements = [];
  for (const pattern of request.urlReplacementPatterns) {
    const parsed = parseUrlReplacement(pattern);
    if (!parsed.ok) return err({ kind: 'context', reason: parsed.error });
    replacements.push(parsed.value);
  }
  const client = new LhciServerClient(request.server, request.httpOptions);
  const project = await client.lookupProject();
  if (!project.ok) return project;
  // LHCI: `project.baseBranch || 'master'`.
  const context = await request.contextFor(project.value.baseBranch ?? 'master');
  if (!context.ok) return err({ kind: 'context', reason: context.error });
  const build = await client.createBuild(project.value.id, context.value.context);
  if (!build.ok) return build;

  const buildView = buildPage(request.server.baseUrl, project.value.slug, build.value.id);
  const links: Record<string, string> = {};
  for (const lhr of request.lhrs) {
    const finalUrl = String(lhr.finalUrl ?? lhr.requestedUrl ?? '');
    const url = replaceUrl(finalUrl, replacements).slice(0, MAX_URL_LENGTH);
    const run = await client.createRun(project.value.id, build.value.id, url, JSON.stringify(lhr));
    if (!run.ok) return run;
    buildView.searchParams.set('compareUrl', url);
    links[finalUrl] = buildView.href;
  }
  buildView.searchParams.delete('compareUrl');
  const sealed = await client.sealBuild(project.value.id, build.value.id);
  if (!sealed.ok) return sealed;
  return ok({ kind: 'uploaded', project: project.value, buildId: build.value.id, buildUrl: buildView.href, links, runs: request.lhrs.length, unknownContext: context.value.unknown });
}

/** As LHCI builds it: an absolute path on the base URL's origin (a path prefix is not kept), without any userinfo. */
function buildPage(baseUrl: string, slug: string, buildId: string): URL {
  const page = new URL(`/app/projects/${slug}/compare/${buildId}`, baseUrl);
  page.username = '';
  page.password = '';
  return page;
}
