import type { MetricConfig } from '../../engine/analysis/config.js';
import { checkRatioCounts, fillEmptyNumerator, isRatioSeries } from '../../engine/judge/transform.js';
import type { VariantData } from '../../engine/judge/types.js';
import { type Result, ok } from '../../engine/result.js';
import type { SourceFault } from '../../sources/source-fault.js';

/**
 * A ratio's samples made ready for per-interval judgement, as the canary
 * judge prepares them (`transform.ts`): a numerator with nothing beside live
 * requests is read under the metric's `empty-numerator` (zero errors by
 * default: Prometheus has no error series until the first error), then every
 * interval's counts are checked. Counts that cannot be believed (more errors
 * than requests, a negative or infinite count, series of different lengths)
 * are a `malformed` fault naming where: judging them would roll back a
 * healthy release on a broken counter, or call a broken one healthy.
 */
export function prepareSamples(metric: MetricConfig, data: VariantData, where: string): Result<VariantData, SourceFault> {
  if (metric.measure.kind !== 'ratio' || !isRatioSeries(data)) return ok(data);
  const { numerator, denominator, emptyNumerator } = metric.measure;
  const filled = fillEmptyNumerator(data, emptyNumerator);
  const problem = checkRatioCounts(filled, { numerator, denominator });
  if (problem !== null) return { ok: false, error: { kind: 'malformed', message: `${where}: metric \`${metric.name}\`: ${problem}` } };
  return ok(filled);
}
