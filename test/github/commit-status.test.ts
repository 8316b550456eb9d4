import { describe, expect, it } from 'vitest';
import { publishCommitStatus } from '../../src/github/commit-status.js';
import { OWNER, REPO, SHA, useGitHubFixture } from './github-fixture.js';

const github = useGitHubFixture();

describe('publishCommitStatus', () => {
  it('creates the status with the description cut to 140 characters on one line', async () => {
    const description = `gates: no-go\n${'🚦'.repeat(100)}`;
    const result = await publishCommitStatus(github.octokit, { owner: OWNER, repo: REPO, sha: SHA, context: 'gates', state: 'pending', description, targetUrl: 'https://example.test/run' });
    expect(result.ok).toBe(true);
    const sent = github.server.requests[0]?.body as { description: string; state: string; target_url: string; context: string };
    expect(sent).toMatchObject({ state: 'pending', context: 'gates', target_url: 'https://example.test/run' });
    expect(sent.description.length).toBeLessThanOrEqual(140);
    expect(sent.description.startsWith('gates: no-go 🚦')).toBe(true);
    expect(sent.description).not.toMatch(/[\uD800-\uDBFF]…$/); // no half of an emoji left before the ellipsis
    expect(result.ok && result.value).toEqual({ id: github.server.state.statuses[0]?.id, description: sent.description });
  });

  it('leaves a short description as it is and omits an absent target URL', async () => {
    await publishCommitStatus(github.octokit, { owner: OWNER, repo: REPO, sha: SHA, context: 'gates', state: 'error', description: 'policy file missing' });
    expect(github.server.requests[0]?.body).toEqual({ state: 'error', context: 'gates', description: 'policy file missing' });
  });
});
