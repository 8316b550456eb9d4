import { ConfigError } from '../../engine/result.js';
import { redactUrl, secretPartsOfUrl } from '../../sources/http/redact-url.js';
import type { LhciServer } from '../../sources/lighthouse/lhci-server-client.js';
import type { LhciConfig } from '../../sources/lighthouse/lhci-config.js';
import { type LhciUploadSection, typeUploadSection } from '../../sources/lighthouse/lhci-upload-config.js';
import type { LhrRun } from '../../sources/lighthouse/lhr-run.js';
import { LHCI_URL_REPLACEMENT_PATTERNS } from '../../sources/lighthouse/url-replacement.js';
import { noteSecret } from '../../sources/secret-registry.js';
import * as log from '../shared/log.js';
import type { BudgetInputs } from './inputs.js';

/**
 * Where lighthouse-budget uploads its runs: the `server-*` and
 * `basic-auth-*` inputs over the config's `ci.upload` (as treosh passes its
 * inputs to `lhci upload` as flags, which win over the rc). Settled before
 * any run, so a misconfigured upload stops the step in a second, not after
 * minutes of Lighthouse.
 */
export interface UploadPlan {
  server: LhciServer;
  ignoreDuplicateBuildFailure: boolean;
  urlReplacementPatterns: string[];
  /** How messages name the base URL and the token: the input or the config key they came from. */
  names: { baseUrl: string; token: string; basicAuth: string };
}

/** What the upload left for the outputs and the summary. */
export interface UploadResult {
  /** `{ "<finalUrl>": "<link>" }`; empty when nothing was uploaded. */
  links: Record<string, string>;
  /** One line for the job summary, or null when no upload was configured. */
  note: string | null;
  /** One line that fails the step: the upload was asked for and did not happen. */
  failure: string | null;
}

export function planUpload(inputs: BudgetInputs, config: LhciConfig | null): UploadPlan | null {
  const section = config?.upload ? readSection(config.upload, config.file) : null;
  const given = inputs.lhciServer;
  const where = (key: string) => `${section?.file ?? 'config'} ci.upload.${key}`;
  const fromInputs = given.baseUrl !== undefined || given.token !== undefined;
  const target = fromInputs ? 'lhci' : (section?.target ?? (section?.serverBaseUrl !== undefined || section?.token !== undefined ? 'lhci' : undefined));
  if (section) warnIgnored(section, target);
  if (target !== 'lhci') return null;

  const baseUrl = given.baseUrl ?? section?.serverBaseUrl;
  const token = given.token ?? section?.token;
  const names = {
    baseUrl: given.baseUrl !== undefined || section?.serverBaseUrl === undefined ? 'input `server-base-url`' : `\`${where('serverBaseUrl')}\``,
    token: given.token !== undefined || section?.token === undefined ? 'input `server-token`' : `\`${where('token')}\``,
    basicAuth: given.basicAuthPassword !== undefined || section?.basicAuth?.password === undefined ? 'inputs `basic-auth-username`/`basic-auth-password`' : `\`${where('basicAuth')}\``,
  };
  if (baseUrl === undefined) throw new ConfigError(`an LHCI upload needs the server: set input \`server-base-url\` (or \`${where('serverBaseUrl')}\`) beside ${names.token}`);
  if (token === undefined && !fromInputs) {
    // As treosh, which uploads only when its token input is set: a pull request from a fork gets no secrets, and its budget is still judged.
    log.warning(`\`${where('target')}\` asks for an upload to ${redactUrl(baseUrl)} but no build token was given (input \`server-token\`, e.g. empty on a pull request from a fork), so nothing was uploaded`);
    return null;
  }
  if (token === undefined) throw new ConfigError(`an LHCI upload to ${redactUrl(baseUrl)} needs the project's build token: set input \`server-token\` from a secret (or \`${where('token')}\`)`);
  if (!/^https?:\/\/[^/]/i.test(baseUrl)) throw new ConfigError(`${names.baseUrl} must be the http(s) URL of an LHCI server, got \`${redactUrl(baseUrl).slice(0, 80)}\``);
  // A URL with `user:pass@` is basic auth too (the HTTP helper sends it as a header): never to be shown.
  secretPartsOfUrl(baseUrl).forEach(noteSecret);

  const password = given.basicAuthPassword ?? section?.basicAuth?.password;
  const username = given.basicAuthUsername ?? section?.basicAuth?.username ?? 'lhci';
  return {
    server: { baseUrl, token, basicAuth: password === undefined ? undefined : { username, password } },
    // `lhci upload` defaults to false; treosh's action always passes it, so a re-run of a job does not fail on its own earlier upload.
    ignoreDuplicateBuildFailure: section?.ignoreDuplicateBuildFailure ?? true,
    urlReplacementPatterns: section?.urlReplacementPatterns ?? [...LHCI_URL_REPLACEMENT_PATTERNS],
    names,
  };
}

function readSection(raw: Record<string, unknown>, file: string): LhciUploadSection {
  const section = typeUploadSection(raw, file);
  if (!section.ok) throw new ConfigError(`${section.error.message} (input \`config\`)`);
  return section.value;
}

function warnIgnored(section: LhciUploadSection, target: string | undefined): void {
  const key = `${section.file} ci.upload.target`;
  if (section.target === 'temporary-public-storage' && target !== 'lhci') {
    log.warning(`${key} \`temporary-public-storage\` is not supported (it publishes every report on a public Google bucket), so nothing was uploaded: set \`server-base-url\` and \`server-token\` to upload to an LHCI server, or upload \`output-dir\` with actions/upload-artifact`);
  }
  if (section.target === 'filesystem') {
    log.warning(`${key} \`filesystem\` is not run: the LHRs (named as LHCI names them) and each URL's representative HTML report are already written to \`output-dir\`; point a later step at that folder`);
  }
  if (section.ignoredKeys.length > 0) log.warning(`${section.file} ci.upload: ${section.ignoredKeys.map((k) => `\`${k}\``).join(', ')} not supported by lighthouse-budget, ignored (GitHub status checks: use gate-checks or the pull-request comment)`);
}

/**
 * Uploads the successful target runs (a baseline's runs are not the build's).
 * Never throws: a failure is a line for the caller, which still sets the
 * verdict's outputs before failing the step. The upload's code (client,
 * build context, git) is loaded only when an upload is planned: most runs
 * upload nothing, and judging saved results should start fast.
 */
export async function runUpload(plan: UploadPlan | null, targets: readonly LhrRun[], inputs: BudgetInputs, workspace: string, env: NodeJS.ProcessEnv): Promise<UploadResult> {
  if (plan === null) return { links: {}, note: null, failure: null };
  const { uploadPlanned } = await import('./upload-run.js');
  return uploadPlanned(plan, targets, inputs, workspace, env);
}
