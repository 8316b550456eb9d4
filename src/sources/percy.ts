import { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import { type HttpOptions, getJson, redactUrl } from './metrics/fetch-json.js';
import { type SourceFault, fault } from './source-fault.js';
import { describeFirstIssue } from './zod-issue.js';

/**
 * Percy's REST API (JSON:API): `GET {api}/builds/{id}` with
 * `Authorization: Token token=<PERCY_TOKEN>`, the call `percy build:wait`
 * polls. We read the build's `data.attributes`; the token is only ever put in
 * that header, never in a message.
 */
export const DEFAULT_PERCY_API_URL = 'https://percy.io/api/v1';

/** Build states after which nothing changes (Percy CLI's build:wait stops on these). */
export const FINAL_PERCY_STATES = ['finished', 'failed', 'expired'] as const;

export interface PercyBuild {
  id: string;
  /** `pending`, `processing`, `finished`, `failed`, `expired`, … */
  state: string;
  /** `unreviewed`, `approved`, `changes_requested`, … */
  reviewState: string | null;
  /** e.g. `no_diffs`, `user_approved`, `auto_approved_branch`. */
  reviewStateReason: string | null;
  /** Comparisons with visual changes (`total-comparisons-diff`). */
  diffs: number | null;
  snapshots: number | null;
  comparisons: number | null;
  webUrl: string | null;
  failureReason: string | null;
}

export interface PercyClient {
  /** e.g. `https://percy.io/api/v1`. */
  apiUrl: string;
  token: string;
  http?: HttpOptions;
}

const nullableNumber = z.number().nullable().optional();
const nullableString = z.string().nullable().optional();
const buildSchema = z.object({
  data: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    attributes: z.object({
      state: z.string(),
      'review-state': nullableString,
      'review-state-reason': nullableString,
      'total-comparisons-diff': nullableNumber,
      'total-snapshots': nullableNumber,
      'total-comparisons': nullableNumber,
      'web-url': nullableString,
      'failure-reason': nullableString,
    }),
  }),
});

/** Reads one build; API failures are `provider` faults naming the status and what to check. */
export async function fetchPercyBuild(client: PercyClient, buildId: string): Promise<Result<PercyBuild, SourceFault>> {
  const url = `${client.apiUrl.replace(/\/+$/, '')}/builds/${encodeURIComponent(buildId)}`;
  const body = await getJson(
    { url, headers: { authorization: `Token token=${client.token}` }, hint: (status) => hintFor(status, buildId) },
    client.http,
  );
  if (!body.ok) return fault(body.error.kind, `Percy: ${body.error.message}`);
  const parsed = buildSchema.safeParse(body.value, { reportInput: true });
  if (!parsed.success) return fault('malformed', `Percy: GET ${redactUrl(url)} gave an unexpected build: ${describeFirstIssue(parsed.error)}`);
  const { id, attributes } = parsed.data.data;
  return ok({
    id,
    state: attributes.state,
    reviewState: attributes['review-state'] ?? null,
    reviewStateReason: attributes['review-state-reason'] ?? null,
    diffs: attributes['total-comparisons-diff'] ?? null,
    snapshots: attributes['total-snapshots'] ?? null,
    comparisons: attributes['total-comparisons'] ?? null,
    webUrl: attributes['web-url'] ?? null,
    failureReason: attributes['failure-reason'] ?? null,
  });
}

function hintFor(status: number, buildId: string): string | undefined {
  if (status === 401 || status === 403) return 'check PERCY_TOKEN: reading a build needs a token with read access, not a write-only project token';
  if (status === 404) return `no build ${buildId} is visible to this PERCY_TOKEN; check \`build-id\` / PERCY_BUILD_ID`;
  return undefined;
}

export interface PercyWait {
  /** How long to keep polling an unfinished build; 0 reads it once. */
  waitMs: number;
  /** Between polls; default 5 s. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds now; injected in tests. */
  clock?: () => number;
}

/** Reads a build, polling until it reaches a final state or `waitMs` has passed. */
export async function waitForPercyBuild(client: PercyClient, buildId: string, wait: PercyWait): Promise<Result<{ build: PercyBuild; polls: number }, SourceFault>> {
  const clock = wait.clock ?? Date.now;
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = wait.pollMs ?? 5_000;
  const deadline = clock() + wait.waitMs;
  for (let polls = 1; ; polls++) {
    const build = await fetchPercyBuild(client, buildId);
    if (!build.ok) return build;
    const isFinal = (FINAL_PERCY_STATES as readonly string[]).includes(build.value.state);
    const remaining = deadline - clock();
    if (isFinal || remaining <= 0) return ok({ build: build.value, polls });
    await sleep(Math.min(pollMs, remaining));
  }
}
