import { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import { type HttpOptions, sendRequest } from '../sources/http/send-request.js';
import { noteSecret } from '../sources/secret-registry.js';
import { type SourceFault, fault } from '../sources/source-fault.js';

/**
 * What the Vercel traffic target and the Vercel rollback kind share: their
 * inputs, and a client of Vercel's REST API through the official SDK
 * (`@vercel/sdk`, generated from Vercel's OpenAPI description, which checks
 * every answer's shape). The SDK sends through our one HTTP helper, so
 * timeouts, the body cap, retries on 429/5xx and "no credentials to another
 * origin" hold as for every other call; its own retries stay off.
 */
export const VERCEL_INPUTS = ['vercel-token', 'vercel-project', 'vercel-team-id', 'vercel-api-url'] as const;
export const DEFAULT_VERCEL_API_URL = 'https://api.vercel.com';

export interface VercelConfig {
  token: string;
  /** The project's id (`prj_…`) or name. */
  project: string;
  teamId: string | undefined;
  apiUrl: string;
}

export const vercelConfigSchema = z
  .strictObject({
    // A header value: a line break or a non-Latin-1 character would fail in fetch with the token in the message.
    'vercel-token': z.string().regex(/^[\x21-\x7e]+$/, { error: 'must be a Vercel access token: printable characters, no spaces or line breaks' }),
    'vercel-project': z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be the project id (prj_…) or its name' }),
    'vercel-team-id': z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be the team id (team_…)' })
      .optional(),
    'vercel-api-url': z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default(DEFAULT_VERCEL_API_URL),
  })
  .transform((raw): VercelConfig => {
    // Noted as soon as it is read, so no later message or report can show it.
    noteSecret(raw['vercel-token']);
    return { token: raw['vercel-token'], project: raw['vercel-project'], teamId: raw['vercel-team-id'], apiUrl: raw['vercel-api-url'].replace(/\/+$/, '') };
  });

/** One line naming the project, without secrets: `Vercel project shop (team_123)`. */
export function describeProject(config: VercelConfig): string {
  return `Vercel project ${config.project}${config.teamId ? ` (${config.teamId})` : ''}`;
}

type SdkResult<T> = { ok: true; value: T } | { ok: false; error: unknown };
/** The SDK's core client; typed loosely here so the SDK loads only when a Vercel target runs. */
type VercelCore = object;

/**
 * Calls the SDK lazily: `await import()` keeps its ~200 kB out of the
 * actions' start-up path, and ncc splits it into its own chunk.
 */
export class VercelApi {
  private core: Promise<VercelCore> | null = null;
  /** Why the last call got no answer at all, which the SDK reports only as a connection error. */
  private lastFailure: string | null = null;

  constructor(
    readonly config: VercelConfig,
    private readonly http: HttpOptions,
  ) {}

  /** The team query both operations take. */
  get team(): { teamId?: string } {
    return this.config.teamId ? { teamId: this.config.teamId } : {};
  }

  /**
   * Runs one SDK function; a failed answer is one line naming the call,
   * without the token: 401/403 name the input and the scope the token needs,
   * 404 names the project, an answer off Vercel's schema is `malformed`.
   */
  async call<T>(label: string, run: (core: VercelCore) => Promise<SdkResult<T>>): Promise<Result<T, SourceFault>> {
    this.lastFailure = null;
    let result: SdkResult<T>;
    try {
      result = await run(await this.client());
    } catch (error) {
      return fault('provider', `${label}: ${this.lastFailure ?? messageOf(error)}`);
    }
    if (result.ok) return ok(result.value);
    return fault(...this.describeError(label, result.error));
  }

  private describeError(label: string, error: unknown): [SourceFault['kind'], string] {
    if (this.lastFailure) return ['provider', `${label}: ${this.lastFailure}`];
    const status = (error as { statusCode?: unknown }).statusCode;
    const name = (error as { name?: unknown }).name;
    if (name === 'ResponseValidationError') return ['malformed', `${label}: Vercel's answer does not match its API description: ${firstIssue(error)}`];
    if (typeof status !== 'number') return ['provider', `${label}: ${firstLine(messageOf(error))}`];
    const said = vercelMessage((error as { body?: unknown }).body);
    const answered = `${label} answered ${status}${said ? ` (${said})` : ''}`;
    if (status === 401 || status === 403) {
      const team = this.config.teamId ? ` and team ${this.config.teamId}` : '';
      return ['provider', `${answered}; check \`vercel-token\`: it must be a Vercel access token scoped to the project's team${team}, with access to project ${this.config.project}`];
    }
    if (status === 404) return ['config', `${answered}; is \`vercel-project\` ${this.config.project} the id or name of a project the token's team${this.config.teamId ? ` ${this.config.teamId}` : ''} owns?`];
    return ['provider', answered];
  }

  private client(): Promise<VercelCore> {
    this.core ??= this.load();
    return this.core;
  }

  private async load(): Promise<VercelCore> {
    const [{ VercelCore }, { HTTPClient }] = await Promise.all([import('@vercel/sdk/core.js'), import('@vercel/sdk/lib/http.js')]);
    const fetcher = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => this.send(new Request(input, init));
    return new VercelCore({ bearerToken: this.config.token, serverURL: this.config.apiUrl, httpClient: new HTTPClient({ fetcher }), retryConfig: { strategy: 'none' } });
  }

  /** The SDK's fetch: one `sendRequest`, the token kept to Vercel's origin. */
  private async send(request: Request): Promise<Response> {
    // The helper sends GET and POST, all the operations used here need; anything else is refused, never sent as a GET.
    if (request.method !== 'GET' && request.method !== 'POST') {
      this.lastFailure = `${request.method} is not sent through rollout-guard's HTTP helper`;
      throw new Error(this.lastFailure);
    }
    const method = request.method;
    const headers: Record<string, string> = {};
    const publicHeaders: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      if (key === 'authorization') headers[key] = value;
      else publicHeaders[key] = value;
    });
    const body = method === 'POST' ? await request.text() : undefined;
    const url = new URL(request.url);
    const sent = await sendRequest(
      { method, url: request.url, headers, publicHeaders, body, label: `${method} ${url.pathname}` },
      { ...this.http, fetch: withRetryAfter(this.http.fetch ?? fetch) },
    );
    if (!sent.ok) {
      this.lastFailure = sent.error.reason + (sent.error.tries > 1 ? ` after ${sent.error.tries} tries` : '');
      throw new Error(this.lastFailure);
    }
    const { status, statusText, text } = sent.value;
    const answer = new Headers(sent.value.headers);
    answer.delete('content-encoding');
    answer.delete('content-length');
    return new Response(status === 204 || status === 304 ? null : text, { status, statusText, headers: answer });
  }
}

/**
 * Vercel's `X-RateLimit-Reset` is the epoch second the window reopens, not
 * a number of seconds to wait: turned into a `Retry-After` so the helper
 * waits until then (within its cap) instead of reading a date as a delay.
 */
function withRetryAfter(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status !== 429 || response.headers.has('retry-after')) return response;
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (!Number.isFinite(reset) || reset <= 0) return response;
    const headers = new Headers(response.headers);
    headers.set('retry-after', String(Math.max(1, Math.ceil(reset - Date.now() / 1_000))));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Vercel's error envelope: `{"error": {"code": "forbidden", "message": "…"}}`. */
function vercelMessage(body: unknown): string | null {
  if (typeof body !== 'string' || body === '') return null;
  try {
    const error = (JSON.parse(body) as { error?: { message?: unknown; code?: unknown } }).error;
    const text = typeof error?.message === 'string' ? error.message : typeof error?.code === 'string' ? error.code : null;
    return text ? firstLine(text).slice(0, 200) : null;
  } catch {
    return null;
  }
}

/** The first field the SDK's check refused (`rollingRelease.activeStage.targetPercentage: Expected number, received string`). */
function firstIssue(error: unknown): string {
  const issues = (error as { cause?: { issues?: { path?: unknown[]; message?: string }[] } }).cause?.issues;
  const [issue] = Array.isArray(issues) ? issues : [];
  if (!issue) return firstLine(messageOf(error));
  const where = Array.isArray(issue.path) && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message ?? 'invalid'}`.slice(0, 200);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
