import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readGateInputs } from '../../../src/actions/gate-checks/inputs.js';
import { publishGate } from '../../../src/actions/gate-checks/publish.js';
import { publishComment } from '../../../src/actions/lighthouse-budget/publish.js';
import { stickyMarker } from '../../../src/github/sticky-comment.js';
import { SCHEMA_VERSION, type Report } from '../../../src/report/model.js';
import { type GitHubServer, startGitHubServer } from '../../support/github-server.js';

/**
 * The fork flow's second workflow, in process: a `workflow_run` event
 * (GITHUB_SHA is the default branch's commit; `pull_requests` is empty, as it
 * is for a fork), `pr-number` from the first workflow's artifact, publishing
 * against the local GitHub server. The bundle tests run dist/, which this
 * change does not rebuild; publishGate is what the bundle calls.
 */
const TOKEN = 'ghs_forkflowtoken123';
const FORK_HEAD = '1234567890abcdef1234567890abcdef12345678';
const DEFAULT_BRANCH_SHA = 'd'.repeat(40);
const PR = 12;
const workflowRunEvent = {
  action: 'completed',
  workflow_run: { id: 99, name: 'fork-pr-tests', event: 'pull_request', head_sha: FORK_HEAD, head_branch: 'patch-1', pull_requests: [], head_repository: { full_name: 'forker/shop' } },
};

let github: GitHubServer;
let dir: string;
let log: string[];

beforeAll(async () => {
  github = await startGitHubServer({ token: TOKEN });
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-fork-flow-'));
});
afterAll(() => github.close());
afterEach(() => {
  expect(github.validationErrors).toEqual([]);
  github.reset();
  vi.restoreAllMocks();
});

/** Captures what @actions/core writes (annotations are `::warning::` / `::error::` lines on stdout). */
function captureLog(): void {
  log = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    log.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    return true;
  });
}

async function env(event: unknown): Promise<NodeJS.ProcessEnv> {
  const eventPath = path.join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(eventPath, JSON.stringify(event));
  return { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: DEFAULT_BRANCH_SHA, GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'workflow_run' };
}

const report = (decision: 'go' | 'no-go'): Report => ({
  schemaVersion: SCHEMA_VERSION,
  action: 'gate-checks',
  decision,
  summary: decision === 'go' ? '1 of 1 required checks passed' : '1 of 1 required checks did not pass: unit (fail)',
  startedAt: '2026-11-24T10:30:00.000Z',
  finishedAt: '2026-11-24T10:30:01.000Z',
  context: { repository: 'acme/shop', sha: DEFAULT_BRANCH_SHA, ref: 'refs/heads/main', environment: null, runUrl: null },
  checks: [],
});

async function publish(inputs: Record<string, string>, event: unknown = workflowRunEvent, decision: 'go' | 'no-go' = 'no-go'): Promise<void> {
  const read = readGateInputs((name) => ({ 'github-token': TOKEN, comment: 'true', ...inputs })[name] ?? '', () => new Date());
  captureLog();
  try {
    await publishGate({ token: TOKEN, title: 'gates', report: report(decision), markdown: `### gates: ${decision}`, annotations: [], comment: read.comment, place: read.place, env: await env(event), workspace: dir });
  } finally {
    vi.restoreAllMocks();
  }
}

describe('gate-checks from a workflow_run (the fork flow)', () => {
  it('puts the check run on the fork head (not GITHUB_SHA) and the comment on the pull request from the artifact', async () => {
    github.seedPullRequest({ owner: 'acme', repo: 'shop', number: PR, headSha: FORK_HEAD, headOwner: 'forker' });

    await publish({ 'pr-number': String(PR) });

    expect(github.state.checkRuns).toMatchObject([{ name: 'gates', headSha: FORK_HEAD, conclusion: 'failure' }]);
    expect(github.state.comments).toMatchObject([{ issueNumber: PR, login: 'github-actions[bot]', body: `${stickyMarker('gates')}\n### gates: no-go` }]);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /repos/acme/shop/check-runs`,
      `GET /repos/acme/shop/pulls/${PR}`,
      'POST /graphql',
      `GET /repos/acme/shop/issues/${PR}/comments`,
      `POST /repos/acme/shop/issues/${PR}/comments`,
    ]);
    expect(log.filter((line) => line.startsWith('::'))).toEqual([]);
  });

  it('refuses to comment when the pull request is at another commit (a forged pr-number), with one warning; the check run still lands', async () => {
    github.seedPullRequest({ owner: 'acme', repo: 'shop', number: PR, headSha: 'e'.repeat(40) });

    await publish({ 'pr-number': String(PR) });

    expect(github.state.checkRuns).toMatchObject([{ headSha: FORK_HEAD }]);
    expect(github.state.comments).toEqual([]);
    expect(log.filter((line) => line.startsWith('::'))).toEqual([
      `::warning::pull request #${PR} is at ${'e'.repeat(40)}, not at ${FORK_HEAD} (the commit judged), so no comment was posted: it has newer commits, or \`pr-number\` names another pull request`,
    ]);
  });

  it('refuses to comment on a number that is no pull request here', async () => {
    await publish({ 'pr-number': '404' });
    expect(github.state.comments).toEqual([]);
    expect(log.filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::could not check which commit pull request #404 is at, so no comment was posted: GitHub API GET \/repos\/acme\/shop\/pulls\/404 answered 404/),
    ]);
  });

  it('without pr-number a fork run says how to name the pull request', async () => {
    await publish({ commit: FORK_HEAD });
    expect(github.state.checkRuns).toMatchObject([{ headSha: FORK_HEAD }]);
    expect(log.filter((line) => line.startsWith('::'))).toEqual([
      '::warning::input `comment` is true but this run is not for a pull request, so no comment was posted (a `workflow_run` for a pull request from a fork lists none: pass its number as `pr-number`)',
    ]);
  });

  it('refuses a commit other than workflow_run.head_sha (from an artifact it would put the fork\'s verdict on any commit)', async () => {
    const other = 'c'.repeat(40);
    await publish({ commit: other, 'pr-number': String(PR) });
    expect(github.requests).toEqual([]);
    expect(log.filter((line) => line.startsWith('::'))).toEqual([
      `::error::cannot publish the gate to GitHub: input \`commit\` is ${other}, but this workflow_run is about ${FORK_HEAD} (workflow_run.head_sha), whose run produced the evidence; pass \`github.event.workflow_run.head_sha\` or leave \`commit\` empty`,
    ]);
  });

  it('outside workflow_run the commit input wins over the event', async () => {
    const commit = 'c'.repeat(40);
    await publish({ commit }, { ref: 'refs/heads/main' });
    expect(github.state.checkRuns).toMatchObject([{ headSha: commit }]);
  });

  it('takes the pull request from workflow_run.pull_requests for a branch of this repository, checked all the same', async () => {
    github.seedPullRequest({ owner: 'acme', repo: 'shop', number: 5, headSha: FORK_HEAD });
    const event = { workflow_run: { ...workflowRunEvent.workflow_run, pull_requests: [{ number: 5, head: { sha: FORK_HEAD } }] } };
    await publish({}, event);
    expect(github.state.comments).toMatchObject([{ issueNumber: 5 }]);
    expect(github.requests.map((r) => r.path)).toContain('/repos/acme/shop/pulls/5');
  });

  it('comment-on-pass: delete removes our comment once the gate passes', async () => {
    github.seedPullRequest({ owner: 'acme', repo: 'shop', number: PR, headSha: FORK_HEAD, headOwner: 'forker' });
    await publish({ 'pr-number': String(PR), 'comment-on-pass': 'delete' }, workflowRunEvent, 'no-go');
    expect(github.state.comments).toHaveLength(1);
    await publish({ 'pr-number': String(PR), 'comment-on-pass': 'delete' }, workflowRunEvent, 'go');
    expect(github.state.comments).toEqual([]);
    expect(github.state.checkRuns.map((run) => run.conclusion)).toEqual(['failure', 'success']);
  });
});

describe('lighthouse-budget from a workflow_run', () => {
  it('comments on the pull request named by pr-number once its head is the commit judged', async () => {
    github.seedPullRequest({ owner: 'acme', repo: 'shop', number: PR, headSha: FORK_HEAD, headOwner: 'forker' });
    const place = { commit: undefined, prNumber: PR, commentOnPass: 'update' as const };
    captureLog();
    await publishComment({ token: TOKEN, title: 'Lighthouse budget', markdown: '### budget', passed: true, place, env: await env(workflowRunEvent) });
    vi.restoreAllMocks();
    expect(github.state.comments).toMatchObject([{ issueNumber: PR, body: `${stickyMarker('lighthouse-budget:Lighthouse budget')}\n### budget` }]);
    expect(github.state.checkRuns).toEqual([]);
  });
});

describe('commit and pr-number inputs', () => {
  const problem = (inputs: Record<string, string>): string => {
    try {
      readGateInputs((name) => inputs[name] ?? '', () => new Date());
    } catch (thrown) {
      return (thrown as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('takes a 40- or 64-hex commit and a positive pull request number', () => {
    const sha256 = 'A'.repeat(64);
    expect(readGateInputs((name) => ({ commit: sha256, 'pr-number': '12' })[name] ?? '', () => new Date()).place).toEqual({ commit: 'a'.repeat(64), prNumber: 12, commentOnPass: 'update' });
  });

  it('refuses anything else in one line naming the input (the number may come from a fork-written artifact)', () => {
    expect(problem({ commit: 'abc123' })).toBe('input `commit` must be a full commit SHA (40 hex digits, or 64 in a SHA-256 repository), got `abc123`');
    for (const bad of ['0', '-3', '12abc', '1e3', '12.0', ' 12 13', '0012', '12345678901']) {
      expect(problem({ 'pr-number': bad })).toBe(`input \`pr-number\` must be a pull request number (a positive integer), got \`${bad.trim()}\``);
    }
    expect(problem({ 'pr-number': `1\n::error::${'x'.repeat(200)}` })).toMatch(/^input `pr-number` must be a pull request number \(a positive integer\), got `1\\n::error::x+…`$/);
    expect(problem({ 'comment-on-pass': 'remove' })).toBe('input `comment-on-pass` must be one of update, delete, hide, got `remove`');
  });
});
