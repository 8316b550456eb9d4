import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBundle } from '../../support/run-bundle.js';
import { runLighthouseBudget } from './copied-bundle.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * `pass` comes only from evidence that was read, validated and judged
 * against at least one threshold that applies: each class of evidence that
 * proves nothing, through dist/lighthouse-budget/ as the runner runs it, on
 * recorded real results (test/fixtures/lighthouse*, ORIGIN.md) or on copies
 * of them with one value changed, made here and named so.
 */
const LIGHT = 'test/fixtures/lighthouse/light-run*.report.json';
const HEAVY = 'test/fixtures/lighthouse-budget/heavy-mobile';
const FAILED_RUN = 'test/fixtures/lighthouse/runtime-error.report.json';
const LIGHT_URL = 'http://127.0.0.1:37215/light.html';

interface WrittenReport {
  checks: { name: string; status: string; message: string; evidence: Record<string, unknown> }[];
}
const readReport = async (file: string | undefined) => JSON.parse(await readFile(file!, 'utf8')) as WrittenReport;
const noStack = (run: { stdout: string; stderr: string }) => expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);

let dir: string;
beforeAll(async () => {
  dir = await workspaceDir('lb-earned');
});

const write = async (name: string, text: string) => {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
};

type Lhr = Record<string, unknown> & { audits: Record<string, Record<string, unknown>>; categories: Record<string, Record<string, unknown>> };
/** A copy of a recorded light-page run (1–3) with some values changed, saved as `<folder>/lhr-<n>.json`. */
async function changedRun(folder: string, n: 1 | 2 | 3, change: (lhr: Lhr) => void): Promise<string> {
  const lhr = JSON.parse(await readFile(path.join(REPO_ROOT, `test/fixtures/lighthouse/light-run${n}.report.json`), 'utf8')) as Lhr;
  change(lhr);
  await write(`${folder}/lhr-${n}.json`, JSON.stringify(lhr));
  return path.join(dir, folder);
}

describe('nothing configured: the default budgets judge the runs', () => {
  it('passes the light page against LCP ≤ 2.5 s and CLS ≤ 0.1, and says the defaults applied in the summary, the table and the report', async () => {
    const run = await runLighthouseBudget({ inputs: { 'results-path': LIGHT } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'pass', summary: '1 URL(s) met the default budgets (max-lcp 2.5s, max-cls 0.1) over 3 run(s)' });
    expect(run.summary).toContain('> No budget was configured (`config`, `budget-path` or a simple budget input), so the default budgets apply: max-lcp 2.5s, max-cls 0.1');
    expect(run.summary).toMatch(/\| Largest Contentful Paint \| 203 ms \| .* \| ≤ 2\.5 s \(default\) \| — \| — \| ✅ pass \|/);
    expect(run.summary).toMatch(/\| Cumulative Layout Shift \| 0 \| .* \| ≤ 0\.1 \(default\) \| — \| — \| ✅ pass \|/);
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]!.evidence.defaultBudgets).toEqual({ 'max-lcp': '2.5s', 'max-cls': '0.1' });
  });

  it('fails the heavy page on the default LCP budget, naming it', async () => {
    const run = await runLighthouseBudget({ inputs: { 'results-path': HEAVY } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', 'failed-assertions': 'largest-contentful-paint' });
    expect(run.outputs.summary).toBe('1 of 1 URL(s) did not pass the default budgets (max-lcp 2.5s, max-cls 0.1): http://127.0.0.1:45697/heavy.html (failed largest-contentful-paint)');
  });
});

describe('a threshold that judged nothing is not a pass', () => {
  it('fails an assertion at warn level whose audit the runs lack (lhci assert would only warn)', async () => {
    const config = await write('missing-audit.json', JSON.stringify({ ci: { assert: { assertions: { 'categories:performance': 'error', 'first-meaningful-paint': ['warn', { maxNumericValue: 2000 }] } } } }));
    const run = await runLighthouseBudget({ inputs: { 'results-path': LIGHT, config } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'fail', 'failed-assertions': 'first-meaningful-paint', warnings: '' });
    expect(run.outputs.summary).toMatch(/^1 of 1 URL\(s\) did not pass: .*light\.html \(no value for first-meaningful-paint \(the runs lack this audit/);
    expect(run.errors.some((line) => line.startsWith('::error title=Lighthouse budget%3A first-meaningful-paint'))).toBe(true);
  });

  it('fails a `performance-budget` assertion, which Lighthouse 12 results cannot answer (LHCI gives no result for it)', async () => {
    const config = await write('performance-budget.json', JSON.stringify({ ci: { assert: { assertions: { 'performance-budget': 'error', 'categories:seo': 'error' } } } }));
    const run = await runLighthouseBudget({ inputs: { 'results-path': LIGHT, config } });
    expect(run.outputs).toMatchObject({ decision: 'fail', 'failed-assertions': 'performance-budget' });
    expect(run.summary).toContain('"performance-budget" is not in these results (Lighthouse 12 has no budget audit); give the budget.json as input `budget-path` instead');
  });

  it('fails a URL that no assertion applies to, as no data', async () => {
    const config = await write('elsewhere.json', JSON.stringify({ ci: { assert: { assertMatrix: [{ matchingUrlPattern: '/checkout$', assertions: { 'categories:performance': 'error' } }] } } }));
    const run = await runLighthouseBudget({ inputs: { 'results-path': LIGHT, config } });
    expect(run.outputs.decision).toBe('fail');
    const report = await readReport(run.outputs.report);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([[LIGHT_URL, 'nodata']]);
    expect(report.checks[0]!.message).toMatch(/no budget applies to this URL .*so nothing was judged$/);
  });
});

describe('too little or no evidence is not a pass', () => {
  it('fails a URL with no measured run (every saved run carries a runtimeError)', async () => {
    const run = await runLighthouseBudget({ inputs: { 'results-path': FAILED_RUN, 'min-performance': '0.5' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('fail');
    const report = await readReport(run.outputs.report);
    expect(report.checks.map((c) => [c.status, c.message])).toEqual([['error', expect.stringMatching(/^every run failed \(CHROME_INTERSTITIAL_ERROR\): Chrome prevented page load/)]]);
  });

  it('fails max-regression against a baseline whose every run failed, rather than passing the regression unchecked', async () => {
    const run = await runLighthouseBudget({ inputs: { 'results-path': LIGHT, 'baseline-results-path': FAILED_RUN, 'max-regression': '20%', 'min-performance': '0.5' } });
    expect(run.outputs).toMatchObject({ decision: 'fail', 'failed-assertions': '', regressions: 'regression:baseline' });
    expect(run.outputs.summary).toBe(`1 of 1 URL(s) did not pass: ${LIGHT_URL} (the baseline http://127.0.0.1:42623/ has no successful run to compare with (CHROME_INTERSTITIAL_ERROR))`);
  });
});

describe('contradictory evidence is not a pass', () => {
  it('is an error for runs of one page that mix mobile and desktop, or count one run twice', async () => {
    await changedRun('mixed', 1, () => undefined);
    const mixed = await changedRun('mixed', 2, (lhr) => {
      (lhr.configSettings as Record<string, unknown>).formFactor = 'mobile';
    });
    // The report inside the workspace, where the gate below may read it.
    const mixedRun = await runLighthouseBudget({ inputs: { 'results-path': mixed, 'min-performance': '0.5', 'report-path': path.join(dir, 'mixed-report.json') } });
    expect(mixedRun.outputs.decision).toBe('fail');
    expect((await readReport(mixedRun.outputs.report)).checks.map((c) => [c.status, c.message])).toEqual([['error', 'its runs mix form factors (desktop, mobile): judge mobile and desktop results apart']]);
    // gate-checks' `lighthouse` check does not take the medians of such runs from the report either.
    const policy = await write('gates-mixed.yml', `checks:\n  vitals: { type: lighthouse, path: ${mixedRun.outputs.report}, max-largest-contentful-paint: 2500 }\n`);
    const gate = await runBundle('gate-checks', { inputs: { policy } });
    expect(gate.outputs.decision).toBe('no-go');
    expect((await readReport(gate.outputs.report)).checks.map((c) => [c.status, c.message])).toEqual([['error', expect.stringContaining('its runs mix form factors (desktop, mobile): judge mobile and desktop results apart; its medians are not evidence')]]);

    await changedRun('twice', 1, () => undefined);
    await write('twice/copy-of-run-1.report.json', await readFile(path.join(REPO_ROOT, 'test/fixtures/lighthouse/light-run1.report.json'), 'utf8'));
    const twice = await runLighthouseBudget({ inputs: { 'results-path': path.join(dir, 'twice'), 'min-performance': '0.5' } });
    expect(twice.outputs.decision).toBe('fail');
    expect(twice.outputs.summary).toMatch(/\(.*twice\/lhr-1\.json repeats the run of .*twice\/copy-of-run-1\.report\.json \(same fetchTime 2026-11-21T23:50:48\.030Z\): one run counted twice\)$/);
  });
});

describe('malformed evidence and configs are one line naming the file, decision fail', () => {
  it('refuses a results folder holding an LHR cut short, naming the file', async () => {
    const run = await runLighthouseBudget({ inputs: { 'results-path': 'test/fixtures/lighthouse/malformed', 'min-performance': '0.5' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::input `results-path`: test\/fixtures\/lighthouse\/malformed\/lhr-1795305048030\.json:\d+:\d+: not valid JSON: expected /)]);
    expect(run.outputs.decision).toBe('fail');
    noStack(run);
  });

  // Negative timings and scores outside 0–1 are refused by the shared LHR reader (src/sources/reports/lighthouse-results.ts).
  it('refuses saved results with a negative timing, naming the file, where LHCI would compare −1 ≤ 2500 and pass', async () => {
    const folder = await changedRun('negative', 1, (lhr) => {
      lhr.audits['largest-contentful-paint']!.numericValue = -1;
    });
    const run = await runLighthouseBudget({ inputs: { 'results-path': folder } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('fail');
    expect(run.errors).toEqual([expect.stringMatching(/^::error::input `results-path`: .*negative\/lhr-1\.json.*largest-contentful-paint/)]);
    noStack(run);
  });

  it('refuses a lighthouserc that is a YAML alias bomb, naming it', async () => {
    const levels = 'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
    const config = await write('bomb.yml', ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...levels, 'ci:', '  assert:', '    assertions:', '      image-alt: error', ''].join('\n'));
    const run = await runLighthouseBudget({ inputs: { 'results-path': LIGHT, config } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([`::error::${config} is refused: its YAML aliases expand beyond 100 nodes (an alias bomb); write the assertions out (input \`config\`)`]);
    expect(run.outputs.decision).toBe('fail');
    noStack(run);
  });
});

describe('thresholds are compared exactly', () => {
  it('passes a CLS whose median of two runs is exactly max-cls (0.1 and 0.2 against 0.15; floating point says 0.15000000000000002), and fails one just over', async () => {
    const setCls = (value: number) => (lhr: Lhr) => {
      lhr.audits['cumulative-layout-shift']!.numericValue = value;
    };
    await changedRun('cls-exact', 1, setCls(0.1));
    const exact = await changedRun('cls-exact', 2, setCls(0.2));
    const atLimit = await runLighthouseBudget({ inputs: { 'results-path': exact, 'max-cls': '0.15' } });
    expect(atLimit.outputs, atLimit.stdout).toMatchObject({ decision: 'pass' });
    expect(atLimit.summary).toMatch(/\| Cumulative Layout Shift \| 0\.15 \| 0\.1 – 0\.2 ⚠️ noisy \| ≤ 0\.15 \| — \| — \| ✅ pass \|/);
    await changedRun('cls-over', 1, setCls(0.1));
    const over = await changedRun('cls-over', 2, setCls(0.2002));
    expect((await runLighthouseBudget({ inputs: { 'results-path': over, 'max-cls': '0.15' } })).outputs).toMatchObject({ decision: 'fail', 'failed-assertions': 'cumulative-layout-shift' });
  });

  it('passes a performance drop of exactly max-regression (0.9 → 0.72 is 20%; floating point says 20.000000000000007%), and fails 0.71', async () => {
    const setScore = (score: number) => (lhr: Lhr) => {
      lhr.categories.performance!.score = score;
    };
    const baseline = await changedRun('baseline-0.9', 1, setScore(0.9));
    const exactly = await changedRun('target-0.72', 2, setScore(0.72));
    const beyond = await changedRun('target-0.71', 2, setScore(0.71));
    const inputs = { 'baseline-results-path': baseline, 'max-regression': 'performance=20%', 'min-performance': '0.5' };
    const within = await runLighthouseBudget({ inputs: { ...inputs, 'results-path': exactly } });
    expect(within.outputs, within.stdout).toMatchObject({ decision: 'pass', regressions: '' });
    expect(within.summary).toContain('| Performance | 0.72 | — | ≥ 0.5 | 0.9 | −0.18 (−20%) ≤ 20% worse | ✅ pass |');
    expect((await runLighthouseBudget({ inputs: { ...inputs, 'results-path': beyond } })).outputs).toMatchObject({ decision: 'fail', regressions: 'regression:performance' });
  });
});
