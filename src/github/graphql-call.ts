import type { Octokit } from './client.js';
import { type Result, err } from '../engine/result.js';
import { type GitHubFailure, callGitHub } from './github-failure.js';

/** The endpoint named in failures; GHES serves it at `/api/graphql`, which Octokit derives from the REST base URL. */
export const GRAPHQL_ENDPOINT = 'POST /graphql';

interface GraphqlErrorShape {
  name?: unknown;
  errors?: { type?: unknown; message?: unknown }[];
}

/**
 * One GraphQL query or mutation as a value, never throwing. GitHub answers a
 * refused GraphQL call with 200 and an `errors` list (Octokit throws a
 * `GraphqlResponseError` without an HTTP status); that is a failure naming
 * GitHub's first error, e.g. `FORBIDDEN: Resource not accessible by integration`.
 */
export async function callGraphql<T>(octokit: Octokit, operation: string, query: string, variables: Record<string, unknown> = {}): Promise<Result<T, GitHubFailure>> {
  const result = await callGitHub(GRAPHQL_ENDPOINT, async () => {
    try {
      return { data: await octokit.graphql<T>(query, variables), refused: null };
    } catch (thrown) {
      const shape = (thrown ?? {}) as GraphqlErrorShape;
      if (shape.name !== 'GraphqlResponseError' || !Array.isArray(shape.errors)) throw thrown;
      const first = shape.errors[0] ?? {};
      const type = typeof first.type === 'string' ? `${first.type}: ` : '';
      return { data: null, refused: `${type}${typeof first.message === 'string' ? first.message : 'an error without a message'}` };
    }
  });
  if (!result.ok) return { ok: false, error: { ...result.error, message: `${result.error.message} (${operation})` } };
  if (result.value.refused !== null) {
    return err({ endpoint: GRAPHQL_ENDPOINT, status: 200, message: `GitHub GraphQL ${operation} was refused: ${result.value.refused}` });
  }
  return { ok: true, value: result.value.data as T };
}
