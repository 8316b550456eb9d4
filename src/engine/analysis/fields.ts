import { type Result, ok, err } from '../result.js';
import { divide, fraction, toNumber } from '../exact.js';
import { type ExactQuantity, parseExactQuantity, parseQuantity } from '../units.js';

/**
 * Readers of single keys of the analysis file. Each returns the value in its
 * base form or the second half of a one-line message (`got "lots"; expected a
 * percentage such as 20%`); the caller prefixes the file, line and key.
 */
export type FieldReader<T> = (raw: unknown) => Result<T>;

const describe = (raw: unknown) => JSON.stringify(raw) ?? String(raw);

/** One of a fixed set of words. */
export function oneOf<const T extends string>(choices: readonly T[]): FieldReader<T> {
  return (raw) => ((choices as readonly unknown[]).includes(raw) ? ok(raw as T) : err(`got ${describe(raw)}; expected one of ${choices.join(', ')}`));
}

/** A whole number at least `least`. */
export function wholeNumber(least: number, example: number): FieldReader<number> {
  return (raw) =>
    typeof raw === 'number' && Number.isInteger(raw) && raw >= least ? ok(raw) : err(`got ${describe(raw)}; expected a whole number ≥ ${least} such as ${example}`);
}

export const readBoolean: FieldReader<boolean> = (raw) => (typeof raw === 'boolean' ? ok(raw) : err(`got ${describe(raw)}; expected true or false`));

export const readName: FieldReader<string> = (raw) =>
  typeof raw === 'string' && raw.trim() !== '' ? ok(raw) : err(`got ${describe(raw)}; expected a series name or query`);

/** An absolute threshold in the metric's unit: `5%` → 0.05, `500ms` → 500, `2s` → 2000, `1000`; kept exactly as written. */
export const readAbsolute: FieldReader<ExactQuantity> = (raw) => parseExactQuantity(raw, 'number');

/**
 * A relative threshold: `50%` (or `50`, as gate-checks' bundle `max-increase`
 * reads it) → 0.5. A decrease can be at most 100%.
 */
export function readPercentage(most: number): FieldReader<ExactQuantity> {
  return (raw) => {
    const parsed = parseExactQuantity(raw, 'percent');
    if (!parsed.ok || parsed.value.value < 0 || parsed.value.value > most) {
      return err(`got ${describe(raw)}; expected a percentage${most < Infinity ? ` from 0% to ${most}%` : ''} such as 20%`);
    }
    const exact = divide(parsed.value.exact, fraction(100, 1));
    return ok({ value: toNumber(exact), exact });
  };
}

/** A confidence level, two-sided: 0.98 or 98%, from 0.5 up to (not including) 1. */
export const readConfidence: FieldReader<number> = (raw) => {
  const parsed = parseQuantity(raw, 'fraction');
  if (!parsed.ok || parsed.value < 0.5 || parsed.value >= 1) return err(`got ${describe(raw)}; expected a confidence from 0.5 to below 1 such as 0.98 or 98%`);
  return ok(parsed.value);
};

/** A duration longer than zero: `1m`, `30s`. */
export const readInterval: FieldReader<number> = (raw) => {
  const parsed = parseQuantity(raw, 'duration');
  return parsed.ok && parsed.value > 0 ? parsed : err(`got ${describe(raw)}; expected a duration such as 30s or 1m`);
};
