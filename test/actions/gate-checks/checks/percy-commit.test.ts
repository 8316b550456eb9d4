import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { CHECK_TYPES } from '../../../../src/actions/gate-checks/checks/index.js';
import { createPercyCheck } from '../../../../src/actions/gate-checks/checks/percy.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { parsePolicy } from '../../../../src/actions/gate-checks/policy.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';
import { startPercyServer, type PercyServer } from '../../../support/percy-server.js';

const TOKEN = 'p3rcy-s3cret-t0ken';
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';
const HEAD = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';

let percy: PercyServer;
let eventDir: string;
let now = 0;
let sleeps: number[] = [];
const percyCheck = createPercyCheck({ http: { sleep: async () => undefined }, poll: { clock: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) } });

beforeAll(async () => {
  percy = await startPercyServer();
  eventDir = await mkdtemp(path.join(tmpdir(), 'percy-event-'));
});
afterAll(async () => {
  await percy.close();
  await rm(eventDir, { recursive: true, force: true });
});
beforeEach(() => {
  percy.reset();
  now = 0;
  sleeps = [];
});
afterEach(() => expect(percy.problems).toEqual([]));

const spec = (entry: Record<string, unknown> = {}): CheckSpec => ({ name: 'visual', type: 'percy', level: 'required', entry: { type: 'percy', project: 'acme/shop', ...entry } });
const environment = (env: Record<string, string | undefined> = {}): CheckEnvironment => ({
  workspace: REPO_ROOT,
  now: new Date('2026-11-24T10:00:00Z'),
  override: false,
  env: { PERCY_TOKEN: TOKEN, PERCY_API_URL: percy.apiUrl, GITHUB_SHA: SHA, ...env },
});
const evaluate = async (entry?: Record<string, unknown>, env?: Record<string, string | undefined>) => (await evaluateCheck(spec(entry), percyCheck, environment(env))).report;
const listed = (...builds: { id: string; attributes?: Record<string, unknown> }[]) => ({ builds });

describe('percy check: the build Percy made for a commit', () => {
  it('finds the build by project and GITHUB_SHA, as build:wait --project --commit does', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902' }, { id: '880' }));
    const report = await evaluate();
    expect(report).toMatchObject({ status: 'pass', value: 0, samples: 12, message: 'Percy build 902 finished with no visual changes' });
    expect(report.evidence).toMatchObject({ project: 'acme/shop', commit: SHA, commitFrom: 'GITHUB_SHA', buildsForCommit: 2, buildId: '902', polls: 1, failOnChanges: true, passIfApproved: true });
    expect(percy.requests.map((r) => r.path)).toEqual([`/api/v1/projects/acme/shop/builds?filter%5Bsha%5D=${SHA}`]);
  });

  it('takes the key `commit` first, then PERCY_COMMIT, then the pull request head, then GITHUB_SHA', async () => {
    const event = path.join(eventDir, 'pull_request.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 12, head: { sha: HEAD } } }));
    const other = 'de9f2c7fd25e1b3afad3e85a0bd17d9b100db4b3';
    for (const sha of [SHA, HEAD, other]) percy.setCommitBuilds('acme/shop', sha, listed({ id: sha.slice(0, 4) }));
    const from = async (entry: Record<string, unknown>, env: Record<string, string | undefined>) => (await evaluate(entry, env)).evidence;
    expect(await from({}, { GITHUB_EVENT_PATH: event })).toMatchObject({ commit: HEAD, commitFrom: 'pull_request.head.sha', buildId: 'a94a' });
    expect(await from({}, { GITHUB_EVENT_PATH: event, PERCY_COMMIT: other })).toMatchObject({ commit: other, commitFrom: 'PERCY_COMMIT' });
    expect(await from({ commit: SHA.toUpperCase() }, { GITHUB_EVENT_PATH: event, PERCY_COMMIT: other })).toMatchObject({ commit: SHA, commitFrom: 'commit' });
  });

  it('prefers the key `project` over env PERCY_BUILD_ID, and `build-id` still reads one build', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902' }));
    percy.setBuild('123', {});
    expect((await evaluate({}, { PERCY_BUILD_ID: '123' })).evidence).toMatchObject({ buildId: '902', project: 'acme/shop' });
    const byId = await evaluateCheck({ name: 'visual', type: 'percy', level: 'required', entry: { type: 'percy', 'build-id': 123 } }, percyCheck, environment());
    expect(byId.report).toMatchObject({ status: 'pass', evidence: expect.objectContaining({ buildId: '123' }) });
    expect(byId.report.evidence).not.toHaveProperty('project');
  });

  it('waits while Percy has no build for the commit, then while it processes, at `interval`', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed(), listed(), listed({ id: '902', attributes: { state: 'processing' } }), listed({ id: '902', attributes: { 'total-comparisons-diff': 3, 'review-state-reason': 'user_approved' } }));
    const report = await evaluate({ wait: '2m', interval: '15s' });
    expect(report).toMatchObject({ status: 'pass', message: 'Percy build 902 is approved (3 visual changes)', evidence: expect.objectContaining({ polls: 4 }) });
    expect(sleeps).toEqual([15_000, 15_000, 15_000]);
  });

  it('polls every 10 s by default, build:wait\'s interval', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed(), listed({ id: '902' }));
    await evaluate({ wait: '1m' });
    expect(sleeps).toEqual([10_000]);
  });

  it('is nodata naming project and commit when no build appears in time, and never a pass', async () => {
    const waited = await evaluate({ wait: '30s' });
    expect(waited).toMatchObject({
      status: 'nodata',
      value: null,
      message: `no Percy build for commit ${SHA} (GITHUB_SHA) in project acme/shop after waiting 30s; check that percy exec ran on this commit with this project's token, or raise \`wait\``,
    });
    expect(waited.evidence).toMatchObject({ buildId: null, buildsForCommit: 0, polls: 4 });
    expect(await evaluate()).toMatchObject({ status: 'nodata', message: `no Percy build for commit ${SHA} (GITHUB_SHA) in project acme/shop yet; set \`wait\` (e.g. 10m) to poll until Percy has one` });
  });

  it('is nodata when the build found is still processing after the wait', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902', attributes: { state: 'pending' } }));
    expect(await evaluate({ wait: '20s' })).toMatchObject({ status: 'nodata', message: 'Percy build 902 is still pending after waiting 20s; re-run later or raise `wait`' });
  });
});

describe('percy check: visual changes × approval × fail-on-changes / pass-if-approved', () => {
  const approved = { 'total-comparisons-diff': 4, 'review-state': 'approved', 'review-state-reason': 'user_approved' };
  const unreviewed = { 'total-comparisons-diff': 4, 'review-state': 'unreviewed', 'review-state-reason': 'unreviewed_comparisons' };
  const url = 'https://percy.io/acme/shop/builds/902';
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string, string][] = [
    ['approved, defaults', approved, {}, 'pass', 'Percy build 902 is approved (4 visual changes)'],
    ['approved, pass-if-approved', approved, { 'pass-if-approved': true }, 'pass', 'Percy build 902 is approved (4 visual changes)'],
    ['approved, pass-if-approved false', approved, { 'pass-if-approved': false }, 'fail', `Percy build 902 has 4 visual changes, approved, but \`pass-if-approved\` is false, so any visual change fails: ${url}`],
    ['unapproved, pass-if-approved', unreviewed, { 'pass-if-approved': true }, 'fail', `Percy build 902 has 4 visual changes not yet approved (review state unreviewed); review them: ${url}`],
    ['unapproved, pass-if-approved false', unreviewed, { 'pass-if-approved': false }, 'fail', `Percy build 902 has 4 visual changes not yet approved (review state unreviewed); review them: ${url}`],
    ['unapproved, fail-on-changes false', unreviewed, { 'fail-on-changes': false }, 'warn', `Percy build 902 has 4 visual changes not yet approved (review state unreviewed); not blocking, as \`fail-on-changes\` is false: ${url}`],
    ['approved, fail-on-changes false', approved, { 'fail-on-changes': false, 'pass-if-approved': false }, 'pass', 'Percy build 902 is approved (4 visual changes)'],
    ['changes requested, fail-on-changes false', { 'total-comparisons-diff': 1, 'review-state': 'changes_requested' }, { 'fail-on-changes': false }, 'fail', `Percy build 902 has changes requested on 1 visual change: ${url}`],
  ];
  it.each(cases)('%s', async (_, attributes, entry, status, message) => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902', attributes }));
    expect(await evaluate(entry)).toMatchObject({ status, value: attributes['total-comparisons-diff'], message });
  });

  it('no visual changes pass whatever the two keys say', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902' }));
    expect(await evaluate({ 'pass-if-approved': false })).toMatchObject({ status: 'pass' });
    expect(await evaluate({ 'fail-on-changes': false })).toMatchObject({ status: 'pass' });
  });

  it('a failed or expired build fails with Percy\'s reason, whatever the keys say', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902', attributes: { state: 'failed', 'failure-reason': 'render_timeout', 'review-state': null } }));
    expect(await evaluate({ 'fail-on-changes': false, wait: '1m' })).toMatchObject({ status: 'fail', message: `Percy build 902 failed (render_timeout): ${url}`, evidence: expect.objectContaining({ polls: 1, failureReason: 'render_timeout' }) });
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '903', attributes: { state: 'expired', 'web-url': null } }));
    expect(await evaluate()).toMatchObject({ status: 'fail', message: 'Percy build 903 expired' });
  });
});

describe('percy check: the token', () => {
  it('goes only in the Authorization header, and never into a report, success or fault', async () => {
    percy.setCommitBuilds('acme/shop', SHA, listed({ id: '902' }));
    const reports = [await evaluate()];
    for (const status of [401, 404, 500]) {
      percy.setCommitBuilds('acme/shop', SHA, { status });
      reports.push(await evaluate());
    }
    percy.setCommitBuilds('acme/shop', SHA, { body: `{"data": "${TOKEN}"` });
    reports.push(await evaluate());
    expect(reports.map((r) => r.status)).toEqual(['pass', 'error', 'error', 'error', 'error']);
    expect(reports[1]?.message).toMatch(/answered 401 Unauthorized; check PERCY_TOKEN/);
    expect(JSON.stringify(reports)).not.toContain(TOKEN);
    expect(percy.requests.every((r) => r.authorization === `Token token=${TOKEN}` && !r.path.includes(TOKEN))).toBe(true);
  });
});

describe('percy check: keys', () => {
  const entryProblem = (entry: Record<string, unknown>) => percyCheck.checkEntry?.({ type: 'percy', ...entry });

  it('refuses, when the policy loads, what build:wait refuses, naming the key', () => {
    expect(entryProblem({ project: 'acme/shop', 'build-id': 5 })).toMatchObject({ key: 'project', message: expect.stringMatching(/^`build-id` and `project` cannot be used together/) });
    expect(entryProblem({ commit: SHA })).toMatchObject({ key: 'commit', message: expect.stringMatching(/^`commit` needs `project`/) });
    expect(entryProblem({ project: 'acme/shop', 'pass-if-approved': true, 'fail-on-changes': false })).toMatchObject({ key: 'pass-if-approved' });
    expect(entryProblem({ project: 'acme/shop', interval: '500ms' })).toEqual({ key: 'interval', message: "`interval` must be at least 1s (as build:wait's), got 500ms" });
    expect(entryProblem({ project: 'shop' })).toMatchObject({ key: 'project', message: expect.stringMatching(/^`project` must be `org\/project`/) });
    expect(entryProblem({ project: 'acme/shop', commit: 'HEAD' })).toMatchObject({ key: 'commit', message: expect.stringMatching(/must be a full 40-character commit SHA .*got "HEAD"$/) });
    expect(entryProblem({ project: 'acme/shop', 'fail-on-changes': 'yes' })).toEqual({ key: 'fail-on-changes', message: '`fail-on-changes` must be true or false, got "yes"' });
    expect(entryProblem({ project: 'acme/shop', commit: SHA, interval: '5s', wait: '10m', 'fail-on-changes': true, 'pass-if-approved': false })).toBeNull();
  });

  it('a policy is refused when it loads, naming file, line and key, and the new keys load', async () => {
    const refused = await parsePolicy('checks:\n  visual: { type: percy, project: acme/shop, build-id: 5 }\n', '.github/gates.yml', CHECK_TYPES);
    expect(!refused.ok && refused.error.message).toMatch(/^\.github\/gates\.yml:2: checks\.visual: `build-id` and `project` cannot be used together/);
    const loaded = await parsePolicy(`checks:\n  visual: { type: percy, project: acme/shop, commit: ${SHA}, wait: 10m, interval: 10s, fail-on-changes: true, pass-if-approved: false }\n`, '.github/gates.yml', CHECK_TYPES);
    expect(loaded.ok).toBe(true);
  });

  it('is a config error, with no request sent, when no commit is known or it is not a full SHA', async () => {
    expect(await evaluate({}, { GITHUB_SHA: undefined })).toMatchObject({
      status: 'error',
      message: 'check `visual`: no commit to find the Percy build of; set key `commit` (a full SHA), or run in GitHub Actions, where GITHUB_SHA is set',
    });
    expect(await evaluate({}, { PERCY_COMMIT: 'abc123' })).toMatchObject({
      status: 'error',
      message: 'check `visual`: env PERCY_COMMIT is not a full commit SHA (got "abc123"); set key `commit` to the commit percy exec ran on',
    });
    expect(await evaluate({ 'build-id': 1 })).toMatchObject({ status: 'error', message: expect.stringMatching(/^check `visual`: `build-id` and `project` cannot be used together/) });
    expect(percy.requests).toEqual([]);
  });
});
