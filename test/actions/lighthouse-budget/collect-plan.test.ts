import { describe, expect, it } from 'vitest';
import { planCollect } from '../../../src/actions/lighthouse-budget/collect-plan.js';
import { readBudgetInputs } from '../../../src/actions/lighthouse-budget/inputs.js';
import type { CollectMode } from '../../../src/actions/lighthouse-budget/inputs.js';
import { readCollectConfig } from '../../../src/sources/lighthouse/lhci-collect.js';
import type { LhciConfig } from '../../../src/sources/lighthouse/lhci-config.js';

/** The inputs against the config's ci.collect: an input given wins, and says so in one line when the two differ. */
const FILE = '.lighthouserc.json';
const modeOf = (inputs: Record<string, string>) => readBudgetInputs((name) => ({ config: FILE, ...inputs })[name] ?? '').mode as CollectMode;
const rcOf = (collect: unknown): LhciConfig => {
  const read = readCollectConfig(collect, `${FILE} ci.collect`);
  if (!read.ok) throw new Error(read.error);
  return { file: FILE, assert: null, collect: read.value, upload: null };
};
const plan = (inputs: Record<string, string>, collect: unknown) => {
  const planned = planCollect(modeOf(inputs), collect === null ? null : rcOf(collect));
  if (!planned.ok) throw new Error(planned.error);
  return planned.value;
};
const problem = (inputs: Record<string, string>, collect: unknown) => {
  const planned = planCollect(modeOf(inputs), rcOf(collect));
  if (planned.ok) throw new Error('expected an error');
  return planned.error;
};

describe('planCollect', () => {
  it('uses the config when no input is given: its pages, runs, preset, settings and Chrome', () => {
    expect(plan({}, { url: ['https://a.dev/', 'https://a.dev/b'], numberOfRuns: 5, chromePath: '/opt/chrome', settings: { preset: 'desktop', onlyCategories: ['performance'], chromeFlags: '--lang=de' } })).toEqual({
      pages: { kind: 'urls', urls: ['https://a.dev/', 'https://a.dev/b'] },
      runs: 5,
      preset: 'desktop',
      formFactor: 'desktop',
      flags: { onlyCategories: ['performance'] },
      chromeFlags: ['--lang=de'],
      chromePath: '/opt/chrome',
      notes: [],
    });
  });

  it('falls back to LHCI\'s and Lighthouse\'s defaults: 3 runs, the default (mobile) config', () => {
    expect(plan({ urls: 'https://a.dev/' }, null)).toMatchObject({ runs: 3, preset: 'mobile', formFactor: 'mobile', flags: {}, chromePath: undefined, notes: [] });
    expect(plan({}, { url: 'https://a.dev/' })).toMatchObject({ runs: 3, preset: 'mobile', formFactor: 'mobile' });
  });

  it('serves staticDistDir, its url entries as pages on it or, without them, autodiscovery', () => {
    expect(plan({}, { staticDistDir: './public', isSinglePageApplication: true, maxAutodiscoverUrls: 2, autodiscoverUrlBlocklist: ['/404.html'] }).pages).toEqual({
      kind: 'static',
      dir: './public',
      urls: [],
      singlePageApplication: true,
      discovery: { maxUrls: 2, blocklist: ['/404.html'], depth: 2 },
    });
    expect(plan({}, { staticDistDir: './public', url: ['/', '/about.html'] }).pages).toMatchObject({ kind: 'static', urls: ['/', '/about.html'] });
  });

  it.each([
    [{ urls: 'https://pr.dev/' }, { url: 'https://a.dev/' }, { pages: { kind: 'urls', urls: ['https://pr.dev/'] } }, 'input `urls` (https://pr.dev/) is used instead of .lighthouserc.json ci.collect.url (https://a.dev/)'],
    [{ urls: 'https://pr.dev/' }, { staticDistDir: 'public' }, { pages: { kind: 'urls', urls: ['https://pr.dev/'] } }, 'input `urls` (https://pr.dev/) is used instead of .lighthouserc.json ci.collect.url/staticDistDir (staticDistDir public)'],
    [{ urls: 'https://a.dev/', runs: '1' }, { numberOfRuns: 5 }, { runs: 1 }, 'input `runs` (1) is used instead of .lighthouserc.json ci.collect.numberOfRuns (5)'],
    [{ urls: 'https://a.dev/', preset: 'mobile' }, { settings: { preset: 'desktop' } }, { preset: 'mobile', formFactor: 'mobile' }, 'input `preset` (mobile) is used instead of .lighthouserc.json ci.collect.settings.preset (desktop)'],
    [{ urls: 'https://a.dev/', preset: 'desktop' }, { settings: { preset: 'perf' } }, { preset: 'desktop', formFactor: 'desktop' }, 'input `preset` (desktop) is used instead of .lighthouserc.json ci.collect.settings.preset (perf)'],
    [
      { urls: 'https://a.dev/', preset: 'mobile' },
      { settings: { formFactor: 'desktop', screenEmulation: { mobile: false }, emulatedUserAgent: 'desktop UA', locale: 'de' } },
      { preset: 'mobile', formFactor: 'mobile', flags: { locale: 'de' } },
      'input `preset` (mobile) is used instead of .lighthouserc.json ci.collect.settings.formFactor (desktop)',
    ],
    [{ urls: 'https://a.dev/', 'chrome-path': '/usr/bin/chromium' }, { chromePath: '/opt/chrome' }, { chromePath: '/usr/bin/chromium' }, 'input `chrome-path` (/usr/bin/chromium) is used instead of .lighthouserc.json ci.collect.chromePath (/opt/chrome)'],
  ])('input %j wins over ci.collect %j, in one log line', (inputs, collect, expected, note) => {
    const planned = plan(inputs, collect);
    expect(planned).toMatchObject(expected);
    expect(planned.notes).toEqual([note]);
  });

  it('says nothing when the input and the config agree, and keeps a mobile preset (perf, experimental) under input mobile', () => {
    expect(plan({ urls: 'https://a.dev/', runs: '3', preset: 'desktop' }, { url: 'https://a.dev/', numberOfRuns: 3, settings: { preset: 'desktop' } }).notes).toEqual([]);
    expect(plan({ urls: 'https://a.dev/', preset: 'mobile' }, { settings: { preset: 'perf' } })).toMatchObject({ preset: 'perf', formFactor: 'mobile', notes: [] });
  });

  it.each([
    [{}, { numberOfRuns: 2 }, 'no pages to measure: input `urls` is empty and .lighthouserc.json has no ci.collect.url or ci.collect.staticDistDir'],
    [{}, { url: 'https://a.dev/', puppeteerScript: './login.js', method: 'psi' }, /^\.lighthouserc\.json ci\.collect\.puppeteerScript is not supported by lighthouse-budget: .* \(and 1 more refused key\(s\)\)$/],
    [{ urls: 'https://a.dev/' }, { settings: { configPath: './lh.js' } }, /^\.lighthouserc\.json ci\.collect\.settings\.configPath is not supported by lighthouse-budget: /],
    [{}, { url: 'https://a.dev/', settings: { formFactor: 'desktop' } }, ".lighthouserc.json ci.collect.settings: formFactor desktop contradicts the default (mobile) config's screen emulation, and Lighthouse refuses every run so; set screenEmulation to match (or disabled), or use settings.preset desktop"],
    [{}, { url: 'https://a.dev/', settings: { preset: 'desktop', screenEmulation: { mobile: true } } }, '.lighthouserc.json ci.collect.settings: formFactor desktop contradicts screenEmulation.mobile true, and Lighthouse refuses every run so; set screenEmulation to match (or disabled), or use settings.preset desktop'],
  ])('refuses %j with %j in one line', (inputs, collect, message) => {
    const error = problem(inputs, collect);
    expect(error).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    expect(error).not.toContain('\n');
  });

  it('accepts a form factor whose screen emulation is disabled or set to match', () => {
    expect(plan({}, { url: 'https://a.dev/', settings: { formFactor: 'desktop', screenEmulation: { disabled: true } } }).formFactor).toBe('desktop');
    expect(plan({}, { url: 'https://a.dev/', settings: { formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1 } } }).formFactor).toBe('desktop');
  });
});
