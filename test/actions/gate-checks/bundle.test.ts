import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubServer, type GitHubServer } from '../../support/github-server.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { workspaceDir } from '../../support/workspace-dir.js';

// Executes dist/gate-checks/index.js as the runner does, on real tool outputs.
let dir: string;
const writePolicy = async (name: string, yaml: string) => {
  const file = path.join(dir, name);
  await writeFile(file, yaml);
  return file;
};
const readReport = async (file: string | undefined) => JSON.parse(await readFile(file!, 'utf8')) as { decision: string; checks: { name: string; status: string; message: string }[] };


beforeAll(async () => {
  dir = await workspaceDir('gate-bundle');
});

describe('gate-checks bundle', () => {
  it('says go on a healthy release, with outputs, summary and a schema-valid report', async () => {
    // The demo's policy: every evidence type the demo shows, on real tool outputs.
    const run = await runBundle('gate-checks', { inputs: { policy: 'action-examples/demo/gates.yml', now: '2026-11-24T10:30:00Z' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('go');
    expect(run.outputs.failed).toBe('');
    expect(run.outputs.summary).toBe('7 of 7 required checks passed');
    expect(run.summary).toContain('### 🟢 release gates: `go`');
    expect(run.summary).toContain('| unit-tests | junit | ✅ pass | 0 | 0 | 86 | failed 0 <= max-failed 0; tests 86 >= min-tests 10 |');
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual(
      ['unit-tests', 'coverage', 'dependencies', 'accessibility', 'lighthouse', 'staging-error-rate', 'deploy-window', 'smoke'].map((n) => [n, 'pass']),
    );
  });

  it('says no-go on a broken release, naming each failing check, and fails the step', async () => {
    const policy = await writePolicy(
      'broken.yml',
      `checks:
  unit-tests: { type: junit, path: test/fixtures/junit/repo-mikepenz-surefire-errors-EmailAddressTest.xml, max-failed: 0 }
  audit: { type: npm-audit, path: test/fixtures/npm-audit/npm-critical.npm7-output.json, max-critical: 0 }
  a11y: { type: axe, path: test/fixtures/axe/playwright-faults.json, max-serious: 0, level: advisory }
  window: { type: deploy-window, deny: [Fri] }
`,
    );
    const run = await runBundle('gate-checks', { inputs: { policy, now: '2026-11-27T10:00:00Z' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('no-go');
    expect(run.outputs.failed).toBe('unit-tests,audit,window');
    expect(run.outputs.warnings).toBe('a11y');
    expect(run.errors.at(-1)).toMatch(/^::error::no-go: 3 of 3 required checks did not pass: unit-tests \(fail\), audit \(fail\), window \(fail\)/);
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
  });

  it('an override lifts the deploy window and says so', async () => {
    const policy = await writePolicy('window.yml', 'checks:\n  window: { type: deploy-window, deny: [Fri] }\n');
    const run = await runBundle('gate-checks', { inputs: { policy, now: '2026-11-27T10:00:00Z', override: 'true' } });
    expect(run.outputs.decision).toBe('go');
    expect(run.outputs.warnings).toBe('window');
    expect(run.summary).toMatch(/overridden/);
  });

  it('a missing report file fails its check, naming the path; a malformed one is an error', async () => {
    await writeFile(path.join(dir, 'broken.xml'), '<testsuite><testcase name="a"></testsuite>');
    const policy = await writePolicy(
      'missing.yml',
      `checks:\n  unit: { type: junit, path: reports/nope.xml, max-failed: 0 }\n  bad: { type: junit, path: ${path.join(dir, 'broken.xml')}, max-failed: 0 }\n`,
    );
    const run = await runBundle('gate-checks', { inputs: { policy } });
    expect(run.outputs.decision).toBe('no-go');
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]).toMatchObject({ status: 'fail', message: 'file not found: reports/nope.xml' });
    expect(report.checks[1]!.status).toBe('error');
    expect(report.checks[1]!.message).toContain('broken.xml');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed policy exits non-zero with one line naming the key and line, and no stack', async () => {
    const policy = await writePolicy('typo.yml', 'checks:\n  unit:\n    type: junit\n    path: a.xml\n    max-faild: 0\n');
    const run = await runBundle('gate-checks', { inputs: { policy } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([`::error::${policy}:5: checks.unit: unknown threshold \`max-faild\`; this check accepts max-failed, min-failed, max-errors, min-errors, max-flaky, min-flaky, max-skipped, min-skipped, max-passed, min-passed, max-tests, min-tests, max-pass-rate, min-pass-rate (and warn- forms)`]);
    expect(run.outputs.decision).toBe('no-go');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes action.yml defaults for inputs a workflow leaves out, as the runner does', async () => {
    const run = await runBundle('gate-checks', { inputs: {}, cwd: dir });
    expect(run.errors).toEqual(['::error::policy file not found: .github/gates.yml (input `policy`)']);
  });

  it('a missing policy file and a bad input are one-line errors naming them', async () => {
    const missing = await runBundle('gate-checks', { inputs: { policy: 'nope/gates.yml' } });
    expect(missing.errors).toEqual(['::error::policy file not found: nope/gates.yml (input `policy`)']);
    const bad = await runBundle('gate-checks', { inputs: { policy: 'x.yml', comment: 'perhaps', now: 'tomorrow' } });
    expect(bad.errors).toEqual([
      '::error::input `now` must be an ISO-8601 instant such as 2026-11-24T10:30:00Z, got `tomorrow`; input `comment` must be true or false, got `perhaps`',
    ]);
  });
});

describe('gate-checks bundle on GitHub', () => {
  let github: GitHubServer;
  const TOKEN = 'ghs_testtoken123456';
  const env = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'f'.repeat(40), GITHUB_RUN_ID: '42', GITHUB_SERVER_URL: 'https://github.com' });
  const event = { pull_request: { number: 7, head: { sha: 'a'.repeat(40) } } };
  beforeAll(async () => {
    github = await startGitHubServer({ token: TOKEN });
  });
  afterAll(async () => github.close());

  it('publishes a check run with annotations at failing tests and one sticky comment, updated in place', async () => {
    github.reset();
    const policy = await writePolicy('gh.yml', 'name: gates\nchecks:\n  unit: { type: junit, path: test/fixtures/junit/gen-jest-junit-file-attribute.xml, max-failed: 0 }\n');
    const first = await runBundle('gate-checks', { inputs: { policy, 'github-token': TOKEN, comment: 'true', 'fail-on-no-go': 'false' }, env: env(), event });
    expect(first.code, first.stdout).toBe(0);
    // The token is masked first thing, and appears nowhere else in the log.
    expect(first.stdout.split(TOKEN)).toHaveLength(2);
    expect(first.stdout).toContain(`::add-mask::${TOKEN}`);
    const [checkRun] = github.state.checkRuns;
    expect(checkRun).toMatchObject({ name: 'gates', headSha: 'a'.repeat(40), conclusion: 'failure' });
    expect(checkRun!.annotations.length).toBeGreaterThan(0);
    expect(checkRun!.annotations[0]).toMatchObject({ annotation_level: 'failure' });
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toContain('| unit | junit | ❌ fail |');

    await runBundle('gate-checks', { inputs: { policy, 'github-token': TOKEN, comment: 'true', 'fail-on-no-go': 'false', 'check-name': 'gates' }, env: env(), event });
    expect(github.state.comments).toHaveLength(1);
    expect(github.validationErrors).toEqual([]);
  });

  it('falls back to a commit status when the token may not create check runs', async () => {
    github.reset();
    await github.close();
    github = await startGitHubServer({ token: TOKEN, forbidden: ['POST /repos/{owner}/{repo}/check-runs'] });
    const policy = await writePolicy('gh2.yml', 'checks:\n  window: { type: deploy-window, allow: ["Mon-Sun 00:00-24:00"] }\n');
    const run = await runBundle('gate-checks', { inputs: { policy, 'github-token': TOKEN }, env: env(), event });
    expect(run.outputs.decision).toBe('go');
    expect(github.state.statuses).toMatchObject([{ context: 'rollout-guard gates', state: 'success', sha: 'a'.repeat(40) }]);
    expect(run.stdout).toMatch(/::warning::.*checks: write/);
    expect(github.validationErrors).toEqual([]);
  });
});
