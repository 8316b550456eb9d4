import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/run-bundle.js';
import type { Scenario } from './scenario.js';

/**
 * Failing inputs of gate-checks and lighthouse-budget, each on a real tool's
 * output from the fixtures (their origins are in the fixtures' ORIGIN.md):
 * a policy of one check, or one set of saved Lighthouse results, whose
 * evidence says no.
 */
const fixture = (relative: string): string => readFileSync(path.join(REPO_ROOT, 'test/fixtures', relative), 'utf8');

/** One gate-checks check on one evidence file, in a workspace of its own. */
function gate(check: string, file: string, text: string): Scenario {
  return {
    action: 'gate-checks',
    files: { 'gates.yml': `checks:\n  evidence: ${check}\n`, [file]: text },
    inputs: { policy: 'gates.yml', now: '2026-11-24T11:00:00Z', 'fail-on-no-go': 'false' },
  };
}

/** Jest's JUnit (jest-junit) with 2 failing tests, and no thresholds: the defaults judge it. */
export const JUNIT_XML = fixture('junit/gen-jest-junit.xml');
export const failingJunit = (): Scenario => gate('{ type: junit, path: junit.xml }', 'junit.xml', JUNIT_XML);

/** Playwright's JSON reporter with one unexpected failure. */
export const PLAYWRIGHT_REPORT = JSON.parse(fixture('playwright/gen-playwright-report.json')) as object;
export const failingPlaywright = (): Scenario => gate('{ type: playwright, path: results.json, max-flaky: 5 }', 'results.json', JSON.stringify(PLAYWRIGHT_REPORT));

/** Vitest's istanbul summary at 20% of lines, held to 80%. */
export const COVERAGE_SUMMARY = JSON.parse(fixture('coverage/vitest-coverage-summary.json')) as object;
export const failingCoverage = (): Scenario => gate('{ type: coverage, path: coverage-summary.json, min-lines: 80 }', 'coverage-summary.json', JSON.stringify(COVERAGE_SUMMARY));

/** npm 7+ `npm audit --json` with a critical advisory: the default max-critical 0 fails it. */
export const NPM_AUDIT = JSON.parse(fixture('npm-audit/npm-critical.npm7-output.json')) as object;
export const failingAudit = (): Scenario => gate('{ type: npm-audit, path: audit.json }', 'audit.json', JSON.stringify(NPM_AUDIT));

/** Three real mobile Lighthouse runs of a heavy page, over the default LCP budget of 2.5 s. */
const HEAVY = 'lighthouse-budget/heavy-mobile';
export const HEAVY_RUNS: Record<string, object> = Object.fromEntries(readdirSync(path.join(REPO_ROOT, 'test/fixtures', HEAVY)).map((name) => [name, JSON.parse(fixture(`${HEAVY}/${name}`)) as object]));
export const FIRST_HEAVY_RUN = Object.keys(HEAVY_RUNS).sort()[0]!;

export function failingLighthouse(): Scenario {
  const files = Object.fromEntries(Object.entries(HEAVY_RUNS).map(([name, lhr]) => [`results/${name}`, JSON.stringify(lhr)]));
  return { action: 'lighthouse-budget', files, inputs: { 'results-path': 'results', 'max-lcp': '2.5s', 'fail-on-fail': 'false' } };
}
