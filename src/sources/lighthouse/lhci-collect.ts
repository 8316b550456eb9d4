import { type Result, err, ok } from '../../engine/result.js';
import { secretPartsOfUrl } from '../http/redact-url.js';
import { noteSecret } from '../secret-registry.js';
import { type CollectSettings, readCollectSettings } from './lhci-collect-settings.js';
import { staticUrl } from './static-site.js';

/**
 * `ci.collect` of a lighthouserc, checked: every key `lhci collect` 0.15
 * documents (its yargs options) is honoured, warned (ignored with one line
 * saying why and what to do instead) or refused (a config error, where
 * ignoring it would measure something other than what the user configured
 * without anyone noticing); see docs/lighthouse-lhci-config.md. A wrong type
 * is a one-line error naming the key. The action's inputs take precedence
 * over these (collect-plan.ts).
 */
export interface CollectConfig {
  /** `url`: absolute URLs, or paths on the static server when `staticDistDir` is set. */
  urls: string[];
  staticDistDir: string | null;
  isSinglePageApplication: boolean;
  /** LHCI's autodiscovery of `staticDistDir`'s HTML files, used when no `url` is given. */
  discovery: { maxUrls: number; blocklist: string[]; depth: number };
  numberOfRuns: number | null;
  chromePath: string | null;
  settings: CollectSettings;
  /** Ignored keys, one line each, to log as warnings when collecting. */
  warnings: string[];
  /** Keys that make collecting with this config wrong, one line each: an error when collecting. */
  refusals: string[];
}

/** The same bound as the `runs` input. */
export const MAX_RUNS = 50;

type Rule = { kind: 'honoured' } | { kind: 'warned' | 'refused'; why: string; when?: (value: unknown) => boolean };

const PSI_ONLY = 'it applies only to method psi, which lighthouse-budget does not run';
const NO_COMMANDS = 'lighthouse-budget does not run repository commands';

/** Every `lhci collect` option of LHCI 0.15 and what lighthouse-budget does with it. */
export const COLLECT_RULES: Record<string, Rule> = {
  url: { kind: 'honoured' },
  staticDistDir: { kind: 'honoured' },
  isSinglePageApplication: { kind: 'honoured' },
  autodiscoverUrlBlocklist: { kind: 'honoured' },
  maxAutodiscoverUrls: { kind: 'honoured' },
  staticDirFileDiscoveryDepth: { kind: 'honoured' },
  numberOfRuns: { kind: 'honoured' },
  settings: { kind: 'honoured' },
  chromePath: { kind: 'honoured' },
  method: {
    kind: 'refused',
    why: "PageSpeed Insights runs Lighthouse on Google's servers against a public URL, while lighthouse-budget measures in this job's Chrome, so the numbers would not be the ones you configured; remove `method` (node is what lighthouse-budget does)",
    when: (value) => value !== 'node',
  },
  puppeteerScript: {
    kind: 'refused',
    why: `lighthouse-budget does not run repository code, and without the script (typically a login) the runs would measure another page, such as a login form, with no sign of it; for a page behind authentication give a cookie or an Authorization header in settings.extraHeaders`,
  },
  puppeteerLaunchOptions: { kind: 'warned', why: 'it applies only to puppeteerScript, which is not supported; give Chrome flags in settings.chromeFlags' },
  headful: { kind: 'warned', why: 'every run is headless (Chrome\'s new headless mode, the same browser); a runner has no display', when: (value) => value !== false },
  additive: { kind: 'warned', why: 'each run keeps its own LHRs in output-dir; there is no .lighthouseci/ folder to add to', when: (value) => value !== false },
  startServerCommand: { kind: 'warned', why: `${NO_COMMANDS}: start the server in an earlier step of the job (and wait until it answers), or serve a build folder with staticDistDir` },
  startServerReadyPattern: { kind: 'warned', why: 'it applies only to startServerCommand, which is not supported' },
  startServerReadyTimeout: { kind: 'warned', why: 'it applies only to startServerCommand, which is not supported' },
  psiApiKey: { kind: 'warned', why: PSI_ONLY },
  psiApiEndpoint: { kind: 'warned', why: PSI_ONLY },
  psiStrategy: { kind: 'warned', why: PSI_ONLY },
  psiCategories: { kind: 'warned', why: PSI_ONLY },
};

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWhole = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** A string or a list of strings (yargs reads a repeated flag as a list), as a list. */
function stringList(value: unknown, key: string): Result<string[]> {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item.trim() !== '')) return err(`${key} must be a string or a list of strings, got ${show(value)}`);
  return ok(list.map((item: string) => item.trim()));
}

/**
 * A URL's userinfo (at any length: a password may be short) and query
 * values from 8 characters (as for the `urls` input: `?v=1` is no secret,
 * and registering `1` would mask every 1 in the log).
 */
function noteUrlSecrets(written: string): void {
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return;
  }
  for (const part of [url.username, url.password, ...secretPartsOfUrl(`http://${url.username}:${url.password}@x`)]) noteSecret(part);
  for (const value of url.searchParams.values()) if (value.length >= 8) noteSecret(value);
}

/** Checks `ci.collect`; `where` names it in messages (`.lighthouserc.json ci.collect`). */
export function readCollectConfig(raw: unknown, where: string): Result<CollectConfig> {
  if (!isRecord(raw)) return err(`${where} must be an object, got ${show(raw)}`);
  const config: CollectConfig = {
    urls: [],
    staticDistDir: null,
    isSinglePageApplication: false,
    discovery: { maxUrls: 5, blocklist: [], depth: 2 },
    numberOfRuns: null,
    chromePath: null,
    settings: { preset: null, flags: {}, chromeFlags: [], extraHeadersFile: null, budgets: null, warnings: [], refusals: [] },
    warnings: [],
    refusals: [],
  };
  // A PageSpeed Insights key is a credential whatever else is wrong with the file.
  if (typeof raw.psiApiKey === 'string') noteSecret(raw.psiApiKey);
  for (const [name, value] of Object.entries(raw)) {
    const key = `${where}.${name}`;
    const rule = COLLECT_RULES[name];
    if (!rule) {
      config.warnings.push(`${key} is not an lhci collect option, and is ignored (a misspelling?)`);
      continue;
    }
    if (rule.kind !== 'honoured') {
      if (rule.when && !rule.when(value)) continue;
      if (rule.kind === 'warned') config.warnings.push(`${key} is not supported by lighthouse-budget and is ignored: ${rule.why}`);
      else config.refusals.push(`${key} is not supported by lighthouse-budget: ${rule.why}`);
      continue;
    }
    const read = readHonoured(config, name, value, key);
    if (!read.ok) return read;
  }
  const badUrl = config.urls.map((url) => checkUrl(url, config.staticDistDir !== null)).find((problem) => problem !== null);
  if (badUrl) return err(`${where}.url: ${badUrl}`);
  config.warnings.push(...config.settings.warnings);
  config.refusals.push(...config.settings.refusals);
  return ok(config);
}

/** With staticDistDir, a path (or localhost URL) on the folder's server; without, an http(s) URL. */
function checkUrl(url: string, onStaticServer: boolean): string | null {
  if (onStaticServer) {
    const served = staticUrl(url, 1);
    return served.ok ? null : served.error;
  }
  try {
    if (['http:', 'https:'].includes(new URL(url).protocol)) return null;
  } catch {
    // Below.
  }
  return `\`${url}\` is not an http(s) URL (a path needs staticDistDir, whose folder is then served for it)`;
}

function readHonoured(config: CollectConfig, name: string, value: unknown, key: string): Result<void> {
  switch (name) {
    case 'url': {
      const urls = stringList(value, key);
      if (!urls.ok) return urls;
      const twice = urls.value.find((url, index) => urls.value.indexOf(url) !== index);
      // Two entries for one page would pool their runs into one median: say so rather than guess.
      if (twice !== undefined) return err(`${key}: ${twice} is listed twice`);
      urls.value.forEach(noteUrlSecrets);
      config.urls = urls.value;
      return ok(undefined);
    }
    case 'staticDistDir':
    case 'chromePath':
      if (typeof value !== 'string' || value.trim() === '') return err(`${key} must be a path, got ${show(value)}`);
      config[name] = value.trim();
      return ok(undefined);
    case 'isSinglePageApplication':
      if (typeof value !== 'boolean') return err(`${key} must be true or false, got ${show(value)}`);
      config.isSinglePageApplication = value;
      return ok(undefined);
    case 'numberOfRuns':
      if (!isWhole(value, 1, MAX_RUNS)) return err(`${key} must be a whole number of runs from 1 to ${MAX_RUNS}, got ${show(value)}`);
      config.numberOfRuns = value;
      return ok(undefined);
    case 'maxAutodiscoverUrls':
      if (!isWhole(value, 0)) return err(`${key} must be a whole number (0 for no limit), got ${show(value)}`);
      // LHCI: `maxAutodiscoverUrls || Infinity`.
      config.discovery.maxUrls = value === 0 ? Infinity : value;
      return ok(undefined);
    case 'staticDirFileDiscoveryDepth':
      if (!isWhole(value, 0)) return err(`${key} must be a whole number of folder levels, got ${show(value)}`);
      // LHCI: `staticDirFileDiscoveryDepth || 2`, so 0 is its default depth too.
      config.discovery.depth = value === 0 ? 2 : value;
      return ok(undefined);
    case 'autodiscoverUrlBlocklist': {
      const list = stringList(value, key);
      if (!list.ok) return list;
      config.discovery.blocklist = list.value;
      return ok(undefined);
    }
    case 'settings': {
      const settings = readCollectSettings(value, key);
      if (!settings.ok) return settings;
      config.settings = settings.value;
      return ok(undefined);
    }
    default:
      return ok(undefined);
  }
}
