import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TIMER_SHOWN, formatDuration } from '../../../src/engine/units.js';
import { runBundle } from '../../support/run-bundle.js';
import { type VersionServer, startVersionServer } from '../../support/version-server.js';
import { type WebhookServer, startWebhookServer } from '../../notify/webhook-server.js';
import { recordingCommand } from './bundle-support.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * Classes guarded, through dist/auto-rollback as the runner runs it:
 * - durations that drive timers are refused beyond what a timer can wait,
 *   and timings that cannot make a sensible watch are one-line errors;
 * - a health URL's credentials and query values never appear in what the
 *   action shows: log, outputs, report, summary and notifications.
 */
let dir: string;
let healthy: VersionServer;
let broken: VersionServer;
let hook: WebhookServer;
beforeAll(async () => {
  dir = await workspaceDir('rollback-timing');
  [healthy, broken, hook] = await Promise.all([startVersionServer('v1'), startVersionServer('v2', { status: 500 }), startWebhookServer('{}')]);
});
afterAll(async () => {
  await Promise.all([healthy.close(), broken.close(), hook.close()]);
});

const LIMIT = MAX_TIMER_SHOWN;

describe('durations that drive timers', () => {
  it('each is refused beyond 2^31 − 1 ms, saying the limit, all at once', async () => {
    const inputs = { duration: '50d', interval: '30d', 'verify-timeout': '25d', 'health-timeout': '40d', 'max-metrics-outage': '60d', window: '90d', 'traffic-timeout': '26d' };
    const run = await runBundle('auto-rollback', { inputs: { ...inputs, 'health-urls': `${healthy.url}/healthz`, version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.code).toBe(1);
    expect(run.errors).toHaveLength(1);
    for (const [name, value] of Object.entries(inputs)) {
      expect(run.errors[0]).toContain(`input \`${name}\`: ${formatDuration(Number.parseInt(value, 10) * 86_400_000)} is longer than a timer can wait; at most ${LIMIT} (2^31 − 1 ms)`);
    }
  });

  it('an interval longer than the duration is refused rather than watched once', async () => {
    const run = await runBundle('auto-rollback', { inputs: { 'health-urls': `${healthy.url}/healthz`, 'max-failures': '0', window: '10m', duration: '5m', interval: '10m', version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.errors).toEqual(['::error::input `interval` (10m) is longer than `duration` (5m), so the watch would poll once; set `duration: 0` for a one-shot check, or a shorter `interval`']);
  });

  it('an analysis file interval beyond a timer is refused, naming the file', async () => {
    const analysis = path.join(dir, 'long-interval.yml');
    await writeFile(analysis, 'source: { type: file, path: m.json }\ninterval: 30d\nmetrics:\n  e: { series: e, max: 1 }\n');
    const run = await runBundle('auto-rollback', { inputs: { analysis, version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.errors).toEqual([`::error::${analysis}: \`interval\` (the poll spacing, as input \`interval\` is empty): 30d is longer than a timer can wait; at most ${LIMIT} (2^31 − 1 ms)`]);
  });

  it('an analysis file interval longer than the duration is refused, naming the file', async () => {
    const analysis = path.join(dir, 'slow-interval.yml');
    await writeFile(analysis, 'source: { type: file, path: m.json }\ninterval: 10m\nmetrics:\n  e: { series: e, max: 1 }\n');
    const run = await runBundle('auto-rollback', { inputs: { analysis, duration: '5m', version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.errors).toEqual([`::error::\`interval\` of ${analysis} (10m) is longer than \`duration\` (5m), so the watch would poll once; set \`duration: 0\` for a one-shot check, or a shorter \`interval\``]);
  });
});

describe('shown health URLs are redacted', () => {
  const SECRETS = ['hunter2', 's3cr3t', 'alice'];

  it('a healthy watch shows no credentials or query values anywhere', async () => {
    const url = `${healthy.url}/healthz?token=s3cr3t`;
    const run = await runBundle('auto-rollback', { inputs: { 'health-urls': url, 'max-failures': '0', duration: '400ms', interval: '200ms', version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('healthy');
    const report = await readFile(run.outputs.report!, 'utf8');
    expect(JSON.parse(report).checks[0].name).toBe(`${healthy.url}/healthz?token=***`);
    for (const secret of SECRETS) for (const shown of [run.stdout, run.stderr, report, run.summary, JSON.stringify(run.outputs)]) expect(shown).not.toContain(secret);
  });

  it('a rollback on a failing URL with user:pass@ and ?token= shows neither, in the reason, log, report, summary or webhook', async () => {
    const url = `${broken.url.replace('http://', 'http://alice:hunter2@')}/healthz?token=s3cr3t`;
    const traffic = await recordingCommand(dir, 'traffic-redact');
    const run = await runBundle('auto-rollback', {
      inputs: {
        'health-urls': url,
        'max-failures': '1',
        window: '1s',
        duration: '2s',
        interval: '200ms',
        'verify-timeout': '0',
        version: 'v2',
        'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']),
        'webhook-url': hook.url,
      },
    });
    expect(run.outputs.decision).toBe('rollback-failed');
    expect(run.outputs.reason).toMatch(new RegExp(`^${broken.url.replace('http://', 'http://\\*\\*\\*@').replace(/[.]/g, '\\.')}/healthz\\?token=\\*\\*\\* failed 2 of the last 2 checks`));
    const report = await readFile(run.outputs.report!, 'utf8');
    const received = JSON.stringify(hook.received);
    expect(hook.received).toHaveLength(1);
    // `::add-mask::` lines are how the runner learns the secrets; it never shows them.
    const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
    for (const secret of SECRETS) for (const shown of [log, run.stderr, report, run.summary, JSON.stringify(run.outputs), received]) expect(shown).not.toContain(secret);
  });
});
