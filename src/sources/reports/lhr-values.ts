import { type Result, err, ok } from '../../engine/result.js';

/**
 * The values an LHR holds for the measures gated on, validated: Lighthouse
 * writes category scores from 0 to 1 and timings, byte weights, counts and
 * layout shift as numbers ≥ 0, and `null` where it could not measure. JSON
 * has no Infinity, but `1e400` parses as one, and an infinite or negative
 * value would meet any `max` a budget sets, so any non-finite number in the
 * LHR, and any gated value outside its range, makes the file malformed.
 */
export interface LhrMeasureSource {
  from: 'category' | 'audit';
}

/** Per measure, its value (`null`: Lighthouse did not measure it), or the field that is wrong and why. */
export function lhrValues<M extends string>(lhr: Record<string, unknown>, measures: Readonly<Record<M, LhrMeasureSource>>): Result<Record<M, number | null>> {
  const infinite = firstNonFinite(lhr);
  if (infinite !== null) return err(`\`${infinite}\` is not a finite number`);
  const values = {} as Record<M, number | null>;
  for (const measure of Object.keys(measures) as M[]) {
    const isCategory = measures[measure].from === 'category';
    // Categories carry `score`; audits their measured value as `numericValue` (LHCI asserts on the same fields).
    const field = isCategory ? `categories.${measure}.score` : `audits.${measure}.numericValue`;
    const group = isCategory ? lhr.categories : lhr.audits;
    const entry = isRecord(group) ? group[measure] : undefined;
    const value = isRecord(entry) ? (isCategory ? entry.score : entry.numericValue) : undefined;
    if (value === undefined || value === null) {
      values[measure] = null;
      continue;
    }
    if (typeof value !== 'number') return err(`\`${field}\` is not a number`);
    if (value < 0 || (isCategory && value > 1)) return err(`\`${field}\` is ${value}; ${isCategory ? 'a score is from 0 to 1' : 'a measured value is ≥ 0'}`);
    values[measure] = value;
  }
  return ok(values);
}

/** The path of the first non-finite number in a parsed document, or `null`. Iterative: an LHR may nest deeply. */
export function firstNonFinite(doc: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: doc, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return path || '(the document)';
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key });
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
