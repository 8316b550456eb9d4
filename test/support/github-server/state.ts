/**
 * What the fake GitHub keeps in memory. Records hold the fields GitHub lets a
 * client set, in our own camelCase shape; `render.ts` turns them into the
 * REST objects GitHub returns. Tests read (and may seed) these arrays.
 */

/** A check run, with every annotation received across create and updates. */
export interface StoredCheckRun {
  id: number;
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Annotations as sent; GitHub appends those of each update to the run's list. */
  annotations: Record<string, unknown>[];
}

/** A commit status (`POST /repos/{owner}/{repo}/statuses/{sha}`). */
export interface StoredStatus {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  state: string;
  description: string | null;
  targetUrl: string | null;
  context: string;
  createdAt: string;
}

/** An issue or pull-request comment; pull requests share issues' numbers and comment API. */
export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  /** Login of the author; comments made through the API are the token's bot. */
  login: string;
  createdAt: string;
  updatedAt: string;
  /** Set by GraphQL `minimizeComment`: the classifier, lower-cased as GitHub reports `minimizedReason`. REST shows no trace of it. */
  minimizedReason?: string;
}

/** A pull request, as far as `GET /repos/{owner}/{repo}/pulls/{pull_number}` shows it; numbers are shared with issues. */
export interface StoredPullRequest {
  id: number;
  owner: string;
  repo: string;
  number: number;
  /** The head commit: a later push moves it. */
  headSha: string;
  headRef: string;
  /** Who owns the head repository: another owner for a pull request from a fork. */
  headOwner: string;
  baseRef: string;
  createdAt: string;
}

export interface StoredIssue {
  id: number;
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  createdAt: string;
}

export interface StoredDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
}

export interface StoredDeployment {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  /** Oldest first, as created; the API lists them newest first. */
  statuses: StoredDeploymentStatus[];
}

/** Everything the server holds; arrays are in creation order. */
export interface StoredRelease {
  id: number;
  owner: string;
  repo: string;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  createdAt: string;
}

export interface GitHubServerState {
  checkRuns: StoredCheckRun[];
  statuses: StoredStatus[];
  comments: StoredComment[];
  issues: StoredIssue[];
  deployments: StoredDeployment[];
  releases: StoredRelease[];
  pullRequests: StoredPullRequest[];
}

export function createState(): GitHubServerState {
  return { checkRuns: [], statuses: [], comments: [], issues: [], deployments: [], releases: [], pullRequests: [] };
}

/** The login GitHub shows for `GITHUB_TOKEN` (the GitHub Actions app's bot user). */
export const BOT_LOGIN = 'github-actions[bot]';

/** Same owner and repository, compared as GitHub does: case-insensitively. */
export function inRepo(record: { owner: string; repo: string }, owner: string, repo: string): boolean {
  return record.owner.toLowerCase() === owner.toLowerCase() && record.repo.toLowerCase() === repo.toLowerCase();
}
