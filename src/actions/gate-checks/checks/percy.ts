import { type Result, ok } from '../../../engine/result.js';
import type { Status } from '../../../engine/status.js';
import { formatDuration, parseDuration } from '../../../engine/units.js';
import type { HttpOptions } from '../../../sources/metrics/fetch-json.js';
import { DEFAULT_PERCY_API_URL, type PercyBuild, type PercyWait, waitForPercyBuild } from '../../../sources/percy.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `percy`: a Percy build through Percy's API. Passes when the build
 * finished and has no visual changes, or they were approved. The token comes
 * from env `PERCY_TOKEN` only (a secret: the action must mask it); the build
 * id from key `build-id` or env `PERCY_BUILD_ID`, as `percy build:wait` takes it.
 *
 * ```yaml
 * visual: { type: percy, wait: 10m }
 * ```
 */
export interface PercyCheckOptions {
  http?: HttpOptions;
  poll?: Omit<PercyWait, 'waitMs'>;
}

export function createPercyCheck(options: PercyCheckOptions = {}): CheckType {
  return {
    type: 'percy',
    measures: { diffs: 'count', snapshots: 'count' },
    headline: 'diffs',
    keys: ['build-id', 'api-url', 'wait'],
    needsPath: false,
    judgement: 'own',
    measure: (spec, environment) => measurePercy(spec, environment, options),
  };
}

export const percyCheck: CheckType = createPercyCheck();

interface PercyConfig {
  apiUrl: string;
  token: string;
  buildId: string;
  waitMs: number;
}

async function measurePercy(spec: CheckSpec, environment: CheckEnvironment, options: PercyCheckOptions): Promise<Result<Measured, SourceFault>> {
  const config = readConfig(spec, environment.env);
  if (!config.ok) return config;
  const { apiUrl, token, buildId, waitMs } = config.value;
  const read = await waitForPercyBuild({ apiUrl, token, http: options.http }, buildId, { ...options.poll, waitMs });
  if (!read.ok) return read;
  const { build, polls } = read.value;
  return ok({
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
      apiUrl,
      polls,
    },
    verdict: { ...judgePercyBuild(build, waitMs), value: build.diffs, threshold: null },
  });
}

function readConfig(spec: CheckSpec, env: CheckEnvironment['env']): Result<PercyConfig, SourceFault> {
  const problem = (message: string) => fault('config', `check \`${spec.name}\`: ${message}`);
  const token = env.PERCY_TOKEN?.trim();
  if (!token) return problem('PERCY_TOKEN is not set; pass the Percy token (read access) to the step as env PERCY_TOKEN from a secret');
  const rawId = spec.entry['build-id'] ?? env.PERCY_BUILD_ID;
  const buildId = typeof rawId === 'number' ? String(rawId) : typeof rawId === 'string' ? rawId.trim() : '';
  if (buildId === '') return problem('no Percy build id; set key `build-id` or env PERCY_BUILD_ID (percy exec prints the build number and URL)');
  const rawApiUrl = spec.entry['api-url'] ?? env.PERCY_API_URL ?? DEFAULT_PERCY_API_URL;
  if (typeof rawApiUrl !== 'string' || !/^https?:\/\//.test(rawApiUrl)) return problem(`\`api-url\` must be an http(s) URL, got ${JSON.stringify(rawApiUrl)}`);
  const wait = parseDuration(spec.entry.wait ?? 0);
  if (!wait.ok) return problem(`\`wait\`: ${wait.error}`);
  return ok({ apiUrl: rawApiUrl, token, buildId, waitMs: wait.value });
}

/** Percy's own verdict on a build, in our status vocabulary. */
export function judgePercyBuild(build: PercyBuild, waitMs: number): { status: Status; message: string } {
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
      if (build.reviewState === 'approved') return { status: 'pass', message: `${name} is approved (${changes(build.diffs)})` };
      return { status: 'fail', message: `${name} has ${changes(build.diffs)} not yet approved (review state ${build.reviewState ?? 'unknown'}); review them${at || ' in Percy'}` };
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
