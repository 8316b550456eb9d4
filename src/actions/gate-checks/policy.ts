import { LineCounter, parseDocument, isMap, isSeq, type Document } from 'yaml';
import { ConfigError, type Result, ok, err, messageOf } from '../../engine/result.js';
import { COMMON_KEYS, limitsOf, unjudgedReason } from './check-limits.js';
import type { CheckSpec, CheckType } from './check-type.js';

/**
 * The gate policy: a YAML file of named checks. Validated whole before
 * anything runs, so a typo (`max-faild`, `levle`), a check that would judge
 * nothing (no threshold, a deploy window with no rule) or an alias bomb stops
 * the action with one line naming the file, line and key, instead of
 * silently dropping a gate.
 *
 * ```yaml
 * name: release gates        # optional: the check run's name
 * checks:
 *   unit-tests: { type: junit, path: "reports/*.xml", max-failed: 0 }
 *   coverage:   { type: coverage, path: coverage/coverage-summary.json, min-lines: 80, level: advisory }
 * ```
 * `checks` may also be a list of entries with a `name` key.
 */
export interface Policy {
  name: string | null;
  checks: CheckSpec[];
}

const TOP_LEVEL_KEYS = ['name', 'checks'];

export function parsePolicy(text: string, file: string, types: ReadonlyMap<string, CheckType>): Result<Policy, ConfigError> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // The line of the key at fault; for a missing key, the line of its nearest existing parent.
  const where = (path: (string | number)[]): string => {
    for (let depth = path.length; depth > 0; depth--) {
      const offset = findKeyNode(doc, path.slice(0, depth))?.range?.[0];
      if (offset !== undefined) return `${file}:${lines.linePos(offset).line}`;
    }
    return file;
  };
  const fail = (path: (string | number)[], message: string) => err(new ConfigError(`${where(path)}: ${message}`));

  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = lines.linePos(first.pos[0]).line;
    return err(new ConfigError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${first.message.split('\n')[0]}`));
  }
  const root = toJs(doc);
  if (!root.ok) return err(new ConfigError(`${file}: ${root.error}`));
  if (!isRecord(root.value)) return fail([], 'the policy must be a mapping with a `checks` key');
  for (const key of Object.keys(root.value)) {
    if (!TOP_LEVEL_KEYS.includes(key)) return fail([key], `unknown key \`${key}\`; a policy has ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  const name = root.value.name === undefined ? null : String(root.value.name);

  const entries = listEntries(root.value.checks);
  if (!entries.ok) return fail(['checks'], entries.error);
  const checks: CheckSpec[] = [];
  const seen = new Set<string>();
  for (const listed of entries.value) {
    if (seen.has(listed.name)) return fail([...listed.path, 'name'], `checks.${listed.name}: the name is used twice`);
    seen.add(listed.name);
    const check = readCheck(listed, types);
    if (!check.ok) return fail(check.error.path, `checks.${listed.name}${check.error.message}`);
    checks.push(check.value);
  }
  if (checks.length === 0) return fail(['checks'], 'the policy has no checks; a gate with nothing to check cannot say go');
  return ok({ name, checks });
}

/** Where a check's problem is (its key's path) and what it is, the message starting after `checks.<name>`. */
type CheckProblem = { path: (string | number)[]; message: string };

/** One check's entry validated: type, level, path, thresholds and keys, and that something will be judged. */
function readCheck({ name, path, entry }: Listed, types: ReadonlyMap<string, CheckType>): Result<CheckSpec, CheckProblem> {
  const problem = (key: string | undefined, message: string) => err({ path: key === undefined ? path : [...path, key], message });
  if (typeof entry.type !== 'string') return problem('type', `.type is missing; one of ${[...types.keys()].join(', ')}`);
  const type = types.get(entry.type);
  if (!type) return problem('type', `.type: unknown type \`${entry.type}\`; one of ${[...types.keys()].join(', ')}`);
  const level = entry.level ?? 'required';
  if (level !== 'required' && level !== 'advisory') return problem('level', `.level must be required or advisory, got \`${String(level)}\``);
  if (type.needsPath && (typeof entry.path !== 'string' || entry.path.trim() === '')) return problem('path', `.path is required for type ${type.type}`);
  const limits = limitsOf(entry, type);
  if (!limits.ok) return problem(/`([^`]+)`/.exec(limits.error)?.[1], `: ${limits.error}`);
  for (const key of Object.keys(entry)) {
    const isLimit = limits.value.some((limit) => limit.key === key);
    if (!isLimit && !(COMMON_KEYS as readonly string[]).includes(key) && !type.keys.includes(key)) {
      const accepted = [...COMMON_KEYS.filter((k) => k !== 'name'), ...type.keys].join(', ');
      return problem(key, `: unknown key \`${key}\` for type ${type.type}; it accepts ${accepted} and its thresholds`);
    }
  }
  const unjudged = unjudgedReason(type, limits.value);
  if (unjudged) return problem(undefined, `: ${unjudged}`);
  const own = type.checkEntry?.(entry);
  if (own) return problem(own.key, `: ${own.message}`);
  return ok({ name, type: type.type, level, entry });
}

/**
 * The document as plain data. The yaml library expands aliases here and
 * throws when they multiply past its `maxAliasCount` (a "billion laughs"
 * document of a few lines that would expand to gigabytes).
 */
function toJs(doc: Document): Result<unknown> {
  try {
    return ok(doc.toJS() as unknown);
  } catch (thrown) {
    const bomb = /alias/i.test(messageOf(thrown));
    return err(bomb ? 'refused: its YAML aliases expand too far (an alias bomb); write the checks out without nested aliases' : 'invalid YAML: cannot be read as data');
  }
}

type Listed = { name: string; path: (string | number)[]; entry: Record<string, unknown> };

function listEntries(raw: unknown): Result<Listed[]> {
  if (Array.isArray(raw)) {
    const listed: Listed[] = [];
    for (const [index, entry] of raw.entries()) {
      if (!isRecord(entry) || typeof entry.name !== 'string') return err(`checks[${index}] must be a mapping with a \`name\``);
      listed.push({ name: entry.name, path: ['checks', index], entry });
    }
    return ok(listed);
  }
  if (isRecord(raw)) {
    const listed: Listed[] = [];
    for (const [name, entry] of Object.entries(raw)) {
      if (!isRecord(entry)) return err(`checks.${name} must be a mapping with a \`type\``);
      listed.push({ name, path: ['checks', name], entry });
    }
    return ok(listed);
  }
  return err('`checks` is missing; it must be a mapping of named checks (or a list of them)');
}

function findKeyNode(doc: Document, path: (string | number)[]): { range?: [number, number, number] } | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => (item.key as { value?: unknown } | null)?.value === last);
    return (pair?.key as { range?: [number, number, number] } | undefined) ?? undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as { range?: [number, number, number] } | undefined;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
