import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { playwrightCheck } from '../../../../src/actions/gate-checks/checks/playwright.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'e2e', type: 'playwright', level: 'required', entry: { type: 'playwright', ...entry } });
const ENV: CheckEnvironment = { workspace: REPO_ROOT, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
const DIR = 'test/fixtures/playwright';
const REPORT = `${DIR}/gen-playwright-report.json`;
const FAILED_MESSAGE = 'Error: expect(locator).toHaveText(expected) failed\nLocator:  locator(\'#status\')\nExpected: "Payment confirmed"\nReceived: "Payment received"\nTimeout:  500ms';

describe('playwright check', () => {
  it('fails on an unexpected test and annotates it, and the flaky one as a warning', async () => {
    const { report, annotations } = await evaluateCheck(spec({ path: REPORT, 'max-failed': 0 }), playwrightCheck, ENV);
    // `tests` counts the tests that ran: 5 listed, 2 skipped; the pass rate is over them, the flaky one passing.
    expect(report).toMatchObject({ status: 'fail', value: 1, threshold: 0, unit: 'count', samples: 3, message: 'failed 1 > max-failed 0' });
    expect(report.evidence.measurements).toEqual({ failed: 1, flaky: 1, skipped: 2, passed: 1, tests: 3, 'pass-rate': (2 / 3) * 100 });
    expect(report.evidence.failures).toEqual([{ test: 'checkout › confirms the payment', file: 'checkout.spec.mjs', line: 26, message: FAILED_MESSAGE }]);
    // The report was written in /tmp/rg-playwright-shop, outside this workspace,
    // so the annotations fall back to the spec files as the report names them.
    expect(annotations).toEqual([
      { path: 'checkout.spec.mjs', line: 26, level: 'failure', title: 'checkout › confirms the payment', message: FAILED_MESSAGE },
      {
        path: 'flaky.spec.mjs',
        line: 5,
        level: 'warning',
        title: 'loads the basket badge (flaky: passed on a retry)',
        message: 'Error: expect(locator).toHaveText(expected) failed\nLocator:  locator(\'#badge\')\nExpected: "2"\nReceived: "0"\nTimeout:  500ms',
      },
    ]);
  });

  it('passes within its limits with no annotations', async () => {
    const entry = { path: REPORT, 'max-failed': 1, 'max-flaky': 1, 'min-passed': 1 };
    const { report, annotations } = await evaluateCheck(spec(entry), playwrightCheck, ENV);
    expect(report).toMatchObject({
      status: 'pass',
      value: 1,
      threshold: 1,
      message: 'failed 1 <= max-failed 1; flaky 1 <= max-flaky 1; passed 1 >= min-passed 1; tests 3 >= min-tests (default) 1',
    });
    expect(annotations).toEqual([]);
  });

  it('fails a run cut short by Ctrl-C whatever the limits say', async () => {
    const entry = { path: `${DIR}/gen-playwright-interrupted.json`, 'max-failed': 1, 'max-skipped': 2 };
    const { report, annotations } = await evaluateCheck(spec(entry), playwrightCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 'incomplete run', threshold: null, unit: '', message: 'the Playwright run did not finish: 1 interrupted test' });
    expect(report.evidence.interrupted).toEqual(['waits for the slow receipt']);
    expect(annotations.map((a) => [a.level, a.path, a.line, a.title])).toEqual([
      ['failure', 'checkout.spec.mjs', 26, 'checkout › confirms the payment'],
      ['warning', 'flaky.spec.mjs', 5, 'loads the basket badge (flaky: passed on a retry)'],
      ['warning', 'slow.spec.mjs', 5, 'waits for the slow receipt (interrupted)'],
    ]);
  });

  it('fails a run ended by the global timeout, naming the file; Playwright\'s words stay in the evidence', async () => {
    const file = `${DIR}/gen-playwright-global-timeout.json`;
    const { report } = await evaluateCheck(spec({ path: file, 'max-failed': 5 }), playwrightCheck, ENV);
    expect(report.status).toBe('fail');
    expect(report.message).toBe(`the Playwright run did not finish: 2 errors outside any test in ${file} (see evidence.runErrors)`);
    expect(report.evidence.runErrors).toEqual([
      `${file}: Timed out waiting 12s for the test suite to run`,
      `${file}: Timed out waiting 12s for the teardown for test suite to run`,
    ]);
  });

  describe('nothing judged is not a pass', () => {
    const write = async (name: string, body: unknown) => {
      const { mkdtemp, writeFile } = await import('node:fs/promises');
      const os = await import('node:os');
      const path = await import('node:path');
      const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-pw-check-'));
      await writeFile(path.join(dir, name), JSON.stringify(body));
      return { ...ENV, workspace: dir };
    };
    const EMPTY = { config: {}, suites: [], errors: [], stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } };

    it('a failing test with no thresholds fails on the default max-failed: 0', async () => {
      const { report } = await evaluateCheck(spec({ path: REPORT }), playwrightCheck, ENV);
      expect(report).toMatchObject({ status: 'fail', value: 1, threshold: 0, message: 'failed 1 > max-failed (default) 0' });
    });

    it('a report with 0 tests fails on the default min-tests: 1, unless the policy says min-tests: 0', async () => {
      const env = await write('results.json', EMPTY);
      expect((await evaluateCheck(spec({ path: 'results.json' }), playwrightCheck, env)).report).toMatchObject({ status: 'fail', value: 0, threshold: 1, message: 'tests 0 < min-tests (default) 1' });
      expect((await evaluateCheck(spec({ path: 'results.json', 'min-tests': 0 }), playwrightCheck, env)).report.status).toBe('pass');
    });

    it('min-pass-rate bounds failures itself, so the default max-failed gives way to it', async () => {
      const { report } = await evaluateCheck(spec({ path: REPORT, 'min-pass-rate': '60%' }), playwrightCheck, ENV);
      expect(report).toMatchObject({ status: 'pass', message: 'pass-rate 66.67% >= min-pass-rate 60%; tests 3 >= min-tests (default) 1' });
    });
  });

  it('fails when the report is missing and errors when it is not a Playwright report', async () => {
    const missing = await evaluateCheck(spec({ path: 'playwright-report/results.json', 'max-failed': 0 }), playwrightCheck, ENV);
    expect(missing.report).toMatchObject({ status: 'fail', message: 'file not found: playwright-report/results.json' });
    // Some other JSON: this repository's package.json.
    const other = await evaluateCheck(spec({ path: 'package.json', 'max-failed': 0 }), playwrightCheck, ENV);
    expect(other.report).toMatchObject({
      status: 'error',
      message: "package.json: not a Playwright JSON report: it has no `stats` and `suites` (write it with reporter: [['json', { outputFile }]])",
    });
  });
});
