import type { MetricConfig, Threshold } from '../../engine/analysis/config.js';
import type { SampleOutcome } from '../../engine/breach.js';
import type { Quantity } from '../../engine/exact.js';
import { isBeyond, reachesChange, relativeChange } from '../../engine/judge/hold-thresholds.js';
import { intervalQuantities, noDataOutcome } from '../../engine/judge/single-version.js';
import type { VariantData } from '../../engine/judge/types.js';

/**
 * Pure: each new sample of a watched metric, pass or breach. Absolute
 * thresholds hold the interval's own value; where a baseline exists,
 * relative thresholds compare each interval of the watched release with the
 * same interval of the baseline. Values meet thresholds exactly as written,
 * with the canary judge's own functions: a value of exactly `max` is within,
 * a change of exactly `max-increase` reaches it (Kayenta fails at ≥), and
 * +∞ is beyond every `max`. No significance test runs per interval: the
 * breach rule (`consecutive` / `n-of-m`) is what keeps one noisy interval
 * from rolling back, as the runbooks' "for 5 consecutive minutes" does.
 * Only fail levels breach; warn levels never roll back.
 */
export interface SampleVerdicts {
  outcomes: SampleOutcome[];
  /** Per sample: a fail-level threshold was held to data (false: a gap, no traffic, or no baseline for a relative-only metric). */
  judged: boolean[];
  /** The watched release's value per sample (a ratio's rate), `null` for a gap or no traffic; for display. */
  values: (number | null)[];
  /** The baseline's, for metrics judged against one. */
  baselineValues: (number | null)[] | null;
}

export function judgeSamples(metric: MetricConfig, watched: VariantData, baseline: VariantData | null): SampleVerdicts {
  const values = intervalQuantities(watched);
  const bases = baseline === null ? null : intervalQuantities(baseline);
  const fails = metric.thresholds.filter((t) => t.level === 'fail');
  const absolute = fails.filter((t) => t.kind === 'absolute');
  const relative = fails.filter((t) => t.kind === 'relative');
  const judgements = values.map((value, index) => judgeOne(absolute, relative, value, bases?.[index] ?? null));
  return {
    outcomes: judgements.map((outcome) => outcome ?? noDataOutcome(metric)),
    judged: judgements.map((outcome) => outcome !== null),
    values: values.map((value) => value?.value ?? null),
    baselineValues: bases === null ? null : bases.map((value) => value?.value ?? null),
  };
}

/** `null` when no fail threshold could be held to this interval. */
function judgeOne(absolute: readonly Threshold[], relative: readonly Threshold[], value: Quantity | null, base: Quantity | null): 'pass' | 'breach' | null {
  if (value === null) return null;
  const hasAbsolute = absolute.length > 0;
  const hasRelative = relative.length > 0 && base !== null;
  if (!hasAbsolute && !hasRelative) return null;
  const isOver = absolute.some((t) => isBeyond(t, value));
  const isChanged = hasRelative && relative.some((t) => reachesChange(t, relativeChange(value, base)));
  return isOver || isChanged ? 'breach' : 'pass';
}
