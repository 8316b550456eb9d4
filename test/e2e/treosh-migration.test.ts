import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findChrome } from '../../src/sources/lighthouse/chrome-path.js';
import { runLighthouseBudget } from '../actions/lighthouse-budget/copied-bundle.js';
import { type TestCommit, commit, initRepo } from '../support/git-repo.js';
import { type RunningLhciServer, startLhciServer } from '../support/lhci-server.js';
import { runLocalAction } from '../support/local-action.js';
import { type ProtectedPreview, serveProtectedPreview } from '../support/protected-preview.js';
import { type BundleRun, REPO_ROOT } from '../support/run-bundle.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * A team on treosh/lighthouse-ci-action switches to lighthouse-budget
 * without touching its lighthouserc or its inputs, and gets the same
 * assertions, and the same builds on its LHCI server.
 *
 * The bundle runs as the runner runs it (a copy of dist/lighthouse-budget/
 * with nothing beside it), with treosh's input names (`configPath`,
 * `serverBaseUrl`, `serverToken`; the runs come from the config's
 * numberOfRuns), on two lighthouserc files:
 * - the preview config: a deployed page that answers 401 unless the request
 *   carries the `Authorization` header given in `settings.extraHeaders` (a
 *   JSON string, as treosh users write it), `preset: desktop`, 2 runs;
 * - the static config: `staticDistDir`, served locally with LHCI's
 *   autodiscovery, 1 run.
 * Two files, two runs of the action, because that is what the config
 * semantics allow: with `staticDistDir`, LHCI reads every `url` as a path on
 * the folder's local server, so a deployed preview and a build folder cannot
 * share one `ci.collect` (treosh too would need two steps).
 * Both assert `lighthouse:no-pwa` and upload to a real LHCI server
 * (@lhci/server on PostgreSQL), read back through the server's API.
 *
 * The real `lhci autorun` (@lhci/cli 0.15.1, with its own Lighthouse, as
 * treosh runs it) runs each config beside our run, uploading to the
 * filesystem instead of the server, and the two must agree on every
 * assertion that judges what the page is (see `measuresTime`).
 *
 * Then the Lighthouse step of action-examples/treosh-migration.yml runs
 * under @github/local-action with the `with:` inputs read from that file.
 *
 * Lighthouse runs: 2 + 1 (lhci autorun, started first: it needs no
 * server) beside 2 + 1 (ours, once the LHCI server is up), all four
 * processes at once, then 1 under local-action.
 */
const chrome = findChrome({ input: undefined, env: process.env, platform: process.platform });
if (!chrome.ok) throw new Error(`these tests run Lighthouse in a real browser: ${chrome.error}`);
const CHROME = chrome.value.path;

const LHCI_CLI = path.join(REPO_ROOT, 'node_modules/@lhci/cli/src/cli.js');
const EXAMPLE = 'action-examples/treosh-migration.yml';
/** A run's deadline, several times what one takes with the rest of the suite beside it, so load makes it slow, never red. */
const RUN_TIMEOUT_S = 120;

const PREVIEW_TOKEN = `preview-${'5f3a9c1e7b2d4086'.repeat(2)}`;
const PREVIEW_CREDENTIAL = `Bearer ${PREVIEW_TOKEN}`;

interface AssertionRow {
  url: string;
  auditId: string;
  auditProperty?: string;
  name: string;
  level: string;
  passed: boolean;
}
interface Lhr {
  finalUrl: string;
  configSettings: { formFactor: string; extraHeaders?: Record<string, string> };
  audits: Record<string, { score: number | null; numericUnit?: string; details?: unknown }>;
}

let lhci: RunningLhciServer;
let lhciStarting: Promise<RunningLhciServer> | undefined;
let preview: ProtectedPreview;
let workspace: string;
let previewCommit: TestCommit;
let staticCommit: TestCommit;
let exampleCommit: TestCommit;
let ours: { preview: BundleRun; static: BundleRun };
let theirs: { preview: AutorunResult; static: AutorunResult };

const PREVIEW_CONFIG = '.lighthouserc.json';
const STATIC_CONFIG = 'lighthouserc.static.json';
/** What both configs assert: LHCI's preset, and one override of the kind teams add. */
const ASSERT = { preset: 'lighthouse:no-pwa', assertions: { 'categories:accessibility': ['warn', { minScore: 0.95 }] } };

beforeAll(async () => {
  lhciStarting = startLhciServer({ baseBranch: 'main', projectName: 'acme shop' });
  [preview, workspace] = await Promise.all([serveProtectedPreview(PREVIEW_CREDENTIAL), workspaceDir('treosh-migration')]);
  initRepo(workspace);
  previewCommit = commit(workspace, 'Checkout: new basket', '2026-05-04T09:00:00Z');
  staticCommit = commit(workspace, 'Docs: paying for an order', '2026-05-04T10:00:00Z');
  exampleCommit = commit(workspace, 'CI: lighthouse-budget instead of treosh', '2026-05-04T11:00:00Z');
  await writeFile(
    path.join(workspace, PREVIEW_CONFIG),
    JSON.stringify({
      ci: {
        collect: { url: [`${preview.origin}/checkout`], numberOfRuns: 2, settings: { preset: 'desktop', extraHeaders: JSON.stringify({ Authorization: PREVIEW_CREDENTIAL }) } },
        assert: ASSERT,
        upload: { target: 'lhci' },
      },
    }),
  );
  await writeFile(path.join(workspace, STATIC_CONFIG), JSON.stringify({ ci: { collect: { staticDistDir: './dist', numberOfRuns: 1, settings: { preset: 'desktop' } }, assert: ASSERT, upload: { target: 'lhci' } } }));
  // A docs page with no title and no language (and no favicon: the console shows the 404), but a description and alt text.
  await mkdir(path.join(workspace, 'dist'));
  await writeFile(
    path.join(workspace, 'dist', 'index.html'),
    '<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="description" content="How to pay for an order at Acme: cards and bank transfers.">\n</head>\n<body>\n<h1>Paying for an order</h1>\n<img src="acme-logo.svg" alt="Acme" width="120" height="40">\n<p>Cards and bank transfers are accepted.</p>\n</body>\n</html>\n',
  );
  await writeFile(path.join(workspace, 'dist', 'acme-logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#236"/></svg>');
  await mkdir(path.join(workspace, 'autorun-preview'));

  // lhci autorun needs no server: started while PostgreSQL and the LHCI server come up.
  const autoruns = Promise.all([
    // Each autorun in its own folder: `lhci collect` empties ./.lighthouseci before it starts. The static one where dist/ is, as LHCI reads staticDistDir from the working folder.
    lhciAutorun(path.join(workspace, 'autorun-preview'), path.join(workspace, PREVIEW_CONFIG)),
    lhciAutorun(workspace, `./${STATIC_CONFIG}`),
  ]);
  // Its failure is reported where it is awaited, below, not as an unhandled rejection meanwhile.
  void autoruns.catch(() => undefined);
  lhci = await lhciStarting;
  const [oursPreview, oursStatic] = await Promise.all([bundleRun(PREVIEW_CONFIG, previewCommit), bundleRun(STATIC_CONFIG, staticCommit)]);
  const [theirsPreview, theirsStatic] = await autoruns;
  ours = { preview: oursPreview, static: oursStatic };
  theirs = { preview: theirsPreview, static: theirsStatic };
}, 8 * RUN_TIMEOUT_S * 1000);

afterAll(async () => {
  // Stopped even when the set-up failed after starting it (PostgreSQL would outlive the test run).
  const started = await lhciStarting?.catch(() => undefined);
  await Promise.all([started?.stop(), preview?.close()]);
});

/** The bundle with treosh's input names, on a push to main of `at`. */
function bundleRun(configPath: string, at: TestCommit): Promise<BundleRun> {
  return runLighthouseBudget({
    inputs: { configPath, serverBaseUrl: lhci.url, serverToken: lhci.buildToken, 'lighthouse-path': REPO_ROOT, 'run-timeout': `${RUN_TIMEOUT_S}s` },
    env: { ...pushTo(at), GITHUB_WORKSPACE: workspace },
  });
}

const pushTo = (at: TestCommit) => ({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: at.sha, GITHUB_REF: 'refs/heads/main', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '9001' });

interface AutorunResult {
  code: number;
  log: string;
  results: AssertionRow[];
  lhrs: Lhr[];
}

/**
 * `lhci autorun` on a config, as treosh runs LHCI: CHROME_PATH for the
 * browser, and the flags Chrome needs as root in a container (the config
 * stays as the team wrote it: the flags come on the command line, merged
 * into its settings). Results go to a folder, not to the server.
 */
async function lhciAutorun(cwd: string, config: string): Promise<AutorunResult> {
  const args = [LHCI_CLI, 'autorun', `--config=${config}`, '--collect.settings.chromeFlags=--no-sandbox --headless=new --disable-gpu --disable-dev-shm-usage', '--upload.target=filesystem', `--upload.outputDir=${path.join(cwd, 'lhci-filesystem')}`];
  const { code, log } = await new Promise<{ code: number; log: string }>((resolve) => {
    execFile(process.execPath, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, CHROME_PATH: CHROME }, maxBuffer: 32 * 1024 * 1024, timeout: 4 * RUN_TIMEOUT_S * 1000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, log: `${stdout}\n${stderr}` }),
    );
  });
  const folder = path.join(cwd, '.lighthouseci');
  const names = await readdir(folder).catch((): string[] => []);
  if (!names.includes('assertion-results.json')) throw new Error(`lhci autorun wrote no assertion-results.json (exit ${code}):\n${log.slice(-3000)}`);
  return {
    code,
    log,
    results: JSON.parse(await readFile(path.join(folder, 'assertion-results.json'), 'utf8')) as AssertionRow[],
    lhrs: await Promise.all(names.filter((name) => /^lhr-\d+\.json$/.test(name)).map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as Lhr)),
  };
}

async function keptLhrs(run: BundleRun): Promise<Lhr[]> {
  const folder = run.outputs.resultsPath!;
  const names = (await readdir(folder)).filter((name) => /^lhr-\d+\.json$/.test(name));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as Lhr));
}

/**
 * Assertions not compared: those judged on a duration or a layout shift
 * the run measured (an audit whose numericUnit is `millisecond` or
 * `unitless`: the metrics, bootup-time, mainthread-work-breakdown,
 * server-response-time, the opportunities' savings), the insights judged on
 * time (server latency, forced reflow, third-party main-thread time), and
 * `categories:performance`, a weighted sum of the metrics. Their values
 * change from run to run, and more so with four Chromes on two cores: two
 * honest tools can disagree on them. An item count (`maxLength`) or a
 * missing audit (`auditRan`) is about the page, so those stay compared even
 * on such audits. Everything else — markup, accessibility, SEO, headers,
 * bytes, console errors — is what the page is, and must agree exactly.
 */
const TIMED_INSIGHTS = new Set(['document-latency-insight', 'forced-reflow-insight', 'third-parties-insight']);
function measuresTime(row: AssertionRow, lhr: Lhr): boolean {
  if (row.auditId === 'categories') return row.auditProperty === 'performance';
  if (TIMED_INSIGHTS.has(row.auditId)) return true;
  const unit = lhr.audits[row.auditId]?.numericUnit;
  return (unit === 'millisecond' || unit === 'unitless') && row.name !== 'maxLength' && row.name !== 'auditRan';
}

/** `path key name level passed`, sorted: the URL's port is the local server's, different in each tool. */
function comparable(rows: AssertionRow[], lhr: Lhr): string[] {
  return rows
    .filter((row) => !measuresTime(row, lhr))
    .map((row) => `${new URL(row.url).pathname} ${row.auditProperty ? `${row.auditId}:${row.auditProperty}` : row.auditId} ${row.name} ${row.level} ${String(row.passed)}`)
    .sort();
}

const keysOf = (lines: string[]) => lines.map((line) => line.split(' ')[1]);

/** Every place a secret could leak, but the `::add-mask::` lines that register it with the runner. */
function expectNoSecrets(texts: Record<string, string>, secrets: string[]): void {
  for (const [where, text] of Object.entries(texts)) {
    const shown = text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    for (const secret of secrets) expect(shown.includes(secret), `${where} shows a secret`).toBe(false);
  }
}

async function filesIn(folder: string): Promise<Record<string, string>> {
  const names = await readdir(folder);
  return Object.fromEntries(await Promise.all(names.map(async (name) => [`${folder}/${name}`, await readFile(path.join(folder, name), 'utf8')] as const)));
}

const SECRETS = () => [PREVIEW_CREDENTIAL, PREVIEW_TOKEN, lhci.buildToken];

describe('a treosh lighthouserc through the lighthouse-budget bundle', () => {
  it('measures the real page behind the header, on desktop, twice; the static folder once', async () => {
    const previewLhrs = await keptLhrs(ours.preview);
    expect(previewLhrs).toHaveLength(2);
    for (const lhr of previewLhrs) {
      expect(lhr.finalUrl).toBe(`${preview.origin}/checkout`);
      expect(lhr.configSettings.formFactor).toBe('desktop');
      // The checkout page itself, not the 401 sign-in page: its title, its status and its own unnamed image.
      expect(lhr.audits['document-title']!.score).toBe(1);
      expect(lhr.audits['http-status-code']!.score).toBe(1);
      expect(JSON.stringify(lhr.audits['image-alt']!.details)).toContain('acme-logo.svg');
      // The header's name stays; its value is replaced before the LHR is kept.
      expect(lhr.configSettings.extraHeaders).toEqual({ Authorization: '***' });
    }
    const staticLhrs = await keptLhrs(ours.static);
    expect(staticLhrs.map((lhr) => lhr.finalUrl)).toEqual([expect.stringMatching(/^http:\/\/localhost:\d+\/index\.html$/)]);
    expect(ours.preview.stdout).toContain('desktop: 2 run(s) of 1 URL(s)');
    expect(ours.static.stdout).toContain('desktop: 1 run(s) of 1 URL(s)');
    // lhci autorun measured the same pages with the header too (each tool's runs load the page once per run).
    expect(theirs.preview.lhrs.map((lhr) => lhr.audits['http-status-code']!.score)).toEqual([1, 1]);
    expect(preview.authorizedPageLoads()).toBeGreaterThanOrEqual(4);
  });

  it('fails on the page faults, as lhci autorun does, and agrees with it on every assertion that judges the page', async () => {
    for (const [name, run, autorun] of [['preview', ours.preview, theirs.preview], ['static', ours.static, theirs.static]] as const) {
      expect(run.outputs.decision, name).toBe('fail');
      expect(run.code, name).toBe(1);
      expect(autorun.code, `${name}: lhci autorun exits 1 on a failed assertion\n${autorun.log.slice(-2000)}`).toBe(1);
      const ourRows = JSON.parse(run.outputs.assertionResults!) as AssertionRow[];
      // The output is what LHCI writes to assertion-results.json, and the file is there too under that name.
      expect(JSON.parse(await readFile(path.join(run.outputs.resultsPath!, 'assertion-results.json'), 'utf8'))).toEqual(ourRows);
      const [lhr] = await keptLhrs(run);
      expect(comparable(ourRows, lhr!), name).toEqual(comparable(autorun.results, lhr!));
    }
  });

  it('the page faults fail in both and what the pages do right passes in both', async () => {
    const [previewLhr] = await keptLhrs(ours.preview);
    const [staticLhr] = await keptLhrs(ours.static);
    const preview = comparable(JSON.parse(ours.preview.outputs.assertionResults!) as AssertionRow[], previewLhr!);
    const docs = comparable(JSON.parse(ours.static.outputs.assertionResults!) as AssertionRow[], staticLhr!);
    expect(preview).toEqual(
      expect.arrayContaining([
        '/checkout image-alt minScore error false',
        '/checkout link-name minScore error false',
        '/checkout button-name minScore error false',
        '/checkout meta-description minScore error false',
        '/checkout categories:accessibility minScore warn false',
      ]),
    );
    expect(docs).toEqual(expect.arrayContaining(['/index.html document-title minScore error false', '/index.html html-has-lang minScore error false', '/index.html errors-in-console minScore error false']));
    // Asserted by the preset and met: absent from both tools' failures (the comparison above) and from ours.
    for (const met of ['document-title', 'html-has-lang', 'http-status-code', 'is-crawlable', 'errors-in-console']) expect(keysOf(preview), met).not.toContain(met);
    for (const met of ['meta-description', 'image-alt', 'http-status-code']) expect(keysOf(docs), met).not.toContain(met);
  });

  it('uploads one build per run to the LHCI server, with each URL\'s runs, and links that resolve', async () => {
    const builds = (await lhci.api('GET', `/v1/projects/${lhci.project.id}/builds`)).json as { id: string; hash: string; lifecycle: string; branch: string }[];
    for (const [run, at, expected] of [
      [ours.preview, previewCommit, { 'http://127.0.0.1:PORT/checkout': 2 }],
      [ours.static, staticCommit, { 'http://localhost:PORT/index.html': 1 }],
    ] as const) {
      const build = builds.find((candidate) => candidate.hash === at.sha);
      expect(build, at.subject).toMatchObject({ lifecycle: 'sealed', branch: 'main' });
      const runs = (await lhci.api('GET', `/v1/projects/${lhci.project.id}/builds/${build!.id}/runs`)).json as { url: string; lhr: string }[];
      const perUrl: Record<string, number> = {};
      for (const stored of runs) perUrl[stored.url] = (perUrl[stored.url] ?? 0) + 1;
      expect(perUrl, at.subject).toEqual(expected);
      for (const stored of runs) expectNoSecrets({ [`the stored run of ${stored.url}`]: stored.lhr }, SECRETS());

      const links = JSON.parse(run.outputs.links!) as Record<string, string>;
      const [finalUrl] = (await keptLhrs(run)).map((lhr) => lhr.finalUrl);
      expect(Object.keys(links)).toEqual([finalUrl]);
      expect(links[finalUrl!]).toMatch(new RegExp(`^${lhci.url}/app/projects/${lhci.project.slug}/compare/${build!.id}\\?compareUrl=`));
      const page = await fetch(links[finalUrl!]!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      expect(JSON.parse(await readFile(path.join(run.outputs.resultsPath!, 'links.json'), 'utf8'))).toEqual(links);
    }
  });

  it('shows the server token and the header value nowhere but in ::add-mask::', async () => {
    for (const run of [ours.preview, ours.static]) {
      expect(run.stdout).toContain(`::add-mask::${lhci.buildToken}`);
      expectNoSecrets({ stdout: run.stdout, stderr: run.stderr, summary: run.summary, report: await readFile(run.outputs.report!, 'utf8'), ...(await filesIn(run.outputs.resultsPath!)) }, SECRETS());
    }
    expect(ours.preview.stdout).toContain(`::add-mask::${PREVIEW_CREDENTIAL}`);
  });
});

describe(`${EXAMPLE} under @github/local-action`, () => {
  interface Step {
    id?: string;
    uses?: string;
    with?: Record<string, unknown>;
  }
  const text = () => readFile(path.join(REPO_ROOT, EXAMPLE), 'utf8');
  const stepsOf = async () => {
    const workflow = parse(await text()) as { jobs: Record<string, { env?: Record<string, string>; steps: Step[] }> };
    const [job] = Object.values(workflow.jobs);
    return { env: job!.env ?? {}, steps: job!.steps };
  };

  /** `${{ secrets.NAME }}` from the test's secrets; any other expression is one the test does not know how to give, and fails it. */
  function evaluate(value: unknown, secrets: Record<string, string>): string {
    return String(value).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (expression: string, inner: string) => {
      const secret = /^secrets\.(\w+)$/.exec(inner)?.[1];
      if (secret === undefined || secrets[secret] === undefined) throw new Error(`${EXAMPLE}: the test cannot evaluate ${expression}`);
      return secrets[secret];
    });
  }

  it('changes only the uses: line of the treosh step, and keeps the results with upload-artifact', async () => {
    const source = await text();
    expect(source).toMatch(/\n\s+# Was: uses: treosh\/lighthouse-ci-action@[0-9a-f]{40} # v12\.\d+\.\d+\n\s+uses: OWNER\/rollout-guard\/actions\/lighthouse-budget@v1\n/);
    const { steps } = await stepsOf();
    const lighthouse = steps.find((step) => step.uses?.startsWith('OWNER/rollout-guard/actions/lighthouse-budget@'))!;
    // Every input is one treosh/lighthouse-ci-action v12 has.
    expect(Object.keys(lighthouse.with!).sort()).toEqual(['configPath', 'runs', 'serverBaseUrl', 'serverToken', 'uploadArtifacts', 'urls']);
    const artifact = steps[steps.indexOf(lighthouse) + 1]!;
    expect(artifact.uses).toBe('actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02');
    expect(artifact.with).toMatchObject({ path: `\${{ steps.${lighthouse.id}.outputs.resultsPath }}` });
  });

  it('runs the step with the inputs written there: decision, resultsPath, links, assertionResults, and the uploadArtifacts notice', { timeout: 3 * RUN_TIMEOUT_S * 1000 }, async () => {
    const { env: jobEnv, steps } = await stepsOf();
    const lighthouse = steps.find((step) => step.uses?.startsWith('OWNER/rollout-guard/actions/lighthouse-budget@'))!;
    const secrets = { LHCI_SERVER_URL: lhci.url, LHCI_SERVER_TOKEN: lhci.buildToken };
    const inputs = Object.fromEntries(Object.entries(lighthouse.with!).map(([name, value]) => [name, evaluate(value, secrets)]));
    // The runs the workflow asks for, cut to one to keep the suite's Lighthouse time small; every other input as written.
    expect(Number(inputs.runs)).toBeGreaterThanOrEqual(1);
    inputs.runs = '1';
    const env = {
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
      // On a runner the action installs its pinned Lighthouse; here the repository's copy of the same version.
      'INPUT_LIGHTHOUSE-PATH': REPO_ROOT,
      'INPUT_RUN-TIMEOUT': `${RUN_TIMEOUT_S}s`,
      // The job's env as the runner sets it, the preview pointed at the local page behind the header.
      ...jobEnv,
      PREVIEW_URL: preview.origin,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: path.join(workspace, 'runner-temp'),
      ...pushTo(exampleCommit),
    };
    await mkdir(env.RUNNER_TEMP, { recursive: true });
    const run = await runLocalAction('lighthouse-budget', env, { timeoutMs: 3 * RUN_TIMEOUT_S * 1000 });

    expect(run.outputs.decision, run.log).toBe('fail');
    expect(run.log).toMatch(/^::notice::input `uploadArtifacts`: lighthouse-budget does not upload artifacts itself; add a step `uses: actions\/upload-artifact@v4` with `name: lighthouse-results` and `path: \$\{\{ steps\.<this step's id>\.outputs\.resultsPath \}\}`/m);
    expect(run.errors.filter((line) => /LHCI upload|internal error/.test(line))).toEqual([]);

    const resultsPath = run.outputs.resultsPath!;
    expect(resultsPath.startsWith(env.RUNNER_TEMP)).toBe(true);
    const kept = await readdir(resultsPath);
    expect(kept.filter((name) => /^lhr-\d+\.json$/.test(name))).toHaveLength(1);
    const assertionResults = JSON.parse(run.outputs.assertionResults!) as AssertionRow[];
    expect(JSON.parse(await readFile(path.join(resultsPath, 'assertion-results.json'), 'utf8'))).toEqual(assertionResults);
    expect(assertionResults.map((row) => row.auditId)).toEqual(expect.arrayContaining(['image-alt', 'link-name', 'button-name', 'meta-description']));

    const links = JSON.parse(run.outputs.links!) as Record<string, string>;
    expect(Object.keys(links)).toEqual([`${preview.origin}/checkout`]);
    expect((await fetch(links[`${preview.origin}/checkout`]!)).status).toBe(200);
    const builds = (await lhci.api('GET', `/v1/projects/${lhci.project.id}/builds`)).json as { hash: string; lifecycle: string }[];
    expect(builds.find((build) => build.hash === exampleCommit.sha)).toMatchObject({ lifecycle: 'sealed' });
    expectNoSecrets({ log: run.log }, SECRETS());
  });
});
