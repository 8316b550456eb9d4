/**
 * How numbers read in the judge's one-line reasons (flagger#1810: show the
 * values and thresholds). Ratios are rates, shown as percentages; a series'
 * values are shown in its own unit, which the judge does not know; a
 * histogram's quantile is in milliseconds, or beyond its last finite bucket.
 */
export type ValueKind = 'ratio' | 'series' | 'histogram';

/** Up to `digits` significant digits, without trailing zeros: 0.04123 → 0.0412. */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'NaN';
  if (value === 0) return '0';
  const text = Math.abs(value) >= 10 ** digits ? String(Math.round(value)) : value.toPrecision(digits);
  return text.includes('e') ? text : text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export function formatValue(kind: ValueKind, value: number | null): string {
  if (value === null) return 'no data';
  if (kind === 'ratio') return `${significant(value * 100)}%`;
  if (kind === 'histogram') return value === Infinity ? 'beyond the last bucket' : `${significant(value, 4)} ms`;
  return significant(value, 4);
}

/** A relative change: +356%, −20%, +∞ (from a zero baseline), ±0%. */
export function formatChange(effect: number): string {
  if (effect === Infinity) return '+∞';
  if (effect === 0) return '±0%';
  return `${effect > 0 ? '+' : '−'}${significant(Math.abs(effect) * 100)}%`;
}

export function formatPercentage(fraction: number): string {
  return `${significant(fraction * 100)}%`;
}

/** `p=0.0003 < 0.01`, `p=0.31 ≥ 0.01`; tiny p-values in exponent form. */
export function formatP(pValue: number, alpha: number): string {
  const p = pValue < 1e-4 ? pValue.toExponential(1) : significant(pValue, 2);
  return `p=${p} ${pValue < alpha ? '<' : '≥'} ${significant(alpha, 2)}`;
}
