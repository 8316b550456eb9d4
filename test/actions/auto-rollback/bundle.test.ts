import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../../src/state/file-store.js';
import { completedRollout } from '../../state/support/rollout-states.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { type VersionServer, startVersionServer } from '../../support/version-server.js';
import { ERROR_RATE_ANALYSIS, ratioDocument, readReport, recordingCommand } from './bundle-support.js';

/**
 * dist/auto-rollback/index.js as the runner runs it, on a `file` metric
 * source (the stream a test can append to), a recording traffic command and
 * local health servers.
 */
let dir: string;
let healthy: VersionServer;
let broken: VersionServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-bundle-'));
  healthy = await startVersionServer('v1');
  broken = await startVersionServer('v2', { status: 500 });
});
afterAll(async () => {
  await healthy.close();
  await broken.close();
});

async function analysisFor(name: string, errors: number[], rule?: string): Promise<{ analysis: string; metrics: string }> {
  const metrics = path.join(dir, `${name}.json`);
  const analysis = path.join(dir, `${name}.yml`);
  await writeFile(metrics, ratioDocument(errors));
  await writeFile(analysis, ERROR_RATE_ANALYSIS(metrics, rule));
  return { analysis, metrics };
}

describe('auto-rollback bundle: one-shot', () => {
  it('rolls back a stream that breaches for the rule, with every output and a schema-valid report', async () => {
    const { analysis } = await analysisFor('breaching', [1, 0, 9, 8, 12, 1]);
    const traffic = await recordingCommand(dir, 'traffic-1');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { analysis, duration: '0', version: 'v2', 'stable-version': 'v1', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}', '{canary}', '{stable}']) },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(await traffic.calls()).toEqual([['0', 'v2', 'v1']]);
    expect(run.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true', 'restored-ref': 'v1', reason: 'error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)' });
    expect(Date.parse(run.outputs['detected-at']!)).not.toBeNaN();
    // The stream's first breaching sample began 4 intervals of 1m before the read (3 breaching + 1 after), so at least 240 s.
    const seconds = Number(run.outputs['rollback-seconds']);
    expect(seconds).toBeGreaterThanOrEqual(240);
    expect(seconds).toBeLessThan(270);
    expect(run.outputs['rollback-seconds']).toMatch(/^\d+\.\d$/);
    expect(run.outputs.summary).toBe(`rolled back v2 in production to v1 in ${run.outputs['rollback-seconds']} s: error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)`);
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks[0]).toMatchObject({ name: 'error-rate', status: 'fail', value: 0.12, samples: 6 });
    expect(report.checks[0]!.evidence).toMatchObject({ outcomes: ['pass', 'pass', 'breach', 'breach', 'breach', 'pass'], trigger: { firstBreachIndex: 2, triggerIndex: 4 } });
    expect(run.summary).toContain('### 🟠 auto-rollback: `rolled-back`');
    expect(run.summary).toContain('| error-rate | metric (ratio) | ❌ fail | 12% | max 5% | 6 |');
  });

  it('a blip shorter than the rule is healthy, and nothing is touched', async () => {
    const { analysis } = await analysisFor('blip', [1, 9, 8, 1, 9, 8, 1]);
    const traffic = await recordingCommand(dir, 'traffic-2');
    const run = await runBundle('auto-rollback', { cwd: dir, inputs: { analysis, duration: '0', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'healthy', 'rolled-back': 'false', 'restored-ref': '', 'detected-at': '', 'rollback-seconds': '' });
    // The one poll's own duration is wall time (0 ms, or a few under load).
    expect(run.outputs.summary).toMatch(/^v2 in production is healthy: no rule breached in 1 poll over \d+ms$/);
    expect(await traffic.calls()).toEqual([]);
  });
});

describe('auto-rollback bundle: watching a stream', () => {
  it('detects a release that starts failing mid-watch on exactly the 3rd breaching sample', async () => {
    const { analysis, metrics } = await analysisFor('stream', [1, 0, 1]);
    const traffic = await recordingCommand(dir, 'traffic-3');
    const running = runBundle('auto-rollback', {
      cwd: dir,
      inputs: { analysis, duration: '20s', interval: '1s', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) },
    });
    // Healthy for two seconds, then three breaching samples appended ~1.2 s apart (each a new interval of the stream).
    const errors = [1, 0, 1];
    for (const [delay, value] of [[2_000, 1], [1_200, 9], [1_200, 14], [1_200, 11]] as const) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      errors.push(value);
      await writeFile(`${metrics}.tmp`, ratioDocument(errors, 100, '1s'));
      await import('node:fs/promises').then((fs) => fs.rename(`${metrics}.tmp`, metrics));
    }
    const run = await running;
    expect(run.code, run.stdout).toBe(0);
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]!.evidence.outcomes).toEqual(['pass', 'pass', 'pass', 'pass', 'breach', 'breach', 'breach']);
    expect(run.outputs.reason).toBe('error-rate breached max 5% in 3 consecutive samples (9%, 14%, 11%)');
    expect(await traffic.calls()).toEqual([['0']]);
    expect(run.stdout).toContain('rollback due: error-rate breached max 5% in 3 consecutive samples (9%, 14%, 11%)');
    // From the first breaching sample's interval to traffic restored: at least consecutive × interval.
    expect(Number(run.outputs['rollback-seconds'])).toBeGreaterThanOrEqual(3);
  });
});

describe('auto-rollback bundle: forced rollbacks and failures', () => {
  it('force rolls back at once with the reason; a failing rollback-command is rollback-failed and fails the step', async () => {
    const command = await recordingCommand(dir, 'rollback-cmd', 3, 'Error: deployment d-123 not found');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { force: 'true', reason: 'checkout is broken', version: 'v2', 'rollback-command': JSON.stringify(['node', command.argv, '{version}', '{reason}']) },
    });
    expect(run.code).toBe(1);
    expect(await command.calls()).toEqual([['v2', 'manual rollback: checkout is broken']]);
    expect(run.outputs).toMatchObject({ decision: 'rollback-failed', 'rolled-back': 'false', reason: 'manual rollback: checkout is broken' });
    expect(run.errors.at(-1)).toMatch(/^::error::rollback-failed: rollback of v2 in production FAILED \(rollback-command: rollback-command `node .*rollback-cmd\.mjs v2 'manual rollback: checkout is broken'` exited with 3: Error: deployment d-123 not found\); it was due because manual rollback: checkout is broken$/);
    expect(reportSchemaErrors(await readReport(run.outputs.report))).toEqual([]);
  });

  it('verification: health checks must pass within verify-timeout after the rollback', async () => {
    const traffic = await recordingCommand(dir, 'traffic-4');
    const inputs = { force: 'true', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']), 'verify-timeout': '1s' };
    const passed = await runBundle('auto-rollback', { cwd: dir, inputs: { ...inputs, 'health-urls': `${healthy.url}/healthz` } });
    expect(passed.outputs.decision).toBe('rolled-back');
    const report = await readReport(passed.outputs.report);
    expect(report.checks.find((check) => check.name === 'rollback: verify')).toMatchObject({ status: 'pass', message: expect.stringMatching(/^1 health check passed after \d+ms \(round 1\)$/) });

    const failed = await runBundle('auto-rollback', { cwd: dir, inputs: { ...inputs, 'health-urls': `${broken.url}/healthz` } });
    expect(failed.code).toBe(1);
    expect(failed.outputs).toMatchObject({ decision: 'rollback-failed', 'rolled-back': 'true' });
    expect(failed.errors.at(-1)).toContain(`verify: health checks still failing after verify-timeout 1s (2 rounds): ${broken.url}/healthz answered 500, expected 200`);
  });

  it('rolls back on health checks alone: more than max-failures in the window', async () => {
    const traffic = await recordingCommand(dir, 'traffic-5');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { 'health-urls': `${broken.url}/healthz`, duration: '10s', interval: '200ms', 'max-failures': '2', window: '1s', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']), 'verify-timeout': '0' },
    });
    expect(run.outputs.reason).toBe(`${broken.url}/healthz failed 3 of the last 3 checks, more than 2 failures in 5 checks (last: answered 500, expected 200)`);
    expect(run.outputs.decision).toBe('rollback-failed');
    expect(await traffic.calls()).toEqual([['0']]);
  });
});

describe('auto-rollback bundle: mistakes', () => {
  it('bad inputs are one line naming each', async () => {
    const run = await runBundle('auto-rollback', { cwd: dir, inputs: { duration: 'soon', 'traffic-command': 'rollback.sh', version: 'v2' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      '::error::input `duration`: got "soon"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds); input `traffic-command`: must be a list of arguments such as ["./set-weight.sh", "{weight}"], got the string "rollback.sh"; commands run without a shell, so give the program and each argument as list items; nothing to watch: give `analysis` (metrics) or `health-urls`, or `force: true` to roll back at once',
    ]);
  });

  it('a mistake in the analysis file names the file, line and key, with no stack', async () => {
    const analysis = path.join(dir, 'typo.yml');
    await writeFile(analysis, 'source: { type: file, path: m.json }\nmetrics:\n  errors:\n    series: e\n    mx: 5%\n');
    const run = await runBundle('auto-rollback', { cwd: dir, inputs: { analysis, 'traffic-command': '["true"]', version: 'v2' } });
    expect(run.errors).toEqual([expect.stringMatching(new RegExp(`^::error::${analysis}:5: metrics\\.errors\\.mx: unknown key; a metric accepts `))]);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('auto-rollback bundle: file state', () => {
  it('marks the release failed and restores the last good one in a state file; a re-run says so and changes nothing', async () => {
    const stateFile = path.join(dir, 'state.json');
    const store = createFileStore(stateFile);
    const v1 = completedRollout('v1', 0);
    const v2 = completedRollout('v2', 60, v1.at(-1)!);
    for (const state of [...v1, ...v2]) expect(await store.save('production', state, state.version - 1)).toEqual({ ok: true, value: 'saved' });
    const command = await recordingCommand(dir, 'rollback-file');
    const inputs = { force: 'true', reason: 'latency', version: 'v2', state: `file:${stateFile}`, 'rollback-command': JSON.stringify(['node', command.argv, '{version}', '{stable}']) };

    const first = await runBundle('auto-rollback', { cwd: dir, inputs });
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ decision: 'rolled-back', 'restored-ref': 'v1' });
    const releases = (JSON.parse(await readFile(stateFile, 'utf8')) as { rollouts: { production: { releases: Array<{ ref: string; status: string }> } } }).rollouts.production.releases;
    expect(releases.map((release) => `${release.ref}:${release.status}`)).toEqual(['v1:inactive', 'v2:failed', 'v1:active']);

    const again = await runBundle('auto-rollback', { cwd: dir, inputs });
    expect(again.outputs.summary).toBe('v2 in production was already rolled back to v1; nothing changed (manual rollback: latency)');
    // The command ran once: a re-run does not repeat the platform's rollback.
    expect(await command.calls()).toEqual([['v2', 'stable']]);
    const report = await readReport(again.outputs.report);
    expect(report.checks.map((check) => `${check.name}:${check.value}`)).toEqual([
      'rollback: traffic:skipped',
      'rollback: mark-failed:already',
      'rollback: rollback-command:already',
      'rollback: restore:already',
      'rollback: verify:skipped',
    ]);
  });
});
