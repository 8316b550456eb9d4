import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';
import { type SentryServer, startSentryServer, steadyMinutes } from '../../support/sentry-server.js';
import { workspaceDir } from '../../support/workspace-dir.js';
import { recordingCommand } from './bundle-support.js';

/**
 * auto-rollback watching a release in a local Sentry (checked against
 * Sentry's API description) on the real clock: each poll reads the last
 * minute of errors over transactions of the release it was given. A release
 * failing 20% is rolled back; a healthy one is left alone; an outage that
 * lasts is not read as health.
 */
const TOKEN = 'sntrys_bundle_rollback_token_0123456789';
let sentry: SentryServer;
let dir: string;

beforeAll(async () => {
  sentry = await startSentryServer({ token: TOKEN });
  dir = await workspaceDir('ar-sentry');
  // Minutes around the test's real clock, so whichever minute a poll reads holds data.
  const from = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  sentry.setRelease('shop@3.0.0', steadyMinutes(from, 30, { transactions: 100, errors: 20 }), 'production');
  sentry.setRelease('shop@3.0.1', steadyMinutes(from, 30, { transactions: 100, errors: 0 }), 'production');
  await writeFile(
    path.join(dir, 'analysis.yml'),
    `source:
  type: sentry
  url: ${sentry.url}
  organization: acme
  project: shop
  environment: production
  release: 'shop@{{version}}'
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: transactions }
    max: 5%
    consecutive: 1
`,
  );
});
afterAll(async () => sentry.close());
afterEach(() => expect(sentry.problems).toEqual([]));

/** What the log shows: the runner hides the masked values, so the `::add-mask::` commands themselves are left out. */
const shown = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

async function watch(version: string, name: string, more: Record<string, string> = {}) {
  const traffic = await recordingCommand(dir, name);
  const run = await runBundle('auto-rollback', {
    cwd: dir,
    env: { SENTRY_AUTH_TOKEN: TOKEN },
    inputs: { analysis: 'analysis.yml', duration: '0', version, 'stable-version': '2.9.0', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}', '{canary}', '{stable}']), ...more },
  });
  return { run, calls: await traffic.calls() };
}

describe('auto-rollback bundle with a sentry source', () => {
  it('rolls back a release whose Sentry error rate breaches max', async () => {
    const { run, calls } = await watch('3.0.0', 'traffic-breach');
    expect(run.outputs.decision, run.stdout).toBe('rolled-back');
    expect(run.outputs.reason).toMatch(/^error-rate breached max 5%/);
    expect(calls).toEqual([['0', '3.0.0', '2.9.0']]);
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(sentry.requests.some((request) => request.params.get('query') === 'release:"shop@3.0.0"')).toBe(true);
    expect(shown(run.stdout)).not.toContain(TOKEN);
  });

  it('leaves a healthy release alone', async () => {
    const { run, calls } = await watch('3.0.1', 'traffic-healthy');
    expect(run.outputs.decision, run.stdout).toBe('healthy');
    expect(calls).toEqual([]);
  });

  it('does not call a release healthy while Sentry is down', async () => {
    sentry.inject(...Array.from({ length: 12 }, () => ({ status: 500 })));
    const { run, calls } = await watch('3.0.1', 'traffic-outage');
    sentry.stopInjecting();
    expect(run.outputs.decision).toBe('backend-failed');
    expect(run.outputs.reason).toMatch(/answered 500 Internal Server Error after 3 tries/);
    expect(calls).toEqual([]);
    expect(shown(run.stdout)).not.toContain(TOKEN);
  });
});

describe('auto-rollback comparing with a baseline in Sentry', () => {
  const relative = `source:
  type: sentry
  url: SENTRY
  organization: acme
  project: shop
  environment: production
  release: 'shop@{{version}}'
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: transactions }
    max: 50%
    max-increase: 100%
    consecutive: 1
`;

  it('reads the baseline from the stable release, so a release twice as bad as stable is rolled back', async () => {
    await writeFile(path.join(dir, 'relative.yml'), relative.replace('SENTRY', sentry.url));
    const from = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    sentry.setRelease('shop@4.0.0', steadyMinutes(from, 30, { transactions: 1000, errors: 100 }), 'production');
    sentry.setRelease('shop@3.9.0', steadyMinutes(from, 30, { transactions: 1000, errors: 10 }), 'production');
    const { run } = await watch('4.0.0', 'traffic-relative', { analysis: 'relative.yml', 'stable-version': '3.9.0' });
    expect(run.outputs.decision, run.stdout).toBe('rolled-back');
    expect(sentry.requests.some((request) => request.params.get('query') === 'release:"shop@3.9.0"')).toBe(true);
  });

  it('without stable-version a baseline read naming {{version}} is a one-line error, never the watched release compared with itself', async () => {
    await writeFile(path.join(dir, 'relative.yml'), relative.replace('SENTRY', sentry.url));
    const traffic = await recordingCommand(dir, 'traffic-no-stable');
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      env: { SENTRY_AUTH_TOKEN: TOKEN },
      inputs: { analysis: 'relative.yml', duration: '0', version: '4.0.0', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) },
    });
    expect([run.code, run.outputs.decision]).toEqual([1, 'inconclusive']);
    expect(run.errors).toEqual([expect.stringMatching(/^::error::relative\.yml: .*\{\{version\}\}/)]);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(await traffic.calls()).toEqual([]);
  });
});
