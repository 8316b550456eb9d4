import { type Dimension, parseQuantity } from './units.js';
import { type Result, ok, err } from './result.js';
import { type Status, worstStatus } from './status.js';

/**
 * Absolute thresholds written as policy keys (BRIEF §2): `max-<measure>`,
 * `min-<measure>`, and their warn levels `warn-max-<measure>`,
 * `warn-min-<measure>`. A measure named `value` is also written bare
 * (`max`, `warn-min`), as the `metric` check does.
 */
export type Bound = 'max' | 'min';
export type LimitLevel = 'fail' | 'warn';

export interface Limit {
  /** The policy key it came from, e.g. `warn-max-failed`. */
  key: string;
  measure: string;
  bound: Bound;
  level: LimitLevel;
  /** In the measure's base unit. */
  threshold: number;
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
    const match = LIMIT_KEY.exec(key);
    if (!match) continue;
    const measure = match[3] ?? 'value';
    const dimension = measures[measure];
    if (dimension === undefined) {
      const known = Object.keys(measures).flatMap((m) => (m === 'value' ? ['max', 'min'] : [`max-${m}`, `min-${m}`]));
      return err(`unknown threshold \`${key}\`; this check accepts ${known.join(', ')} (and warn- forms)`);
    }
    const parsed = parseQuantity(raw, dimension);
    if (!parsed.ok) return err(`\`${key}\`: ${parsed.error}`);
    limits.push({ key, measure, bound: match[2] as Bound, level: match[1] ? 'warn' : 'fail', threshold: parsed.value, dimension });
  }
  return ok(limits);
}

/** Holds measurements to limits. Pure: a missing measurement is `nodata`, never a pass. */
export function compareLimits(measurements: Record<string, number | null | undefined>, limits: readonly Limit[]): Comparison[] {
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
    const within = limit.bound === 'max' ? actual <= limit.threshold : actual >= limit.threshold;
    return { ...base, actual, status: within ? 'pass' : limit.level };
  });
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
