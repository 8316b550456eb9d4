import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { type BundleRun, runBundle } from '../../support/run-bundle.js';

// dist/gate-checks/index.js run as the runner runs it, on the classes of
// evidence that must never say go: nothing judged, numbers that cannot be
// believed, floats deciding, malicious YAML, evidence text in messages.
let workspace: string;
const write = async (file: string, text: string) => {
  await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
  await writeFile(path.join(workspace, file), text);
};
const gate = async (policy: string, inputs: Record<string, string> = {}): Promise<BundleRun> => {
  const name = `policy-${Math.random().toString(36).slice(2)}.yml`;
  await write(name, policy);
  return runBundle('gate-checks', { inputs: { policy: name, ...inputs }, cwd: workspace });
};
type ReadReport = { decision: string; summary: string; checks: { name: string; status: string; message: string; evidence: { comparisons?: { key: string }[] } }[] };
const reportOf = async (run: BundleRun) => {
  const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as ReadReport;
  expect(reportSchemaErrors(report)).toEqual([]);
  return report;
};
const noStack = (run: BundleRun) => expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);

const cases = (failing: number, passing: number) =>
  [...Array.from({ length: failing }, (_, i) => `<testcase name="f${i}"><failure message="boom"/></testcase>`), ...Array.from({ length: passing }, (_, i) => `<testcase name="p${i}"/>`)].join('');
const summary = (covered: number, total: number, pct: number) => {
  const kind = (c: number, t: number, p: number) => ({ covered: c, total: t, skipped: 0, pct: p });
  return JSON.stringify({ total: { lines: kind(covered, total, pct), statements: kind(covered, total, pct), functions: kind(1, 1, 100), branches: kind(1, 1, 100) } });
};

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-gate-verdicts-'));
  await write('reports/empty.xml', '<testsuites/>');
  await write('reports/two-failing.xml', `<testsuites><testsuite name="unit">${cases(2, 8)}</testsuite></testsuites>`);
  await write('reports/abc.xml', `<testsuites>\n<testsuite name="unit" tests="3" failures="abc">${cases(0, 3)}</testsuite>\n</testsuites>`);
  await write('reports/skipped.xml', '<testsuite name="unit"><testcase name="a"><skipped/></testcase></testsuite>');
  await write('reports/over-covered.json', summary(1200, 1000, 100));
  await write('reports/993-of-1000.json', summary(993, 1000, 99.3));
  await write('reports/secret.json', '{"stats": {"expected": 1}, "suites": [], "token": ghp_SECRET_FROM_THE_FILE}');
  await write('reports/audit.json', JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: -3, critical: 0, total: -3 } } }));
  await write('reports/forged-go.json', JSON.stringify({
    schemaVersion: 1, action: 'gate-checks', decision: 'go', summary: 'all good', startedAt: '2026-11-24T10:00:00Z', finishedAt: '2026-11-24T10:00:01Z',
    context: { repository: null, sha: null, ref: null, environment: null, runUrl: null },
    checks: [{ name: 'unit', type: 'junit', status: 'fail', level: 'required', value: 3, threshold: 0, unit: 'count', samples: 10, message: 'failed 3 > max-failed 0', evidence: {} }],
  }));
  const lhr = JSON.parse(await readFile(path.resolve('test/fixtures/lighthouse/light-run1.report.json'), 'utf8')) as { audits: Record<string, { numericValue?: number }> };
  lhr.audits['largest-contentful-paint']!.numericValue = -3000;
  await write('reports/negative-lcp.report.json', JSON.stringify(lhr));
});

describe('gate-checks bundle: nothing judged is not a pass', () => {
  it('an empty <testsuites/> is no-go, naming the default min-tests', async () => {
    const run = await gate('checks:\n  unit: { type: junit, path: reports/empty.xml }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect(run.code).toBe(1);
    const report = await reportOf(run);
    expect(report.checks[0]).toMatchObject({ status: 'fail', message: 'tests 0 < min-tests (default) 1' });
    noStack(run);
  });

  it('min-tests: 0 says an empty run is fine: go', async () => {
    const run = await gate('checks:\n  unit: { type: junit, path: reports/empty.xml, min-tests: 0 }\n');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('go');
  });

  it('2 failing tests and no thresholds are no-go, naming the default max-failed', async () => {
    const run = await gate('checks:\n  unit: { type: junit, path: reports/two-failing.xml }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect(run.outputs.failed).toBe('unit');
    expect(run.summary).toContain('failed 2 > max-failed (default) 0');
    const report = await reportOf(run);
    expect(report.checks[0]!.evidence.comparisons!.map((c) => c.key)).toEqual(['max-failed (default)', 'min-tests (default)']);
  });

  it('an all-skipped run ran no test: no-go', async () => {
    const run = await gate('checks:\n  unit: { type: junit, path: reports/skipped.xml, max-failed: 0 }\n');
    expect(run.outputs.decision).toBe('no-go');
  });

  it('a coverage check with no threshold is refused at load with one line naming file:line, the check and what to add', async () => {
    const run = await gate('name: gates\nchecks:\n  cov: { type: coverage, path: reports/993-of-1000.json }\n');
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/^::error::policy-[a-z0-9]+\.yml:3: checks\.cov: a coverage check with no threshold judges nothing, so it could never fail; add a threshold such as `min-lines: 80`/);
    expect(run.outputs.decision).toBe('no-go');
    noStack(run);
  });

  it('a deploy window with neither allow nor deny is refused at load', async () => {
    const run = await gate('checks:\n  window: { type: deploy-window, timezone: UTC }\n');
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/:2: checks\.window: a deploy-window with neither `allow` nor `deny` rules is always open/);
  });

  it('an all-advisory policy is no-go with a reason saying so', async () => {
    const run = await gate('checks:\n  unit: { type: junit, path: reports/two-failing.xml, max-failed: 5, level: advisory }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect(run.outputs.summary).toBe('all 1 checks are advisory; go needs at least one required check that passed on evidence');
  });
});

describe('gate-checks bundle: numbers are validated, not trusted', () => {
  it('failures="abc" is no-go, naming the file, line and attribute', async () => {
    const run = await gate('checks:\n  unit: { type: junit, path: reports/abc.xml, max-failed: 0 }\n');
    expect(run.outputs.decision).toBe('no-go');
    const report = await reportOf(run);
    expect(report.checks[0]).toMatchObject({ status: 'error', message: 'reports/abc.xml:2: <testsuite> attribute `failures` is not a whole number ≥ 0' });
  });

  it('coverage with covered > total is no-go', async () => {
    const run = await gate('checks:\n  cov: { type: coverage, path: reports/over-covered.json, min-lines: 80 }\n');
    expect(run.outputs.decision).toBe('no-go');
    const report = await reportOf(run);
    expect(report.checks[0]).toMatchObject({ status: 'error', message: 'reports/over-covered.json: total.lines has covered 1200 > total 1000' });
  });

  it('negative npm audit counts are no-go', async () => {
    const run = await gate('checks:\n  audit: { type: npm-audit, path: reports/audit.json }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect((await reportOf(run)).checks[0]).toMatchObject({ status: 'error', message: 'reports/audit.json: metadata.vulnerabilities.high is not a whole number ≥ 0' });
  });

  it('a negative Lighthouse timing is no-go, not a page faster than any budget', async () => {
    const run = await gate('checks:\n  vitals: { type: lighthouse, path: reports/negative-lcp.report.json }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect((await reportOf(run)).checks[0]!.status).toBe('error');
  });

  it('a forged go report, whose own checks failed, is no-go', async () => {
    const run = await gate('checks:\n  upstream: { type: report, path: reports/forged-go.json }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect((await reportOf(run)).checks[0]!.message).toMatch(/contradicts itself: it says go although required check `unit` did not pass/);
  });
});

describe('gate-checks bundle: exact comparisons', () => {
  it('7 of 1000 lines uncovered passes min-lines: 99.3', async () => {
    const run = await gate('checks:\n  cov: { type: coverage, path: reports/993-of-1000.json, min-lines: 99.3 }\n');
    expect(run.outputs.decision, run.stdout).toBe('go');
  });
});

describe('gate-checks bundle: malicious input', () => {
  it('a YAML alias bomb is refused with one line naming the policy file, quickly', async () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    lines.push('checks: { unit: { type: junit, path: reports/empty.xml, description: *i } }');
    const started = Date.now();
    const run = await gate(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::policy-[a-z0-9]+\.yml: refused: its YAML aliases expand too far \(an alias bomb\)/)]);
    noStack(run);
  });

  it('a malformed evidence file is named with its position, its text never quoted', async () => {
    const run = await gate('checks:\n  e2e: { type: playwright, path: reports/secret.json }\n');
    expect(run.outputs.decision).toBe('no-go');
    expect((await reportOf(run)).checks[0]).toMatchObject({ status: 'error', message: 'reports/secret.json:1:51: not valid JSON: expected a value' });
    expect(run.stdout + run.summary).not.toContain('SECRET_FROM_THE_FILE');
  });
});
