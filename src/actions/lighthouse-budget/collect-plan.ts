import { type Result, err, ok } from '../../engine/result.js';
import type { LhciConfig } from '../../sources/lighthouse/lhci-config.js';
import type { Discovery } from '../../sources/lighthouse/static-site.js';
import type { LighthousePreset } from '../../sources/lighthouse/lhci-collect-settings.js';
import type { FormFactorPreset } from '../../sources/lighthouse/lighthouse-driver.js';
import type { CollectMode } from './inputs.js';

/**
 * What to collect, from the inputs and the config's `ci.collect` together.
 * An input that is given wins over the config, and when the two differ one
 * log line says which was used:
 * - `urls` replaces the config's pages (`url` and `staticDistDir`) whole;
 * - `runs` wins over `numberOfRuns`; with neither, 3 runs;
 * - `preset` wins over `settings.preset` where they disagree on the form
 *   factor (input `mobile` keeps a `perf` or `experimental` preset, which
 *   are mobile configs), and over a `settings.formFactor` that contradicts
 *   it (with that, its `screenEmulation` and `emulatedUserAgent`, which
 *   go with it); with neither, Lighthouse's default (mobile) config;
 * - `chrome-path` wins over `chromePath`.
 * Every other setting applies as written. A refused key is an error here,
 * when collecting; when judging saved results the section is not used.
 */
export type Pages =
  | { kind: 'urls'; urls: string[] }
  /** `staticDistDir` served locally: `urls` written as paths on it, or empty for autodiscovery. */
  | { kind: 'static'; dir: string; urls: string[]; singlePageApplication: boolean; discovery: Discovery & { depth: number } };

export interface CollectPlan {
  pages: Pages;
  runs: number;
  /** Lighthouse's built-in config to run with (`mobile`: its default). */
  preset: FormFactorPreset | LighthousePreset;
  /** The form factor the runs are scored as, for the log. */
  formFactor: 'mobile' | 'desktop';
  flags: Record<string, unknown>;
  chromeFlags: string[];
  chromePath: string | undefined;
  /** One line per input that overrode a different config value. */
  notes: string[];
}

export const DEFAULT_RUNS = 3;
const FORM_FACTOR_SETTINGS = ['formFactor', 'screenEmulation', 'emulatedUserAgent'];

export function planCollect(mode: CollectMode, rc: LhciConfig | null): Result<CollectPlan> {
  const collect = rc?.collect ?? null;
  const file = rc?.file ?? '';
  if (collect && collect.refusals.length > 0) return err(`${collect.refusals[0]}${collect.refusals.length > 1 ? ` (and ${collect.refusals.length - 1} more refused key(s))` : ''}`);
  const notes: string[] = [];
  const overrides = (input: string, shown: string, key: string, value: string) => notes.push(`input \`${input}\` (${shown}) is used instead of ${file} ci.collect.${key} (${value})`);

  let pages: Pages;
  if (mode.urls.length > 0) {
    pages = { kind: 'urls', urls: mode.urls };
    const configured = collect?.staticDistDir ? `staticDistDir ${collect.staticDistDir}` : collect && collect.urls.length > 0 ? collect.urls.join(' ') : null;
    if (configured !== null && (collect?.staticDistDir || collect?.urls.join('\n') !== mode.urls.join('\n'))) overrides('urls', mode.urls.join(' '), collect?.staticDistDir ? 'url/staticDistDir' : 'url', configured);
  } else if (collect?.staticDistDir) {
    pages = { kind: 'static', dir: collect.staticDistDir, urls: collect.urls, singlePageApplication: collect.isSinglePageApplication, discovery: collect.discovery };
  } else if (collect && collect.urls.length > 0) {
    pages = { kind: 'urls', urls: collect.urls };
  } else {
    return err(`no pages to measure: input \`urls\` is empty and ${file} has no ci.collect.url or ci.collect.staticDistDir`);
  }

  const runs = mode.runs ?? collect?.numberOfRuns ?? DEFAULT_RUNS;
  if (mode.runs !== undefined && collect?.numberOfRuns != null && collect.numberOfRuns !== mode.runs) overrides('runs', String(mode.runs), 'numberOfRuns', String(collect.numberOfRuns));

  const flags = { ...(collect?.settings.flags ?? {}) };
  const preset = resolvePreset(mode.preset, collect?.settings.preset ?? null, (key, value) => overrides('preset', mode.preset!, key, value));
  if (mode.preset !== undefined && flags.formFactor !== undefined && flags.formFactor !== mode.preset) {
    overrides('preset', mode.preset, 'settings.formFactor', String(flags.formFactor));
    for (const key of FORM_FACTOR_SETTINGS) delete flags[key];
  }
  const formFactor = checkFormFactor(preset, flags, `${file} ci.collect.settings`);
  if (!formFactor.ok) return formFactor;

  const chromePath = mode.chromePath ?? collect?.chromePath ?? undefined;
  if (mode.chromePath !== undefined && collect?.chromePath && collect.chromePath !== mode.chromePath) overrides('chrome-path', mode.chromePath, 'chromePath', collect.chromePath);

  return ok({ pages, runs, preset, formFactor: formFactor.value, flags, chromeFlags: collect?.settings.chromeFlags ?? [], chromePath, notes });
}

function resolvePreset(input: FormFactorPreset | undefined, configured: LighthousePreset | null, overridden: (key: string, value: string) => void): FormFactorPreset | LighthousePreset {
  if (input === undefined) return configured ?? 'mobile';
  // perf and experimental are mobile configs: only desktop disagrees with mobile.
  const agrees = configured === null || (input === 'desktop' ? configured === 'desktop' : configured !== 'desktop');
  if (!agrees) {
    overridden('settings.preset', configured);
    return input;
  }
  return configured ?? input;
}

/**
 * The form factor the runs will have, or the contradiction Lighthouse would
 * refuse every run for: screen emulation that is (or is not) mobile while
 * the form factor says otherwise.
 */
function checkFormFactor(preset: FormFactorPreset | LighthousePreset, flags: Record<string, unknown>, where: string): Result<'mobile' | 'desktop'> {
  const desktop = preset === 'desktop';
  const formFactor = (flags.formFactor as 'mobile' | 'desktop' | undefined) ?? (desktop ? 'desktop' : 'mobile');
  const screen = (flags.screenEmulation ?? {}) as { mobile?: boolean; disabled?: boolean };
  const mobileScreen = screen.mobile ?? !desktop;
  if (screen.disabled !== true && mobileScreen !== (formFactor === 'mobile')) {
    const emulation = screen.mobile === undefined ? `the ${desktop ? 'desktop' : 'default (mobile)'} config's screen emulation` : `screenEmulation.mobile ${screen.mobile}`;
    return err(`${where}: formFactor ${formFactor} contradicts ${emulation}, and Lighthouse refuses every run so; set screenEmulation to match (or disabled), or use settings.preset desktop`);
  }
  return ok(formFactor);
}
