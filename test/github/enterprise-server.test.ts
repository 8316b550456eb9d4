import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readGateInputs } from '../../src/actions/gate-checks/inputs.js';
import { publishGate } from '../../src/actions/gate-checks/publish.js';
import { createGitHubClient } from '../../src/github/client.js';
import { stickyMarker } from '../../src/github/sticky-comment.js';
import { tokenLogin } from '../../src/github/token-identity.js';
import { SCHEMA_VERSION, type Report } from '../../src/report/model.js';
import { type GitHubServer, startGitHubServer } from '../support/github-server.js';

/**
 * On GitHub Enterprise Server the runner sets GITHUB_API_URL to
 * `https://HOST/api/v3`; REST calls go under it, and GraphQL goes to
 * `https://HOST/api/graphql` (beside it, not under it). The fake server in
 * enterprise mode serves nothing else, so a call to the wrong place is an
 * unplayed route in `validationErrors`.
 */
const TOKEN = 'ghs_enterprisetoken42';
const HEAD = 'abcdef0123456789abcdef0123456789abcdef01';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let github: GitHubServer;
let dir: string;

beforeAll(async () => {
  github = await startGitHubServer({ token: TOKEN, enterprise: true });
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-ghes-'));
});
afterAll(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(github.validationErrors).toEqual([]);
  github.reset();
  vi.restoreAllMocks();
});

const calls = () => github.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('GitHub Enterprise Server API URLs', () => {
  it('the fake server is at /api/v3, as GITHUB_API_URL is on GHES', () => {
    expect(new URL(github.url).pathname).toBe('/api/v3');
  });

  it('REST goes under /api/v3 and GraphQL `viewer` to /api/graphql', async () => {
    const octokit = await createGitHubClient({ token: TOKEN, apiUrl: github.url, log: quiet });
    await octokit.rest.issues.listComments({ owner: 'acme', repo: 'shop', issue_number: 3 });
    expect(await tokenLogin(octokit)).toEqual({ ok: true, value: 'github-actions[bot]' });
    expect(calls()).toEqual(['GET /api/v3/repos/acme/shop/issues/3/comments 200', 'POST /api/graphql 200']);
  });

  it('gate-checks publishes its check run and sticky comment on a pull request through the GHES paths', async () => {
    github.seedPullRequest({ owner: 'acme', repo: 'shop', number: 7, headSha: HEAD });
    const eventPath = path.join(dir, 'pull_request.json');
    await writeFile(eventPath, JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: HEAD } } }));
    const env = { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'f'.repeat(40), GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'pull_request' };
    const inputs = readGateInputs((name) => ({ 'github-token': TOKEN, comment: 'true' })[name] ?? '', () => new Date());
    const annotations: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      annotations.push(...String(chunk).split(/\r?\n/).filter((line) => line.startsWith('::')));
      return true;
    });

    await publishGate({ token: TOKEN, title: 'gates', report: report(), markdown: '### gates: no-go', annotations: [], comment: inputs.comment, place: inputs.place, env, workspace: dir });

    vi.restoreAllMocks();
    expect(annotations).toEqual([]);
    expect(github.state.checkRuns).toMatchObject([{ name: 'gates', headSha: HEAD, conclusion: 'failure' }]);
    expect(github.state.comments).toMatchObject([{ issueNumber: 7, body: `${stickyMarker('gates')}\n### gates: no-go` }]);
    expect(calls()).toEqual([
      'POST /api/v3/repos/acme/shop/check-runs 201',
      'POST /api/graphql 200',
      'GET /api/v3/repos/acme/shop/issues/7/comments 200',
      'POST /api/v3/repos/acme/shop/issues/7/comments 201',
    ]);
  });
});

function report(): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    action: 'gate-checks',
    decision: 'no-go',
    summary: '1 of 1 required checks did not pass: unit (fail)',
    startedAt: '2026-11-24T10:30:00.000Z',
    finishedAt: '2026-11-24T10:30:01.000Z',
    context: { repository: 'acme/shop', sha: HEAD, ref: 'refs/pull/7/merge', environment: null, runUrl: null },
    checks: [],
  };
}
