import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BundleRun, runBundle } from '../../support/run-bundle.js';
import { type SentryMinute, type SentryServer, startSentryServer } from '../../support/sentry-server.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * The canary-promote bundle judging releases from a local Sentry (checked
 * against Sentry's API description): errors over transactions and the p75
 * LCP of the canary release against the stable one, with the clock set by
 * `now`. A healthy 1.5.0 is promoted, a faulty 1.6.0 rolled back, and a
 * Sentry outage holds instead of promoting.
 */
const T0 = Date.parse('2026-03-03T10:00:00.000Z');
const minutes = (count: number) => new Date(T0 + count * 60_000).toISOString();
const TOKEN = 'sntrys_bundle_canary_token_0123456789';

let sentry: SentryServer;

/** Thirty minutes of a release: `requests` transactions and `errorsAt(minute)` errors a minute, and its LCP. */
function release(requests: number, errorsAt: (minute: number) => number, lcp: number): SentryMinute[] {
  return Array.from({ length: 30 }, (_, minute) => ({ at: T0 + minute * 60_000, transactions: requests, errors: errorsAt(minute), vitals: { lcp } }));
}

beforeAll(async () => {
  sentry = await startSentryServer({ token: TOKEN });
  // The stable release fails 0.5%; 1.5.0 fails 0.5% (one error every other minute of 100); 1.6.0 fails 10% and is slow.
  sentry.setRelease('shop@1.4.0', release(1000, () => 5, 2000), 'production');
  sentry.setRelease('shop@1.5.0', release(100, (minute) => minute % 2, 2050), 'production');
  sentry.setRelease('shop@1.6.0', release(100, () => 10, 4100), 'production');
});
afterAll(async () => sentry.close());
afterEach(() => expect(sentry.problems).toEqual([]));

async function workdir(name: string): Promise<{ dir: string; tick: (at: number, more?: Record<string, string>) => Promise<BundleRun>; log: () => Promise<string> }> {
  const dir = await workspaceDir(name);
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
    max-increase: 100%
  lcp:
    series: lcp
    max: 4000
    max-increase: 20%
    min-samples: 5
`,
  );
  const log = path.join(dir, 'traffic.log');
  const trafficCommand = JSON.stringify([process.execPath, '-e', `require('fs').appendFileSync(${JSON.stringify(log)}, process.argv[1] + '\\n')`, '{weight}']);
  return {
    dir,
    tick: (at, more = {}) =>
      runBundle('canary-promote', {
        cwd: dir,
        env: { SENTRY_AUTH_TOKEN: TOKEN },
        inputs: { analysis: 'analysis.yml', state: `file:${path.join(dir, 'state.json')}`, 'traffic-command': trafficCommand, steps: '50,100', 'bake-time': '10m', 'stable-version': '1.4.0', 'fail-on-rollback': 'false', now: minutes(at), ...more },
      }),
    log: () => readFile(log, 'utf8').catch(() => ''),
  };
}

/** What the log shows: the runner hides the masked values, so the `::add-mask::` commands themselves are left out. */
const shown = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

const outcome = (run: BundleRun) => [run.code, run.outputs.decision, run.outputs.weight];

describe('canary-promote bundle with a sentry source', () => {
  it('promotes a healthy release to 100% and completes it', async () => {
    const work = await workdir('cp-sentry-healthy');
    sentry.requests.length = 0;
    expect(outcome(await work.tick(0, { 'canary-version': '1.5.0' }))).toEqual([0, 'start', '50']);
    const promoted = await work.tick(10);
    expect(outcome(promoted)).toEqual([0, 'promote', '100']);
    expect(promoted.summary).toContain('| error-rate | ✅ pass | 0.5% (5/1000) | 0.5% (50/10000) |');
    expect(outcome(await work.tick(20))).toEqual([0, 'complete', '100']);
    // `complete` sets no traffic: the canary already has it all.
    expect(await work.log()).toBe('50\n100\n');
    const asked = new Set(sentry.requests.map((request) => request.params.get('query')));
    expect(asked).toEqual(new Set(['release:"shop@1.5.0"', 'release:"shop@1.4.0"', 'is_transaction:true release:"shop@1.5.0"', 'is_transaction:true release:"shop@1.4.0"', 'has:measurements.lcp release:"shop@1.5.0"', 'has:measurements.lcp release:"shop@1.4.0"']));
    expect(promoted.stdout).toContain(`::add-mask::${TOKEN}`);
    for (const text of [shown(promoted.stdout), promoted.summary, await readFile(promoted.outputs.report!, 'utf8')]) expect(text).not.toContain(TOKEN);
  });

  it('rolls a release with 10% errors and a slow LCP back to 0%', async () => {
    const work = await workdir('cp-sentry-faulty');
    await work.tick(0, { 'canary-version': '1.6.0' });
    const rolled = await work.tick(10);
    expect(outcome(rolled)).toEqual([0, 'rollback', '0']);
    expect(rolled.outputs.reason).toMatch(/2 metrics failed \(error-rate, lcp\).*error-rate 10% exceeds max 5%/);
    expect(await work.log()).toBe('50\n0\n');
  });

  it('holds, never promotes, while Sentry is down', async () => {
    const work = await workdir('cp-sentry-outage');
    await work.tick(0, { 'canary-version': '1.5.0' });
    sentry.inject(...Array.from({ length: 60 }, () => ({ status: 503 })));
    const held = await work.tick(10);
    sentry.stopInjecting();
    expect(outcome(held)).toEqual([0, 'hold', '50']);
    expect(held.outputs.reason).toMatch(/answered 503 Service Unavailable after 3 tries/);
    expect(shown(held.stdout)).not.toContain(TOKEN);
  });
});
