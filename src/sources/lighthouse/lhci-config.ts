import path from 'node:path';
import lodash from '@lhci/utils/src/lodash.js';
import { parse as parseYaml } from 'yaml';
import { type AssertOptions, hasAssertions, validateAssertOptions } from '../../engine/lighthouse/assert-options.js';
import { type Result, messageOf, ok } from '../../engine/result.js';
import { readText } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';

/**
 * Reads the `ci.assert` section of a lighthouserc (`.lighthouserc.json`,
 * `lighthouserc.yml`, …) as LHCI's lighthouserc.js does: YAML by extension,
 * JSON otherwise; `.` in keys read as `:` (lighthouse-ci#64); `ci`, `lhci`
 * and `ci:client` sections flattened; `extends` merged under the file with
 * LHCI's own merge. A JavaScript rc is refused: the action does not execute
 * the repository's code.
 */
export interface LhciAssertConfig {
  /** The config path as given. */
  file: string;
  /** The assertions, or null when the section only names a budgets file. */
  options: AssertOptions | null;
  /** `ci.assert.budgetsFile`, resolved against the workspace as LHCI resolves it against the working directory. */
  budgetsFile: string | null;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function loadLhciConfig(file: string, workspace: string): Promise<Result<LhciAssertConfig, SourceFault>> {
  const section = await readAssertSection(path.resolve(workspace, file), file, new Set());
  if (!section.ok) return section;
  const where = `${file} ci.assert`;
  const { budgetsFile, ...rest } = section.value;
  const options = validateAssertOptions(rest, where);
  if (!options.ok) return fault('config', options.error);
  const asserts = hasAssertions(options.value);
  if (budgetsFile !== undefined) {
    if (typeof budgetsFile !== 'string' || budgetsFile === '') return fault('config', `${where}.budgetsFile must be a path to a budget.json`);
    // lhci assert: "Cannot use both budgets AND assertions".
    if (asserts) return fault('config', `${where}: budgetsFile cannot be combined with assertions, preset or assertMatrix (LHCI rejects it); use the budget-path input beside the config instead`);
    return ok({ file, options: null, budgetsFile: path.resolve(workspace, budgetsFile) });
  }
  if (!asserts) return fault('config', `${where} has no assertions, preset, assertMatrix or budgetsFile: nothing to assert`);
  return ok({ file, options: options.value, budgetsFile: null });
}

async function readAssertSection(absolute: string, shown: string, seen: Set<string>): Promise<Result<Raw, SourceFault>> {
  if (seen.has(absolute)) return fault('config', `${shown}: \`extends\` loops back to ${absolute}`);
  seen.add(absolute);
  const rc = await readRcFile(absolute, shown);
  if (!rc.ok) return rc;
  const ci = flattenRc(rc.value);
  const own = ci.assert === undefined ? {} : ci.assert;
  if (!isRecord(own)) return fault('config', `${shown}: ci.assert must be an object, got ${JSON.stringify(own)}`);
  if (ci.extends === undefined) return ok(own);
  if (typeof ci.extends !== 'string') return fault('config', `${shown}: ci.extends must be a path to another lighthouserc`);
  const basePath = path.resolve(path.dirname(absolute), ci.extends);
  const base = await readAssertSection(basePath, ci.extends, seen);
  if (!base.ok) return base;
  // LHCI: merged = _.merge(extensionBase, merged) — the file's own keys win.
  return ok(lodash.merge(lodash.cloneDeep(base.value), own));
}

/**
 * A lighthouserc needs few YAML aliases, if any. `yaml` counts the nodes
 * each alias expands to and throws past this many (its default), which
 * stops "billion laughs" documents that expand a few lines into gigabytes.
 */
const MAX_ALIAS_COUNT = 100;
const isAliasBomb = (thrown: unknown): boolean => thrown instanceof ReferenceError && /excessive alias count/i.test(thrown.message);

export async function readRcFile(absolute: string, shown: string): Promise<Result<Raw, SourceFault>> {
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
export function flattenRc(rc: Raw): Raw {
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
