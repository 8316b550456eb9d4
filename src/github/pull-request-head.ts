import type { Octokit } from './client.js';
import { type Result, err, ok } from '../engine/result.js';
import { isFullSha } from './event.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';

/**
 * The head commit of pull request `number` in this repository, read from
 * GitHub (`GET /repos/{owner}/{repo}/pulls/{pull_number}`, needs
 * `pull-requests: read`). A workflow that comments on a pull request named by
 * an artifact compares it with the commit it judged before commenting: in the
 * fork flow the artifact is written by the fork's code, and a forged number
 * would otherwise put our verdict on someone else's pull request.
 */
export async function pullRequestHeadSha(octokit: Octokit, owner: string, repo: string, number: number): Promise<Result<string, GitHubFailure>> {
  const endpoint = `GET /repos/${owner}/${repo}/pulls/${number}`;
  const answer = await callGitHub(endpoint, () => octokit.rest.pulls.get({ owner, repo, pull_number: number }));
  if (!answer.ok) return answer;
  const sha: unknown = (answer.value.data as { head?: { sha?: unknown } } | undefined)?.head?.sha;
  if (typeof sha !== 'string' || !isFullSha(sha)) return err({ endpoint, status: answer.value.status, message: `GitHub API ${endpoint} answered without a head commit SHA` });
  return ok(sha.toLowerCase());
}
