import type { Octokit } from './client.js';
import { type Result, err, ok } from '../engine/result.js';
import { GRAPHQL_ENDPOINT, callGraphql } from './graphql-call.js';
import type { GitHubFailure } from './github-failure.js';

/**
 * The login the token acts as, which is the author GitHub shows on the
 * comments it writes: `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]`
 * for another GitHub App's installation token, the user's login for a
 * personal access token.
 *
 * Asked with GraphQL `viewer`, the one question every kind of token may ask:
 * REST `GET /user` answers 403 to installation tokens (GITHUB_TOKEN included)
 * and `GET /app` needs the app's JWT. marocchino/sticky-pull-request-comment
 * finds its comment the same way. The login is the REST `user.login` of the
 * comments (bots included, with their `[bot]` suffix).
 */
export async function tokenLogin(octokit: Octokit): Promise<Result<string, GitHubFailure>> {
  const answer = await callGraphql<{ viewer?: { login?: unknown } }>(octokit, 'viewer { login }', 'query { viewer { login } }');
  if (!answer.ok) return answer;
  const login = answer.value.viewer?.login;
  if (typeof login !== 'string' || login === '') {
    return err({ endpoint: GRAPHQL_ENDPOINT, status: 200, message: 'GitHub GraphQL `viewer { login }` answered without a login' });
  }
  return ok(login);
}
