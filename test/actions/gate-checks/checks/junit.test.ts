import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { junitCheck } from '../../../../src/actions/gate-checks/checks/junit.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'unit-tests', type: 'junit', level: 'required', entry: { type: 'junit', ...entry } });
const ENV: CheckEnvironment = { workspace: REPO_ROOT, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
const DIR = 'test/fixtures/junit';

describe('junit check', () => {
  it('fails on failed tests and annotates each at the frame in its test file', async () => {
    const { report, annotations } = await evaluateCheck(spec({ path: `${DIR}/gen-vitest.xml`, 'max-failed': 0 }), junitCheck, ENV);
    // `tests` counts the tests that ran: 4 listed, 1 skipped.
    expect(report).toMatchObject({ status: 'fail', value: 2, threshold: 0, unit: 'count', samples: 3, message: 'failed 2 > max-failed 0' });
    expect(report.evidence.measurements).toEqual({ failed: 2, errors: 0, flaky: 0, skipped: 1, passed: 1, tests: 3, 'pass-rate': (1 / 3) * 100 });
    expect(annotations).toEqual([
      {
        path: 'test/cart.test.cjs',
        line: 12,
        level: 'failure',
        title: 'test/cart.test.cjs › cart > discounts > rounds a discount down',
        message: 'expected 899 to be 900 // Object.is equality',
      },
      { path: 'test/cart.test.cjs', line: 21, level: 'failure', title: 'test/cart.test.cjs › cart > parses a quantity typed with spaces', message: 'not a quantity:  2.5' },
    ]);
  });

  it('passes within its limits, with no annotations, and says which limits held', async () => {
    const { report, annotations } = await evaluateCheck(spec({ path: `${DIR}/repo-mikepenz-cargo-nextest.xml`, 'max-failed': 1, 'min-tests': 3 }), junitCheck, ENV);
    expect(report).toMatchObject({ status: 'pass', value: 1, threshold: 1, message: 'failed 1 <= max-failed 1; tests 3 >= min-tests 3' });
    expect(annotations).toEqual([]);
  });

  it('counts Surefire flaky tests as flaky, not failed, and warns on them at warning level', async () => {
    const entry = { path: `${DIR}/repo-enricomi-surefire-flaky.xml`, 'max-failed': 2, 'warn-max-flaky': 1 };
    const { report, annotations } = await evaluateCheck(spec(entry), junitCheck, ENV);
    expect(report).toMatchObject({ status: 'warn', value: 2, threshold: 1, message: 'flaky 2 > warn-max-flaky 1' });
    expect(report.evidence.flaky).toEqual(['example.ExampleTests › failsAssertionOnlyFirstAttempt', 'example.ExampleTests › throwsOnlyFirstAttempt']);
    expect(annotations.map((a) => [a.level, a.path, a.line, a.title])).toEqual([
      ['failure', 'ExampleTests.java', 26, 'example.ExampleTests › throwsAlways'],
      ['failure', 'ExampleTests.java', 40, 'example.ExampleTests › failsAssertionAlways'],
      ['warning', 'ExampleTests.java', 32, 'example.ExampleTests › failsAssertionOnlyFirstAttempt (flaky: passed on a rerun)'],
      ['warning', 'ExampleTests.java', 18, 'example.ExampleTests › throwsOnlyFirstAttempt (flaky: passed on a rerun)'],
    ]);
  });

  it('holds the pass rate of the tests that ran (pytest: 1 of 4, skips and xfails aside)', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/gen-pytest.xml`, 'min-pass-rate': '90%' }), junitCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 25, threshold: 90, unit: '%', message: 'pass-rate 25% < min-pass-rate 90%' });
    expect(report.evidence.failures).toEqual([
      { test: 'tests.test_cart › test_rounds_a_discount_down', outcome: 'failed', message: 'assert 899 == 900\n +  where 899 = apply_discount(999, 10)' },
      { test: 'tests.test_cart › test_reads_catalogue', outcome: 'error', message: 'failed on setup with "RuntimeError: catalogue service unavailable"' },
      { test: 'tests.test_cart › test_prints_a_receipt', outcome: 'error', message: 'failed on teardown with "OSError: printer offline"' },
    ]);
  });

  it('sums a glob and lists each file', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/gen-jest-junit*.xml`, 'max-failed': 0 }), junitCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 6, samples: 8, message: 'failed 6 > max-failed 0' });
    expect(report.evidence.files).toEqual([
      { file: `${DIR}/gen-jest-junit-file-attribute.xml`, tests: 4, passed: 1, failures: 2, errors: 0, flaky: 0, skipped: 1, suitesCountedFromAttributes: 0 },
      { file: `${DIR}/gen-jest-junit-suite-error.xml`, tests: 2, passed: 0, failures: 1, errors: 1, flaky: 0, skipped: 0, suitesCountedFromAttributes: 0 },
      { file: `${DIR}/gen-jest-junit.xml`, tests: 4, passed: 1, failures: 2, errors: 0, flaky: 0, skipped: 1, suitesCountedFromAttributes: 0 },
    ]);
    expect(report.evidence.failuresNotShown).toBe(0);
  });

  it('has no pass rate when no test ran, and a minimum of tests catches the empty run', async () => {
    const entry = { path: `${DIR}/repo-dorny-jest-junit-empty-testsuite.xml`, 'min-pass-rate': 90, 'min-tests': 1 };
    const { report } = await evaluateCheck(spec(entry), junitCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 0, threshold: 1, message: 'pass-rate: no data (min-pass-rate 90%); tests 0 < min-tests 1' });
  });

  it('fails when the report is missing and errors when it is malformed', async () => {
    const missing = await evaluateCheck(spec({ path: 'reports/junit.xml', 'max-failed': 0 }), junitCheck, ENV);
    expect(missing.report).toMatchObject({ status: 'fail', value: null, message: 'file not found: reports/junit.xml' });
    const malformed = await evaluateCheck(spec({ path: `${DIR}/repo-mikepenz-surefire-truncated.xml`, 'max-failed': 0 }), junitCheck, ENV);
    expect(malformed.report).toMatchObject({
      status: 'error',
      message: `${DIR}/repo-mikepenz-surefire-truncated.xml: not valid XML: it ends with <testsuite>, <testcase>, <system-out> still open; the file is cut short`,
    });
  });

  it('rejects a threshold it does not know', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/gen-vitest.xml`, 'max-faild': 0 }), junitCheck, ENV);
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/^check `unit-tests`: unknown threshold `max-faild`; this check accepts max-failed, min-failed, /);
  });

  describe('nothing judged is not a pass', () => {
    const workspaceWith = async (files: Record<string, string>) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-junit-check-'));
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
      return { ...ENV, workspace: dir };
    };

    it('2 failing tests and no thresholds fail on the default max-failed: 0, named as a default', async () => {
      const { report } = await evaluateCheck(spec({ path: `${DIR}/gen-vitest.xml` }), junitCheck, ENV);
      expect(report).toMatchObject({ status: 'fail', value: 2, threshold: 0, message: 'failed 2 > max-failed (default) 0' });
      expect(report.evidence.comparisons).toContainEqual(expect.objectContaining({ key: 'min-tests (default)', status: 'pass' }));
    });

    it('an empty <testsuites/> fails on the default min-tests: 1; min-tests: 0 says an empty run is fine', async () => {
      const env = await workspaceWith({ 'empty.xml': '<testsuites/>' });
      expect((await evaluateCheck(spec({ path: 'empty.xml' }), junitCheck, env)).report).toMatchObject({ status: 'fail', value: 0, threshold: 1, message: 'tests 0 < min-tests (default) 1' });
      expect((await evaluateCheck(spec({ path: 'empty.xml', 'min-tests': 0 }), junitCheck, env)).report).toMatchObject({ status: 'pass' });
    });

    it('an all-skipped run ran no test, so it fails min-tests', async () => {
      const env = await workspaceWith({ 'skipped.xml': '<testsuite name="a"><testcase name="x"><skipped/></testcase><testcase name="y"><skipped/></testcase></testsuite>' });
      const { report } = await evaluateCheck(spec({ path: 'skipped.xml', 'max-failed': 0 }), junitCheck, env);
      expect(report).toMatchObject({ status: 'fail', message: 'tests 0 < min-tests (default) 1' });
      expect(report.evidence.measurements).toMatchObject({ tests: 0, skipped: 2, 'pass-rate': null });
    });

    it('a failures attribute that is not a whole number is an error naming the file and attribute', async () => {
      const env = await workspaceWith({ 'bad.xml': '<testsuites>\n<testsuite name="a" failures="abc"><testcase name="x"/></testsuite>\n</testsuites>' });
      expect((await evaluateCheck(spec({ path: 'bad.xml' }), junitCheck, env)).report).toMatchObject({
        status: 'error',
        message: 'bad.xml:2: <testsuite> attribute `failures` is not a whole number ≥ 0',
      });
    });

    it('holds the pass rate exactly: 57 of 100 is min-pass-rate 57, though doubles make it 56.99999999999999', async () => {
      const cases = Array.from({ length: 100 }, (_, i) => `<testcase name="t${i}">${i < 43 ? '<failure/>' : ''}</testcase>`).join('');
      const env = await workspaceWith({ 'rate.xml': `<testsuite name="a">${cases}</testsuite>` });
      const { report } = await evaluateCheck(spec({ path: 'rate.xml', 'min-pass-rate': 57 }), junitCheck, env);
      expect(report.status).toBe('pass');
    });
  });
});
