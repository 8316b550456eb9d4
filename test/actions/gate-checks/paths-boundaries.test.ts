import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';

/**
 * dist/gate-checks/index.js with a policy that names evidence outside the
 * workspace: `../`, an absolute path, a symlink, a glob through a symlinked
 * folder. Each check is refused with one line naming the path and the
 * folders that are read, and nothing of the outside file reaches the
 * report; a file inside that is not JSON is named with a line and column,
 * never quoted.
 */
const OUTSIDE_TEXT = 'root:x:0:0:outside-secret-content';
let workspace: string;
let outside: string;

beforeAll(async () => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'rg-gate-paths-'));
  workspace = path.join(base, 'workspace');
  outside = path.join(base, 'outside');
  await mkdir(path.join(workspace, 'reports'), { recursive: true });
  await mkdir(path.join(outside, 'xml'), { recursive: true });
  await writeFile(path.join(outside, 'coverage-summary.json'), JSON.stringify({ total: { lines: { pct: 100 } }, note: OUTSIDE_TEXT }));
  await writeFile(path.join(outside, 'results.json'), JSON.stringify({ note: OUTSIDE_TEXT }));
  await writeFile(path.join(outside, 'xml', 'suite.xml'), `<testsuite name="${OUTSIDE_TEXT}" tests="1"><testcase name="t"/></testsuite>`);
  await symlink(path.join(outside, 'results.json'), path.join(workspace, 'reports', 'link.json'));
  await symlink(path.join(outside, 'xml'), path.join(workspace, 'reports', 'linked-dir'));
  await writeFile(path.join(workspace, 'reports', 'not-json.json'), `${OUTSIDE_TEXT}\n`);
});

async function gate(checks: string) {
  await writeFile(path.join(workspace, 'gates.yml'), `checks:\n${checks}`);
  const run = await runBundle('gate-checks', { cwd: workspace, inputs: { policy: 'gates.yml', 'fail-on-no-go': 'false' } });
  const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { decision: string; checks: Array<{ name: string; status: string; message: string }> };
  return { run, report, byName: Object.fromEntries(report.checks.map((check) => [check.name, check])) };
}

describe('gate-checks bundle: evidence stays inside the workspace', () => {
  it('refuses ../, absolute paths, symlinks and globs through symlinks, naming the path and the allowed folders', async () => {
    const { run, report, byName } = await gate(
      [
        '  up:      { type: coverage, path: ../outside/coverage-summary.json, min-lines: 0 }',
        '  passwd:  { type: npm-audit, path: /etc/passwd, max-critical: 0 }',
        '  link:    { type: playwright, path: reports/link.json, max-failed: 0 }',
        '  glob:    { type: junit, path: "reports/**/*.xml", max-failed: 0 }',
        '',
      ].join('\n'),
    );
    expect(report.decision).toBe('no-go');
    expect(Object.values(byName).map((check) => check.status)).toEqual(['error', 'error', 'error', 'error']);
    const roots = `files are read only under ${workspace} (GITHUB_WORKSPACE) and ${run.dir} (RUNNER_TEMP)`;
    expect(byName.up!.message).toBe(`../outside/coverage-summary.json is outside the folders rollout-guard reads: ${roots}`);
    expect(byName.passwd!.message).toBe(`/etc/passwd is outside the folders rollout-guard reads: ${roots}`);
    expect(byName.link!.message).toContain(`reports/link.json is outside the folders rollout-guard reads (through a symlink): ${roots}`);
    expect(byName.glob!.message).toContain(`reports/**/*.xml: reports/linked-dir/suite.xml is outside the folders rollout-guard reads (through a symlink)`);
    expect(JSON.stringify(report) + run.summary + run.stdout).not.toContain('outside-secret-content');
  });

  it('a file inside that is not JSON is named with its line and column, and its content is not quoted', async () => {
    const { run, byName } = await gate('  e2e: { type: playwright, path: reports/not-json.json, max-failed: 0 }\n');
    expect(byName.e2e).toMatchObject({ status: 'error' });
    expect(byName.e2e!.message).toContain('reports/not-json.json:1:1: not valid JSON: expected a value');
    expect(JSON.stringify(byName) + run.summary + run.stdout).not.toContain('outside-secret-content');
  });

  it('a metric source whose timeout no timer can wait is refused with the limit, never timed out at once', async () => {
    const { byName } = await gate('  staging: { type: metric, source: { type: http-json, url: "http://127.0.0.1:9/m", json-path: "$", timeout: 1e12 }, series: errors, window: 1h, max: 1 }\n');
    expect(byName.staging).toMatchObject({ status: 'error' });
    expect(byName.staging!.message).toContain('is longer than a timer can wait; at most');
  });
});
