import type { Octokit } from './client.js';
import { type Result, err, ok } from '../engine/result.js';
import type { DeploymentRecord, StatusRecord } from '../state/deployment-log.js';
import type { DeploymentsApi } from '../state/deployments-api.js';
import { createDeploymentsStateStore } from '../state/deployments-state.js';
import type { StateStore, StoreFault } from '../state/state-store.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';

/**
 * `state: github`: rollouts kept in GitHub Deployments, where the
 * team already looks (the environment page, the PR's deployment box).
 *
 * Design. A deployment's `payload` is fixed at creation: there is no
 * endpoint to update it, only statuses can be added, and statuses are never
 * edited or deleted (https://docs.github.com/rest/deployments/deployments,
 * https://docs.github.com/rest/deployments/statuses). So:
 * - One deployment per rollout, for the `environment` (the rollout key), with
 *   `ref` = the canary ref, `task: deploy:canary`, `auto_merge: false`,
 *   `required_contexts: []` (the gate already judged the commit),
 *   `transient_environment: false`, and `payload["rollout-guard"]` holding
 *   the plan, the state at the start, its version, and the rollout
 *   deployment it follows.
 * - Each tick that changes the state appends one status: `in_progress`
 *   "canary 25% (step 2/4): …", `success` on complete (GitHub's
 *   `auto_inactive` then marks the previous release `inactive`), `failure` on
 *   rollback, `inactive` when a newer version supersedes it. The description
 *   ends with a compact state line (`src/state/deployment-status-line.ts`), so
 *   the newest accepted status holds the whole mutable state and the statuses
 *   are the rollout's history. Not `log_url` or `environment_url`: GitHub
 *   shows those as links, and `log_url` is kept for the run's URL.
 * - The version for compare-and-swap is the state's version, carried by each
 *   status. GitHub has no conditional write, so `save` re-reads before
 *   writing (most races end there, with nothing written), writes, and reads
 *   back: the first status carrying a version wins and later ones are ignored
 *   by every reader, so the loser's write is void and it answers `conflict`.
 *   Two runs starting a rollout both create a deployment; the older one
 *   following the same predecessor wins, the loser marks its own `inactive`.
 * - A status someone else writes (auto-rollback's `failure`, a person's
 *   `inactive`) ends a rollout in progress, so the next tick cannot promote it.
 * Reads list the environment's newest 100 deployments, which holds the
 * current rollout unless a hundred other deployments came after it.
 */
export interface DeploymentsStoreOptions {
  owner: string;
  repo: string;
  /** Sent as `production_environment`; omitted, GitHub takes true only for an environment named `production`. */
  productionEnvironment?: boolean;
  /** The workflow run's URL, linked from every status as `log_url`. */
  logUrl?: string;
  /** The app's URL, shown as "View deployment" (`environment_url`). */
  environmentUrl?: string;
}

const PAGE = 100;

const unavailable = (failure: GitHubFailure): Result<never, StoreFault> => err({ kind: 'unavailable', message: failure.message });

type ListedDeployment = Awaited<ReturnType<Octokit['rest']['repos']['listDeployments']>>['data'][number];
type ListedStatus = Awaited<ReturnType<Octokit['rest']['repos']['listDeploymentStatuses']>>['data'][number];

const toDeployment = (data: ListedDeployment): DeploymentRecord => ({
  id: data.id,
  ref: data.ref,
  sha: data.sha,
  task: data.task,
  payload: data.payload,
  productionEnvironment: data.production_environment ?? false,
});

const toStatus = (data: ListedStatus): StatusRecord => ({ id: data.id, state: data.state, description: data.description ?? '', createdAt: data.created_at });

export function createDeploymentsStore(octokit: Octokit, options: DeploymentsStoreOptions): StateStore {
  return createDeploymentsStateStore(deploymentsApi(octokit, options), { productionEnvironment: options.productionEnvironment });
}

/** The Octokit side of the store; every call returns a value, never throws. */
export function deploymentsApi(octokit: Octokit, options: DeploymentsStoreOptions): DeploymentsApi {
  const { owner, repo } = options;
  const base = `/repos/${owner}/${repo}/deployments`;
  const links = { ...(options.logUrl ? { log_url: options.logUrl } : {}), ...(options.environmentUrl ? { environment_url: options.environmentUrl } : {}) };
  return {
    repository: `${owner}/${repo}`,
    async listDeployments(environment, task) {
      const listed = await callGitHub(`GET ${base}`, () =>
        octokit.rest.repos.listDeployments({ owner, repo, environment, ...(task ? { task } : {}), per_page: PAGE }),
      );
      return listed.ok ? ok(listed.value.data.map(toDeployment)) : unavailable(listed.error);
    },
    async listStatuses(deploymentId, which) {
      const request = { owner, repo, deployment_id: deploymentId, per_page: which === 'latest' ? 1 : PAGE };
      const listed = await callGitHub(`GET ${base}/${deploymentId}/statuses`, async () =>
        which === 'latest' ? (await octokit.rest.repos.listDeploymentStatuses(request)).data : octokit.paginate(octokit.rest.repos.listDeploymentStatuses, request),
      );
      return listed.ok ? ok(listed.value.map(toStatus)) : unavailable(listed.error);
    },
    async createDeployment(deployment) {
      const created = await callGitHub(`POST ${base}`, () =>
        octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref: deployment.ref,
          task: deployment.task,
          environment: deployment.environment,
          payload: deployment.payload,
          description: deployment.description,
          auto_merge: false,
          required_contexts: [],
          transient_environment: false,
          ...(deployment.productionEnvironment === undefined ? {} : { production_environment: deployment.productionEnvironment }),
        }),
      );
      if (!created.ok) return unavailable(created.error);
      const data = created.value.data;
      // 202 carries a message instead of a deployment (an auto-merge happened); auto_merge is off, so this is unexpected.
      if (!('id' in data)) return err({ kind: 'unavailable', message: `GitHub API POST ${base} did not create a deployment: ${data.message ?? 'no message'}` });
      return ok(toDeployment(data));
    },
    async createStatus(deploymentId, state, description): Promise<Result<StatusRecord, StoreFault>> {
      const created = await callGitHub(`POST ${base}/${deploymentId}/statuses`, () =>
        octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: deploymentId, state, description, ...links }),
      );
      return created.ok ? ok(toStatus(created.value.data)) : unavailable(created.error);
    },
  };
}
