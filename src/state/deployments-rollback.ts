import { type Result, ok } from '../engine/result.js';
import { GITHUB_LIMITS, truncateText } from '../github/text-limits.js';
import { type DeploymentRecord, PAYLOAD_KEY, RESTORE_TASK, isGoodHistory, releaseOfDeployment, withoutLostStarts } from './deployment-log.js';
import type { DeploymentsApi } from './deployments-api.js';
import { type LastGoodRelease, type LastGoodRequest, type MarkFailedOutcome, type MarkFailedRequest, type RestoreOutcome, type RestoreRequest, type StoreFault, isNamed } from './state-store.js';

/**
 * Auto-rollback's side of the GitHub store: mark the release under
 * watch `failure`, and make the last good one active again by deploying its
 * commit anew with a `success` status, which GitHub's `auto_inactive` turns
 * into the environment's active deployment. This is CodeDeploy's "redeploy
 * the last known good revision": the exact commit, not whatever its branch
 * points at now.
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/deployments-rollback-and-redeploy.html
 */
const fit = (text: string): string => truncateText(text.replace(/\s+/g, ' ').trim(), GITHUB_LIMITS.statusDescription, '…');
const short = (sha: string): string => sha.slice(0, 7);

export async function markDeploymentFailed(api: DeploymentsApi, request: MarkFailedRequest): Promise<Result<MarkFailedOutcome, StoreFault>> {
  const { key, ref, reason } = request;
  const listed = await api.listDeployments(key, null);
  if (!listed.ok) return listed;
  const target = withoutLostStarts(listed.value).find((record) => isNamed(releaseOfDeployment(record), ref));
  if (!target) return ok({ status: 'not-found', message: `no deployment of ${ref} among the newest of environment \`${key}\`; nothing to mark` });
  const latest = await api.listStatuses(target.id, 'latest');
  if (!latest.ok) return latest;
  if (latest.value[0]?.state === 'failure') {
    return ok({ status: 'already-failed', message: `deployment ${target.id} of ${ref} is already marked failure; nothing changed` });
  }
  const written = await api.createStatus(target.id, 'failure', fit(`rolled back by rollout-guard: ${reason}`));
  if (!written.ok) return written;
  return ok({ status: 'marked', message: `marked deployment ${target.id} of ${ref} in \`${key}\` failure` });
}

/**
 * The newest deployment before the failed one that once succeeded, was not
 * failed since, and is another commit; "another" is judged by sha, since a
 * team deploying `main` each time has one ref for every release.
 */
export async function restoreLastGoodDeployment(api: DeploymentsApi, request: RestoreRequest): Promise<Result<RestoreOutcome, StoreFault>> {
  const { key, excludingRef } = request;
  const found = await locateLastGood(api, key, excludingRef);
  if (!found.ok) return found;
  if (found.value === null) return ok({ status: 'none', ref: null, sha: null, message: `no good deployment before ${excludingRef} in environment \`${key}\`; nothing to restore` });
  const { record, failed, activeSince } = found.value;
  if (activeSince === 'after-failure') return ok(already(record, `${named(record)} is active since ${excludingRef} failed; nothing to restore`));
  if (activeSince === 'before-failure') return ok(already(record, `${named(record)} is still the active deployment; nothing to restore`));
  return restore(api, request, record, failed);
}

/** The last good release, without changing anything: what a platform rollback should go back to. */
export async function findLastGoodDeployment(api: DeploymentsApi, request: LastGoodRequest): Promise<Result<LastGoodRelease | null, StoreFault>> {
  const found = await locateLastGood(api, request.key, request.excludingRef);
  if (!found.ok || found.value === null) return found.ok ? ok(null) : found;
  const { record } = found.value;
  return ok({ ref: releaseOfDeployment(record).ref, sha: record.sha, message: `${named(record)} (deployment ${record.id}), the last good deployment before ${request.excludingRef}` });
}

interface LastGood {
  record: DeploymentRecord;
  failed: DeploymentRecord | undefined;
  /** `after-failure`: already restored (a re-run); `before-failure`: it never stopped being active; `null`: to be restored. */
  activeSince: 'after-failure' | 'before-failure' | null;
}

async function locateLastGood(api: DeploymentsApi, key: string, excludingRef: string): Promise<Result<LastGood | null, StoreFault>> {
  const listed = await api.listDeployments(key, null);
  if (!listed.ok) return listed;
  const deployments = withoutLostStarts(listed.value);
  const failedAt = deployments.findIndex((record) => isNamed(releaseOfDeployment(record), excludingRef));
  const failed = deployments[failedAt];
  const isExcluded = (record: DeploymentRecord): boolean => isNamed(releaseOfDeployment(record), excludingRef) || record.sha === failed?.sha;
  const candidates = deployments.filter((record) => !isExcluded(record));
  const after = failedAt < 0 ? [] : candidates.filter((record) => deployments.indexOf(record) < failedAt);
  for (const record of after) {
    const latest = await api.listStatuses(record.id, 'latest');
    if (!latest.ok) return latest;
    if (latest.value[0]?.state === 'success') return ok({ record, failed, activeSince: 'after-failure' });
  }
  for (const record of candidates.filter((candidate) => !after.includes(candidate))) {
    const statuses = await api.listStatuses(record.id, 'all');
    if (!statuses.ok) return statuses;
    if (!isGoodHistory(statuses.value)) continue;
    return ok({ record, failed, activeSince: statuses.value[0]?.state === 'success' ? 'before-failure' : null });
  }
  return ok(null);
}

const already = (record: DeploymentRecord, message: string): RestoreOutcome => ({ status: 'already-restored', ref: releaseOfDeployment(record).ref, sha: record.sha, message });
const named = (record: DeploymentRecord): string => `${releaseOfDeployment(record).ref} (${short(record.sha)})`;

async function restore(api: DeploymentsApi, request: RestoreRequest, good: DeploymentRecord, failed: DeploymentRecord | undefined): Promise<Result<RestoreOutcome, StoreFault>> {
  const { key, excludingRef, reason } = request;
  // A restore deployment is of a sha; name the release by the ref it restored.
  const ref = releaseOfDeployment(good).ref;
  const created = await api.createDeployment({
    ref: good.sha,
    task: RESTORE_TASK,
    environment: key,
    payload: { [PAYLOAD_KEY]: { schema: 1, restore: { of: good.id, ref, sha: good.sha, replaces: failed?.id ?? null } } },
    description: `rollout-guard: restore of the last good release ${ref}`,
    productionEnvironment: good.productionEnvironment,
  });
  if (!created.ok) return created;
  const description = fit(`restored ${ref} (${short(good.sha)}), the last good release before ${excludingRef}: ${reason}`);
  const status = await api.createStatus(created.value.id, 'success', description);
  if (!status.ok) return status;
  const message = `restored ${ref} (${short(good.sha)}) as deployment ${created.value.id} of \`${key}\`, the last good release before ${excludingRef}`;
  return ok({ status: 'restored', ref, sha: good.sha, message });
}
