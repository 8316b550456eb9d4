import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { createHash } from 'node:crypto';
import representativeRuns from '@lhci/utils/src/representative-runs.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { loadRunConfig } from '../../../src/actions/lighthouse-budget/lhci-rc.js';
import { type UploadResult, planUpload, runUpload } from '../../../src/actions/lighthouse-budget/upload.js';
import type { LhrRun } from '../../../src/sources/lighthouse/lhr-run.js';
import { freePort } from '../../support/child-process.js';
import { type TestCommit, commit, git, initRepo } from '../../support/git-repo.js';
import { type RunningLhciServer, startLhciServer } from '../../support/lhci-server.js';
import { REPO_ROOT } from '../../support/run-bundle.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * lighthouse-budget's upload, from its inputs to the real @lhci/server
 * (on PostgreSQL): what the server's own API shows afterwards is the
 * evidence. Saved LHRs stand in for collected runs; no Lighthouse runs here.
 */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lighthouse');
const loadLhr = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

type Lhr = Record<string, unknown> & { finalUrl: string; fetchTime: string; audits: Record<string, { numericValue?: number }> };

/** Another run of the heavy page: its FCP and TTI scaled, so the representative run is one the test chose. */
function heavyRun(scale: number, index: number): Lhr {
  const lhr = loadLhr('heavy-run1.report.json') as Lhr;
  for (const id of ['first-contentful-paint', 'interactive']) lhr.audits[id]!.numericValue = (lhr.audits[id]!.numericValue ?? 0) * scale;
  lhr.fetchTime = new Date(Date.parse(lhr.fetchTime) + index * 1_000).toISOString();
  return lhr;
}

const asRun = (lhr: Record<string, unknown>, index: number): LhrRun => ({
  id: `run ${index}`,
  role: 'target',
  requestedUrl: String(lhr.requestedUrl),
  url: String(lhr.finalUrl),
  lhr,
  failure: null,
  values: null,
  attempts: 1,
});

/** Two URLs, three runs each, interleaved as collection interleaves them; the heavy page's median run is uploaded last. */
const LHRS: Lhr[] = [loadLhr('light-run1.report.json') as Lhr, heavyRun(2, 1), loadLhr('light-run2.report.json') as Lhr, heavyRun(0.5, 2), loadLhr('light-run3.report.json') as Lhr, heavyRun(1, 3)];
const RUNS = LHRS.map(asRun);
const TOKEN_LIKE = /[0-9a-f]{40,}/;

let lhci: RunningLhciServer;
let guarded: RunningLhciServer;
let workspace: string;
let main: TestCommit;
let feature: TestCommit;
let env: NodeJS.ProcessEnv;

const BASIC_AUTH = { username: 'ci-uploader', password: 'correct-horse-battery' };

beforeAll(async () => {
  [lhci, guarded] = await Promise.all([startLhciServer({ baseBranch: 'main' }), startLhciServer({ baseBranch: 'main', basicAuth: BASIC_AUTH })]);
  workspace = await workspaceDir('lhci-upload');
  initRepo(workspace);
  main = commit(workspace, 'Ship the shop', '2026-03-01T10:00:00Z');
  git(workspace, ['checkout', '-q', '-b', 'faster-checkout']);
  feature = commit(workspace, 'Make the checkout faster', '2026-03-02T11:30:00Z');
  const eventPath = path.join(workspace, 'event.json');
  await writeFile(eventPath, JSON.stringify({ pull_request: { number: 7, head: { sha: feature.sha, ref: 'faster-checkout' }, base: { sha: main.sha, ref: 'main' } } }));
  // A pull_request run: GITHUB_SHA is the merge commit, which git here does not even have.
  env = {
    PATH: process.env.PATH,
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_HEAD_REF: 'faster-checkout',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'example/shop',
    GITHUB_RUN_ID: '4242',
  };
}, 90_000);

afterAll(async () => {
  await Promise.all([lhci?.stop(), guarded?.stop()]);
});

async function upload(inputs: Record<string, string>, runs: readonly LhrRun[] = RUNS, runEnv: NodeJS.ProcessEnv = env): Promise<UploadResult> {
  const read = readBudgetInputs((name) => ({ 'results-path': '.lighthouseci', ...inputs })[name] ?? '');
  return runUpload(planUpload(read, await loadRunConfig(read, workspace)), runs, read, workspace, runEnv);
}

const builds = async (server: RunningLhciServer) => (await server.api('GET', `/v1/projects/${server.project.id}/builds`)).json as Array<Record<string, unknown>>;

describe('upload to a real LHCI server', () => {
  let result: UploadResult;
  let build: Record<string, unknown>;

  beforeAll(async () => {
    result = await upload({ 'server-base-url': lhci.url, 'server-token': lhci.buildToken });
    build = (await builds(lhci))[0]!;
  });

  it('creates one sealed build with the pull request head commit and its git context', async () => {
    expect(result.failure).toBeNull();
    expect(await builds(lhci)).toHaveLength(1);
    const email = 'ada@example.com';
    expect(build).toMatchObject({
      lifecycle: 'sealed',
      hash: feature.sha,
      branch: 'faster-checkout',
      ancestorHash: main.sha,
      commitMessage: 'Make the checkout faster',
      author: 'Ada Lovelace <Ada@Example.com>',
      avatarUrl: `https://www.gravatar.com/avatar/${createHash('md5').update(email).digest('hex')}.jpg?d=identicon`,
      externalBuildUrl: 'https://github.com/example/shop/actions/runs/4242',
    });
    expect(new Date(String(build.committedAt)).toISOString()).toBe(new Date(feature.committedAt).toISOString());
    expect(new Date(String(build.ancestorCommittedAt)).toISOString()).toBe(new Date(main.committedAt).toISOString());
    expect(Date.now() - Date.parse(String(build.runAt))).toBeLessThan(10 * 60_000);
  });

  it('stores every run under its URL with ports masked, and the server marks the run LHCI picks as representative', async () => {
    const runs = (await lhci.api('GET', `/v1/projects/${lhci.project.id}/builds/${String(build.id)}/runs`)).json as Array<{ url: string; representative: boolean; lhr: string }>;
    const byUrl = new Map<string, typeof runs>();
    for (const run of runs) byUrl.set(run.url, [...(byUrl.get(run.url) ?? []), run]);
    expect([...byUrl.keys()].sort()).toEqual(['http://127.0.0.1:PORT/heavy.html', 'http://127.0.0.1:PORT/light.html']);
    for (const [url, group] of byUrl) {
      expect(group, url).toHaveLength(3);
      const lhrs = group.map((run) => JSON.parse(run.lhr) as Lhr);
      // The oracle: LHCI's own choice among the same LHRs.
      const [expected] = representativeRuns.computeRepresentativeRuns([lhrs.map((lhr): [string, unknown] => [lhr.fetchTime, lhr])]);
      expect(group.filter((run) => run.representative).map((run) => (JSON.parse(run.lhr) as Lhr).fetchTime), url).toEqual([expected]);
    }
    const heavyRepresentative = runs.find((run) => run.representative && run.url.endsWith('heavy.html'))!;
    expect((JSON.parse(heavyRepresentative.lhr) as Lhr).fetchTime).toBe(LHRS[5]!.fetchTime);
  });

  it('returns the links LHCI prints, one per final URL, and the server answers them', async () => {
    const base = `${lhci.url}/app/projects/${lhci.project.slug}/compare/${String(build.id)}`;
    expect(result.links).toEqual({
      'http://127.0.0.1:37215/light.html': `${base}?compareUrl=${encodeURIComponent('http://127.0.0.1:PORT/light.html')}`,
      'http://127.0.0.1:37215/heavy.html': `${base}?compareUrl=${encodeURIComponent('http://127.0.0.1:PORT/heavy.html')}`,
    });
    for (const link of Object.values(result.links)) {
      const page = await fetch(link);
      expect(page.status, link).toBe(200);
      expect(await page.text()).toContain('<html');
    }
    expect(result.note).toContain(base);
  });

  it('a second upload of the same commit is skipped by default (as treosh passes --ignoreDuplicateBuildFailure) and fails when the config says false', async () => {
    const skipped = await upload({ 'server-base-url': lhci.url, 'server-token': lhci.buildToken });
    expect(skipped).toMatchObject({ links: {}, failure: null });
    expect(skipped.note).toMatch(/^LHCI upload skipped: Build already exists for hash "[0-9a-f]{40}"/);

    await writeFile(path.join(workspace, 'strict.lighthouserc.json'), JSON.stringify({ ci: { upload: { target: 'lhci', ignoreDuplicateBuildFailure: false } } }));
    const failed = await upload({ config: 'strict.lighthouserc.json', 'server-base-url': lhci.url, 'server-token': lhci.buildToken });
    expect(failed.failure).toMatch(/^LHCI upload failed: Build already exists for hash "[0-9a-f]{40}" on http:\/\/127\.0\.0\.1:\d+\/: .*ignoreDuplicateBuildFailure/);
    expect(failed.failure).not.toContain('\n');
    expect(await builds(lhci)).toHaveLength(1);
  });

  it('a build of another commit (an LHCI_BUILD_CONTEXT__ override) is a second build', async () => {
    const other = await upload({ 'server-base-url': lhci.url, 'server-token': lhci.buildToken }, RUNS.slice(0, 2), { ...env, LHCI_BUILD_CONTEXT__CURRENT_HASH: main.sha, LHCI_BUILD_CONTEXT__CURRENT_BRANCH: 'main', LHCI_BUILD_CONTEXT__COMMIT_MESSAGE: 'Overridden message' });
    expect(other.failure).toBeNull();
    const all = await builds(lhci);
    expect(all.map((b) => b.hash).sort()).toEqual([feature.sha, main.sha].sort());
    // On the base branch the ancestor is the parent: main's first commit has none.
    expect(all.find((b) => b.hash === main.sha)).toMatchObject({ branch: 'main', commitMessage: 'Overridden message', ancestorHash: '', lifecycle: 'sealed' });
  });
});

describe('upload failures are one line naming the input, without the secret', () => {
  it('a wrong token names server-token', async () => {
    const wrong = `${'0123456789abcdef'.repeat(3)}`;
    const result = await upload({ 'server-base-url': lhci.url, 'server-token': wrong });
    expect(result.failure).toMatch(/^LHCI upload failed: http:\/\/127\.0\.0\.1:\d+\/ refused the build token \(input `server-token`\): no project on the server has this build token/);
    expect(result.failure).not.toContain(wrong);
    expect(result.failure).not.toContain('\n');
    expect(result.links).toEqual({});
  });

  it('an unreachable server names server-base-url', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/`;
    const result = await upload({ 'server-base-url': closed, 'server-token': lhci.buildToken });
    expect(result.failure).toMatch(/^LHCI upload failed: the LHCI server http:\/\/127\.0\.0\.1:\d+\/ \(input `server-base-url`\) could not be reached: POST \/v1\/projects\/lookup: connection refused \(ECONNREFUSED\) after 3 tries$/);
    expect(result.failure).not.toMatch(TOKEN_LIKE);
  });

  it('a server behind basic auth: without credentials names basic-auth-password; with them the upload goes through', async () => {
    const refused = await upload({ 'server-base-url': guarded.url, 'server-token': guarded.buildToken });
    expect(refused.failure).toMatch(/^LHCI upload failed: http:\/\/127\.0\.0\.1:\d+\/ is behind HTTP basic auth: set input `basic-auth-password`/);
    const wrongPassword = await upload({ 'server-base-url': guarded.url, 'server-token': guarded.buildToken, 'basic-auth-username': BASIC_AUTH.username, 'basic-auth-password': 'not-the-password' });
    expect(wrongPassword.failure).toMatch(/refused the basic-auth credentials \(inputs `basic-auth-username`\/`basic-auth-password`\)/);
    expect(wrongPassword.failure).not.toContain('not-the-password');

    const accepted = await upload({ 'server-base-url': guarded.url, 'server-token': guarded.buildToken, 'basic-auth-username': BASIC_AUTH.username, 'basic-auth-password': BASIC_AUTH.password });
    expect(accepted.failure).toBeNull();
    expect(Object.keys(accepted.links)).toHaveLength(2);
    expect(await builds(guarded)).toMatchObject([{ lifecycle: 'sealed', hash: feature.sha }]);
  });

  it('the token from the config and the server from a config behind a redirect to another host: not followed, and the other host sees no token', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = await listen((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const elsewhereUrl = `http://127.0.0.1:${port(elsewhere)}`;
    const redirecting = await listen((request, response) => response.writeHead(307, { location: `${elsewhereUrl}${request.url}` }).end());
    try {
      await mkdir(path.join(workspace, 'rc'), { recursive: true });
      await writeFile(path.join(workspace, 'rc', 'lighthouserc.json'), JSON.stringify({ ci: { upload: { target: 'lhci', serverBaseUrl: `http://127.0.0.1:${port(redirecting)}/`, token: lhci.buildToken } } }));
      const result = await upload({ config: 'rc/lighthouserc.json' });
      expect(result.failure).toMatch(/^LHCI upload failed: http:\/\/127\.0\.0\.1:\d+\/ \(`rc\/lighthouserc\.json ci\.upload\.serverBaseUrl`\): POST \/v1\/projects\/lookup: redirected to http:\/\/127\.0\.0\.1:\d+\/v1\/projects\/lookup, another origin; not followed/);
      expect(result.failure).not.toContain(lhci.buildToken);
      expect(seen).toEqual([]);
    } finally {
      await Promise.all([close(elsewhere), close(redirecting)]);
    }
  });

  it('no successful run: nothing is sent, a warning note, no failure', async () => {
    const failedRun: LhrRun = { ...RUNS[0]!, failure: { code: 'NO_FCP', message: 'no paint' } };
    const before = (await builds(lhci)).length;
    const result = await upload({ 'server-base-url': lhci.url, 'server-token': lhci.buildToken }, [failedRun]);
    expect(result).toEqual({ links: {}, note: expect.stringMatching(/^LHCI upload skipped: no successful Lighthouse run/) as unknown, failure: null });
    expect(await builds(lhci)).toHaveLength(before);
  });
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const port = (server: Server): number => (server.address() as { port: number }).port;
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
