import { type BreachRule, DEFAULT_BREACH_RULE } from '../breach.js';
import type { Rational } from '../exact.js';
import type { KeyPath } from './yaml-document.js';

/**
 * The analysis file: where metrics come from and how each
 * is judged, canary against baseline or, in single-version mode, on its own.
 *
 * ```yaml
 * source: { type: file, path: metrics.json }
 * failure-limit: 0
 * interval: 1m
 * metrics:
 *   error-rate:
 *     ratio: { numerator: errors, denominator: requests }
 *     max: 5%
 *     max-increase: 50%
 *   latency:
 *     series: latency_ms
 *     max: 1000
 *     max-increase: 20%
 * ```
 */
export interface AnalysisConfig {
  /** The `source` mapping as written; `createMetricSource` validates it where the action builds the source. */
  source: unknown;
  metrics: MetricConfig[];
  /** Failed metrics tolerated before a rollback (Argo's `failureLimit`); default 0. */
  failureLimit: number;
  /** Spacing of samples and ticks in ms (`interval: 1m`); `null` when not given. */
  intervalMs: number | null;
}

/**
 * What a ratio's numerator means when its query returns nothing (no series,
 * or a gap) for an interval whose denominator has data. Prometheus has no
 * `http_requests_total{code=~"5.."}` series until the first error, so
 * `zero` (the default) reads it as no errors; `nodata` leaves the interval
 * out, for numerators whose absence means something is broken.
 */
export type EmptyNumeratorPolicy = 'zero' | 'nodata';

/** What a metric measures. */
export type Measure =
  /** Counted events over a total, summed over the window (errors / requests); judged on counts. */
  | { kind: 'ratio'; numerator: string; denominator: string; emptyNumerator: EmptyNumeratorPolicy }
  /**
   * One value per interval (latency p99 per minute); judged on the
   * distribution of samples, and its value for absolute thresholds is their
   * mean over the window (Kayenta's effect size is a ratio of means, so the
   * value shown and the change shown agree).
   */
  | { kind: 'series'; series: string }
  /**
   * A classic histogram's `_bucket` counters (latency): judged on its
   * requests, bucket by bucket, interval by interval (`assess-histogram.ts`);
   * its value is the `quantile` as Prometheus' `histogram_quantile` reads it
   * from the window's buckets, in ms (`unitMs` is one unit of the bucket
   * bounds: 1000 for seconds, Prometheus' convention).
   */
  | { kind: 'histogram'; series: string; quantile: number; unitMs: number };

/**
 * Which change of the canary is bad (Kayenta's `direction`): it follows from
 * the relative keys, and a written `direction` must agree with them (see
 * `parse-metric.ts`), so it can never promise a judgement that is not made.
 */
export type Direction = 'increase' | 'decrease' | 'either';
/** What a metric without data does to the verdict (no data is explicit, never a silent pass or rollback). */
export type NoDataPolicy = 'hold' | 'fail' | 'pass';
/**
 * What an `error` does to the verdict: a provider outage, a metric that could
 * not be read (a missing series), or a classification that failed. Never read
 * as healthy; read as a failure of the canary only under `fail`.
 */
export type ErrorPolicy = 'hold' | 'fail';
/** Outlier removal before a series is compared; Kayenta's default is none. */
export type OutlierPolicy = 'none' | 'iqr';
/**
 * How a ratio's or a histogram's relative thresholds are tested over a
 * rollout's repeated looks. `fixed` (the default): one test at each look
 * (Fisher's exact test; van Elteren's rank test), the looks of a bake sharing
 * the level (`statistics/alpha-spending.ts`). `sequential`: an anytime-valid
 * test at every look (mixture SPRT; t-test e-process) plus the fixed test once
 * at the end of each bake, the level shared over the whole rollout
 * (`statistics/sequential-levels.ts`).
 */
export type TestMethod = 'fixed' | 'sequential';

/**
 * One threshold. `absolute` ones hold the canary's own value (`max: 5%`);
 * `relative` ones its change against the baseline (`max-increase: 50%`),
 * judged as Kayenta does: significant at `confidence` and at least this large.
 */
export interface Threshold {
  /** The key it was written as, e.g. `warn-max-increase`. */
  key: string;
  kind: 'absolute' | 'relative';
  /** `max`: value above / increase beyond is bad; `min`: value below / decrease beyond is bad. */
  bound: 'max' | 'min';
  level: 'fail' | 'warn';
  /** Absolute: in the value's base unit (5% → 0.05, 2s → 2000). Relative: a fraction (50% → 0.5). */
  value: number;
  /** `value` exactly as written (`0.7%` is 7/1000): what measurements are compared with. */
  exact: Rational;
}

export interface MetricConfig {
  name: string;
  measure: Measure;
  thresholds: Threshold[];
  direction: Direction;
  /** Two-sided, as Kayenta's: a one-sided "canary worse" test runs at (1 − confidence) / 2. */
  confidence: number;
  /** Finite samples (intervals) each variant needs before the metric is judged; fewer is `nodata`. */
  minSamples: number;
  onNoData: NoDataPolicy;
  onError: ErrorPolicy;
  outliers: OutlierPolicy;
  /** How relative thresholds are tested over repeated looks (ratio and histogram metrics take `sequential`). */
  method: TestMethod;
  /** How many breaching samples roll back in single-version mode. */
  breach: BreachRule;
  /** A query template for query-language sources (Prometheus, Datadog), with `{{variant}}`. */
  query: string | null;
  /** A failure of a critical metric rolls back whatever `failure-limit` allows (Kayenta's `critical`). */
  critical: boolean;
}

/** `canary` judges against a baseline; `live` (auto-rollback) holds one version to absolute thresholds only. */
export type AnalysisMode = 'canary' | 'live';

/** Where and what: the caller turns it into `file:line: path: message`. */
export interface Problem {
  path: KeyPath;
  message: string;
}

/**
 * Defaults, each with its reason:
 * - `confidence` 0.98: Kayenta's NetflixACAJudge (`confLevel = 0.98`).
 * - `min-samples` 3: a verdict resting on one or two intervals is a blip, not
 *   a trend; three one-minute samples is the least that shows a level, and
 *   already give the exact count test of a 5% canary the power to see a gross
 *   regression. A series that looks worse on fewer than 5 samples a side is
 *   `inconclusive` (Mann–Whitney cannot reach 0.98 there), so it holds rather
 *   than passes; raise it for series you want judged on more.
 * - `on-no-data` hold, `on-error` hold: missing data is never read as a pass or as a failure of the release (flagger#1035, argo-rollouts#2578).
 * - `outliers` none: Kayenta's default (`outliers.strategy` none).
 * - `method` fixed: the judge the bench measured first; `sequential` does not
 *   beat it on every figure (it trades a little power at the first step for
 *   a false-alarm rate that holds over the whole rollout), so it is asked for.
 * - `min-samples` under `method: sequential` is 1 unless written: the mixture
 *   SPRT is valid from the first interval on (its level does not depend on
 *   how many there are), which is what lets it catch a gross regression in
 *   the first minute or two; Fisher still runs at the end of the bake.
 * - `breach` 5 consecutive: the runbooks' "error rate > 10% for 5
 *   consecutive minutes" at the default 1-minute interval; a blip shorter
 *   than that never rolls back (argo-rollouts#4792).
 */
export const METRIC_DEFAULTS = {
  confidence: 0.98,
  minSamples: 3,
  onNoData: 'hold',
  onError: 'hold',
  outliers: 'none',
  method: 'fixed',
  breach: DEFAULT_BREACH_RULE,
  critical: false,
} as const satisfies Partial<MetricConfig>;

/** `min-samples` when `method: sequential` and none is written (see `METRIC_DEFAULTS`). */
export const SEQUENTIAL_MIN_SAMPLES = 1;

export const ANALYSIS_DEFAULTS = { failureLimit: 0 } as const satisfies Partial<AnalysisConfig>;
