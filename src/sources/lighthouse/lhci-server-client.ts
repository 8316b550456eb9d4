import { type Result, err, ok } from '../../engine/result.js';
import { type HttpMethod, type HttpOptions, sendRequest } from '../http/send-request.js';
import type { BuildContext } from './lhci-build-context.js';

/**
 * The calls `lhci upload --target=lhci` makes to an LHCI server (the
 * endpoints and bodies of @lhci/utils' ApiClient), sent through our HTTP
 * helper: proxies honoured, one timeout per attempt, and the build token and
 * basic-auth header sent to the server's origin only (a redirect elsewhere
 * is refused, see http/redirects.ts).
 *
 * Not ApiClient itself: it loads isomorphic-fetch (node-fetch 2 and
 * whatwg-url, 400 KB in the bundle) even when given another fetch, and
 * whatwg-url's `require('punycode')` prints a deprecation warning on the
 * runner's Node 24 in every upload. The tests hold this client to the real
 * @lhci/server.
 */
export interface LhciServer {
  /** As given: `https://lhci.example.com/` (a path prefix is kept for the API, as ApiClient keeps it). */
  baseUrl: string;
  /** The project's build token (`lhci upload --token`). */
  token: string;
  /** HTTP Basic credentials of a server behind `basicAuth` (LHCI's default username is `lhci`). */
  basicAuth: { username: string; password: string } | undefined;
}

export interface LhciProject {
  id: string;
  slug: string;
  name: string;
  baseBranch: string | undefined;
}

/**
 * Why a call failed, for the caller to name its own input or key:
 * `unreachable` (no answer: the base URL), `auth` (401: basic auth),
 * `token` (403, or no project has the token), `duplicate` (a build of this
 * commit and branch exists), `refused` (a redirect elsewhere, an oversized
 * answer), `server` (any other answer).
 */
export interface LhciFailure {
  kind: 'unreachable' | 'auth' | 'token' | 'duplicate' | 'refused' | 'server';
  /** Names the call and says what happened, without the server's base URL. */
  reason: string;
}

/**
 * Sealing computes the build's statistics, and a run's body is its whole
 * LHR (0.5–2 MB, echoed back in the answer, well within the helper's 16 MB
 * cap): a loaded server takes a while.
 */
const TIMEOUT_MS = 60_000;

export class LhciServerClient {
  constructor(
    private readonly server: LhciServer,
    private readonly options: HttpOptions = {},
  ) {}

  async lookupProject(): Promise<Result<LhciProject, LhciFailure>> {
    // A POST that only reads: safe to retry.
    const answer = await this.call('POST', '/v1/projects/lookup', { token: this.server.token }, 3);
    if (!answer.ok) return answer.error.kind === 'server' && answer.error.reason.startsWith('answered 404') ? err({ kind: 'token', reason: 'no project on the server has this build token' }) : answer;
    const project = answer.value;
    if (!isRecord(project) || typeof project.id !== 'string' || typeof project.slug !== 'string') return err({ kind: 'server', reason: 'looked the project up and got an answer that is not an LHCI project' });
    return ok({ id: project.id, slug: project.slug, name: typeof project.name === 'string' ? project.name : project.slug, baseBranch: typeof project.baseBranch === 'string' && project.baseBranch !== '' ? project.baseBranch : undefined });
  }

  /** Creates are sent once: a retry after a lost answer could store the build or run twice. */
  async createBuild(projectId: string, context: BuildContext): Promise<Result<{ id: string }, LhciFailure>> {
    const answer = await this.call('POST', `/v1/projects/${encodeURIComponent(projectId)}/builds`, { projectId, lifecycle: 'unsealed', ...context }, 1);
    if (!answer.ok) return answer;
    const build = answer.value;
    return isRecord(build) && typeof build.id === 'string' ? ok({ id: build.id }) : err({ kind: 'server', reason: 'created a build and got an answer without its id' });
  }

  async createRun(projectId: string, buildId: string, url: string, lhr: string): Promise<Result<{ id: string }, LhciFailure>> {
    const answer = await this.call('POST', `/v1/projects/${encodeURIComponent(projectId)}/builds/${encodeURIComponent(buildId)}/runs`, { projectId, buildId, representative: false, url, lhr }, 1);
    if (!answer.ok) return answer;
    const run = answer.value;
    return isRecord(run) && typeof run.id === 'string' ? ok({ id: run.id }) : err({ kind: 'server', reason: `uploaded a run of ${url} and got an answer without its id` });
  }

  /** Sealing marks the build complete: the server then picks each URL's representative run and computes the statistics. */
  async sealBuild(projectId: string, buildId: string): Promise<Result<void, LhciFailure>> {
    const answer = await this.call('PUT', `/v1/projects/${encodeURIComponent(projectId)}/builds/${encodeURIComponent(buildId)}/lifecycle`, 'sealed', 3);
    return answer.ok ? ok(undefined) : answer;
  }

  private async call(method: HttpMethod, apiPath: string, body: unknown, tries: number): Promise<Result<unknown, LhciFailure>> {
    const what = `${method} ${apiPath.replace(/[0-9a-f-]{36}/g, ':id')}`;
    const root = this.server.baseUrl.endsWith('/') ? this.server.baseUrl.slice(0, -1) : this.server.baseUrl;
    const credentials: Record<string, string> = { 'x-lhci-build-token': this.server.token };
    if (this.server.basicAuth) credentials.authorization = `Basic ${Buffer.from(`${this.server.basicAuth.username}:${this.server.basicAuth.password}`).toString('base64')}`;
    const sent = await sendRequest(
      { method, url: `${root}${apiPath}`, headers: credentials, publicHeaders: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), isSecretBody: true, label: what },
      { timeoutMs: TIMEOUT_MS, ...this.options, tries },
    );
    if (!sent.ok) return err({ kind: sent.error.kind === 'refused' ? 'refused' : 'unreachable', reason: `${what}: ${sent.error.reason}${sent.error.kind === 'network' && sent.error.tries > 1 ? ` after ${sent.error.tries} tries` : ''}` });
    const { status, text } = sent.value;
    if (status === 401) return err({ kind: 'auth', reason: `${what} was answered 401: the server wants HTTP basic auth, and none or other credentials were sent` });
    if (status === 403) return err({ kind: 'token', reason: `${what} was answered 403: ${serverMessage(text) || 'the build token was refused'}` });
    if (status === 422 && /Build already exists/.test(text)) return err({ kind: 'duplicate', reason: serverMessage(text) });
    if (status < 200 || status >= 300) return err({ kind: 'server', reason: `answered ${status} to ${what}${serverMessage(text) ? `: ${serverMessage(text)}` : ''}` });
    if (status === 204 || text === '') return ok(undefined);
    try {
      return ok(JSON.parse(text) as unknown);
    } catch {
      return err({ kind: 'server', reason: `answered ${what} with a body that is not JSON: is it an LHCI server's root?` });
    }
  }
}

/** The `message` of LHCI's JSON error bodies, or the first line of another body; at most 200 characters. */
function serverMessage(text: string): string {
  let message = text;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isRecord(parsed) && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // not JSON: an HTML error page or plain text
  }
  return (message.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
