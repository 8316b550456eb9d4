import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../../support/github-server.js';
import { asLhciLighthouseWrites } from '../../support/lhci-lighthouse-lhr.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { REPO_ROOT, runBundle } from '../../support/run-bundle.js';
import { runLighthouseBudget } from './copied-bundle.js';

// dist/lighthouse-budget/ run from a copy outside the repository, on recorded
// real Lighthouse results (evaluate mode: no Chrome, no Lighthouse install).
const LIGHT = 'test/fixtures/lighthouse/light-run*.report.json';
const SHIFT = 'test/fixtures/lighthouse-budget/shift-desktop';
const HEAVY = 'test/fixtures/lighthouse-budget/heavy-mobile';
const CONFIGS = path.join(REPO_ROOT, 'test/fixtures/lighthouse-budget/configs');

interface WrittenReport {
  decision: string;
  checks: { name: string; status: string; message: string; evidence: Record<string, unknown> }[];
}
const readReport = async (file: string | undefined) => JSON.parse(await readFile(file!, 'utf8')) as WrittenReport;

// Inside the repository, the runs' workspace: evidence outside it is refused, as on a runner.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(REPO_ROOT, '.test-work-lb-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `lhci assert` (the real CLI) on the same LHRs (as LHCI's own Lighthouse names their audits) and config: exit code and failing keys by level. */
async function lhciAssert(lhrs: string[], config: string) {
  const work = await mkdtemp(path.join(dir, 'lhci-'));
  await mkdir(path.join(work, '.lighthouseci'));
  for (const file of lhrs) {
    const lhr = JSON.parse(await readFile(file, 'utf8')) as { fetchTime: string; audits: Record<string, unknown> };
    await writeFile(path.join(work, '.lighthouseci', `lhr-${Date.parse(lhr.fetchTime)}.json`), JSON.stringify(asLhciLighthouseWrites(lhr)));
  }
  const code = await new Promise<number>((resolve) =>
    execFile(process.execPath, [path.join(REPO_ROOT, 'node_modules/@lhci/cli/src/cli.js'), 'assert', `--config=${config}`], { cwd: work }, (error) => resolve(error ? Number(error.code) : 0)),
  );
  const results = JSON.parse(await readFile(path.join(work, '.lighthouseci/assertion-results.json'), 'utf8')) as { auditId: string; auditProperty?: string; level: string }[];
  const keys = (level: string) => [...new Set(results.filter((r) => r.level === level).map((r) => (r.auditProperty ? `${r.auditId}:${r.auditProperty.replace(/\./g, ':')}` : r.auditId)))].sort();
  return { code, errors: keys('error'), warnings: keys('warn'), results: work };
}

const sortedList = (csv: string | undefined) => (csv ? csv.split(',').sort() : []);

describe('lighthouse-budget bundle on saved results', () => {
  it('agrees with lhci assert on a preset, from a copy of dist/ with nothing else beside it', async () => {
    const files = [...(await readdir(path.join(REPO_ROOT, HEAVY))).map((f) => path.join(REPO_ROOT, HEAVY, f)), ...(await readdir(path.join(REPO_ROOT, SHIFT))).map((f) => path.join(REPO_ROOT, SHIFT, f))];
    const lhci = await lhciAssert(files, path.join(CONFIGS, 'recommended.json'));
    const run = await runLighthouseBudget({ inputs: { 'results-path': path.join(lhci.results, '.lighthouseci'), config: 'test/fixtures/lighthouse-budget/configs/recommended.json', 'output-dir': path.join(dir, 'recommended') } });
    expect(lhci.code).toBe(1);
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('fail');
    expect(sortedList(run.outputs['failed-assertions'])).toEqual(lhci.errors);
    expect(sortedList(run.outputs.warnings)).toEqual(lhci.warnings);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes outputs, a schema-valid report, the tables and the kept results', async () => {
    const outputDir = path.join(dir, 'kept');
    const run = await runLighthouseBudget({
      inputs: { 'results-path': `{${LIGHT},${HEAVY}/*.json}`, config: 'test/fixtures/lighthouse/generate/lighthouserc.json', 'max-tbt': '200', 'output-dir': outputDir, 'fail-on-fail': 'false' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'fail', 'failed-assertions': 'categories:performance,total-blocking-time', warnings: '', regressions: '', 'output-dir': outputDir });
    expect(run.outputs.summary).toBe('1 of 2 URL(s) did not pass: http://127.0.0.1:45697/heavy.html (failed categories:performance, total-blocking-time)');
    expect(JSON.parse(run.outputs.scores!)).toMatchObject({ 'http://127.0.0.1:37215/light.html': { performance: 1, runs: 3 }, 'http://127.0.0.1:45697/heavy.html': { performance: 0.3, 'total-blocking-time': 2778, runs: 3 } });
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    // Files are read in path order: test/fixtures/lighthouse-budget/ before test/fixtures/lighthouse/.
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['http://127.0.0.1:45697/heavy.html', 'fail'],
      ['http://127.0.0.1:37215/light.html', 'pass'],
    ]);
    expect(report.checks[1]!.evidence.representativeRun).toEqual({ run: 'test/fixtures/lighthouse/light-run2.report.json', json: 'lhr-1795305058546.json', html: 'lhr-1795305058546.html' });
    expect(run.summary).toContain('### 🔴 Lighthouse budget: `fail`');
    expect(run.summary).toContain('| Performance | 1 | 1 – 1 | ≥ 0.9 | — | — | ✅ pass |');
    expect(run.summary).toContain('| Largest Contentful Paint | 203 ms | 177 ms – 205 ms | — | — | — | — |');
    expect(run.summary).toContain('| Total Blocking Time | 2.78 s | 2.78 s – 2.78 s | ≤ 200 ms | — | — | ❌ fail |');
    expect(run.errors.filter((line) => line.startsWith('::error title=Lighthouse budget%3A categories%3Aperformance,file=test/fixtures/lighthouse/generate/lighthouserc.json,line=5::'))).toHaveLength(1);
    const kept = (await readdir(outputDir)).sort();
    expect(kept.filter((f) => /^lhr-\d+\.json$/.test(f))).toHaveLength(6);
    // treosh's outputs, and LHCI's files under LHCI's names beside the results.
    expect(run.outputs.resultsPath).toBe(outputDir);
    expect(run.outputs.links).toBe('{}');
    const assertionResults = JSON.parse(run.outputs.assertionResults!) as { auditId: string; auditProperty?: string; level: string; passed: boolean; url: string }[];
    expect(assertionResults.every((result) => !result.passed)).toBe(true);
    expect([...new Set(assertionResults.filter((r) => r.level === 'error').map((r) => (r.auditProperty ? `${r.auditId}:${r.auditProperty}` : r.auditId)))].sort()).toEqual(['categories:performance', 'total-blocking-time']);
    expect(JSON.parse(await readFile(path.join(outputDir, 'assertion-results.json'), 'utf8'))).toEqual(assertionResults);
    expect(JSON.parse(await readFile(path.join(outputDir, 'links.json'), 'utf8'))).toEqual({});
    expect(kept.filter((f) => f.endsWith('.html'))).toEqual(['lhr-1795305058546.html', 'lhr-1795306456160.html']);
  });

  it('fails a regression against an earlier run that the absolute budget lets through', async () => {
    const run = await runLighthouseBudget({ inputs: { 'results-path': SHIFT, 'baseline-results-path': LIGHT, 'max-regression': '20%', 'max-cls': '0.1', 'min-performance': '0.9' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', 'failed-assertions': '', regressions: 'regression:cumulative-layout-shift' });
    expect(run.summary).toContain('| Cumulative Layout Shift | 0.085 | 0.085 – 0.085 | ≤ 0.1 | 0 | +0.085 ❌ > 20% worse | ❌ fail |');
    expect(run.summary).toContain('| Performance | 0.98 | 0.98 – 0.98 | ≥ 0.9 | 1 | −0.02 (−2%) ≤ 20% worse | ✅ pass |');
    expect(run.errors[0]).toBe('::error title=Lighthouse regression%3A cumulative-layout-shift::http://127.0.0.1:45697/shift.html: cumulative-layout-shift rose from a baseline of 0 against the baseline (allowed 20%25)'); // the runner decodes %25
  });
});

describe('lighthouse-budget bundle on bad input', () => {
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return file;
  };

  it.each([
    ['a malformed config', async () => ({ 'results-path': LIGHT, config: await write('bad.json', '{ "ci": { "assert": ') }), /^::error::.*bad\.json is not valid JSON: .+ \(input `config`\)$/],
    [
      'a config with an unknown level',
      async () => ({ 'results-path': LIGHT, config: await write('level.yml', 'ci:\n  assert:\n    assertions:\n      image-alt: fatal\n') }),
      /^::error::.*level\.yml ci\.assert\.assertions\.image-alt: level must be off, warn or error, got "fatal" \(input `config`\)$/,
    ],
    ['an empty results folder', async () => ({ 'results-path': path.dirname(await write('empty/.keep', '')), 'min-performance': '0.9' }), /^::error::input `results-path`: no Lighthouse result \(LHR JSON\) in .*empty$/],
    [
      'a folder of JSON that is not Lighthouse results',
      async () => ({ 'results-path': path.dirname(await write('not-lhr/manifest.json', '[{"url":"x"}]')), 'min-performance': '0.9' }),
      /^::error::input `results-path`: no Lighthouse result \(LHR JSON\) in .*not-lhr; skipped .*manifest\.json$/,
    ],
    ['a JSON file that is not an LHR', async () => ({ 'results-path': await write('coverage.json', '{"total":{}}'), 'min-performance': '0.9' }), /^::error::input `results-path`: .*coverage\.json is not a Lighthouse result \(no lighthouseVersion and audits\)$/],
  ])('%s: one line, decision fail, no stack', async (_name, inputs, error) => {
    const run = await runLighthouseBudget({ inputs: await inputs() });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(error);
    expect(run.outputs.decision).toBe('fail');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('lighthouse-budget and gate-checks', () => {
  it('gate-checks takes the report as evidence with its report and lighthouse check types', async () => {
    const budget = await runLighthouseBudget({ inputs: { 'results-path': LIGHT, 'min-performance': '0.9', 'report-path': path.join(dir, 'lb-report.json') } });
    expect(budget.outputs.decision).toBe('pass');
    const policy = path.join(dir, 'gates.yml');
    await writeFile(
      policy,
      `checks:\n  lighthouse-run: { type: report, path: ${budget.outputs.report}, action: lighthouse-budget }\n  vitals: { type: lighthouse, path: ${budget.outputs.report}, min-performance: 0.95, max-largest-contentful-paint: 2500 }\n`,
    );
    const gate = await runBundle('gate-checks', { inputs: { policy } });
    expect(gate.outputs.decision, gate.stdout).toBe('go');
    const report = await readReport(gate.outputs.report);
    expect(report.checks.map((c) => [c.name, c.status, c.message])).toEqual([
      ['lighthouse-run', 'pass', '1 report is positive: lighthouse-budget pass'],
      ['vitals', 'pass', 'performance 1 >= min-performance 0.95; largest-contentful-paint 203.21 ms <= max-largest-contentful-paint 2500 ms'],
    ]);
  });
});

describe('lighthouse-budget bundle on GitHub', () => {
  let github: GitHubServer;
  const TOKEN = 'ghs_lighthousetoken42';
  const env = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'f'.repeat(40) });
  const event = { pull_request: { number: 12, head: { sha: 'a'.repeat(40) } } };
  beforeAll(async () => {
    github = await startGitHubServer({ token: TOKEN });
  });
  afterAll(async () => github.close());

  it('posts the tables as one sticky comment, updated in place, with the token masked', async () => {
    const inputs = { 'results-path': LIGHT, 'min-performance': '0.9', 'github-token': TOKEN, comment: 'true', title: 'Lighthouse (desktop)' };
    const first = await runLighthouseBudget({ inputs, env: env(), event });
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(first.stdout.split(TOKEN)).toHaveLength(2);
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toContain('<!-- rollout-guard:lighthouse-budget:Lighthouse-desktop- -->');
    expect(github.state.comments[0]!.body).toContain('### 🟢 Lighthouse (desktop): `pass`');
    expect(github.state.comments[0]!.body).toContain('| Performance | 1 | 1 – 1 | ≥ 0.9 | — | — | ✅ pass |');

    await runLighthouseBudget({ inputs: { ...inputs, 'min-performance': '0.95' }, env: env(), event });
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toContain('≥ 0.95');
    expect(github.validationErrors).toEqual([]);
  });
});
