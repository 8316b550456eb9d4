import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherRuns } from '../../../src/actions/lighthouse-budget/gather.js';
import { readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import { findChrome } from '../../../src/sources/lighthouse/chrome-path.js';
import { loadLhciConfig } from '../../../src/sources/lighthouse/lhci-config.js';
import { onSecret } from '../../../src/sources/secret-registry.js';
import { REPO_ROOT } from '../../support/run-bundle.js';
import { SITE } from './site-server.js';

/**
 * A lighthouserc's ci.collect reaching real Lighthouse runs (the
 * repository's Lighthouse 12.8.2, as `lighthouse-path`) in the system
 * Chromium, through the action's own collection (gather.ts, from the
 * source): settings as Lighthouse flags against a page that answers 401
 * without the configured header, and a staticDistDir served and
 * autodiscovered. Three runs in all (~15 s each on a 2-core machine).
 */
const chrome = findChrome({ input: undefined, env: process.env, platform: process.platform });
if (!chrome.ok) throw new Error(`these tests run Lighthouse in a real browser: ${chrome.error}`);

/** Well past what one run takes on a loaded 2-core machine (see collect.test.ts), so load makes a run slow, never timed out. */
const RUN_TIMEOUT_S = 120;
const within = (runs: number) => ({ timeout: ((2 * runs + 1) * RUN_TIMEOUT_S + 60) * 1000 });

const TOKEN = 'rg-collect-test-token-7f3a';
const USER_AGENT = 'rollout-guard-collect-test';
let workspace: string;
let server: Server;
let pageUrl: string;
const seen = { authorized: 0, refused: 0, agents: new Set<string>() };

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-collect-config-'));
  const light = await readFile(path.join(SITE, 'light.html'));
  // A page behind a bearer token: anything else is a 401, which Lighthouse reports as a failed run.
  server = createServer((request, response) => {
    seen.agents.add(request.headers['user-agent'] ?? '');
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      seen.refused++;
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized');
      return;
    }
    seen.authorized++;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(light);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/private.html`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Collects as the action does with only `config` (and the test's Lighthouse and deadline) given. */
async function collectWith(rc: unknown, name: string) {
  await writeFile(path.join(workspace, name), JSON.stringify(rc));
  const inputs = readBudgetInputs((input) => ({ config: name, 'lighthouse-path': REPO_ROOT, 'run-timeout': `${RUN_TIMEOUT_S}s` })[input] ?? '');
  const config = await loadLhciConfig(name, workspace);
  if (!config.ok) throw new Error(config.error.message);
  return gatherRuns(inputs, workspace, process.env, config.value);
}

type Lhr = { finalUrl: string; runtimeError?: unknown; categories: Record<string, unknown>; configSettings: Record<string, unknown> };

describe('ci.collect in real Lighthouse runs', () => {
  it('runs with the settings as Lighthouse flags: the desktop preset, the header that opens the page, and the rest in configSettings, the header value kept out of the LHR', within(1), async () => {
    const secrets: string[] = [];
    const stop = onSecret((secret) => secrets.push(secret));
    const gathered = await collectWith(
      {
        ci: {
          collect: {
            url: pageUrl,
            numberOfRuns: 1,
            settings: {
              preset: 'desktop',
              extraHeaders: JSON.stringify({ Authorization: `Bearer ${TOKEN}` }),
              emulatedUserAgent: USER_AGENT,
              onlyCategories: ['performance', 'accessibility'],
              skipAudits: ['uses-http2'],
              maxWaitForLoad: 30_000,
              blockedUrlPatterns: ['*.analytics.invalid'],
              disableStorageReset: true,
              chromeFlags: '--headless --lang=de',
            },
          },
        },
      },
      'protected.json',
    ).finally(stop);
    expect(gathered.targets).toHaveLength(1);
    const [run] = gathered.targets;
    expect(run!.failure).toBeNull();
    const lhr = run!.lhr as Lhr;
    // The real page, not the 401: Lighthouse sent the header on the document request.
    expect(lhr.finalUrl).toBe(pageUrl);
    expect(lhr.runtimeError).toBeUndefined();
    expect(seen.authorized).toBeGreaterThan(0);
    expect(seen.agents).toContain(USER_AGENT);
    expect(Object.keys(lhr.categories).sort()).toEqual(['accessibility', 'performance']);
    expect(lhr.configSettings).toMatchObject({
      formFactor: 'desktop',
      screenEmulation: { mobile: false, width: 1350 },
      emulatedUserAgent: USER_AGENT,
      onlyCategories: ['performance', 'accessibility'],
      skipAudits: ['uses-http2'],
      maxWaitForLoad: 30_000,
      blockedUrlPatterns: ['*.analytics.invalid'],
      disableStorageReset: true,
      // The names stay; the values are masked before the LHR is kept, rendered or uploaded.
      extraHeaders: { Authorization: '***' },
    });
    expect(JSON.stringify(lhr)).not.toContain(TOKEN);
    expect(secrets).toEqual(expect.arrayContaining([`Bearer ${TOKEN}`, TOKEN]));
  });

  it('serves staticDistDir on a local port and measures the pages autodiscovery finds, the blocklisted one left out', within(2), async () => {
    const dist = path.join(workspace, 'public');
    await mkdir(path.join(dist, 'docs'), { recursive: true });
    const light = await readFile(path.join(SITE, 'light.html'));
    await Promise.all(['index.html', 'private.html', 'docs/guide.html'].map((file) => writeFile(path.join(dist, file), light)));
    const gathered = await collectWith(
      { ci: { collect: { staticDistDir: './public', autodiscoverUrlBlocklist: ['/private.html'], numberOfRuns: 1, settings: { preset: 'desktop', onlyAudits: ['first-contentful-paint'] } } } },
      'static.json',
    );
    const measured = gathered.targets.map((run) => {
      expect(run.failure).toBeNull();
      return run.url.replace(/:\d+\//, ':PORT/');
    });
    expect(measured).toEqual(['http://localhost:PORT/index.html', 'http://localhost:PORT/docs/guide.html']);
    expect(gathered.targets.every((run) => (run.lhr as Lhr).configSettings.formFactor === 'desktop')).toBe(true);
  });
});
