import { createRequire } from 'node:module';
import { getYargsParser } from 'lighthouse/cli/cli-flags.js';
import { defaultSettings } from 'lighthouse/core/config/constants.js';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECT_RULES, readCollectConfig } from '../../../src/sources/lighthouse/lhci-collect.js';
import { SETTINGS_RULES, splitChromeFlags } from '../../../src/sources/lighthouse/lhci-collect-settings.js';
import { onSecret } from '../../../src/sources/secret-registry.js';

/**
 * ci.collect key by key: every option of LHCI 0.15's `lhci collect` and
 * every Lighthouse 12.8.2 setting and CLI flag has a decision (a new one
 * upstream fails here until it is decided), each honoured key reaches the
 * plan, each warned key is one warning line and each refused key one
 * refusal naming the file and key, and a wrong type is a one-line error.
 */
const WHERE = '.lighthouserc.json ci.collect';
const read = (raw: unknown) => readCollectConfig(raw, WHERE);
const value = (raw: unknown) => {
  const result = read(raw);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const error = (raw: unknown) => {
  const result = read(raw);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(raw)}`);
  return result.error;
};

const secrets: string[] = [];
const stop = onSecret((secret) => secrets.push(secret));
afterAll(() => stop());

describe('every key upstream has a decision', () => {
  it("classifies every option of LHCI 0.15's lhci collect", () => {
    const require = createRequire(import.meta.url);
    const collect = require('@lhci/cli/src/collect/collect.js') as { buildCommand: (yargs: unknown) => void };
    let options: Record<string, unknown> = {};
    collect.buildCommand({ options: (given: Record<string, unknown>) => (options = given) });
    expect(Object.keys(options).length).toBeGreaterThan(15);
    expect(Object.keys(options).filter((key) => !(key in COLLECT_RULES))).toEqual([]);
  });

  it("classifies every Lighthouse setting and every flag of Lighthouse's CLI", () => {
    const cliFlags = Object.keys((getYargsParser('x') as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key)
      .filter((key) => !['help', 'version', '_', 'cli-flags-path'].includes(key) && !key.includes('.'))
      .map((key) => key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()));
    const keys = new Set([...cliFlags, ...Object.keys(defaultSettings)]);
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((key) => !(key in SETTINGS_RULES))).toEqual([]);
  });
});

describe('readCollectConfig', () => {
  it('reads every honoured collect key', () => {
    expect(
      value({
        url: ['/', '/about.html'],
        staticDistDir: './public',
        isSinglePageApplication: true,
        autodiscoverUrlBlocklist: '/private.html',
        maxAutodiscoverUrls: 0,
        staticDirFileDiscoveryDepth: 3,
        numberOfRuns: 5,
        chromePath: '/usr/bin/chromium',
        method: 'node',
        headful: false,
        additive: false,
        settings: { preset: 'desktop' },
      }),
    ).toEqual({
      urls: ['/', '/about.html'],
      staticDistDir: './public',
      isSinglePageApplication: true,
      discovery: { maxUrls: Infinity, blocklist: ['/private.html'], depth: 3 },
      numberOfRuns: 5,
      chromePath: '/usr/bin/chromium',
      settings: expect.objectContaining({ preset: 'desktop', flags: {} }),
      warnings: [],
      refusals: [],
    });
  });

  it('keeps LHCI defaults: 5 autodiscovered pages, 2 folder levels (0 meaning 2, as LHCI reads it), no run count', () => {
    expect(value({ staticDistDir: 'dist', staticDirFileDiscoveryDepth: 0 })).toMatchObject({ urls: [], discovery: { maxUrls: 5, blocklist: [], depth: 2 }, numberOfRuns: null });
  });

  const warned = Object.entries(COLLECT_RULES).filter(([, rule]) => rule.kind === 'warned');
  it.each(warned.map(([key]) => [key]))('warns about %s in one line naming the file and key, and ignores it', (key) => {
    const config = value({ url: 'https://example.com/', [key]: key === 'startServerReadyTimeout' ? 5000 : true });
    expect(config.refusals).toEqual([]);
    expect(config.warnings).toEqual([expect.stringMatching(new RegExp(`^\\.lighthouserc\\.json ci\\.collect\\.${key} is not supported by lighthouse-budget and is ignored: \\S.*$`))]);
  });

  it.each([
    ['puppeteerScript', './login.js', /without the script \(typically a login\) the runs would measure another page.*settings\.extraHeaders/],
    ['method', 'psi', /PageSpeed Insights runs Lighthouse on Google's servers/],
  ])('refuses %s, naming the file and key and what to do instead', (key, written, why) => {
    const config = value({ url: 'https://example.com/', [key]: written });
    expect(config.refusals).toEqual([expect.stringMatching(new RegExp(`^\\.lighthouserc\\.json ci\\.collect\\.${key} is not supported by lighthouse-budget: `))]);
    expect(config.refusals[0]).toMatch(why);
  });

  it('warns about a key lhci collect does not have (a misspelling would otherwise change nothing, silently)', () => {
    expect(value({ url: 'https://example.com/', numberOfRun: 5 }).warnings).toEqual(['.lighthouserc.json ci.collect.numberOfRun is not an lhci collect option, and is ignored (a misspelling?)']);
  });

  it.each([
    [{ numberOfRuns: 'three' }, '.lighthouserc.json ci.collect.numberOfRuns must be a whole number of runs from 1 to 50, got "three"'],
    [{ numberOfRuns: 0 }, '.lighthouserc.json ci.collect.numberOfRuns must be a whole number of runs from 1 to 50, got 0'],
    [{ numberOfRuns: 2.5 }, '.lighthouserc.json ci.collect.numberOfRuns must be a whole number of runs from 1 to 50, got 2.5'],
    [{ url: 5 }, '.lighthouserc.json ci.collect.url must be a string or a list of strings, got 5'],
    [{ url: ['https://a.dev/', 'https://a.dev/'] }, '.lighthouserc.json ci.collect.url: https://a.dev/ is listed twice'],
    [{ url: '/about.html' }, '.lighthouserc.json ci.collect.url: `/about.html` is not an http(s) URL (a path needs staticDistDir, whose folder is then served for it)'],
    [{ url: 'ftp://a.dev/' }, '.lighthouserc.json ci.collect.url: `ftp://a.dev/` is not an http(s) URL (a path needs staticDistDir, whose folder is then served for it)'],
    [{ staticDistDir: 'dist', url: 'https://www.example.com/about' }, '.lighthouserc.json ci.collect.url: `https://www.example.com/about` is not a page of staticDistDir: give a path such as /about.html (or http://localhost/about.html)'],
    [{ staticDistDir: '' }, '.lighthouserc.json ci.collect.staticDistDir must be a path, got ""'],
    [{ staticDistDir: ['dist'] }, '.lighthouserc.json ci.collect.staticDistDir must be a path, got ["dist"]'],
    [{ isSinglePageApplication: 'yes' }, '.lighthouserc.json ci.collect.isSinglePageApplication must be true or false, got "yes"'],
    [{ maxAutodiscoverUrls: -1 }, '.lighthouserc.json ci.collect.maxAutodiscoverUrls must be a whole number (0 for no limit), got -1'],
    [{ staticDirFileDiscoveryDepth: '2' }, '.lighthouserc.json ci.collect.staticDirFileDiscoveryDepth must be a whole number of folder levels, got "2"'],
    [{ autodiscoverUrlBlocklist: [1] }, '.lighthouserc.json ci.collect.autodiscoverUrlBlocklist must be a string or a list of strings, got [1]'],
    [{ chromePath: true }, '.lighthouserc.json ci.collect.chromePath must be a path, got true'],
    [{ settings: 'desktop' }, '.lighthouserc.json ci.collect.settings must be an object of Lighthouse settings, got "desktop"'],
    [{ settings: { preset: 'tablet' } }, '.lighthouserc.json ci.collect.settings.preset must be one of desktop, perf, experimental, got "tablet"'],
    [{ settings: { formFactor: 'watch' } }, '.lighthouserc.json ci.collect.settings.formFactor must be one of mobile, desktop, got "watch"'],
    [{ settings: { throttlingMethod: 'fast' } }, '.lighthouserc.json ci.collect.settings.throttlingMethod must be one of simulate, devtools, provided, got "fast"'],
    [{ settings: { throttling: { rttMs: '40' } } }, '.lighthouserc.json ci.collect.settings.throttling.rttMs must be a number, got "40"'],
    [{ settings: { throttling: { rtt: 40 } } }, '.lighthouserc.json ci.collect.settings.throttling.rtt is not one of rttMs, throughputKbps, requestLatencyMs, downloadThroughputKbps, uploadThroughputKbps, cpuSlowdownMultiplier'],
    [{ settings: { screenEmulation: { widht: 1350 } } }, '.lighthouserc.json ci.collect.settings.screenEmulation.widht is not one of width, height, deviceScaleFactor, mobile, disabled'],
    [{ settings: { screenEmulation: { mobile: 'no' } } }, '.lighthouserc.json ci.collect.settings.screenEmulation.mobile must be true or false, got "no"'],
    [{ settings: { onlyCategories: [3] } }, '.lighthouserc.json ci.collect.settings.onlyCategories must be a list of strings, got [3]'],
    [{ settings: { maxWaitForLoad: '45s' } }, '.lighthouserc.json ci.collect.settings.maxWaitForLoad must be a number of milliseconds, got "45s"'],
    [{ settings: { disableStorageReset: 'true' } }, '.lighthouserc.json ci.collect.settings.disableStorageReset must be true or false, got "true"'],
    [{ settings: { emulatedUserAgent: 42 } }, '.lighthouserc.json ci.collect.settings.emulatedUserAgent must be a string or true/false, got 42'],
    [{ settings: { chromeFlags: { sandbox: false } } }, '.lighthouserc.json ci.collect.settings.chromeFlags must be a string of flags or a list of them, got {"sandbox":false}'],
    [{ settings: { budgets: { timings: [] } } }, '.lighthouserc.json ci.collect.settings.budgets must be a budget.json array of budgets'],
    [{ settings: { onlyAudits: ['uses-http2'], skipAudits: 'uses-http2' } }, '.lighthouserc.json ci.collect.settings: uses-http2 is in both skipAudits and onlyAudits (Lighthouse refuses that)'],
  ])('%j is a one-line error naming the file and key', (raw, message) => {
    expect(error(raw)).toBe(message);
  });
});

describe('ci.collect.settings', () => {
  it('passes every honoured setting on as a Lighthouse flag, kebab-case read as Lighthouse reads it', () => {
    const settings = {
      formFactor: 'desktop',
      screenEmulation: { mobile: 'false', width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
      emulatedUserAgent: 'rollout-guard-test',
      'throttling-method': 'devtools',
      throttling: { rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1 },
      onlyCategories: 'performance,accessibility',
      onlyAudits: ['first-contentful-paint'],
      skipAudits: ['uses-http2'],
      maxWaitForLoad: 30_000,
      maxWaitForFcp: 15_000,
      pauseAfterFcpMs: 500,
      pauseAfterLoadMs: 500,
      networkQuietThresholdMs: 500,
      cpuQuietThresholdMs: 500,
      blockedUrlPatterns: '*.analytics.example.com',
      clearStorageTypes: ['cookies'],
      disableStorageReset: true,
      disableFullPageScreenshot: true,
      ignoreStatusCode: false,
      skipAboutBlank: true,
      usePassiveGathering: false,
      blankPage: 'about:blank',
      locale: 'de',
      additionalTraceCategories: 'v8',
      precomputedLanternData: { additionalRttByOrigin: {}, serverResponseTimeByOrigin: {} },
    };
    const read = value({ url: 'https://example.com/', settings }).settings;
    expect(read.warnings).toEqual([]);
    expect(read.flags).toEqual({
      ...settings,
      'throttling-method': undefined,
      throttlingMethod: 'devtools',
      screenEmulation: { ...settings.screenEmulation, mobile: false },
      onlyCategories: ['performance', 'accessibility'],
      blockedUrlPatterns: ['*.analytics.example.com'],
    });
    // Every honoured setting but the four the plan holds apart is in this test.
    const apart = ['preset', 'budgets', 'chromeFlags', 'extraHeaders'];
    expect(Object.entries(SETTINGS_RULES).filter(([key, rule]) => rule.kind === 'honoured' && !apart.includes(key) && !(key in read.flags))).toEqual([]);
  });

  it('reads extraHeaders as an object or a JSON string (as LHCI documents it), notes every value as a secret, and never quotes one', () => {
    const object = value({ url: 'https://example.com/', settings: { extraHeaders: { Authorization: 'Bearer s3cret-token-1', Cookie: 'session=abc123' } } });
    expect(object.settings.flags.extraHeaders).toEqual({ Authorization: 'Bearer s3cret-token-1', Cookie: 'session=abc123' });
    expect(secrets).toEqual(expect.arrayContaining(['Bearer s3cret-token-1', 's3cret-token-1', 'session=abc123']));
    value({ url: 'https://example.com/', settings: { extraHeaders: { DNT: '1' } } });
    expect(secrets).not.toContain('1');
    const text = value({ url: 'https://example.com/', settings: { extraHeaders: '{"X-Preview": "pr-token-22"}' } });
    expect(text.settings.flags.extraHeaders).toEqual({ 'X-Preview': 'pr-token-22' });
    expect(secrets).toContain('pr-token-22');
    for (const [headers, message] of [
      ['{"Authorization": "Bearer leak-me-1"', '.lighthouserc.json ci.collect.settings.extraHeaders is not valid JSON (its text is not shown: it may hold credentials)'],
      [{ Authorization: 42 }, '.lighthouserc.json ci.collect.settings.extraHeaders.Authorization must be a string (the header\'s value; not shown)'],
      [['Authorization: Bearer leak-me-2'], '.lighthouserc.json ci.collect.settings.extraHeaders must be an object of header names to values'],
    ] as const) {
      expect(error({ url: 'https://example.com/', settings: { extraHeaders: headers } })).toBe(message);
    }
  });

  it('takes an extraHeaders string that is not JSON as the path of a JSON file, as Lighthouse\'s CLI does (read by the config reader)', () => {
    expect(value({ url: 'https://example.com/', settings: { extraHeaders: './headers.json' } }).settings).toMatchObject({ extraHeadersFile: './headers.json', flags: {} });
  });

  it('notes the userinfo and long query values of its URLs as secrets, not short ones', () => {
    value({ url: ['https://user:pw@a.dev/', 'https://a.dev/x?token=long-query-secret&v=1'] });
    expect(secrets).toEqual(expect.arrayContaining(['user', 'pw', 'long-query-secret']));
    expect(secrets).not.toContain('1');
  });

  it('notes a PageSpeed key as a secret even though it is ignored', () => {
    value({ url: 'https://example.com/', psiApiKey: 'AIza-psi-key-123' });
    expect(secrets).toContain('AIza-psi-key-123');
  });

  it('adds settings.chromeFlags to Chrome\'s, split as Lighthouse splits them, dropping (with a warning) those the runner owns', () => {
    expect(splitChromeFlags('"--no-sandbox --user-agent=\'My Agent\' --window-size=1350,940"')).toEqual(['--no-sandbox', '--user-agent=My Agent', '--window-size=1350,940']);
    expect(splitChromeFlags(['--lang=de', '--proxy-server="http://proxy:3128"'])).toEqual(['--lang=de', '--proxy-server=http://proxy:3128']);
    const read = value({ url: 'https://example.com/', settings: { chromeFlags: '--headless --no-sandbox --user-data-dir=/tmp/x --ignore-certificate-errors' } }).settings;
    expect(read.chromeFlags).toEqual(['--no-sandbox', '--ignore-certificate-errors']);
    expect(read.warnings).toEqual([
      ".lighthouserc.json ci.collect.settings.chromeFlags: --headless --user-data-dir=/tmp/x ignored: each run's Chrome is started new-headless by chrome-launcher, which owns its profile and debugging port",
    ]);
  });

  it('holds preset and budgets apart from the flags: a config to start from, and assertions', () => {
    const read = value({ url: 'https://example.com/', settings: { preset: 'perf', budgets: [{ timings: [{ metric: 'interactive', budget: 3000 }] }] } }).settings;
    expect(read).toMatchObject({ preset: 'perf', budgets: [{ timings: [{ metric: 'interactive', budget: 3000 }] }], flags: {} });
  });

  const warned = Object.entries(SETTINGS_RULES).filter(([, rule]) => rule.kind === 'warned');
  it.each(warned.map(([key]) => [key]))('warns about settings.%s and ignores it', (key) => {
    const config = value({ url: 'https://example.com/', settings: { [key]: true } });
    expect(config.warnings).toEqual([expect.stringMatching(new RegExp(`^\\.lighthouserc\\.json ci\\.collect\\.settings\\.${key} is not supported by lighthouse-budget and is ignored: \\S`))]);
    expect(config.settings.flags).toEqual({});
  });

  const refused = Object.entries(SETTINGS_RULES).filter(([, rule]) => rule.kind === 'refused');
  it.each(refused.map(([key]) => [key]))('refuses settings.%s', (key) => {
    const config = value({ url: 'https://example.com/', settings: { [key]: './x' } });
    expect(config.refusals).toEqual([expect.stringMatching(new RegExp(`^\\.lighthouserc\\.json ci\\.collect\\.settings\\.${key} is not supported by lighthouse-budget: \\S`))]);
  });

  it('warns about a setting Lighthouse does not have', () => {
    expect(value({ url: 'https://example.com/', settings: { onlyCategory: ['seo'] } }).warnings).toEqual([
      '.lighthouserc.json ci.collect.settings.onlyCategory is not a Lighthouse setting lighthouse-budget knows, and is ignored (a misspelling?)',
    ]);
  });
});
