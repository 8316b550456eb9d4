import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type GraphQLSchema, type IntrospectionQuery, GraphQLError, buildClientSchema, executeSync, parse, validate } from 'graphql';
import { REPO_ROOT } from '../run-bundle.js';
import { type GitHubServerState, BOT_LOGIN } from './state.js';

/**
 * The part of GitHub's GraphQL API rollout-guard uses (`viewer { login }`,
 * `minimizeComment`), executed against GitHub's published schema
 * (@octokit/graphql-schema's introspection `schema.json`, the one its own
 * `validate` uses; its SDL repeats two fields and does not build). Every
 * document is parsed and validated against that schema before it runs, and
 * graphql-js executes it, so answers have exactly the shape the schema
 * promises: a field the schema does not have cannot be asked for or answered.
 * https://docs.github.com/graphql
 */
const SCHEMA_FILE = path.join(REPO_ROOT, 'node_modules', '@octokit', 'graphql-schema', 'schema.json');

let schema: GraphQLSchema | null = null;

function githubSchema(): GraphQLSchema {
  schema ??= buildClientSchema(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as IntrospectionQuery);
  return schema;
}

/** GitHub's errors carry a `type` beside the message (`NOT_FOUND`, `FORBIDDEN`, …). */
const githubError = (type: string, message: string): GraphQLError => new GraphQLError(message, { extensions: { type } });

export interface GraphqlReply {
  body: unknown;
  /** The document broke GitHub's schema: a client bug the tests must see. */
  invalid: string[];
}

/** Node ids as render.ts mints them for comments: `IC_` and the base64 of the id. */
const commentIdOf = (nodeId: string): number | null => {
  const match = /^IC_([A-Za-z0-9+/=]+)$/.exec(nodeId);
  const id = match ? Number(Buffer.from(match[1]!, 'base64').toString('utf8')) : NaN;
  return Number.isInteger(id) ? id : null;
};

function rootValue(state: GitHubServerState): Record<string, unknown> {
  return {
    // The token the tests use is GITHUB_TOKEN, which acts as the Actions bot.
    viewer: () => ({ __typename: 'User', login: BOT_LOGIN }),
    minimizeComment: ({ input }: { input: { subjectId: string; classifier: string; clientMutationId?: string } }) => {
      const id = commentIdOf(input.subjectId);
      const comment = state.comments.find((one) => one.id === id);
      if (!comment) throw githubError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.subjectId}'`);
      comment.minimizedReason = input.classifier.toLowerCase();
      return {
        clientMutationId: input.clientMutationId ?? null,
        minimizedComment: { __typename: 'IssueComment', isMinimized: true, minimizedReason: comment.minimizedReason },
      };
    },
  };
}

/**
 * Answers one `POST /graphql` body `{ query, variables }` as GitHub does:
 * 200 with `data` and/or `errors`. An unparsable or invalid document is
 * answered with GitHub's `errors` and reported in `invalid`.
 */
export function answerGraphql(state: GitHubServerState, body: Record<string, unknown>): GraphqlReply {
  const { query, variables } = body as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof query !== 'string') return { body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }, invalid: ['no query'] };
  let document;
  try {
    document = parse(query);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { body: { errors: [{ message }] }, invalid: [message] };
  }
  const problems = validate(githubSchema(), document);
  if (problems.length > 0) return { body: { errors: problems.map((p) => ({ message: p.message })) }, invalid: problems.map((p) => p.message) };
  const result = executeSync({ schema: githubSchema(), document, rootValue: rootValue(state), variableValues: variables ?? {} });
  const errors = result.errors?.map((e) => ({ type: (e.extensions.type as string | undefined) ?? 'INTERNAL', path: e.path, message: e.message }));
  // Variables that do not fit the operation's types fail before execution: also a client bug.
  const invalid = result.errors?.filter((e) => e.extensions.type === undefined).map((e) => e.message) ?? [];
  return { body: { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors ? { errors } : {}) }, invalid };
}
