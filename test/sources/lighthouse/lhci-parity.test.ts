import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBudgetSets } from '../../../src/actions/lighthouse-budget/budgets.js';
import { evaluateRuns } from '../../../src/actions/lighthouse-budget/evaluate.js';
import type { BudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { assertionKey } from '../../../src/engine/lighthouse/assertion-result.js';
import { readResultRuns } from '../../../src/sources/lighthouse/lhr-run.js';
import { RENAMED_AUDITS } from '../../../src/sources/lighthouse/renamed-audits.js';
import { asLhciLighthouseWrites } from '../../support/lhci-lighthouse-lhr.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

/**
 * Parity with the real `lhci assert` (@lhci/cli 0.15.1): for each pair of
 * real result set and config, both run on the same `.lighthouseci/` folder
 * and the same lighthouserc, and must agree on the failing assertions (URL,
 * key, kind, level, expected, actual, every run's value) and on the verdict
 * (`lhci assert` exits 1 exactly when the action decides `fail`).
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures');
const CONFIGS = path.join(FIXTURES, 'lighthouse-budget/configs');
const LHCI = path.join(REPO_ROOT, 'node_modules/@lhci/cli/src/cli.js');

/** Result sets: real LHRs (see the ORIGIN.md files). */
const SETS = {
  /** Desktop, port 37215: light.html ×3, heavy.html ×1 (test/fixtures/lighthouse). */
  desktop: ['lighthouse/light-run1.report.json', 'lighthouse/light-run2.report.json', 'lighthouse/light-run3.report.json', 'lighthouse/heavy-run1.report.json'],
  light: ['lighthouse/light-run1.report.json', 'lighthouse/light-run2.report.json', 'lighthouse/light-run3.report.json'],
  heavyMobile: ['lighthouse-budget/heavy-mobile'],
  shift: ['lighthouse-budget/shift-desktop'],
  all: ['lighthouse/light-run1.report.json', 'lighthouse/light-run2.report.json', 'lighthouse/light-run3.report.json', 'lighthouse/heavy-run1.report.json', 'lighthouse-budget/heavy-mobile', 'lighthouse-budget/shift-desktop'],
} as const;

/**
 * Copies a set into <dir>/.lighthouseci as lhr-<fetchTime>.json, the only
 * files `lhci assert` reads; `asLhciWrites` names the renamed audits as
 * LHCI's own Lighthouse does.
 */
async function placeResults(dir: string, sources: readonly string[], asLhciWrites = false): Promise<void> {
  const target = path.join(dir, '.lighthouseci');
  await mkdir(target, { recursive: true });
  for (const source of sources) {
    const absolute = path.join(FIXTURES, source);
    const files = source.endsWith('.json') ? [absolute] : (await readdir(absolute)).map((name) => path.join(absolute, name));
    for (const file of files) {
      const lhr = JSON.parse(await readFile(file, 'utf8')) as { fetchTime: string; audits: Record<string, unknown> };
      const name = path.join(target, `lhr-${Date.parse(lhr.fetchTime)}.json`);
      if (asLhciWrites) await writeFile(name, JSON.stringify(asLhciLighthouseWrites(lhr)));
      else await copyFile(file, name);
    }
  }
}

interface LhciRun {
  code: number;
  failing: string[];
}

async function runLhciAssert(dir: string, config: string): Promise<LhciRun> {
  const code = await new Promise<number>((resolve) => {
    execFile(process.execPath, [LHCI, 'assert', `--config=${config}`], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } }, (error) =>
      resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0),
    );
  });
  const results = JSON.parse(await readFile(path.join(dir, '.lighthouseci/assertion-results.json'), 'utf8')) as Record<string, unknown>[];
  return { code, failing: results.map(normalize).sort() };
}

/** The fields both sides must agree on, as text (LHCI's file turns NaN into null; so does this). */
function normalize(result: Record<string, unknown>): string {
  const { url, auditId, auditProperty, name, level, expected, actual, values, passed } = result;
  return JSON.stringify({ url, key: assertionKey({ auditId: auditId as string, auditProperty: auditProperty as string | undefined }), name, level, expected, actual, values, passed });
}

async function runAction(dir: string, config: string) {
  const inputs = { config, budgetPath: undefined, simple: {} } as unknown as BudgetInputs;
  const sets = await loadBudgetSets(inputs, dir);
  const read = await readResultRuns('.lighthouseci', dir, 'target');
  if (!read.ok) throw new Error(read.error.message);
  const evaluation = evaluateRuns(sets, { targets: read.value.runs, baselines: [], skipped: [] }, { kind: 'none' }, null);
  const failing = evaluation.details.flatMap((detail) => detail.assertions.filter((r) => !r.passed)).map((r) => normalize(r as unknown as Record<string, unknown>));
  return { decision: evaluation.verdict.decision, failing: failing.sort(), failedAssertions: evaluation.verdict.failedAssertions };
}

const CASES: { name: string; set: keyof typeof SETS; config: string; files?: string[]; lhciExit: 0 | 1 }[] = [
  { name: 'the fixtures’ own lighthouserc (median, image-alt)', set: 'desktop', config: path.join(FIXTURES, 'lighthouse/generate/lighthouserc.json'), lhciExit: 1 },
  { name: 'preset lighthouse:recommended', set: 'all', config: 'recommended.json', lhciExit: 1 },
  { name: 'preset lighthouse:all in YAML with overrides', set: 'all', config: 'all.yml', lhciExit: 1 },
  { name: 'preset lighthouse:no-pwa with warn overrides', set: 'shift', config: 'no-pwa.json', lhciExit: 1 },
  { name: 'every aggregation method, maxLength, resource-summary, dot keys, an unknown audit, user-timings', set: 'all', config: 'aggregations.json', lhciExit: 1 },
  { name: 'assertMatrix with URL patterns and a preset in one entry', set: 'all', config: 'matrix.json', lhciExit: 1 },
  { name: 'a budget.json through ci.assert.budgetsFile', set: 'all', config: 'budgets-rc.json', files: ['budget.json'], lhciExit: 1 },
  { name: 'extends a base config, overriding one assertion', set: 'shift', config: 'extends.yml', files: ['extends-base.json'], lhciExit: 1 },
  { name: 'a passing set: error, warn and pessimistic assertions all met', set: 'light', config: 'passing.json', lhciExit: 0 },
  { name: 'a budget.json on the heavy mobile runs', set: 'heavyMobile', config: 'budgets-rc.json', files: ['budget.json'], lhciExit: 1 },
];

describe('where the action is stricter than lhci assert, on purpose', () => {
  it('fails a warn-level assertion that measured nothing (an audit the runs lack), which lhci assert only warns about', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lhci-parity-'));
    await placeResults(dir, SETS.light);
    const config = path.join(dir, 'warn-missing.json');
    await writeFile(config, JSON.stringify({ ci: { assert: { assertions: { 'categories:performance': ['error', { minScore: 0.9 }], 'first-meaningful-paint': ['warn', { maxNumericValue: 2000 }] } } } }));
    const lhci = await runLhciAssert(dir, config);
    const ours = await runAction(dir, config);
    expect(lhci.code).toBe(0);
    expect(ours.failing).toEqual(lhci.failing);
    expect(ours).toMatchObject({ decision: 'fail', failedAssertions: ['first-meaningful-paint'] });
  });

  it('judges a preset\'s insights that Lighthouse renamed after LHCI\'s own Lighthouse, which lhci assert on the same runs fails as not run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lhci-parity-'));
    await placeResults(dir, SETS.shift);
    const config = path.join(dir, 'recommended.json');
    await copyFile(path.join(CONFIGS, 'recommended.json'), config);
    const lhci = await runLhciAssert(dir, config);
    const ours = await runAction(dir, config);
    const notRun = (failing: string[]) => failing.map((text) => JSON.parse(text) as { key: string; name: string }).filter((r) => r.name === 'auditRan').map((r) => r.key);
    expect([...new Set(notRun(lhci.failing))].sort()).toEqual(Object.keys(RENAMED_AUDITS).sort());
    expect(notRun(ours.failing)).toEqual([]);
    // Everything else agrees.
    const others = (failing: string[]) => failing.filter((text) => !Object.keys(RENAMED_AUDITS).some((id) => text.includes(`"key":"${id}"`)));
    expect(others(ours.failing)).toEqual(others(lhci.failing));
  });
});

describe('parity with lhci assert', () => {
  it.each(CASES)('$name', async ({ set, config, files = [], lhciExit }) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lhci-parity-'));
    // As LHCI's own Lighthouse would have written them; the action reads the same files.
    await placeResults(dir, SETS[set], true);
    const configFile = path.isAbsolute(config) ? config : path.join(dir, config);
    for (const file of path.isAbsolute(config) ? files : [config, ...files]) await copyFile(path.join(CONFIGS, file), path.join(dir, file));
    const ours = await runAction(dir, configFile);
    const lhci = await runLhciAssert(dir, configFile);
    expect(lhci.code).toBe(lhciExit);
    expect(ours.failing).toEqual(lhci.failing);
    expect(ours.decision).toBe(lhci.code === 1 ? 'fail' : 'pass');
    // The failed-assertions output: LHCI's error-level failures, and the assertions that read no value at any level (see isUnmeasured).
    const blocking = (r: { key: string; level: string; name: string; actual: number | null }) => r.level === 'error' || r.name === 'auditRan' || r.actual === null;
    const lhciErrorKeys = lhci.failing.map((text) => JSON.parse(text) as { key: string; level: string; name: string; actual: number | null }).filter(blocking).map((r) => r.key);
    expect([...ours.failedAssertions].sort()).toEqual([...new Set(lhciErrorKeys)].sort());
    if (lhciExit === 1) expect(ours.failing.length).toBeGreaterThan(0);
  });
});
