import { formatChange, formatP, formatPercentage, formatValue } from './format.js';
import type { Assessment, MetricStatus, ThresholdResult } from './types.js';

/**
 * The one-line reason of a classification (flagger#1810: show why,
 * with values, thresholds and the test), e.g.
 * `error-rate 4.1% vs baseline 0.9% (+356%, p=0.0003 < 0.01) exceeds max-increase 50%`.
 */
export function describeAssessment(name: string, assessment: Assessment, status: MetricStatus, decisive: ThresholdResult | undefined): string {
  const { kind, value, baselineValue } = assessment;
  const head = `${name} ${formatValue(kind, value)}`;
  const note = assessment.note ? `; ${assessment.note}` : '';
  const why = assessment.noDataReason ?? 'no value in the window';
  if (status === 'nodata') return value === null ? `${name}: no data: ${why}` : `${head}: no data for ${decisive?.key ?? 'a threshold'}: ${why}`;
  if (!decisive || status === 'pass') return `${head}${versus(assessment, firstRelative(assessment.results))} within ${assessment.results.map((r) => describeLimit(r, kind)).join(', ')}${note}`;
  if (decisive.kind === 'absolute') {
    const word = decisive.operator === '<=' ? 'exceeds' : 'is below';
    const baseline = baselineValue === null ? '' : ` (baseline ${formatValue(kind, baselineValue)})`;
    return `${head} ${word} ${describeLimit(decisive, kind)}${baseline}`;
  }
  if (status === 'inconclusive') {
    const alpha = decisive.alpha ?? 0;
    return `${head}${versus(assessment, decisive)} ${reachesOrExceeds(decisive)} ${describeLimit(decisive, kind)}, but this little data cannot be significant at ${formatAlpha(alpha)}; holding for more`;
  }
  return `${head}${versus(assessment, decisive)} ${reachesOrExceeds(decisive)} ${describeLimit(decisive, kind)}${note}`;
}

/** ` vs baseline 0.9% (+356%, p=0.0003 < 0.01)`, or nothing without a baseline. */
function versus(assessment: Assessment, relative: ThresholdResult | undefined): string {
  const { kind, baselineValue, effect } = assessment;
  if (baselineValue === null || effect === null) return '';
  const test = relative && relative.pValue !== null && relative.alpha !== null ? `, ${formatP(relative.pValue, relative.alpha)}` : '';
  return ` vs baseline ${formatValue(kind, baselineValue)} (${formatChange(effect)}${test})`;
}

/** `max 5%`, `max-increase 50%`, `max-decrease 40%`. */
function describeLimit(result: ThresholdResult, kind: Assessment['kind']): string {
  const amount = result.kind === 'relative' ? formatPercentage(Math.abs(result.expected)) : formatValue(kind, result.expected);
  return `${result.key} ${amount}`;
}

/** Kayenta fails a change that reaches the allowed effect (`>=`); say which it was. */
function reachesOrExceeds(result: ThresholdResult): string {
  return result.actual === result.expected ? 'reaches' : 'exceeds';
}

function firstRelative(results: readonly ThresholdResult[]): ThresholdResult | undefined {
  return results.find((r) => r.kind === 'relative' && r.pValue !== null);
}

function formatAlpha(alpha: number): string {
  return formatP(1, alpha).replace(/^p=1 ≥ /, '');
}
