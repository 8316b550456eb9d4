import { type Result, err, ok } from '../../../engine/result.js';
import { formatDuration, parseDuration } from '../../../engine/units.js';

/**
 * The policy keys of a `percy` check, read as `percy build:wait` reads its
 * flags: `build-id` (`--build`) or `project` + `commit` (`--project`,
 * `--commit`, exclusive with `--build`), `interval` (`--interval`, at least
 * 1 s), `fail-on-changes` and `pass-if-approved` (which build:wait accepts
 * only together). The two booleans default to true: the check passes a
 * finished build without visual changes or with approved ones, i.e.
 * `percy build:wait --fail-on-changes --pass-if-approved`.
 *
 * Read when the policy loads (`checkEntry`), so a bad key stops the action
 * there with the key named, and again when the check runs.
 */
export interface PercyKeys {
  /** Key `build-id`, as text; `null` when not set. */
  buildId: string | null;
  /** Key `project`, `org/project`; `null` when not set. */
  project: string | null;
  /** Key `commit`, a full SHA; `null` when not set (the check takes Percy's own default). */
  commit: string | null;
  /** Key `api-url`; `null` when not set (env PERCY_API_URL, then Percy's). */
  apiUrl: string | null;
  waitMs: number;
  /** Key `interval`; `null` when not set. */
  intervalMs: number | null;
  failOnChanges: boolean;
  passIfApproved: boolean;
}

/** build:wait ignores a shorter `--interval`; a policy asking for one is told so instead. */
export const MIN_PERCY_INTERVAL_MS = 1_000;

/** `org/project`: the two slugs of a Percy project's URL (`https://percy.io/acme/shop`). */
const PROJECT = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/;
/** A full commit SHA: 40 hex digits, or 64 in a SHA-256 repository. Percy filters by the exact SHA. */
export const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export interface KeyProblem {
  key: string;
  message: string;
}

export function readPercyKeys(entry: Readonly<Record<string, unknown>>): Result<PercyKeys, KeyProblem> {
  const problem = (key: string, message: string) => err({ key, message });
  const rawId = entry['build-id'];
  const buildId = typeof rawId === 'number' ? String(rawId) : typeof rawId === 'string' && rawId.trim() !== '' ? rawId.trim() : null;

  const rawProject = entry.project;
  if (rawProject !== undefined && (typeof rawProject !== 'string' || !PROJECT.test(rawProject.trim()))) {
    return problem('project', `\`project\` must be \`org/project\`, the slugs in the project's Percy URL (https://percy.io/org/project), got ${JSON.stringify(rawProject)}`);
  }
  const project = typeof rawProject === 'string' ? rawProject.trim() : null;
  if (project !== null && rawId !== undefined) {
    return problem('project', '`build-id` and `project` cannot be used together (as `percy build:wait --build` and `--project`): give `build-id` to judge one build, or `project` to find the build Percy made for a commit');
  }

  const rawCommit = entry.commit;
  if (rawCommit !== undefined && project === null) return problem('commit', '`commit` needs `project` (as `percy build:wait --commit` needs `--project`): Percy finds a commit\'s build within a project');
  if (rawCommit !== undefined && (typeof rawCommit !== 'string' || !FULL_SHA.test(rawCommit.trim()))) {
    return problem('commit', `\`commit\` must be a full 40-character commit SHA (this check runs no git to resolve HEAD or a short SHA), got ${JSON.stringify(rawCommit)}`);
  }
  const commit = typeof rawCommit === 'string' ? rawCommit.trim().toLowerCase() : null;

  const rawApiUrl = entry['api-url'];
  if (rawApiUrl !== undefined && (typeof rawApiUrl !== 'string' || !/^https?:\/\//.test(rawApiUrl))) return problem('api-url', `\`api-url\` must be an http(s) URL, got ${JSON.stringify(rawApiUrl)}`);

  const wait = parseDuration(entry.wait ?? 0);
  if (!wait.ok) return problem('wait', `\`wait\`: ${wait.error}`);
  let intervalMs: number | null = null;
  if (entry.interval !== undefined) {
    const interval = parseDuration(entry.interval);
    if (!interval.ok) return problem('interval', `\`interval\`: ${interval.error}`);
    if (interval.value < MIN_PERCY_INTERVAL_MS) return problem('interval', `\`interval\` must be at least ${formatDuration(MIN_PERCY_INTERVAL_MS)} (as build:wait's), got ${formatDuration(interval.value)}`);
    intervalMs = interval.value;
  }

  const failOnChanges = readBoolean(entry, 'fail-on-changes');
  if (!failOnChanges.ok) return problem('fail-on-changes', failOnChanges.error);
  const passIfApproved = readBoolean(entry, 'pass-if-approved');
  if (!passIfApproved.ok) return problem('pass-if-approved', passIfApproved.error);
  if (entry['pass-if-approved'] === true && entry['fail-on-changes'] === false) {
    return problem('pass-if-approved', '`pass-if-approved: true` means nothing with `fail-on-changes: false` (build:wait takes them only together): with `fail-on-changes: false` no visual change blocks, approved or not; drop one of the two');
  }

  return ok({
    buildId,
    project,
    commit,
    apiUrl: typeof rawApiUrl === 'string' ? rawApiUrl : null,
    waitMs: wait.value,
    intervalMs,
    failOnChanges: failOnChanges.value,
    passIfApproved: passIfApproved.value,
  });
}

/** A key that is `true` or `false` (default true); anything else names the key. */
function readBoolean(entry: Readonly<Record<string, unknown>>, key: string): Result<boolean> {
  const value = entry[key];
  if (value === undefined) return ok(true);
  if (typeof value === 'boolean') return ok(value);
  return err(`\`${key}\` must be true or false, got ${JSON.stringify(value)}`);
}
