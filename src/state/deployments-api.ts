import type { Result } from '../engine/result.js';
import type { DeploymentRecord, StatusRecord } from './deployment-log.js';
import type { StoreFault } from './state-store.js';

/**
 * The four GitHub Deployments calls the GitHub store makes, as an interface
 * so its logic (`deployments-state.ts`, `deployments-rollback.ts`) stays
 * apart from Octokit; `src/github/deployments-store.ts` implements it.
 * https://docs.github.com/rest/deployments/deployments
 */
export type DeploymentStatusState = 'in_progress' | 'success' | 'failure' | 'inactive';

export interface NewDeployment {
  ref: string;
  task: string;
  environment: string;
  payload: Record<string, unknown>;
  description: string;
  /** Omitted: GitHub's default (true only for an environment named `production`). */
  productionEnvironment: boolean | undefined;
}

export interface DeploymentsApi {
  /** `octo/app`, for messages. */
  readonly repository: string;
  /** The environment's newest deployments (at most 100), newest first; `task` filters. */
  listDeployments(environment: string, task: string | null): Promise<Result<DeploymentRecord[], StoreFault>>;
  /** A deployment's statuses, newest first: only the latest, or all of them. */
  listStatuses(deploymentId: number, which: 'latest' | 'all'): Promise<Result<StatusRecord[], StoreFault>>;
  createDeployment(deployment: NewDeployment): Promise<Result<DeploymentRecord, StoreFault>>;
  createStatus(deploymentId: number, state: DeploymentStatusState, description: string): Promise<Result<StatusRecord, StoreFault>>;
}
