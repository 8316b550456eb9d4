import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { publishCommitStatus } from '../../src/github/commit-status.js';
import { toGitHubFailure } from '../../src/github/github-failure.js';

/** A port on 127.0.0.1 that nothing listens on any more. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('toGitHubFailure', () => {
  it('says an unreachable API did not answer, after the retries, with no status', async () => {
    const sleeps: number[] = [];
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const octokit = await createGitHubClient({ token: 't', apiUrl: await closedPortUrl(), log, retry: { sleep: async (ms) => void sleeps.push(ms) } });
    const result = await publishCommitStatus(octokit, { owner: 'o', repo: 'r', sha: 'a'.repeat(40), context: 'c', state: 'success', description: 'd' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ endpoint: `POST /repos/o/r/statuses/${'a'.repeat(40)}`, status: null });
    expect(result.error.message).toMatch(/^GitHub API POST \/repos\/o\/r\/statuses\/a+ did not answer: .*ECONNREFUSED/);
    expect(result.error.message).not.toContain('\n');
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('names the fallback endpoint for something that is not a request error', () => {
    expect(toGitHubFailure(new TypeError('boom'), 'GET /repos/o/r/deployments')).toEqual({
      endpoint: 'GET /repos/o/r/deployments',
      status: null,
      message: 'GitHub API GET /repos/o/r/deployments did not answer: boom',
    });
  });
});
