import { type Rational, fraction, fromNumber, multiply, parseDecimal, toNumber } from './exact.js';
import { type Result, ok, err } from './result.js';

/**
 * Units and durations. Every parser returns a Result whose error
 * says what was received and what is accepted, so `inputs.ts` and the policy
 * reader can name the key at fault.
 */
export type Dimension = 'count' | 'bytes' | 'duration' | 'percent' | 'fraction' | 'score' | 'number';

const DURATION_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const satisfies Record<string, number>;
const BYTE_FACTORS = { b: 1, kb: 1_024, mb: 1_048_576, gb: 1_073_741_824 } as const satisfies Record<string, number>;

const ACCEPTED: Record<Dimension, string> = {
  count: 'a whole number such as 0 or 12',
  bytes: 'a size such as 512000, 500KB or 2MB',
  duration: 'a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)',
  percent: 'a percentage such as 80 or 80%',
  fraction: 'a fraction such as 0.05 or 5%',
  score: 'a score from 0 to 1 such as 0.9 (or 90%)',
  number: 'a number, optionally with a unit: 5% (0.05), 500ms, 2s, 10m, 2MB',
};

const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;

/** Parses `30s`, `10m`, `48h`, `1d`, `250ms` or a bare number of milliseconds. */
export function parseDuration(raw: unknown): Result<number> {
  return parseQuantity(raw, 'duration');
}

/** Renders milliseconds the way a person writes them: 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1_000);
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** Parses a value of the given dimension into its base unit (ms, bytes, percent 0–100, fraction 0–1). */
export function parseQuantity(raw: unknown, dimension: Dimension): Result<number> {
  const parsed = parseExactQuantity(raw, dimension);
  return parsed.ok ? ok(parsed.value.value) : parsed;
}

/** A quantity as the nearest double (for arithmetic and display) and as the exact fraction written (for comparisons, see `exact.ts`). */
export interface ExactQuantity {
  value: number;
  exact: Rational;
}

/**
 * `parseQuantity` keeping the exact fraction the user wrote: `0.7%` is
 * 7/1000, not 0.006999999999999999. A value whose double is not finite
 * (`1e400`, `-1e400`, YAML's `.inf`) is refused: no threshold is infinite.
 */
export function parseExactQuantity(raw: unknown, dimension: Dimension): Result<ExactQuantity> {
  const fail = err(`got ${shownRaw(raw)}; expected ${ACCEPTED[dimension]}`);
  let written: Rational | null;
  let unit = '';
  if (typeof raw === 'number') {
    written = Number.isFinite(raw) ? fromNumber(raw) : null;
  } else if (typeof raw === 'string') {
    const match = new RegExp(`^${NUMBER}\\s*([a-z%]*)$`).exec(raw.trim().toLowerCase());
    written = match ? parseDecimal(match[1]!) : null;
    unit = match?.[2] ?? '';
  } else {
    return fail;
  }
  if (written === null) return fail;
  const factor = scale(unit, dimension);
  if (factor === undefined) return fail;
  const exact = multiply(written, factor);
  const value = toNumber(exact);
  if (!Number.isFinite(value)) return fail;
  return checkRange({ value, exact }, dimension, raw);
}

/** The factor a unit scales a written number by into the dimension's base unit; undefined when the unit does not fit. */
function scale(unit: string, dimension: Dimension): Rational | undefined {
  const whole = (factor: number) => fraction(factor, 1);
  const HUNDREDTH = fraction(1, 100);
  switch (dimension) {
    case 'duration':
      if (unit === '') return whole(1);
      return unit in DURATION_MS ? whole(DURATION_MS[unit as keyof typeof DURATION_MS]) : undefined;
    case 'bytes':
      if (unit === '') return whole(1);
      return unit in BYTE_FACTORS ? whole(BYTE_FACTORS[unit as keyof typeof BYTE_FACTORS]) : undefined;
    case 'percent':
      return unit === '' || unit === '%' ? whole(1) : undefined;
    case 'fraction':
    case 'score':
      if (unit === '%') return HUNDREDTH;
      return unit === '' ? whole(1) : undefined;
    case 'count':
      return unit === '' ? whole(1) : undefined;
    case 'number':
      // A metric threshold takes the unit it is written in: `5%` is the ratio
      // 0.05, `500ms`/`2s` are milliseconds, `2MB` is bytes.
      if (unit === '') return whole(1);
      if (unit === '%') return HUNDREDTH;
      if (unit in DURATION_MS) return whole(DURATION_MS[unit as keyof typeof DURATION_MS]);
      return unit in BYTE_FACTORS ? whole(BYTE_FACTORS[unit as keyof typeof BYTE_FACTORS]) : undefined;
  }
}

function checkRange(quantity: ExactQuantity, dimension: Dimension, raw: unknown): Result<ExactQuantity> {
  const { value } = quantity;
  const outOfRange = err(`got ${shownRaw(raw)}; expected ${ACCEPTED[dimension]}`);
  if (dimension === 'count' && (!Number.isInteger(value) || value < 0)) return outOfRange;
  if ((dimension === 'bytes' || dimension === 'duration') && value < 0) return outOfRange;
  if (dimension === 'score' && (value < 0 || value > 1)) return outOfRange;
  return ok(quantity);
}

/** A raw value as a message shows it: `"lots"`, `12`, `Infinity` (YAML reads `1e400` as that; JSON would print null). */
function shownRaw(raw: unknown): string {
  return typeof raw === 'number' ? String(raw) : (JSON.stringify(raw) ?? String(raw));
}

/**
 * The longest wait a timer can hold: Node's setTimeout (and so every
 * timeout, sleep and AbortSignal here) fires at once for anything longer
 * than 2^31 − 1 ms (about 24.8 days), so a `duration: 50d` would end a watch
 * at once and a `timeout: 30d` would kill a command at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The limit as a person writes it, rounded down so that what it says is accepted. */
export const MAX_TIMER_SHOWN = formatDuration(Math.floor(MAX_TIMER_MS / 1_000) * 1_000);

/** A duration that drives a timer: refused beyond `MAX_TIMER_MS`, with what is accepted. */
export function checkTimerDuration(ms: number): Result<number> {
  if (ms <= MAX_TIMER_MS) return ok(ms);
  return err(`${formatDuration(ms)} is longer than a timer can wait; at most ${MAX_TIMER_SHOWN} (2^31 − 1 ms)`);
}

/** Renders a base-unit value for a summary table. */
export function formatQuantity(value: number | null | undefined, dimension: Dimension): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (dimension) {
    case 'bytes':
      if (value >= BYTE_FACTORS.mb) return `${round(value / BYTE_FACTORS.mb)} MB`;
      if (value >= BYTE_FACTORS.kb) return `${round(value / BYTE_FACTORS.kb)} KB`;
      return `${value} B`;
    case 'duration':
      return value < 10_000 ? `${round(value)} ms` : formatDuration(value);
    case 'percent':
      return `${round(value)}%`;
    case 'fraction':
      return `${round(value * 100, 3)}%`;
    case 'score':
      return `${round(value, 2)}`;
    default:
      return `${round(value, 4)}`;
  }
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The unit label written into reports for a dimension. */
export const UNIT_LABEL = {
  count: 'count',
  bytes: 'bytes',
  duration: 'ms',
  percent: '%',
  fraction: 'ratio',
  score: 'score',
  number: '',
} as const satisfies Record<Dimension, string>;
