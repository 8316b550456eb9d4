import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGitHub } from './github-server/pipeline.js';
import { BOT_LOGIN, type GitHubServerState, type StoredComment, type StoredPullRequest } from './github-server/state.js';
import type { FailureInjection, GitHubServerOptions, RecordedRequest, ValidationIssue } from './github-server/types.js';

export type { GitHubServerState, StoredCheckRun, StoredComment, StoredDeployment, StoredIssue, StoredPullRequest, StoredRelease, StoredStatus } from './github-server/state.js';
export type { FailureInjection, GitHubServerOptions, RecordedRequest, RouteKey, ValidationIssue } from './github-server/types.js';

/**
 * A local server that plays the GitHub REST endpoints rollout-guard uses
 * (check runs, commit statuses, issue comments, issues, deployments,
 * releases, reading a pull request) and the two GraphQL operations it uses,
 * keeps their state in memory, and checks every request body and every REST
 * response it sends against GitHub's OpenAPI description
 * (`github-server/openapi.ts`), every GraphQL document against GitHub's
 * GraphQL schema (`github-server/graphql.ts`).
 * A refused request answers 422 and, like an invalid response, lands in
 * `validationErrors`: tests assert it stays empty. Listens on 127.0.0.1,
 * port 0; point the real Octokit client at `url`. With `enterprise`, it is
 * a GitHub Enterprise Server: REST under `/api/v3`, GraphQL at `/api/graphql`.
 */
export interface GitHubServer {
  url: string;
  requests: RecordedRequest[];
  state: GitHubServerState;
  validationErrors: ValidationIssue[];
  /** Adds a failure injection after start. */
  failNext(failure: FailureInjection): void;
  /** Forgets all state, recorded requests, validation errors and pending failures (one server per file, clean per test). */
  reset(): void;
  /** Adds an existing comment (by `login`, default the Actions bot) without a request. */
  seedComment(comment: { owner: string; repo: string; issueNumber: number; body: string; login?: string }): StoredComment;
  /** Adds an open pull request; `headOwner` other than `owner` makes it one from a fork. */
  seedPullRequest(pullRequest: { owner: string; repo: string; number: number; headSha: string; headOwner?: string; headRef?: string }): StoredPullRequest;
  close(): Promise<void>;
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const github = new FakeGitHub(options);
  const http = createServer((request, response) => void github.handle(request, response));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  github.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${options.enterprise ? '/api/v3' : ''}`;
  return {
    url: github.url,
    requests: github.requests,
    state: github.state,
    validationErrors: github.validationErrors,
    failNext: (failure) => github.failNext(failure),
    reset: () => github.reset(),
    seedComment: ({ owner, repo, issueNumber, body, login = BOT_LOGIN }) => {
      const comment = { id: github.nextId(), owner, repo, issueNumber, body, login, createdAt: github.now(), updatedAt: github.now() };
      github.state.comments.push(comment);
      return comment;
    },
    seedPullRequest: ({ owner, repo, number, headSha, headOwner = owner, headRef = `branch-${number}` }) => {
      const pullRequest = { id: github.nextId(), owner, repo, number, headSha, headOwner, headRef, baseRef: 'main', createdAt: github.now() };
      github.state.pullRequests.push(pullRequest);
      return pullRequest;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      }),
  };
}
