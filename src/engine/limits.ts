import { type Rational, compare, fromNumber } from './exact.js';
import { type Dimension, parseExactQuantity } from './units.js';
import { type Result, ok, err } from './result.js';
import { type Status, worstStatus } from './status.js';

/**
 * Absolute thresholds written as policy keys: `max-<measure>`,
 * `min-<measure>`, and their warn levels `warn-max-<measure>`,
 * `warn-min-<measure>`. A measure named `value` is also written bare
 * (`max`, `warn-min`), as the `metric` check does. Comparisons are exact
 * (`exact.ts`): a threshold is the fraction written, so a value of exactly
 * the limit is within it, whatever binary floating point would say.
 */
export type Bound = 'max' | 'min';
export type LimitLevel = 'fail' | 'warn';

export interface Limit {
  /** The policy key it came from, e.g. `warn-max-failed`; a default's key ends in ` (default)`. */
  key: string;
  measure: string;
  bound: Bound;
  level: LimitLevel;
  /** In the measure's base unit, as the nearest double (display). */
  threshold: number;
  /** The same threshold as the exact fraction written (comparison). */
  exact: Rational;
  dimension: Dimension;
}

export interface Comparison {
  key: string;
  measure: string;
  operator: '<=' | '>=';
  expected: number;
  /** `null` when the report had no such measurement. */
  actual: number | null;
  dimension: Dimension;
  level: LimitLevel;
  status: Extract<Status, 'pass' | 'warn' | 'fail' | 'nodata'>;
}

const LIMIT_KEY = /^(warn-)?(max|min)(?:-(.+))?$/;

/** Measures a check type can be held to, with the dimension of each. */
export type MeasureTable = Record<string, Dimension>;

/**
 * Picks the limit keys out of a check's policy entry. Keys that look like
 * limits but name an unknown measure are errors (a typo such as `max-faild`
 * must not silently disable a gate).
 */
export function parseLimits(entry: Record<string, unknown>, measures: MeasureTable, reserved: readonly string[] = []): Result<Limit[]> {
  const limits: Limit[] = [];
  for (const [key, raw] of Object.entries(entry)) {
    if (reserved.includes(key)) continue;
    const limit = parseLimit(key, raw, measures);
    if (limit === null) continue;
    if (!limit.ok) return limit;
    limits.push(limit.value);
  }
  return ok(limits);
}

/** One key as a limit; `null` when the key is not limit-shaped. */
function parseLimit(key: string, raw: unknown, measures: MeasureTable): Result<Limit> | null {
  const match = LIMIT_KEY.exec(key);
  if (!match) return null;
  const measure = match[3] ?? 'value';
  const dimension = measures[measure];
  if (dimension === undefined) {
    const known = Object.keys(measures).flatMap((m) => (m === 'value' ? ['max', 'min'] : [`max-${m}`, `min-${m}`]));
    return err(`unknown threshold \`${key}\`; this check accepts ${known.join(', ')} (and warn- forms)`);
  }
  const parsed = parseExactQuantity(raw, dimension);
  if (!parsed.ok) return err(`\`${key}\`: ${parsed.error}`);
  return ok({ key, measure, bound: match[2] as Bound, level: match[1] ? 'warn' : 'fail', threshold: parsed.value.value, exact: parsed.value.exact, dimension });
}

/**
 * A limit a check type applies when the policy does not bound that family
 * of measures itself, so a check is never judged against nothing (e.g. a
 * junit check with no thresholds still fails on a failing test).
 */
export interface DefaultLimit {
  /** The policy key it stands for, e.g. `max-failed`. */
  key: string;
  value: number | string;
  /**
   * Fail-level policy keys that replace it (`max-failed`, `min-pass-rate`),
   * or `any` for every fail-level limit of the type. Warn levels never
   * replace a default: they do not block, so they do not bound anything.
   */
  replacedBy: readonly string[] | 'any';
}

/** Marks a default's key in comparisons and evidence: `max-failed (default)`. */
export const DEFAULT_SUFFIX = ' (default)';

/** The policy's limits plus the defaults it did not replace, marked as defaults. */
export function withDefaults(limits: readonly Limit[], defaults: readonly DefaultLimit[], measures: MeasureTable): Result<Limit[]> {
  const failKeys = limits.filter((limit) => limit.level === 'fail').map((limit) => limit.key);
  const applied: Limit[] = [...limits];
  for (const fallback of defaults) {
    const replaced = fallback.replacedBy === 'any' ? failKeys.length > 0 : fallback.replacedBy.some((key) => failKeys.includes(key));
    if (replaced) continue;
    const limit = parseLimit(fallback.key, fallback.value, measures);
    if (limit === null || !limit.ok) return err(`default \`${fallback.key}\` does not fit the check's measures`);
    applied.push({ ...limit.value, key: `${fallback.key}${DEFAULT_SUFFIX}` });
  }
  return ok(applied);
}

/**
 * Holds measurements to limits. Pure: a missing or NaN measurement is
 * `nodata`, never a pass. `exact` gives a measure's value as an exact
 * fraction where the type knows one (a ratio of counts); other values are
 * taken as the decimal they print as. +Infinity breaches every `max` and
 * meets every `min`; −Infinity the reverse.
 */
export function compareLimits(
  measurements: Record<string, number | null | undefined>,
  limits: readonly Limit[],
  exact: Readonly<Record<string, Rational>> = {},
): Comparison[] {
  return limits.map((limit) => {
    const actual = measurements[limit.measure];
    const base = {
      key: limit.key,
      measure: limit.measure,
      operator: limit.bound === 'max' ? '<=' : '>=',
      expected: limit.threshold,
      dimension: limit.dimension,
      level: limit.level,
    } as const;
    if (actual === null || actual === undefined || Number.isNaN(actual)) return { ...base, actual: null, status: 'nodata' };
    const order = orderOf(actual, exact[limit.measure], limit.exact);
    const within = limit.bound === 'max' ? order <= 0 : order >= 0;
    return { ...base, actual, status: within ? 'pass' : limit.level };
  });
}

/** −1, 0 or 1 as the measured value is below, at or above the threshold. */
function orderOf(actual: number, exactActual: Rational | undefined, threshold: Rational): -1 | 0 | 1 {
  if (actual === Number.POSITIVE_INFINITY) return 1;
  if (actual === Number.NEGATIVE_INFINITY) return -1;
  return compare(exactActual ?? fromNumber(actual), threshold);
}

/** The status of a set of comparisons: the worst of them. */
export function statusOfComparisons(comparisons: readonly Comparison[]): Status {
  return worstStatus(comparisons.map((c) => c.status));
}

/** The comparison that decided the status, for the report's value/threshold columns. */
export function decisiveComparison(comparisons: readonly Comparison[]): Comparison | undefined {
  const status = statusOfComparisons(comparisons);
  return comparisons.find((c) => c.status === status && c.level === 'fail') ?? comparisons.find((c) => c.status === status);
}

/** `failed 3 > max 0` — the numbers, as argo-rollouts' messages show them. */
export function describeComparison(c: Comparison, format: (value: number) => string): string {
  if (c.actual === null) return `${c.measure}: no data (${c.key} ${format(c.expected)})`;
  const broken = c.status === 'fail' || c.status === 'warn';
  const op = broken ? (c.operator === '<=' ? '>' : '<') : c.operator;
  return `${c.measure} ${format(c.actual)} ${op} ${c.key} ${format(c.expected)}`;
}
