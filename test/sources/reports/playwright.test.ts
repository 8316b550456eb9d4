import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PlaywrightReport, type PlaywrightTest, locatePlaywrightTest, parsePlaywrightReport, readPlaywright } from '../../../src/sources/reports/playwright.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// Fixtures: test/fixtures/playwright/ORIGIN.md. They ran in
// /tmp/rg-playwright-shop (config at its root, specs in e2e/).
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/playwright');
const SHOP = '/tmp/rg-playwright-shop';

function loadJson(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as unknown;
}

function parseFixture(name: string): PlaywrightReport {
  const parsed = parsePlaywrightReport(loadJson(name), name);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.value;
}

function testTitled(report: PlaywrightReport, title: string): PlaywrightTest {
  const found = report.tests.find((t) => t.title === title);
  if (!found) throw new Error(`no test ${title}`);
  return found;
}

describe('parsePlaywrightReport', () => {
  it('reads a finished run: one pass, one failure (after its retry), one flaky, two skipped', () => {
    const report = parseFixture('gen-playwright-report.json');
    expect(report.counts).toEqual({ tests: 5, passed: 1, failed: 1, flaky: 1, skipped: 2, interrupted: 0 });
    expect(report.rootDir).toBe('/tmp/rg-playwright-shop/e2e');
    expect(report.runErrors).toEqual([]);
    expect(report.tests.map((t) => [t.title, t.file, t.line, t.outcome])).toEqual([
      ['checkout › shows the order total', 'checkout.spec.mjs', 22, 'expected'],
      ['checkout › confirms the payment', 'checkout.spec.mjs', 26, 'unexpected'],
      ['checkout › applies a gift card', 'checkout.spec.mjs', 31, 'skipped'],
      ['loads the basket badge', 'flaky.spec.mjs', 5, 'flaky'],
      ['waits for the slow receipt', 'slow.spec.mjs', 5, 'skipped'],
    ]);
  });

  it('keeps the last error of a failed test, without colour codes, and where it was thrown', () => {
    const failed = testTitled(parseFixture('gen-playwright-report.json'), 'checkout › confirms the payment');
    expect(failed.message).toBe(
      'Error: expect(locator).toHaveText(expected) failed\nLocator:  locator(\'#status\')\nExpected: "Payment confirmed"\nReceived: "Payment received"\nTimeout:  500ms',
    );
    expect(failed.errorLocation).toEqual({ file: '/tmp/rg-playwright-shop/e2e/checkout.spec.mjs', line: 28 });
    const flaky = testTitled(parseFixture('gen-playwright-report.json'), 'loads the basket badge');
    expect(flaky.message).toBe('Error: expect(locator).toHaveText(expected) failed\nLocator:  locator(\'#badge\')\nExpected: "2"\nReceived: "0"\nTimeout:  500ms');
  });

  it('marks a test cut short by Ctrl-C as interrupted, though Playwright counts it skipped', () => {
    const report = parseFixture('gen-playwright-interrupted.json');
    expect(report.counts).toEqual({ tests: 5, passed: 1, failed: 1, flaky: 1, skipped: 2, interrupted: 1 });
    const slow = testTitled(report, 'waits for the slow receipt');
    expect([slow.outcome, slow.interrupted, slow.errorLocation]).toEqual(['skipped', true, { file: '/tmp/rg-playwright-shop/e2e/slow.spec.mjs', line: 8 }]);
    expect(report.runErrors).toEqual([]);
  });

  it('keeps errors outside any test, such as a global timeout', () => {
    const report = parseFixture('gen-playwright-global-timeout.json');
    expect(report.runErrors).toEqual(['Timed out waiting 12s for the test suite to run', 'Timed out waiting 12s for the teardown for test suite to run']);
    expect(report.counts.interrupted).toBe(0);
  });
});

describe('parsePlaywrightReport faults', () => {
  it('rejects JSON without stats and suites', () => {
    expect(parsePlaywrightReport({ checks: [] }, 'report.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: "report.json: not a Playwright JSON report: it has no `stats` and `suites` (write it with reporter: [['json', { outputFile }]])" },
    });
    expect(parsePlaywrightReport([1, 2], 'a.json').ok).toBe(false);
  });

  it('rejects stats that disagree with the suites', () => {
    const edited = loadJson('gen-playwright-report.json') as { stats: { unexpected: number } };
    edited.stats.unexpected = 0;
    expect(parsePlaywrightReport(edited, 'results.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'results.json: stats.unexpected is 0 but the suites hold 1 unexpected tests; the report is incomplete or was edited' },
    });
  });

  it('names the path of a field with the wrong shape', () => {
    const edited = loadJson('gen-playwright-report.json') as { suites: { suites: { specs: { tests: { status: string }[] }[] }[] }[] };
    edited.suites[0]!.suites[0]!.specs[1]!.tests[0]!.status = 'failed';
    const parsed = parsePlaywrightReport(edited, 'results.json');
    expect(parsed.ok === false && parsed.error.message).toMatch(/^results\.json: not a Playwright JSON report: suites\.0\.suites\.0\.specs\.1\.tests\.0\.status: /);
  });
});

describe('locatePlaywrightTest', () => {
  const report = parseFixture('gen-playwright-report.json');

  it('annotates where the error was thrown when that is in the workspace', () => {
    expect(locatePlaywrightTest(testTitled(report, 'checkout › confirms the payment'), report.rootDir, SHOP)).toEqual({ path: 'e2e/checkout.spec.mjs', line: 28 });
    expect(locatePlaywrightTest(testTitled(report, 'loads the basket badge'), report.rootDir, SHOP)).toEqual({ path: 'e2e/flaky.spec.mjs', line: 8 });
  });

  it('falls back to the spec line, through rootDir, or as written when rootDir is elsewhere', () => {
    const skipped = testTitled(report, 'checkout › applies a gift card');
    expect(locatePlaywrightTest(skipped, report.rootDir, SHOP)).toEqual({ path: 'e2e/checkout.spec.mjs', line: 31 });
    expect(locatePlaywrightTest(testTitled(report, 'checkout › confirms the payment'), report.rootDir, '/work/elsewhere')).toEqual({ path: 'checkout.spec.mjs', line: 26 });
  });
});

describe('readPlaywright', () => {
  it('sums the reports a glob matches (shards)', async () => {
    const run = await readPlaywright('test/fixtures/playwright/gen-playwright-{report,interrupted}.json', REPO_ROOT);
    expect(run.ok && run.value.reports.map((r) => r.file)).toEqual(['test/fixtures/playwright/gen-playwright-interrupted.json', 'test/fixtures/playwright/gen-playwright-report.json']);
    expect(run.ok && run.value.counts).toEqual({ tests: 10, passed: 2, failed: 2, flaky: 2, skipped: 4, interrupted: 1 });
  });

  it('is missing for a missing file and malformed, naming it, for a file that is not JSON', async () => {
    expect(await readPlaywright('playwright-report/results.json', REPO_ROOT)).toEqual({
      ok: false,
      error: { kind: 'missing', message: 'file not found: playwright-report/results.json' },
    });
    const notJson = await readPlaywright('test/fixtures/junit/gen-playwright-junit.xml', REPO_ROOT);
    expect(notJson.ok === false && notJson.error).toEqual({ kind: 'malformed', message: 'test/fixtures/junit/gen-playwright-junit.xml:1:1: not valid JSON: expected a value' });
  });
});

describe('parsePlaywrightReport: numbers and statuses are validated, not trusted', () => {
  type Suite = { specs: { tests: { status: string; results: Record<string, unknown>[] }[] }[]; suites: Suite[] };
  type Doc = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: Suite[] };
  const edited = (edit: (doc: Doc) => void) => {
    const doc = structuredClone(loadJson('gen-playwright-report.json')) as Doc;
    edit(doc);
    const parsed = parsePlaywrightReport(doc, 'results.json');
    return parsed.ok ? 'read' : `${parsed.error.kind}: ${parsed.error.message}`;
  };

  it.each([-1, 0.5])('refuses stats that are negative or not whole (%s)', (value) => {
    expect(edited((doc) => void (doc.stats.unexpected = value))).toMatch(/^malformed: results\.json: not a Playwright JSON report: stats\.unexpected: /);
  });

  it('refuses a negative duration or retry in a result', () => {
    expect(edited((doc) => void (doc.suites[1]!.specs[0]!.tests[0]!.results[0]!.duration = -5))).toMatch(/^malformed: results\.json: not a Playwright JSON report: suites\.1\.specs\.0\.tests\.0\.results\.0\.duration: /);
    expect(edited((doc) => void (doc.suites[1]!.specs[0]!.tests[0]!.results[0]!.retry = -1))).toMatch(/results\.0\.retry: /);
  });

  it('refuses a test marked expected over failed results, with the stats edited to match', () => {
    const message = edited((doc) => {
      const failing = doc.suites[0]!.suites[0]!.specs[1]!.tests[0]!;
      failing.status = 'expected';
      doc.stats.expected += 1;
      doc.stats.unexpected -= 1;
    });
    expect(message).toBe('malformed: results.json: the test at checkout.spec.mjs:26 is marked expected but its results make it unexpected; the report was edited or is not Playwright\'s');
  });

  it('reads every real fixture, interrupted and timed-out runs included', () => {
    for (const name of ['gen-playwright-report.json', 'gen-playwright-interrupted.json', 'gen-playwright-global-timeout.json']) expect(parseFixture(name).file).toBe(name);
  });
});
