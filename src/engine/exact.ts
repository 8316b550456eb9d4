/**
 * Exact rational numbers for comparing a measured value with a threshold as
 * the user wrote it. In binary floating point `0.7 / 100` is
 * 0.006999999999999999, so a canary at exactly 7 errors in 1,000 requests
 * would "exceed" `max: 0.7%`, and `120 / 100 − 1` is 0.19999999999999996, so
 * an effect of exactly +20% would not "reach" `max-increase: 20%`. Here a
 * written decimal is the fraction it says (`0.7%` is 7/1000), a number read
 * from a report is the shortest decimal that prints as it (what the file
 * said), and derived values (rates, means, changes) are computed from their
 * parts without rounding. BigInt keeps every step exact; the sizes met here
 * (counts, a few thousand samples) make it cheap.
 */
export interface Rational {
  /** Numerator; carries the sign. */
  readonly n: bigint;
  /** Denominator, always > 0. */
  readonly d: bigint;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Exponents beyond this are not numbers a threshold or a report holds; refusing them keeps BigInt sizes bounded. */
const MAX_EXPONENT = 400;

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

/** The fraction a decimal numeral says: `0.7` → 7/10, `-1.5e-3` → −3/2000; `null` for anything else. */
export function parseDecimal(text: string): Rational | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) return null;
  const digits = BigInt(`${whole}${fraction}`) * (sign === '-' ? -1n : 1n);
  return exponent >= 0 ? normalize(digits * 10n ** BigInt(exponent), 1n) : normalize(digits, 10n ** BigInt(-exponent));
}

/**
 * A finite double as the shortest decimal that prints as it: 0.1 is 1/10
 * (not the binary fraction nearest to it), which is what a JSON report or a
 * YAML threshold that holds `0.1` means. Throws on NaN or ±Infinity, which
 * callers handle before asking.
 */
export function fromNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return parseDecimal(String(value))!;
}

/** n/d from whole numbers (counts); d must not be 0. */
export function fraction(n: number | bigint, d: number | bigint): Rational {
  const top = typeof n === 'bigint' ? n : wholeBigInt(n);
  const bottom = typeof d === 'bigint' ? d : wholeBigInt(d);
  if (bottom === 0n) throw new RangeError('denominator is 0');
  return normalize(top, bottom);
}

export function add(a: Rational, b: Rational): Rational {
  return normalize(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function subtract(a: Rational, b: Rational): Rational {
  return normalize(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function multiply(a: Rational, b: Rational): Rational {
  return normalize(a.n * b.n, a.d * b.d);
}

export function divide(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by 0');
  return normalize(a.n * b.d, a.d * b.n);
}

export function abs(a: Rational): Rational {
  return a.n < 0n ? { n: -a.n, d: a.d } : a;
}

export function sign(a: Rational): -1 | 0 | 1 {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The sum of finite doubles, each taken as the decimal it prints as. */
export function sumOf(values: readonly number[]): Rational {
  // Summing over a common power of ten keeps the numbers small: one BigInt addition per value.
  let total = ZERO;
  for (const value of values) total = add(total, fromNumber(value));
  return total;
}

/** The mean of finite doubles, exactly. */
export function meanOf(values: readonly number[]): Rational {
  if (values.length === 0) throw new RangeError('mean of no values');
  return divide(sumOf(values), fraction(values.length, 1));
}

/** The nearest double (correctly rounded), for display and for the statistics, which need no exactness. */
export function toNumber(a: Rational): number {
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  // Both parts exact as doubles: one IEEE division is correctly rounded.
  if (a.n <= limit && -a.n <= limit && a.d <= limit) return Number(a.n) / Number(a.d);
  // Otherwise 21+ significant digits of the quotient and a sticky digit for
  // any remainder, read by the correctly rounding decimal parser.
  const negative = a.n < 0n;
  const n = negative ? -a.n : a.n;
  const shift = Math.max(0, 21 - (n.toString().length - a.d.toString().length));
  const scaled = n * 10n ** BigInt(shift);
  const sticky = scaled % a.d === 0n ? '0' : '1';
  return Number(`${negative ? '-' : ''}${scaled / a.d}${sticky}e-${shift + 1}`);
}

function wholeBigInt(value: number): bigint {
  if (!Number.isInteger(value)) throw new RangeError(`not a whole number: ${value}`);
  return BigInt(value);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function normalize(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('denominator is 0');
  const sign = d < 0n ? -1n : 1n;
  const divisor = gcd(n, d) || 1n;
  return { n: (sign * n) / divisor, d: (sign * d) / divisor };
}

/**
 * A measured value as shown (a double; ±Infinity is a finding, such as a p99
 * in Prometheus' +Inf bucket) and, when finite, exactly. NaN is never a
 * quantity: it is a gap, handled before.
 */
export interface Quantity {
  readonly value: number;
  /** `null` exactly when `value` is ±Infinity. */
  readonly exact: Rational | null;
}

/** A double read from data (a report, a metric sample), taken as what it prints as. */
export function quantityOf(value: number): Quantity {
  if (Number.isNaN(value)) throw new RangeError('NaN is a gap, not a quantity');
  return { value, exact: Number.isFinite(value) ? fromNumber(value) : null };
}

/** A value computed exactly (a rate of counts, a mean). */
export function exactQuantity(exact: Rational): Quantity {
  return { value: toNumber(exact), exact };
}

/** −1, 0 or 1 as the quantity is below, equal to or above the threshold; +∞ is above every threshold. */
export function compareQuantity(quantity: Quantity, threshold: Rational): -1 | 0 | 1 {
  if (quantity.exact === null) return quantity.value > 0 ? 1 : -1;
  return compare(quantity.exact, threshold);
}

/**
 * The relative change of `value` against `base`, (value − base) / |base|, so
 * a series of negative numbers changes in the direction its values move.
 * From a zero base any rise is +∞ and any fall −∞; equal values are no change.
 */
export function relativeChangeOf(value: Quantity, base: Quantity): Quantity {
  if (value.exact === null || base.exact === null) {
    if (value.value === base.value) return exactQuantity(ZERO);
    if (base.exact === null) return exactQuantity(fraction(value.value > base.value ? 1 : -1, 1));
    return { value: value.value, exact: null };
  }
  const difference = subtract(value.exact, base.exact);
  if (base.exact.n === 0n) return difference.n === 0n ? exactQuantity(ZERO) : { value: difference.n > 0n ? Infinity : -Infinity, exact: null };
  return exactQuantity(divide(difference, abs(base.exact)));
}

/**
 * The mean of samples (NaN gaps already dropped): exact when all are finite;
 * +∞ when some are +∞ and none −∞ (and the reverse); `null` when both occur,
 * as no single value stands for them.
 */
export function meanQuantity(values: readonly number[]): Quantity | null {
  if (values.length === 0) return null;
  const up = values.some((value) => value === Infinity);
  const down = values.some((value) => value === -Infinity);
  if (up && down) return null;
  if (up || down) return { value: up ? Infinity : -Infinity, exact: null };
  return exactQuantity(meanOf(values));
}

/** −q: a fall of 20% as a rise of 20%, for comparing with a `max-decrease`. */
export function negateQuantity(quantity: Quantity): Quantity {
  return { value: -quantity.value, exact: quantity.exact && { n: -quantity.exact.n, d: quantity.exact.d } };
}
