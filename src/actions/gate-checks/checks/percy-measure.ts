import { headSha } from '../../../github/event.js';
import { type Result, ok } from '../../../engine/result.js';
import type { Status } from '../../../engine/status.js';
import { formatDuration } from '../../../engine/units.js';
import { DEFAULT_PERCY_API_URL, type PercyBuild, type PercyClient, type PercyWait, waitForPercyBuild, waitForPercyCommitBuild } from '../../../sources/percy.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import { readEventPayload } from '../../shared/github-event.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';
import type { PercyCheckOptions } from './percy.js';
import { FULL_SHA, type PercyKeys, readPercyKeys } from './percy-keys.js';

// Measures `percy` checks; `percy.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.

/** Which build to judge: one by id, or the one Percy made for a commit of a project. */
type PercyTarget = { kind: 'build'; buildId: string } | { kind: 'commit'; project: string; commit: string; commitFrom: string };

interface PercyConfig {
  keys: PercyKeys;
  apiUrl: string;
  token: string;
  target: PercyTarget;
}

/** What decides a finished build with visual changes; both true unless the policy says otherwise. */
export interface PercyRules {
  failOnChanges: boolean;
  passIfApproved: boolean;
}

export async function measurePercy(spec: CheckSpec, environment: CheckEnvironment, options: PercyCheckOptions): Promise<Result<Measured, SourceFault>> {
  const config = await readConfig(spec, environment.env);
  if (!config.ok) return config;
  const { keys, apiUrl, token, target } = config.value;
  const client: PercyClient = { apiUrl, token, http: options.http };
  const wait: PercyWait = { ...options.poll, ...(keys.intervalMs !== null ? { pollMs: keys.intervalMs } : {}), waitMs: keys.waitMs };
  const rules: PercyRules = { failOnChanges: keys.failOnChanges, passIfApproved: keys.passIfApproved };
  const settings = { apiUrl, failOnChanges: rules.failOnChanges, passIfApproved: rules.passIfApproved };

  if (target.kind === 'build') {
    const read = await waitForPercyBuild(client, target.buildId, wait);
    if (!read.ok) return read;
    return ok(measuredBuild(read.value.build, { ...settings, polls: read.value.polls }, judgePercyBuild(read.value.build, keys.waitMs, rules)));
  }

  const read = await waitForPercyCommitBuild(client, target, wait);
  if (!read.ok) return read;
  const { build, listed, polls } = read.value;
  const located = { project: target.project, commit: target.commit, commitFrom: target.commitFrom, buildsForCommit: listed };
  if (build === null) {
    return ok({
      measurements: { diffs: null, snapshots: null },
      samples: null,
      evidence: { ...located, buildId: null, ...settings, polls },
      verdict: { ...judgeMissingBuild(target, keys.waitMs), value: null, threshold: null },
    });
  }
  return ok(measuredBuild(build, { ...located, ...settings, polls }, judgePercyBuild(build, keys.waitMs, rules)));
}

function measuredBuild(build: PercyBuild, context: Record<string, unknown>, verdict: { status: Status; message: string }): Measured {
  return {
    measurements: { diffs: build.diffs, snapshots: build.snapshots },
    samples: build.snapshots,
    evidence: {
      buildId: build.id,
      state: build.state,
      reviewState: build.reviewState,
      reviewStateReason: build.reviewStateReason,
      webUrl: build.webUrl,
      diffs: build.diffs,
      snapshots: build.snapshots,
      comparisons: build.comparisons,
      failureReason: build.failureReason,
      ...context,
    },
    verdict: { ...verdict, value: build.diffs, threshold: null },
  };
}

async function readConfig(spec: CheckSpec, env: CheckEnvironment['env']): Promise<Result<PercyConfig, SourceFault>> {
  const problem = (message: string) => fault('config', `check \`${spec.name}\`: ${message}`);
  const keys = readPercyKeys(spec.entry);
  if (!keys.ok) return problem(keys.error.message);
  const token = env.PERCY_TOKEN?.trim();
  if (!token) return problem('PERCY_TOKEN is not set; pass the Percy token (read access) to the step as env PERCY_TOKEN from a secret');
  const apiUrl = keys.value.apiUrl ?? env.PERCY_API_URL ?? DEFAULT_PERCY_API_URL;
  if (!/^https?:\/\//.test(apiUrl)) return problem(`\`api-url\` must be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  const target = await readTarget(keys.value, env);
  if (!target.ok) return problem(target.error);
  return ok({ keys: keys.value, apiUrl, token, target: target.value });
}

/** The key `build-id`, else the key `project` (with its commit), else env PERCY_BUILD_ID: a policy's keys say more than the step's environment. */
async function readTarget(keys: PercyKeys, env: CheckEnvironment['env']): Promise<Result<PercyTarget, string>> {
  if (keys.buildId !== null) return ok({ kind: 'build', buildId: keys.buildId });
  if (keys.project !== null) {
    const commit = await readCommit(keys, env);
    return commit.ok ? ok({ kind: 'commit', project: keys.project, ...commit.value }) : commit;
  }
  const envId = env.PERCY_BUILD_ID?.trim();
  if (envId) return ok({ kind: 'build', buildId: envId });
  return { ok: false, error: 'no Percy build id; set key `build-id` or env PERCY_BUILD_ID (percy exec prints the build number and URL)' };
}

/**
 * The commit to find the build of: key `commit`, else the commit Percy's own
 * CLI records a build under on GitHub Actions (PERCY_COMMIT, else the pull
 * request's head commit, since GITHUB_SHA is then a merge commit nobody
 * built, else GITHUB_SHA).
 */
async function readCommit(keys: PercyKeys, env: CheckEnvironment['env']): Promise<Result<{ commit: string; commitFrom: string }, string>> {
  if (keys.commit !== null) return ok({ commit: keys.commit, commitFrom: 'commit' });
  const fromEnv = (name: string, value: string): Result<{ commit: string; commitFrom: string }, string> =>
    FULL_SHA.test(value) ? ok({ commit: value.toLowerCase(), commitFrom: name }) : { ok: false, error: `env ${name} is not a full commit SHA (got ${JSON.stringify(value)}); set key \`commit\` to the commit percy exec ran on` };
  const percyCommit = env.PERCY_COMMIT?.trim();
  if (percyCommit) return fromEnv('PERCY_COMMIT', percyCommit);
  const head = headSha(await readEventPayload(env.GITHUB_EVENT_PATH), '');
  if (head !== '') return ok({ commit: head.toLowerCase(), commitFrom: 'pull_request.head.sha' });
  const githubSha = env.GITHUB_SHA?.trim();
  if (githubSha) return fromEnv('GITHUB_SHA', githubSha);
  return { ok: false, error: 'no commit to find the Percy build of; set key `commit` (a full SHA), or run in GitHub Actions, where GITHUB_SHA is set' };
}

/** No build listed for the commit (yet): nothing was judged, so never a pass. */
function judgeMissingBuild(target: Extract<PercyTarget, { kind: 'commit' }>, waitMs: number): { status: Status; message: string } {
  const which = `no Percy build for commit ${target.commit} (${target.commitFrom}) in project ${target.project}`;
  return {
    status: 'nodata',
    message:
      waitMs > 0
        ? `${which} after waiting ${formatDuration(waitMs)}; check that percy exec ran on this commit with this project's token, or raise \`wait\``
        : `${which} yet; set \`wait\` (e.g. 10m) to poll until Percy has one`,
  };
}

/**
 * Percy's own verdict on a build, in our status vocabulary, as build:wait
 * decides it: a failed or expired build fails; a finished one with visual
 * changes fails under `fail-on-changes` unless approved and
 * `pass-if-approved`. Where build:wait would exit 0 on less than evidence,
 * this is stricter: changes a reviewer requested always fail, a build that
 * compared nothing is no data, and unapproved changes under
 * `fail-on-changes: false` warn instead of passing.
 */
export function judgePercyBuild(build: PercyBuild, waitMs: number, rules: PercyRules = { failOnChanges: true, passIfApproved: true }): { status: Status; message: string } {
  const name = `Percy build ${build.id}`;
  const at = build.webUrl ? `: ${build.webUrl}` : '';
  const changes = (count: number | null) => (count === null ? 'visual changes' : `${count} visual ${count === 1 ? 'change' : 'changes'}`);
  switch (build.state) {
    case 'finished': {
      if (build.reviewState === 'changes_requested' || build.reviewState === 'rejected') {
        return { status: 'fail', message: `${name} has changes requested on ${changes(build.diffs)}${at}` };
      }
      const unusable = unusableCounts(build);
      if (unusable) return { status: 'error', message: `${name}: ${unusable}` };
      // A build that compared nothing shows nothing: no snapshots (or none rendered) is not "no visual changes".
      if (!build.snapshots || build.comparisons === 0) {
        const what = build.snapshots === null ? 'no snapshot count' : build.snapshots === 0 ? 'no snapshots' : 'no comparisons';
        return { status: 'nodata', message: `${name} finished with ${what}, so nothing was compared; check that the visual tests ran under percy exec${at}` };
      }
      if (build.diffs === 0) return { status: 'pass', message: `${name} finished with no visual changes` };
      const approved = build.reviewState === 'approved';
      if (approved && (rules.passIfApproved || !rules.failOnChanges)) return { status: 'pass', message: `${name} is approved (${changes(build.diffs)})` };
      if (approved) return { status: 'fail', message: `${name} has ${changes(build.diffs)}, approved, but \`pass-if-approved\` is false, so any visual change fails${at}` };
      const unapproved = `${name} has ${changes(build.diffs)} not yet approved (review state ${build.reviewState ?? 'unknown'})`;
      if (!rules.failOnChanges) return { status: 'warn', message: `${unapproved}; not blocking, as \`fail-on-changes\` is false${at}` };
      return { status: 'fail', message: `${unapproved}; review them${at || ' in Percy'}` };
    }
    case 'failed':
    case 'expired':
      return { status: 'fail', message: `${name} ${build.state}${build.failureReason ? ` (${build.failureReason})` : ''}${at}` };
    case 'pending':
    case 'processing':
    case 'waiting':
      return {
        status: 'nodata',
        message:
          waitMs > 0
            ? `${name} is still ${build.state} after waiting ${formatDuration(waitMs)}; re-run later or raise \`wait\``
            : `${name} is still ${build.state}; set \`wait\` (e.g. 10m) to poll until it finishes`,
      };
    default:
      return { status: 'error', message: `${name} is in a state this check does not know: \`${build.state}\`${at}` };
  }
}

/** Why Percy's counts cannot be believed (negative, fractional), or `null`. */
function unusableCounts(build: PercyBuild): string | null {
  const counts = { 'total-comparisons-diff': build.diffs, 'total-snapshots': build.snapshots, 'total-comparisons': build.comparisons };
  const bad = Object.entries(counts).filter(([, value]) => value !== null && !(Number.isSafeInteger(value) && value >= 0));
  return bad.length === 0 ? null : `Percy's ${bad.map(([key]) => `\`${key}\``).join(', ')} is not a whole number ≥ 0, so the build's counts cannot be trusted`;
}
