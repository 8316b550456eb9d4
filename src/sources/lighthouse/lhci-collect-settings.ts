import { type Result, err, ok } from '../../engine/result.js';
import { noteSecret } from '../secret-registry.js';

/**
 * `ci.collect.settings` of a lighthouserc: what `lhci collect` hands the
 * Lighthouse CLI as its flags (`--cli-flags-path`), checked and turned into
 * the flags of Lighthouse's Node API, which apply them on top of the preset's
 * config exactly as the CLI does (flags override config settings). Every
 * key is one of three kinds (see docs/lighthouse-lhci-config.md):
 * honoured, warned (ignored with one line saying why) or refused (a config
 * error, where ignoring it would measure something other than what the user
 * configured without anyone noticing). A wrong type is a one-line error
 * naming the key. Header values are credentials as often as not: they are
 * noted as secrets here, before anything can show them, and no message ever
 * quotes them.
 */

/** Lighthouse's built-in configs `settings.preset` may name (its CLI's `--preset` choices). */
export const LIGHTHOUSE_PRESETS = ['desktop', 'perf', 'experimental'] as const;
export type LighthousePreset = (typeof LIGHTHOUSE_PRESETS)[number];

/** The flags passed to `lighthouse(url, flags, config)`: the honoured settings, checked. */
export type LighthouseFlags = Record<string, unknown>;

export interface CollectSettings {
  /** Lighthouse's built-in config to start from; null is its default (mobile) config. */
  preset: LighthousePreset | null;
  flags: LighthouseFlags;
  /** Extra Chrome flags (`settings.chromeFlags`), those the runner owns removed. */
  chromeFlags: string[];
  /** `settings.extraHeaders` written as a path to a JSON file, read by the caller (it has the workspace). */
  extraHeadersFile: string | null;
  /** `settings.budgets`: a budget.json array, judged as assertions (budgets.ts). */
  budgets: unknown[] | null;
  warnings: string[];
  refusals: string[];
}

type Check = (value: unknown, key: string) => Result<unknown>;
type Treatment = { kind: 'honoured'; check: Check } | { kind: 'warned' | 'refused'; why: string };

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const oneOf =
  (choices: readonly string[]): Check =>
  (value, key) =>
    typeof value === 'string' && choices.includes(value) ? ok(value) : err(`${key} must be one of ${choices.join(', ')}, got ${show(value)}`);
const string: Check = (value, key) => (typeof value === 'string' && value !== '' ? ok(value) : err(`${key} must be a non-empty string, got ${show(value)}`));
const boolean: Check = (value, key) => (typeof value === 'boolean' ? ok(value) : err(`${key} must be true or false, got ${show(value)}`));
const milliseconds: Check = (value, key) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? ok(value) : err(`${key} must be a number of milliseconds, got ${show(value)}`);

/** A list, or one string (split on commas where Lighthouse's CLI splits it: the audit and category lists). */
const stringList =
  (splitCommas: boolean): Check =>
  (value, key) => {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item !== '')) return err(`${key} must be a list of strings, got ${show(value)}`);
    return ok(splitCommas ? list.flatMap((item: string) => item.split(',').map((part) => part.trim())).filter((part) => part !== '') : list);
  };

/** An object whose keys are all known and whose values pass their checks (Lighthouse's screenEmulation and throttling). */
const shape =
  (fields: Record<string, Check>): Check =>
  (value, key) => {
    if (!isRecord(value)) return err(`${key} must be an object with ${Object.keys(fields).join(', ')}, got ${show(value)}`);
    const checked: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      const check = fields[name];
      if (!check) return err(`${key}.${name} is not one of ${Object.keys(fields).join(', ')}`);
      const result = check(item, `${key}.${name}`);
      if (!result.ok) return result;
      checked[name] = result.value;
    }
    return ok(checked);
  };

const number: Check = (value, key) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? ok(value) : err(`${key} must be a number, got ${show(value)}`));
// Lighthouse's CLI reads 'true' and 'false' here too (nested flags reach it as strings).
const booleanish: Check = (value, key) => (value === 'true' || value === 'false' ? ok(value === 'true') : boolean(value, key));
const THROTTLING = ['rttMs', 'throughputKbps', 'requestLatencyMs', 'downloadThroughputKbps', 'uploadThroughputKbps', 'cpuSlowdownMultiplier'];

/** Lighthouse's CLI reads a string that is not a JSON object as the path of a JSON file of headers. */
const isHeadersPath = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !value.trimStart().startsWith('{');

/** Headers as an object or a JSON string of one; values are noted as secrets and never quoted. */
export function headerObject(value: unknown, key: string): Result<Record<string, string>> {
  let headers = value;
  if (typeof value === 'string') {
    try {
      headers = JSON.parse(value);
    } catch {
      // JSON.parse quotes the text it failed on: say where, not what.
      return err(`${key} is not valid JSON (its text is not shown: it may hold credentials)`);
    }
  }
  if (!isRecord(headers)) return err(`${key} must be an object of header names to values`);
  for (const [name, item] of Object.entries(headers)) {
    if (typeof item !== 'string') return err(`${key}.${name} must be a string (the header's value; not shown)`);
    noteHeaderSecret(item);
  }
  return ok(headers as Record<string, string>);
}

/**
 * Shorter header values (`DNT: 1`) are no credentials, and registering one
 * with the runner would mask that text everywhere in the log.
 */
const MIN_SECRET_HEADER = 4;

/** A header's whole value is a secret, and so is the credential after an auth scheme (`Bearer <token>`), which a server may echo alone. */
function noteHeaderSecret(value: string): void {
  const credential = /^\s*\w+\s+(\S.*)$/.exec(value)?.[1];
  for (const secret of [value, credential]) if (secret !== undefined && secret.trim().length >= MIN_SECRET_HEADER) noteSecret(secret);
}

const REPOSITORY_CODE = 'lighthouse-budget does not run repository code';

/** Every Lighthouse setting and CLI flag, and what lighthouse-budget does with it. */
export const SETTINGS_RULES: Record<string, Treatment> = {
  preset: { kind: 'honoured', check: oneOf(LIGHTHOUSE_PRESETS) },
  formFactor: { kind: 'honoured', check: oneOf(['mobile', 'desktop']) },
  screenEmulation: { kind: 'honoured', check: shape({ width: number, height: number, deviceScaleFactor: number, mobile: booleanish, disabled: booleanish }) },
  emulatedUserAgent: { kind: 'honoured', check: (value, key) => (typeof value === 'string' || typeof value === 'boolean' ? ok(value) : err(`${key} must be a string or true/false, got ${show(value)}`)) },
  throttlingMethod: { kind: 'honoured', check: oneOf(['simulate', 'devtools', 'provided']) },
  throttling: { kind: 'honoured', check: shape(Object.fromEntries(THROTTLING.map((name) => [name, number]))) },
  onlyCategories: { kind: 'honoured', check: stringList(true) },
  onlyAudits: { kind: 'honoured', check: stringList(true) },
  skipAudits: { kind: 'honoured', check: stringList(true) },
  extraHeaders: { kind: 'honoured', check: headerObject },
  maxWaitForLoad: { kind: 'honoured', check: milliseconds },
  maxWaitForFcp: { kind: 'honoured', check: milliseconds },
  pauseAfterFcpMs: { kind: 'honoured', check: milliseconds },
  pauseAfterLoadMs: { kind: 'honoured', check: milliseconds },
  networkQuietThresholdMs: { kind: 'honoured', check: milliseconds },
  cpuQuietThresholdMs: { kind: 'honoured', check: milliseconds },
  blockedUrlPatterns: { kind: 'honoured', check: stringList(false) },
  clearStorageTypes: { kind: 'honoured', check: stringList(false) },
  disableStorageReset: { kind: 'honoured', check: boolean },
  disableFullPageScreenshot: { kind: 'honoured', check: boolean },
  ignoreStatusCode: { kind: 'honoured', check: boolean },
  skipAboutBlank: { kind: 'honoured', check: boolean },
  usePassiveGathering: { kind: 'honoured', check: boolean },
  blankPage: { kind: 'honoured', check: string },
  locale: { kind: 'honoured', check: string },
  additionalTraceCategories: { kind: 'honoured', check: string },
  precomputedLanternData: {
    kind: 'honoured',
    check: (value, key) => (isRecord(value) && isRecord(value.additionalRttByOrigin) && isRecord(value.serverResponseTimeByOrigin) ? ok(value) : err(`${key} must be an object with additionalRttByOrigin and serverResponseTimeByOrigin`)),
  },
  chromeFlags: { kind: 'honoured', check: (value, key) => (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string')) ? ok(value) : err(`${key} must be a string of flags or a list of them, got ${show(value)}`)) },
  budgets: { kind: 'honoured', check: (value, key) => (Array.isArray(value) ? ok(value) : err(`${key} must be a budget.json array of budgets`)) },

  configPath: { kind: 'refused', why: `a custom Lighthouse config changes what is measured, and ${REPOSITORY_CODE} or loads its configs; move its settings into ci.collect.settings` },
  plugins: { kind: 'refused', why: `plugins are code (${REPOSITORY_CODE}) and add categories the budgets may assert; remove them` },
  precomputedLanternDataPath: { kind: 'refused', why: 'without its data the simulated timings differ from what you configured; put the file\'s contents under settings.precomputedLanternData' },

  debugNavigation: { kind: 'warned', why: 'it pauses the run for a person to resume, which a headless run in CI cannot do' },
  chromeIgnoreDefaultFlags: { kind: 'warned', why: 'Chrome is always started with chrome-launcher\'s default flags, as lhci collect usually does' },
  port: { kind: 'warned', why: 'lighthouse-budget starts a fresh Chrome for every run and connects to it itself' },
  hostname: { kind: 'warned', why: 'lighthouse-budget starts a fresh Chrome for every run and connects to it itself' },
  logLevel: { kind: 'warned', why: 'Lighthouse logs only errors here; the action logs each run' },
  verbose: { kind: 'warned', why: 'Lighthouse logs only errors here; the action logs each run' },
  quiet: { kind: 'warned', why: 'Lighthouse logs only errors here; the action logs each run' },
  output: { kind: 'warned', why: 'the LHRs (JSON) and the representative runs\' HTML reports are kept in output-dir' },
  outputPath: { kind: 'warned', why: 'the LHRs (JSON) and the representative runs\' HTML reports are kept in output-dir' },
  view: { kind: 'warned', why: 'there is no browser to open a report in on a runner' },
  saveAssets: { kind: 'warned', why: 'traces and devtools logs are not kept; the LHRs are kept in output-dir' },
  lanternDataOutputPath: { kind: 'warned', why: 'simulation data is not written out' },
  enableErrorReporting: { kind: 'warned', why: 'Lighthouse\'s error reporting is never enabled from CI' },
  listAllAudits: { kind: 'warned', why: 'it only prints a list and does not run Lighthouse' },
  listLocales: { kind: 'warned', why: 'it only prints a list and does not run Lighthouse' },
  listTraceCategories: { kind: 'warned', why: 'it only prints a list and does not run Lighthouse' },
  // lhci collect itself drops these before running Lighthouse.
  auditMode: { kind: 'warned', why: 'lhci collect drops it too: every run gathers and audits' },
  gatherMode: { kind: 'warned', why: 'lhci collect drops it too: every run gathers and audits' },
  channel: { kind: 'warned', why: 'lhci collect drops it too' },
  listAllCategories: { kind: 'warned', why: 'lhci collect drops it too' },
  printConfig: { kind: 'warned', why: 'lhci collect drops it too' },
};

/** Lighthouse's CLI reads flags in kebab-case too (`only-categories`). */
const camelCase = (key: string): string => key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Flags chrome-launcher and the driver own: a second `--remote-debugging-port`
 * would point Lighthouse at the wrong browser, another profile dir would
 * leak state between runs, and the runs are always new-headless.
 */
const OWNED_CHROME_FLAGS = /^--(headless|remote-debugging-port|remote-debugging-address|remote-debugging-pipe|user-data-dir)(=|$)/;

/**
 * `settings.chromeFlags` as Lighthouse's CLI splits it: space-separated,
 * one level of quotes around the whole string or a value removed
 * (`--user-agent="My Agent"`), lists joined.
 */
export function splitChromeFlags(value: string | string[]): string[] {
  const text = (Array.isArray(value) ? value : [value]).map((group) => group.replace(/^\s*(['"])(.+)\1\s*$/, '$2').trim()).join(' ');
  const tokens = text.match(/(?:[^\s'"]+|"[^"]*"|'[^']*')+/g) ?? [];
  return tokens.map((token) => token.replace(/(['"])(.*)\1/, '$2'));
}

/** Checks `ci.collect.settings`; `where` names it in messages (`.lighthouserc.json ci.collect.settings`). */
export function readCollectSettings(raw: unknown, where: string): Result<CollectSettings> {
  const settings: CollectSettings = { preset: null, flags: {}, chromeFlags: [], extraHeadersFile: null, budgets: null, warnings: [], refusals: [] };
  if (raw === undefined || raw === null) return ok(settings);
  if (!isRecord(raw)) return err(`${where} must be an object of Lighthouse settings, got ${show(raw)}`);
  for (const [written, value] of Object.entries(raw)) {
    const name = camelCase(written);
    const key = `${where}.${written}`;
    const rule = SETTINGS_RULES[name];
    if (!rule) {
      settings.warnings.push(`${key} is not a Lighthouse setting lighthouse-budget knows, and is ignored (a misspelling?)`);
      continue;
    }
    if (rule.kind === 'warned') settings.warnings.push(`${key} is not supported by lighthouse-budget and is ignored: ${rule.why}`);
    if (rule.kind === 'refused') settings.refusals.push(`${key} is not supported by lighthouse-budget: ${rule.why}`);
    if (rule.kind !== 'honoured') continue;
    if (name === 'extraHeaders' && isHeadersPath(value)) {
      settings.extraHeadersFile = value.trim();
      continue;
    }
    const checked = rule.check(value, key);
    if (!checked.ok) return checked;
    if (name === 'preset') settings.preset = checked.value as LighthousePreset;
    else if (name === 'budgets') settings.budgets = checked.value as unknown[];
    else if (name === 'chromeFlags') settings.chromeFlags = ownChromeFlags(checked.value as string | string[], key, settings.warnings);
    else settings.flags[name] = checked.value;
  }
  const skipped = (settings.flags.skipAudits as string[] | undefined)?.find((id) => (settings.flags.onlyAudits as string[] | undefined)?.includes(id));
  if (skipped !== undefined) return err(`${where}: ${skipped} is in both skipAudits and onlyAudits (Lighthouse refuses that)`);
  return ok(settings);
}

function ownChromeFlags(value: string | string[], key: string, warnings: string[]): string[] {
  const flags = splitChromeFlags(value);
  const owned = flags.filter((flag) => OWNED_CHROME_FLAGS.test(flag));
  if (owned.length > 0) warnings.push(`${key}: ${owned.join(' ')} ignored: each run's Chrome is started new-headless by chrome-launcher, which owns its profile and debugging port`);
  return flags.filter((flag) => !OWNED_CHROME_FLAGS.test(flag));
}
