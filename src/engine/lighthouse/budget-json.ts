import { type Result, err, ok } from '../result.js';

/**
 * A Lighthouse `budget.json` (https://web.dev/articles/use-lighthouse-for-performance-budgets)
 * checked as Lighthouse's `Budget.initializeBudget` checks it (the copy in
 * @lhci/utils/src/budget.js), with one-line messages naming the entry at
 * fault instead of its multi-line ones. The conversion to assertions is
 * LHCI's own (budget-file.ts calls `convertBudgetsToAssertions`), so a
 * budget means exactly what it means to `lhci assert --budgetsFile`.
 */
export const RESOURCE_TYPES = ['total', 'document', 'script', 'stylesheet', 'image', 'media', 'font', 'other', 'third-party'] as const;
export const TIMING_METRICS = [
  'first-contentful-paint',
  'interactive',
  'first-meaningful-paint',
  'max-potential-fid',
  'total-blocking-time',
  'speed-index',
  'largest-contentful-paint',
  'cumulative-layout-shift',
] as const;

/** A size (KB) or count budget for one resource type. */
export interface ResourceBudget {
  resourceType: (typeof RESOURCE_TYPES)[number];
  budget: number;
}

/** A budget for one timing metric, in ms (CLS unitless). */
export interface TimingBudget {
  metric: (typeof TIMING_METRICS)[number];
  budget: number;
}

/** One budget of the array, validated. */
export interface Budget {
  /** robots.txt-style path (`/`, `/blog/*`, `/checkout$`); all pages when absent. */
  path?: string;
  /** Accepted for compatibility; LHCI's conversion does not use it. */
  firstPartyHostnames?: string[];
  resourceSizes?: ResourceBudget[];
  resourceCounts?: ResourceBudget[];
  timings?: TimingBudget[];
}

const BUDGET_KEYS = ['path', 'options', 'resourceSizes', 'resourceCounts', 'timings'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// Lighthouse's isNumber: NaN is not a number, ±Infinity is.
const isNumber = (value: unknown): value is number => typeof value === 'number' && !Number.isNaN(value);
const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Validates a parsed budget.json: an array of budgets. */
export function validateBudgets(raw: unknown): Result<Budget[]> {
  if (!Array.isArray(raw) || !raw.every(isRecord)) return err('must be an array of budgets such as [{"path": "/*", "timings": [...]}]');
  const budgets: Budget[] = [];
  for (const [index, entry] of raw.entries()) {
    const budget = validateBudget(entry, `budgets[${index}]`);
    if (!budget.ok) return budget;
    budgets.push(budget.value);
  }
  return ok(budgets);
}

function validateBudget(entry: Record<string, unknown>, where: string): Result<Budget> {
  const extra = Object.keys(entry).filter((key) => !BUDGET_KEYS.includes(key));
  if (extra.length > 0) return err(`${where} has unrecognized properties: ${extra.join(', ')}; accepted: ${BUDGET_KEYS.join(', ')}`);
  const budget: Budget = {};
  const path = validatePath(entry.path, where);
  if (!path.ok) return path;
  if (path.value !== undefined) budget.path = path.value;
  const hosts = validateOptions(entry.options, where);
  if (!hosts.ok) return hosts;
  if (hosts.value !== undefined) budget.firstPartyHostnames = hosts.value;
  for (const list of ['resourceSizes', 'resourceCounts'] as const) {
    const rows = validateRows(entry[list], `${where}.${list}`, 'resourceType', RESOURCE_TYPES);
    if (!rows.ok) return rows;
    if (rows.value) budget[list] = rows.value.map(({ name, budget: value }) => ({ resourceType: name as ResourceBudget['resourceType'], budget: value }));
  }
  const timings = validateRows(entry.timings, `${where}.timings`, 'metric', TIMING_METRICS);
  if (!timings.ok) return timings;
  if (timings.value) budget.timings = timings.value.map(({ name, budget: value }) => ({ metric: name as TimingBudget['metric'], budget: value }));
  return ok(budget);
}

/** Lighthouse's validatePath: robots.txt format, at most one `*` and one trailing `$`. */
function validatePath(path: unknown, where: string): Result<string | undefined> {
  if (path === undefined) return ok(undefined);
  const fail = (why: string) => err(`${where}.path ${show(path)}: ${why}; write it in robots.txt format such as /, /blog/* or /checkout$`);
  if (typeof path !== 'string') return fail('must be a string');
  if (!path.startsWith('/')) return fail("must start with '/'");
  if ((path.match(/\*/g) ?? []).length > 1) return fail("may contain only one '*'");
  if ((path.match(/\$/g) ?? []).length > 1) return fail("may contain only one '$'");
  if (path.includes('$') && !path.endsWith('$')) return fail("'$' may only end the path");
  return ok(path);
}

function validateOptions(options: unknown, where: string): Result<string[] | undefined> {
  if (options === undefined) return ok(undefined);
  if (!isRecord(options)) return err(`${where}.options must be an object such as {"firstPartyHostnames": ["*.example.com"]}`);
  const { firstPartyHostnames: hosts, ...extra } = options;
  if (Object.keys(extra).length > 0) return err(`${where}.options has unrecognized properties: ${Object.keys(extra).join(', ')}; accepted: firstPartyHostnames`);
  if (hosts === undefined) return ok(undefined);
  if (!Array.isArray(hosts) || !hosts.every((host) => typeof host === 'string')) return err(`${where}.options.firstPartyHostnames must be an array of strings`);
  // Lighthouse's validateHostname: no scheme, port or path; a wildcard only as a leading `*.`.
  const bad = hosts.find((host) => host === '' || /[/:]/.test(host) || (host.includes('*') && (!host.startsWith('*.') || host.lastIndexOf('*') > 0)));
  return bad === undefined ? ok(hosts) : err(`${where}.options.firstPartyHostnames: ${show(bad)} is not a valid hostname`);
}

function validateRows(rows: unknown, where: string, nameKey: string, names: readonly string[]): Result<{ name: string; budget: number }[] | undefined> {
  if (rows === undefined) return ok(undefined);
  if (!Array.isArray(rows) || !rows.every(isRecord)) return err(`${where} must be an array of {"${nameKey}": …, "budget": …}`);
  const seen = new Set<string>();
  const checked: { name: string; budget: number }[] = [];
  for (const [index, row] of rows.entries()) {
    const { [nameKey]: name, budget, ...extra } = row;
    if (Object.keys(extra).length > 0) return err(`${where}[${index}] has unrecognized properties: ${Object.keys(extra).join(', ')}; accepted: ${nameKey}, budget`);
    if (typeof name !== 'string' || !names.includes(name)) return err(`${where}[${index}].${nameKey} ${show(name)} is not one of ${names.join(', ')}`);
    if (!isNumber(budget)) return err(`${where}[${index}].budget must be a number, got ${show(budget)}`);
    if (seen.has(name)) return err(`${where} has a duplicate entry for ${name}`);
    seen.add(name);
    checked.push({ name, budget });
  }
  return ok(checked);
}
