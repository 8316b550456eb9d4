import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';
import { type SentryServer, startSentryServer } from '../../support/sentry-server.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * gate-checks' `metric` check on a sentry source, through the bundle: "the
 * release's error rate in staging stayed under 0.1% for 48 h" and "crashed
 * sessions under 0.5%", read from a local Sentry checked against Sentry's
 * API description.
 */
const NOW = Date.parse('2026-11-24T10:30:00Z');
const HOURS_48 = 48 * 60;
const TOKEN = 'sntrys_bundle_gate_token_0123456789';

let sentry: SentryServer;
let dir: string;

beforeAll(async () => {
  sentry = await startSentryServer({ token: TOKEN });
  dir = await workspaceDir('gate-sentry');
  const minutesOf = (errorsEvery: number, errors: number) =>
    Array.from({ length: HOURS_48 }, (_, index) => ({
      at: NOW - (HOURS_48 - index) * 60_000,
      transactions: 2000,
      errors: index % errorsEvery === 0 ? errors : 0,
      sessions: { healthy: 499, errored: 1, crashed: index % 10 === 0 ? 1 : 0 },
    }));
  // 2.0.0: 1 error per 4000 transactions (0.025%); 2.1.0: 5 errors a minute of 2000 (0.25%).
  sentry.setRelease('shop@2.0.0', minutesOf(2, 1), 'staging');
  sentry.setRelease('shop@2.1.0', minutesOf(1, 5), 'staging');
});
afterAll(async () => sentry.close());
afterEach(() => expect(sentry.problems).toEqual([]));

/** What the log shows: the runner hides the masked values, so the `::add-mask::` commands themselves are left out. */
const shown = (stdout: string) => stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

async function gate(release: string) {
  const policy = path.join(dir, `${release}.yml`);
  await writeFile(
    policy,
    `checks:
  staging-errors:
    type: metric
    source: &sentry { type: sentry, url: ${sentry.url}, organization: acme, project: shop, environment: staging, release: 'shop@${release}', interval: 1h }
    ratio: { numerator: errors, denominator: transactions }
    window: 48h
    max: 0.1%
  staging-crashes:
    type: metric
    source: *sentry
    ratio: { numerator: crashed-sessions, denominator: sessions }
    window: 48h
    max: 0.5%
`,
  );
  return runBundle('gate-checks', { cwd: dir, env: { SENTRY_AUTH_TOKEN: TOKEN }, inputs: { policy: path.basename(policy), now: new Date(NOW).toISOString() } });
}

describe('gate-checks bundle: metric checks on Sentry', () => {
  it('says go when the release stayed under 0.1% errors and 0.5% crashed sessions for 48 h', async () => {
    const run = await gate('2.0.0');
    expect(run.outputs.decision, run.stdout).toBe('go');
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { checks: { name: string; status: string; samples: number }[] };
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([['staging-errors', 'pass'], ['staging-crashes', 'pass']]);
    expect(run.summary).toContain('0.025%');
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(shown(run.stdout) + run.summary).not.toContain(TOKEN);
  });

  it('says no-go when the error rate was 0.25%', async () => {
    const run = await gate('2.1.0');
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('no-go');
    expect(run.outputs.failed).toBe('staging-errors');
  });

  it('is not go when Sentry refuses the token, and names the variable and scopes', async () => {
    sentry.inject({ status: 401 }, { status: 401 }, { status: 401 }, { status: 401 });
    const run = await gate('2.0.0');
    sentry.stopInjecting();
    expect(run.outputs.decision).toBe('no-go');
    expect(run.stdout).toContain('SENTRY_AUTH_TOKEN holds a Sentry auth token with the org:read, project:read and event:read scopes');
    expect(shown(run.stdout)).not.toContain(TOKEN);
  });
});
