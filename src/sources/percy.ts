import { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import { type HttpOptions, getJson, redactUrl } from './metrics/fetch-json.js';
import { type SourceFault, fault } from './source-fault.js';
import { describeFirstIssue } from './zod-issue.js';

/**
 * Percy's REST API (JSON:API), read the way `percy build:wait` reads it
 * (@percy/client's `getBuild`, `getBuilds` and `waitForBuild`):
 * - `GET {api}/builds/{id}` for a build given by id;
 * - `GET {api}/projects/{org}/{project}/builds?filter[sha]={sha}` for the
 *   build Percy made for a commit: the first build listed, the newest, as
 *   Percy lists builds by descending id.
 * Both with `Authorization: Token token=<PERCY_TOKEN>`; the token is only
 * ever put in that header (which our HTTP helper never sends to another
 * origin), never in a message.
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

/** A project and the commit Percy recorded a build under, as `percy build:wait --project --commit` takes them. */
export interface PercyCommit {
  /** `org/project`, the slugs in the project's Percy URL. */
  project: string;
  /** The full commit SHA. */
  commit: string;
}

const nullableNumber = z.number().nullable().optional();
const nullableString = z.string().nullable().optional();
const buildResourceSchema = z.object({
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
});
const buildSchema = z.object({ data: buildResourceSchema });
// Only the first build listed is read (as build:wait does), so only it is held to the build's shape.
const buildListSchema = z.object({ data: z.array(z.unknown()) });

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
  return ok(toBuild(parsed.data.data));
}

/** What Percy lists for a commit: the newest build (or `null` when none yet) and how many builds it listed. */
export interface PercyCommitBuilds {
  build: PercyBuild | null;
  listed: number;
}

/** Lists a project's builds for one commit; API failures are `provider` faults naming what to check. */
export async function findPercyBuildForCommit(client: PercyClient, target: PercyCommit): Promise<Result<PercyCommitBuilds, SourceFault>> {
  const [org = '', project = ''] = target.project.split('/');
  const query = new URLSearchParams({ 'filter[sha]': target.commit });
  const url = `${client.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(org)}/${encodeURIComponent(project)}/builds?${query}`;
  const body = await getJson(
    { url, headers: { authorization: `Token token=${client.token}` }, hint: (status) => listHintFor(status, target.project) },
    client.http,
  );
  if (!body.ok) return fault(body.error.kind, `Percy: ${body.error.message}`);
  const list = buildListSchema.safeParse(body.value, { reportInput: true });
  if (!list.success) return fault('malformed', `Percy: GET ${redactUrl(url)} gave an unexpected build list: ${describeFirstIssue(list.error)}`);
  if (list.data.data.length === 0) return ok({ build: null, listed: 0 });
  const first = buildResourceSchema.safeParse(list.data.data[0], { reportInput: true });
  if (!first.success) return fault('malformed', `Percy: GET ${redactUrl(url)} gave an unexpected build list: ${describeFirstIssue(first.error, 'data[0]')}`);
  return ok({ build: toBuild(first.data), listed: list.data.data.length });
}

function toBuild({ id, attributes }: z.infer<typeof buildResourceSchema>): PercyBuild {
  return {
    id,
    state: attributes.state,
    reviewState: attributes['review-state'] ?? null,
    reviewStateReason: attributes['review-state-reason'] ?? null,
    diffs: attributes['total-comparisons-diff'] ?? null,
    snapshots: attributes['total-snapshots'] ?? null,
    comparisons: attributes['total-comparisons'] ?? null,
    webUrl: attributes['web-url'] ?? null,
    failureReason: attributes['failure-reason'] ?? null,
  };
}

function hintFor(status: number, buildId: string): string | undefined {
  if (status === 401 || status === 403) return 'check PERCY_TOKEN: reading a build needs a token with read access, not a write-only project token';
  if (status === 404) return `no build ${buildId} is visible to this PERCY_TOKEN; check \`build-id\` / PERCY_BUILD_ID`;
  return undefined;
}

function listHintFor(status: number, project: string): string | undefined {
  if (status === 401 || status === 403) return 'check PERCY_TOKEN: listing builds needs a token with read access, not a write-only project token';
  if (status === 404) return `no project ${project} is visible to this PERCY_TOKEN; check \`project\` (org/project, the slugs in the project's Percy URL)`;
  return undefined;
}

export interface PercyWait {
  /** How long to keep polling an unfinished build; 0 reads it once. */
  waitMs: number;
  /** Between polls; default 10 s, build:wait's `--interval`. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds now; injected in tests. */
  clock?: () => number;
}

/** Reads a build, polling until it reaches a final state or `waitMs` has passed. */
export async function waitForPercyBuild(client: PercyClient, buildId: string, wait: PercyWait): Promise<Result<{ build: PercyBuild; polls: number }, SourceFault>> {
  const read = await pollPercy(() => fetchPercyBuild(client, buildId), (build) => build, wait);
  return read.ok ? ok({ build: read.value.last, polls: read.value.polls }) : read;
}

/**
 * Finds the build Percy made for a commit, polling (as build:wait does) while
 * there is none yet or it is unfinished, until it reaches a final state or
 * `waitMs` has passed. Each poll lists again, so a newer build for the
 * commit (a re-run) replaces an older one, as in build:wait.
 */
export async function waitForPercyCommitBuild(client: PercyClient, target: PercyCommit, wait: PercyWait): Promise<Result<PercyCommitBuilds & { polls: number }, SourceFault>> {
  const read = await pollPercy(() => findPercyBuildForCommit(client, target), (found) => found.build, wait);
  return read.ok ? ok({ ...read.value.last, polls: read.value.polls }) : read;
}

async function pollPercy<T>(read: () => Promise<Result<T, SourceFault>>, buildOf: (value: T) => PercyBuild | null, wait: PercyWait): Promise<Result<{ last: T; polls: number }, SourceFault>> {
  const clock = wait.clock ?? Date.now;
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = wait.pollMs ?? 10_000;
  const deadline = clock() + wait.waitMs;
  for (let polls = 1; ; polls++) {
    const value = await read();
    if (!value.ok) return value;
    const state = buildOf(value.value)?.state;
    const isFinal = state !== undefined && (FINAL_PERCY_STATES as readonly string[]).includes(state);
    const remaining = deadline - clock();
    if (isFinal || remaining <= 0) return ok({ last: value.value, polls });
    await sleep(Math.min(pollMs, remaining));
  }
}
