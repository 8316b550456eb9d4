import path from 'node:path';
import lodash from '@lhci/utils/src/lodash.js';
import { parse as parseYaml } from 'yaml';
import { type AssertOptions, hasAssertions, validateAssertOptions } from '../../engine/lighthouse/assert-options.js';
import { type Result, messageOf, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type CollectConfig, readCollectConfig } from './lhci-collect.js';
import { headerObject } from './lhci-collect-settings.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * Reads a lighthouserc (`.lighthouserc.json`, `lighthouserc.yml`, …) as
 * LHCI's lighthouserc.js does: YAML by extension, JSON otherwise; `.` in
 * keys read as `:` (lighthouse-ci#64); `ci`, `lhci` and `ci:client`
 * sections flattened; `extends` merged under the file with LHCI's own merge
 * (section by section, the file's own keys winning). A JavaScript rc is
 * refused: the action does not execute the repository's code.
 *
 * Three sections are read: `ci.assert` (the assertions, judged by
 * budgets.ts), `ci.collect` (checked by lhci-collect.ts, used when the action
 * collects: gather.ts) and `ci.upload`, handed on untouched for the upload
 * to an LHCI server, which parses it in its own module.
 */
export interface LhciConfig {
  /** The config path as given. */
  file: string;
  /** `ci.assert`, or null when the file has none. */
  assert: LhciAssertConfig | null;
  /** `ci.collect`, or null when the file has none. */
  collect: CollectConfig | null;
  /** `ci.upload` as written (after `extends` and the key spelling rules), or null. */
  upload: Record<string, unknown> | null;
}

export interface LhciAssertConfig {
  /** The assertions, or null when the section only names a budgets file. */
  options: AssertOptions | null;
  /** `ci.assert.budgetsFile`, resolved against the workspace as LHCI resolves it against the working directory. */
  budgetsFile: string | null;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const SECTIONS = ['assert', 'collect', 'upload'] as const;
type Section = (typeof SECTIONS)[number];
type Sections = Partial<Record<Section, Raw>>;

export async function loadLhciConfig(file: string, workspace: string): Promise<Result<LhciConfig, SourceFault>> {
  const sections = await readSections(path.resolve(workspace, file), file, new Set());
  if (!sections.ok) return sections;
  const assert = sections.value.assert === undefined ? ok(null) : readAssert(sections.value.assert, file, workspace);
  if (!assert.ok) return assert;
  const collect = sections.value.collect === undefined ? ok(null) : await readCollect(sections.value.collect, file, workspace);
  if (!collect.ok) return collect;
  return ok({ file, assert: assert.value, collect: collect.value, upload: sections.value.upload ?? null });
}

function readAssert(section: Raw, file: string, workspace: string): Result<LhciAssertConfig, SourceFault> {
  const where = `${file} ci.assert`;
  const { budgetsFile, ...rest } = section;
  const options = validateAssertOptions(rest, where);
  if (!options.ok) return fault('config', options.error);
  const asserts = hasAssertions(options.value);
  if (budgetsFile !== undefined) {
    if (typeof budgetsFile !== 'string' || budgetsFile === '') return fault('config', `${where}.budgetsFile must be a path to a budget.json`);
    // lhci assert: "Cannot use both budgets AND assertions".
    if (asserts) return fault('config', `${where}: budgetsFile cannot be combined with assertions, preset or assertMatrix (LHCI rejects it); use the budget-path input beside the config instead`);
    return ok({ options: null, budgetsFile: path.resolve(workspace, budgetsFile) });
  }
  if (!asserts) return fault('config', `${where} has no assertions, preset, assertMatrix or budgetsFile: nothing to assert`);
  return ok({ options: options.value, budgetsFile: null });
}

async function readCollect(section: Raw, file: string, workspace: string): Promise<Result<CollectConfig, SourceFault>> {
  const collect = readCollectConfig(section, `${file} ci.collect`);
  if (!collect.ok) return fault('config', collect.error);
  const headersFile = collect.value.settings.extraHeadersFile;
  if (headersFile === null) return collect;
  // Lighthouse's CLI reads such a path relative to its working directory, which is the workspace for lhci collect.
  const key = `${file} ci.collect.settings.extraHeaders`;
  const text = await readText(path.resolve(workspace, headersFile));
  if (!text.ok) return fault(text.error.kind, `${key}: ${text.error.message.replace(path.resolve(workspace, headersFile), headersFile)}`);
  const headers = headerObject(text.value, `${key} (${headersFile})`);
  if (!headers.ok) return fault('config', headers.error);
  collect.value.settings.flags.extraHeaders = headers.value;
  return collect;
}

async function readSections(absolute: string, shown: string, seen: Set<string>): Promise<Result<Sections, SourceFault>> {
  if (seen.has(absolute)) return fault('config', `${shown}: \`extends\` loops back to ${absolute}`);
  seen.add(absolute);
  const rc = await readRcFile(absolute, shown);
  if (!rc.ok) return rc;
  const ci = flattenRc(rc.value);
  const own: Sections = {};
  for (const name of SECTIONS) {
    const section = ci[name];
    if (section === undefined) continue;
    if (!isRecord(section)) return fault('config', `${shown}: ci.${name} must be an object, got ${JSON.stringify(section)?.slice(0, 40)}`);
    own[name] = section;
  }
  if (ci.extends === undefined) return ok(own);
  if (typeof ci.extends !== 'string') return fault('config', `${shown}: ci.extends must be a path to another lighthouserc`);
  const basePath = path.resolve(path.dirname(absolute), ci.extends);
  const base = await readSections(basePath, ci.extends, seen);
  if (!base.ok) return base;
  const merged: Sections = {};
  for (const name of SECTIONS) {
    const [under, over] = [base.value[name], own[name]];
    if (under === undefined && over === undefined) continue;
    // LHCI: merged = _.merge(extensionBase, merged) — the file's own keys win.
    merged[name] = lodash.merge(lodash.cloneDeep(under ?? {}), over ?? {});
  }
  return ok(merged);
}

/**
 * A lighthouserc needs few YAML aliases, if any. `yaml` counts the nodes
 * each alias expands to and throws past this many (its default), which
 * stops "billion laughs" documents that expand a few lines into gigabytes.
 */
const MAX_ALIAS_COUNT = 100;
const isAliasBomb = (thrown: unknown): boolean => thrown instanceof ReferenceError && /excessive alias count/i.test(thrown.message);

async function readRcFile(absolute: string, shown: string): Promise<Result<Raw, SourceFault>> {
  if (/\.(c|m)?js$/i.test(absolute)) {
    return fault('config', `${shown} is a JavaScript lighthouserc; lighthouse-budget does not run repository code, so write it as .json or .yml`);
  }
  const text = await readText(absolute);
  if (!text.ok) return text.error.kind === 'missing' ? fault('missing', `config file not found: ${shown}`) : text;
  const isYaml = /\.ya?ml$/i.test(absolute);
  let parsed: unknown;
  try {
    parsed = isYaml ? parseYaml(text.value, { maxAliasCount: MAX_ALIAS_COUNT, uniqueKeys: true }) : JSON.parse(text.value);
  } catch (thrown) {
    if (isYaml && isAliasBomb(thrown)) return fault('malformed', `${shown} is refused: its YAML aliases expand beyond ${MAX_ALIAS_COUNT} nodes (an alias bomb); write the assertions out`);
    return fault('malformed', `${shown} is not valid ${isYaml ? 'YAML' : 'JSON'}: ${messageOf(thrown).split('\n')[0]}`);
  }
  if (!isRecord(parsed)) return fault('malformed', `${shown} must hold an object with a \`ci\` section, got ${JSON.stringify(parsed)?.slice(0, 40)}`);
  replaceDotsInKeys(parsed);
  return ok(parsed);
}

/** LHCI's recursivelyReplaceDotInKeyName: `resource-summary.script.size` becomes `resource-summary:script:size`. */
function replaceDotsInKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const object = value as Raw;
  for (const [key, child] of Object.entries(object)) {
    replaceDotsInKeys(child);
    if (!key.includes('.')) continue;
    delete object[key];
    object[key.replace(/\./g, ':')] = child;
  }
}

/** LHCI's flattenRcToConfig: `ci`, `lhci` and `ci:client` hold the same sections. */
function flattenRc(rc: Raw): Raw {
  const pick = (value: unknown): Raw => (isRecord(value) ? value : {});
  const { server: _server, ...client } = pick(rc['ci:client']);
  return { ...pick(rc.ci), ...pick(rc.lhci), ...client };
}

/** The 1-based line where an assertion key is written in a config's text, for annotations; null when not found. */
export function lineOfKey(text: string, key: string): number | null {
  const forms = [key, key.replace(/:/g, '.')];
  const lines = text.split('\n');
  const index = lines.findIndex((line) => forms.some((form) => line.includes(`"${form}"`) || line.includes(`'${form}'`) || new RegExp(`^\\s*${escapeRegExp(form)}\\s*:`).test(line)));
  return index === -1 ? null : index + 1;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
