import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JunitCase, type JunitFile, parseJunit, readJunit } from '../../../src/sources/reports/junit.js';
import { caseTitle, locateCase } from '../../../src/sources/reports/junit-case.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// Fixtures and their origins: test/fixtures/junit/ORIGIN.md. The generated
// ones ran in /tmp/rg-junit-shop (Playwright's in /tmp/rg-playwright-shop),
// so that is the workspace their stack traces point into.
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/junit');
const SHOP = '/tmp/rg-junit-shop';

function parseFixture(name: string): JunitFile {
  const parsed = parseJunit(readFileSync(path.join(FIXTURES, name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.value;
}

function caseNamed(file: JunitFile, name: string): JunitCase {
  const found = file.failedOrFlaky.find((c) => c.name === name);
  if (!found) throw new Error(`no testcase ${name} in ${file.file}`);
  return found;
}

describe('parseJunit counts every testcase once', () => {
  // [fixture, tests, passed, failures, errors, flaky, skipped], checked by hand against each file.
  const table: [string, number, number, number, number, number, number][] = [
    ['gen-vitest.xml', 4, 1, 2, 0, 0, 1],
    ['gen-jest-junit.xml', 4, 1, 2, 0, 0, 1],
    ['gen-jest-junit-file-attribute.xml', 4, 1, 2, 0, 0, 1],
    // jest-junit writes a broken test file as two testcases, an <error> and a <failure>.
    ['gen-jest-junit-suite-error.xml', 2, 0, 1, 1, 0, 0],
    // pytest writes an xfail as <skipped>, and a passing test whose fixture failed on
    // teardown as one testcase with an <error> (its tests="7" counts that twice).
    ['gen-pytest.xml', 6, 1, 1, 2, 0, 2],
    ['gen-pytest-collection-error.xml', 1, 0, 0, 1, 0, 0],
    // Playwright's junit reporter has no flaky marker: the retried test is a plain pass.
    ['gen-playwright-junit.xml', 5, 2, 1, 0, 0, 2],
    ['repo-dorny-go-junit-report.xml', 5, 2, 2, 0, 0, 1],
    ['repo-dorny-jest-junit-empty-testsuite.xml', 0, 0, 0, 0, 0, 0],
    ['repo-dorny-phpunit-nested.xml', 12, 10, 2, 0, 0, 0],
    // The suite's attributes say tests="2"; it holds four testcases, two of them flaky.
    ['repo-enricomi-surefire-flaky.xml', 4, 0, 1, 1, 2, 0],
    ['repo-liquidtestreports-dotnet-junitlogger-xunit.xml', 7, 3, 3, 0, 0, 1],
    ['repo-mikepenz-cargo-nextest.xml', 3, 2, 1, 0, 0, 0],
    // The root's attributes say tests="8"; three testcases are there.
    ['repo-mikepenz-container-structure-test.xml', 3, 3, 0, 0, 0, 0],
    ['repo-mikepenz-surefire-errors-EmailAddressTest.xml', 9, 2, 2, 5, 0, 0],
  ];
  it.each(table)('%s', (name, tests, passed, failures, errors, flaky, skipped) => {
    const file = parseFixture(name);
    expect(file.counts).toEqual({ tests, passed, failures, errors, flaky, skipped });
    // Only the testcases evidence and annotations show are kept.
    expect(file.failedOrFlaky.map((c) => c.outcome).sort()).toEqual([...Array(errors).fill('error'), ...Array(failures).fill('failed'), ...Array(flaky).fill('flaky')]);
    expect(file.suitesCountedFromAttributes).toBe(0);
  });
});

describe('parseJunit outcomes and messages', () => {
  it('reads Surefire reruns: flakyFailure/flakyError passed on a rerun, rerunFailure/rerunError still failed', () => {
    const file = parseFixture('repo-enricomi-surefire-flaky.xml');
    expect(file.failedOrFlaky.map((c) => [c.name, c.outcome])).toEqual([
      ['throwsAlways', 'error'],
      ['failsAssertionAlways', 'failed'],
      ['failsAssertionOnlyFirstAttempt', 'flaky'],
      ['throwsOnlyFirstAttempt', 'flaky'],
    ]);
    expect(caseNamed(file, 'failsAssertionAlways').message).toBe('Always fails assertion ==> expected: <1> but was: <2>');
    expect(caseNamed(file, 'throwsOnlyFirstAttempt').message).toBe('First attempt throws exception');
    expect(caseNamed(file, 'throwsOnlyFirstAttempt').details).toContain('at example.ExampleTests.throwsOnlyFirstAttempt(ExampleTests.java:18)');
  });

  it('names nested PHPUnit suites outermost first', () => {
    // The fixture's failures are in its outer suite; fail one test of a nested suite.
    const xml = readFileSync(path.join(FIXTURES, 'repo-dorny-phpunit-nested.xml'), 'utf8').replace(
      /(<testcase name="testCollectsEventsUntilFlush"[^>]*)\/>/,
      '$1><failure type="PHPUnit\\Framework\\ExpectationFailedException">Failed asserting that 0 is identical to 1.</failure></testcase>',
    );
    const parsed = parseJunit(xml, 'phpunit.xml');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.counts).toMatchObject({ tests: 12, passed: 9, failures: 3 });
    const nested = caseNamed(parsed.value, 'testCollectsEventsUntilFlush');
    expect(nested.suites).toEqual(['CLI Arguments', 'PHPUnit\\Event\\DeferringDispatcherTest']);
    expect(nested.line).toBe(22);
    expect(nested.file).toBe('/home/matteo/OSS/phpunit/tests/unit/Event/Dispatcher/DeferringDispatcherTest.php');
    expect([nested.outcome, nested.message]).toEqual(['failed', 'Failed asserting that 0 is identical to 1.']);
  });

  it('decodes the .NET logger numeric character references in messages', () => {
    const file = parseFixture('repo-liquidtestreports-dotnet-junitlogger-xunit.xml');
    expect(caseNamed(file, 'TestTheory(expected: False)').message).toBe('Assert.Equal() Failure: Values differ\nExpected: False\nActual:   True');
    expect(file.counts.skipped).toBe(1);
    expect(file.failedOrFlaky.map((c) => c.name)).not.toContain('SkipTest');
  });

  it('takes the body\'s first lines, before the stack, when there is no message attribute (jest-junit)', () => {
    const file = parseFixture('gen-jest-junit.xml');
    expect(caseNamed(file, 'cart discounts rounds a discount down').message).toBe(
      'Error: expect(received).toBe(expected) // Object.is equality\nExpected: 900\nReceived: 899',
    );
  });

  it('falls back to "failed" for an empty <failure message="Failed"/> and keeps the go package as the class', () => {
    const file = parseFixture('repo-dorny-go-junit-report.xml');
    const bare = caseNamed(file, 'TestPackage3-4');
    expect([bare.outcome, bare.message, caseTitle(bare)]).toEqual(['failed', 'Failed', 'github.com/company/package3 › TestPackage3-4']);
  });

  it('titles tests by class, or by suite where the classname only repeats the name (jest-junit)', () => {
    expect(caseTitle(caseNamed(parseFixture('gen-jest-junit.xml'), 'cart discounts rounds a discount down'))).toBe('cart › cart discounts rounds a discount down');
    expect(caseTitle(caseNamed(parseFixture('gen-pytest.xml'), 'test_reads_catalogue'))).toBe('tests.test_cart › test_reads_catalogue');
    expect(caseTitle(caseNamed(parseFixture('gen-vitest.xml'), 'cart > discounts > rounds a discount down'))).toBe('test/cart.test.cjs › cart > discounts > rounds a discount down');
  });
});

describe('locateCase', () => {
  const located = (name: string, test: string, workspace: string) => locateCase(caseNamed(parseFixture(name), test), workspace);

  it("reads Vitest's relative frames, preferring one in the test's own file", () => {
    expect(located('gen-vitest.xml', 'cart > discounts > rounds a discount down', SHOP)).toEqual({ path: 'test/cart.test.cjs', line: 12 });
    // The frame in the test file (its classname) wins over the throw site in src/.
    expect(located('gen-vitest.xml', 'cart > parses a quantity typed with spaces', SHOP)).toEqual({ path: 'test/cart.test.cjs', line: 21 });
  });

  it('turns Jest\'s absolute frames into workspace paths and skips node_modules', () => {
    expect(located('gen-jest-junit.xml', 'cart discounts rounds a discount down', SHOP)).toEqual({ path: 'test/cart.test.cjs', line: 12 });
    // Without a file attribute the first workspace frame is the throw site.
    expect(located('gen-jest-junit.xml', 'cart parses a quantity typed with spaces', SHOP)).toEqual({ path: 'src/cart.cjs', line: 14 });
    // With one, the frame in the test's own file.
    expect(located('gen-jest-junit-file-attribute.xml', 'cart parses a quantity typed with spaces', SHOP)).toEqual({ path: 'test/cart.test.cjs', line: 21 });
  });

  it('finds pytest\'s relative locations and skips the interpreter\'s own files', () => {
    expect(located('gen-pytest.xml', 'test_rounds_a_discount_down', SHOP)).toEqual({ path: 'tests/test_cart.py', line: 32 });
    expect(located('gen-pytest.xml', 'test_reads_catalogue', SHOP)).toEqual({ path: 'tests/test_cart.py', line: 18 });
    expect(located('gen-pytest.xml', 'test_prints_a_receipt', SHOP)).toEqual({ path: 'tests/test_cart.py', line: 24 });
    expect(located('gen-pytest-collection-error.xml', 'tests.test_checkout', SHOP)).toEqual({ path: 'tests/test_checkout.py', line: 3 });
  });

  it('prefers Playwright\'s absolute frame over its testDir-relative title line', () => {
    expect(located('gen-playwright-junit.xml', 'checkout › confirms the payment', '/tmp/rg-playwright-shop')).toEqual({ path: 'e2e/checkout.spec.mjs', line: 28 });
    expect(located('gen-playwright-junit.xml', 'checkout › confirms the payment', '/elsewhere')).toEqual({ path: 'checkout.spec.mjs', line: 26 });
  });

  it('reads file attributes (PHPUnit) only when they are inside the workspace', () => {
    const test = 'targeting-traits-with-coversclass-attribute-is-deprecated.phpt';
    expect(located('repo-dorny-phpunit-nested.xml', test, '/home/matteo/OSS/phpunit')).toEqual({
      path: 'tests/end-to-end/metadata/targeting-traits-with-coversclass-attribute-is-deprecated.phpt',
      line: 28,
    });
    expect(located('repo-dorny-phpunit-nested.xml', test, SHOP)).toBeNull();
  });

  it('reads .NET `in C:\\…\\File.cs:line N` frames against a Windows workspace', () => {
    expect(located('repo-liquidtestreports-dotnet-junitlogger-xunit.xml', 'TestThrowingException', 'C:\\Dev\\LiquidTestReports')).toEqual({
      path: 'test/SampleProject/SampleProject/TestService.cs',
      line: 19,
    });
  });

  it('reads Rust panics and gives up on a failure with no location', () => {
    expect(located('repo-mikepenz-cargo-nextest.xml', 'test_failure', SHOP)).toEqual({ path: 'tests/parry3d.rs', line: 154 });
    expect(located('repo-dorny-go-junit-report.xml', 'TestPackage3-1', SHOP)).toBeNull();
  });
});

describe('parseJunit faults', () => {
  it('names the file, line and column of invalid XML', () => {
    const parsed = parseJunit('<testsuites>\n  <testsuite name="a">\n</testsuites>\n', 'reports/a.xml');
    expect(parsed).toEqual({
      ok: false,
      error: { kind: 'malformed', message: "reports/a.xml:3:1: not valid XML: Expected closing tag 'testsuite' (opened in line 2, col 3) instead of closing tag 'testsuites'." },
    });
  });

  it('says a cut-short file is cut short (a real truncated Surefire report)', () => {
    const xml = readFileSync(path.join(FIXTURES, 'repo-mikepenz-surefire-truncated.xml'), 'utf8');
    expect(parseJunit(xml, 'TEST-test.CorruptTest.xml')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'TEST-test.CorruptTest.xml: not valid XML: it ends with <testsuite>, <testcase>, <system-out> still open; the file is cut short' },
    });
  });

  it('rejects an empty file, JSON and XML with another root', () => {
    expect(parseJunit('  \n', 'empty.xml')).toEqual({ ok: false, error: { kind: 'malformed', message: 'empty.xml is empty; the test run may have stopped before writing its report' } });
    expect(parseJunit('{"tests": 3}', 'r.json')).toEqual({ ok: false, error: { kind: 'malformed', message: "r.json:1:1: not valid XML: char '{' is not expected." } });
    expect(parseJunit('<?xml version="1.0"?>\n<coverage line-rate="0.9"/>', 'cobertura.xml')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'cobertura.xml: not a JUnit report: expected a <testsuites> or <testsuite> root, found root <coverage>' },
    });
  });
});

describe('parseJunit without testcases', () => {
  it('counts a suite that has no testcases from its attributes, so a crashed suite is not silently zero', () => {
    // The shape a suite-level failure takes when the runner wrote no testcase (a class whose setup failed).
    const xml = '<testsuites><testsuite name="LoginSuite" tests="0" errors="1" failures="0"/><testsuite name="Cart"><testcase name="adds"/></testsuite></testsuites>';
    const parsed = parseJunit(xml, 'x.xml');
    expect(parsed.ok && parsed.value.counts).toEqual({ tests: 2, passed: 1, failures: 0, errors: 1, flaky: 0, skipped: 0 });
    expect(parsed.ok && parsed.value.suitesCountedFromAttributes).toBe(1);
  });

  it('reads an empty <testsuites/> as no tests', () => {
    const parsed = parseJunit('<testsuites/>', 'none.xml');
    expect(parsed.ok && parsed.value.counts).toEqual({ tests: 0, passed: 0, failures: 0, errors: 0, flaky: 0, skipped: 0 });
  });
});

describe('parseJunit: count attributes are validated, never trusted to lower a count', () => {
  const fault = (xml: string) => {
    const parsed = parseJunit(xml, 'reports/junit.xml');
    return parsed.ok ? 'read' : `${parsed.error.kind}: ${parsed.error.message}`;
  };

  it.each([
    ['failures="abc"', 'failures'],
    ['tests="-1"', 'tests'],
    ['tests="1e400"', 'tests'],
    ['skipped="2.5"', 'skipped'],
    ['errors=""', 'errors'],
    ['disabled="99999999999999999999"', 'disabled'],
  ])('a suite with %s is malformed, naming the file, line and attribute (never its value)', (attribute, name) => {
    const xml = `<testsuites>\n  <testsuite name="unit" ${attribute}>\n    <testcase name="a"/>\n  </testsuite>\n</testsuites>`;
    expect(fault(xml)).toBe(`malformed: reports/junit.xml:2: <testsuite> attribute \`${name}\` is not a whole number ≥ 0`);
  });

  it('validates the root and suites without testcases too', () => {
    expect(fault('<testsuites tests="x"><testsuite name="a"><testcase name="a"/></testsuite></testsuites>')).toBe(
      'malformed: reports/junit.xml:1: <testsuites> attribute `tests` is not a whole number ≥ 0',
    );
    expect(fault('<testsuites><testsuite name="crashed" errors="-3"/></testsuites>')).toMatch(/^malformed: reports\/junit\.xml:1: <testsuite> attribute `errors`/);
  });

  it('is malformed when failures + errors exceed the failing testcases: the attribute says there were failures the file does not show', () => {
    const xml = '<testsuites>\n<testsuite name="unit" tests="2" failures="2" errors="1">\n<testcase name="a"><failure/></testcase>\n<testcase name="b"/>\n</testsuite>\n</testsuites>';
    expect(fault(xml)).toBe('malformed: reports/junit.xml:2: <testsuite> says 3 failures and errors but holds 1 failing testcase; the report is incomplete or was edited');
    // On the root, the sum over every suite is held to it.
    expect(fault('<testsuites failures="1"><testsuite name="a"><testcase name="a"/></testsuite></testsuites>')).toMatch(/<testsuites> says 1 failures and errors but holds 0 failing testcases/);
  });

  it('is malformed when skipped exceeds the skipped testcases: tests that ran would be overstated', () => {
    expect(fault('<testsuite name="unit" skipped="2"><testcase name="a"/><testcase name="b"><skipped/></testcase></testsuite>')).toBe(
      'malformed: reports/junit.xml:1: <testsuite> says 2 skipped but holds 1 skipped testcase; the report is incomplete or was edited',
    );
  });

  it('counts the testcases when they show more than the attributes say (as jest-junit, Surefire and go-junit-report write)', () => {
    const xml = '<testsuites><testsuite name="unit" tests="1" failures="0" errors="1"><testcase name="a"><error/></testcase><testcase name="b"><failure/></testcase></testsuite></testsuites>';
    const parsed = parseJunit(xml, 'x.xml');
    expect(parsed.ok && parsed.value.counts).toEqual({ tests: 2, passed: 0, failures: 1, errors: 1, flaky: 0, skipped: 0 });
  });

  it('reads every real fixture under these rules', () => {
    const names = ['gen-jest-junit-suite-error.xml', 'gen-pytest.xml', 'repo-dorny-go-junit-report.xml', 'repo-enricomi-surefire-flaky.xml', 'repo-mikepenz-container-structure-test.xml'];
    for (const name of names) expect(parseFixture(name).file).toBe(name);
  });

  it('does not quote text from the file in an XML error: an invalid tag is named only when it is a name', () => {
    expect(fault('<testsuites><testsuite name="a"><api_key=hunter2></testsuite></testsuites>')).not.toMatch(/hunter2/);
    expect(fault('<testsuites>\n<testsuite name="a">\n</testsuites>')).toMatch(/Expected closing tag 'testsuite'/);
  });
});

describe('readJunit', () => {
  it('sums every file a glob matches, in path order', async () => {
    const run = await readJunit('test/fixtures/junit/gen-jest-junit*.xml', REPO_ROOT);
    expect(run.ok && run.value.files.map((f) => f.file)).toEqual([
      'test/fixtures/junit/gen-jest-junit-file-attribute.xml',
      'test/fixtures/junit/gen-jest-junit-suite-error.xml',
      'test/fixtures/junit/gen-jest-junit.xml',
    ]);
    expect(run.ok && run.value.counts).toEqual({ tests: 10, passed: 2, failures: 5, errors: 1, flaky: 0, skipped: 2 });
  });

  it('is missing when the file or glob finds nothing, and malformed naming the bad file of a glob', async () => {
    expect(await readJunit('reports/none.xml', REPO_ROOT)).toEqual({ ok: false, error: { kind: 'missing', message: 'file not found: reports/none.xml' } });
    expect(await readJunit('reports/**/*.xml', REPO_ROOT)).toEqual({ ok: false, error: { kind: 'missing', message: 'no file matches reports/**/*.xml' } });
    const bad = await readJunit('test/fixtures/junit/repo-mikepenz-surefire-*.xml', REPO_ROOT);
    expect(bad.ok === false && bad.error.message).toBe(
      'test/fixtures/junit/repo-mikepenz-surefire-truncated.xml: not valid XML: it ends with <testsuite>, <testcase>, <system-out> still open; the file is cut short',
    );
  });
});
