import { CORE_SCHEMA, load } from 'js-yaml';
import { ConfigError, type Result, ok, err } from '../../engine/result.js';
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

/**
 * Reads the policy. js-yaml loads it (YAML 1.2's core schema, as `yaml`
 * reads it: its parser is a third of `yaml`'s code, which is most of what
 * gate-checks costs to start); the `yaml` library, loaded only when something
 * is wrong, names the line in the message (policy-source.ts). A test holds
 * the two to the same data on every policy in the repository.
 */
export async function parsePolicy(text: string, file: string, types: ReadonlyMap<string, CheckType>): Promise<Result<Policy, ConfigError>> {
  const read = readPolicyData(text);
  if (!read.ok) {
    if (read.error === 'alias bomb') return err(new ConfigError(`${file}: ${ALIAS_BOMB}`));
    const { describeYamlFault } = await import('./policy-source.js');
    return err(new ConfigError(describeYamlFault(text, file, read.error)));
  }
  const policy = checkPolicy(read.value, types);
  if (policy.ok) return ok(policy.value);
  const { lineOfPath } = await import('./policy-source.js');
  const line = lineOfPath(text, policy.error.path);
  return err(new ConfigError(`${file}${line === null ? '' : `:${line}`}: ${policy.error.message}`));
}

/**
 * Past this many nodes, counted as aliases expand them, a policy is
 * refused: a "billion laughs" document of a few lines would otherwise
 * expand to gigabytes as it is walked. Real policies hold a few hundred.
 */
const MAX_EXPANDED_NODES = 10_000;
const ALIAS_BOMB = 'refused: its YAML aliases expand too far (an alias bomb); write the checks out without nested aliases';

/** The document as plain data, each alias a copy of what it names; a YAML error is js-yaml's reason and line. */
function readPolicyData(text: string): Result<unknown, YamlFault | 'alias bomb'> {
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch (thrown) {
    const { reason, mark } = thrown as { reason?: unknown; mark?: { line?: unknown } };
    return err({ reason: typeof reason === 'string' ? reason : 'cannot be read', line: typeof mark?.line === 'number' ? mark.line + 1 : null });
  }
  // js-yaml gives an alias the very object it names; the copy is a tree, so one check's entry is never another's.
  const budget = { nodes: MAX_EXPANDED_NODES };
  const tree = copyAsTree(data, budget);
  return budget.nodes < 0 ? err('alias bomb') : ok(tree);
}

/** A copy of the loaded data with every alias expanded, each node counted against the budget; stops copying once it is spent. */
function copyAsTree(node: unknown, budget: { nodes: number }): unknown {
  budget.nodes -= 1;
  if (budget.nodes < 0 || typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => copyAsTree(item, budget));
  const copy: Record<string, unknown> = {};
  // defineProperty: a `__proto__` key stays a key (and is refused as unknown), never the copy's prototype.
  for (const [key, value] of Object.entries(node)) Object.defineProperty(copy, key, { value: copyAsTree(value, budget), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Where in the document a problem is (a key's path), and what it is. */
type PolicyProblem = { path: (string | number)[]; message: string };

/** What js-yaml said of a document it could not read. */
export interface YamlFault {
  reason: string;
  /** 1-based. */
  line: number | null;
}

function checkPolicy(root: unknown, types: ReadonlyMap<string, CheckType>): Result<Policy, PolicyProblem> {
  const fail = (path: (string | number)[], message: string) => err({ path, message });
  if (!isRecord(root)) return fail([], 'the policy must be a mapping with a `checks` key');
  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL_KEYS.includes(key)) return fail([key], `unknown key \`${key}\`; a policy has ${TOP_LEVEL_KEYS.join(', ')}`);
  }
  const name = root.name === undefined ? null : String(root.name);

  const entries = listEntries(root.checks);
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


/** One check's entry validated: type, level, path, thresholds and keys, and that something will be judged. */
function readCheck({ name, path, entry }: Listed, types: ReadonlyMap<string, CheckType>): Result<CheckSpec, PolicyProblem> {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
