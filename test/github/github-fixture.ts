import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type Octokit, createGitHubClient } from '../../src/github/client.js';
import { type GitHubServer, type GitHubServerOptions, startGitHubServer } from '../support/github-server.js';

/**
 * One fake GitHub per test file and the real client pointed at it. After each
 * test it asserts that GitHub's OpenAPI description was respected both ways
 * (no refused request bodies, no invalid responses), then resets the state.
 */
export const TOKEN = 'ghs_fixture-token';
export const OWNER = 'octo';
export const REPO = 'app';
export const SHA = '0123456789abcdef0123456789abcdef01234567';
const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

export interface GitHubFixture {
  server: GitHubServer;
  octokit: Octokit;
  /** Delays the client asked to wait before retries, in ms (the waits themselves are skipped). */
  sleeps: number[];
  /** A client with another token, e.g. to see a 401. */
  clientWithToken(token: string): Promise<Octokit>;
}

export function useGitHubFixture(options: GitHubServerOptions = {}): GitHubFixture {
  const fixture = { sleeps: [] as number[] } as unknown as GitHubFixture;
  const client = (token: string): Promise<Octokit> =>
    createGitHubClient({
      token,
      apiUrl: fixture.server.url,
      log: QUIET,
      retry: { sleep: async (ms) => void fixture.sleeps.push(ms) },
    });
  beforeAll(async () => {
    fixture.server = await startGitHubServer({ token: TOKEN, ...options });
    fixture.octokit = await client(TOKEN);
    fixture.clientWithToken = client;
  });
  afterEach(() => {
    expect(fixture.server.validationErrors).toEqual([]);
    fixture.server.reset();
    fixture.sleeps.length = 0;
  });
  afterAll(() => fixture.server.close());
  return fixture;
}
