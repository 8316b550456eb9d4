import type { Status } from '../status.js';
import type { Look } from './statistics/alpha-spending.js';

/**
 * What the judge reads and what it returns. Inputs
 * are the samples the action read from its `MetricSource` per metric and
 * variant; outputs carry every number behind a status, so the summary and
 * report render them and never recompute.
 */

/** A ratio's counted series for one variant, one number per interval, oldest first (errors and requests). */
export interface RatioSeries {
  numerator: readonly number[];
  denominator: readonly number[];
}

/**
 * A classic histogram's buckets for one variant: per upper bound (`le`, in the
 * histogram's own unit; Infinity for +Inf), the requests at or below it in
 * each interval, oldest first (NaN marks a gap).
 */
export interface HistogramSeries {
  buckets: ReadonlyArray<{ le: number; values: readonly number[] }>;
}

/** One variant's data: a series' samples (NaN marks a gap), a ratio's counts, or a histogram's buckets. */
export type VariantData = readonly number[] | RatioSeries | HistogramSeries;

/** Why a metric could not be read; structurally a `SourceFault` (`provider` is an outage, the rest a mistake). */
export interface MetricFault {
  kind: string;
  message: string;
}

/** Per metric: both variants' data, or the fault that kept it from being read. */
export type CanaryInput = { baseline: VariantData; canary: VariantData } | { fault: MetricFault };
export type CanarySamples = Readonly<Record<string, CanaryInput | undefined>>;

/** Single-version mode (auto-rollback): the one live version's data. */
export type LiveInput = { live: VariantData } | { fault: MetricFault };
export type LiveSamples = Readonly<Record<string, LiveInput | undefined>>;

/** The judge's statuses: every status but `skipped`. */
export type MetricStatus = Exclude<Status, 'skipped'>;

/**
 * What a status does to the verdict once `on-no-data` / `on-error` are
 * applied: `ignore` is `on-no-data: pass` (the metric neither blocks nor
 * counts as evidence of health).
 */
export type MetricOutcome = 'pass' | 'hold' | 'fail' | 'ignore';

/** One threshold held to the data (LHCI-style: expected, actual, operator, and the test behind it). */
export interface ThresholdResult {
  key: string;
  kind: 'absolute' | 'relative';
  level: 'fail' | 'warn';
  status: Extract<MetricStatus, 'pass' | 'warn' | 'fail' | 'inconclusive' | 'nodata'>;
  /** Absolute: `<=` for max, `>=` for min. Relative: the change must stay `<` the allowed one (Kayenta fails at `>=`). */
  operator: '<=' | '>=' | '<' | '>';
  /** Absolute: the canary's value. Relative: its change against the baseline (0.5 = +50%); Infinity from a zero baseline. */
  actual: number | null;
  /** The threshold, in the same form as `actual`. */
  expected: number;
  /** One-sided p-value of the relative test in this threshold's direction (series: two-sided). */
  pValue: number | null;
  /** The level `pValue` had to beat. */
  alpha: number | null;
}

export interface TestStatistic {
  /**
   * `van-elteren`: the stratified rank test of a histogram's requests
   * (`statistics/grouped-rank-sum.ts`); `mixture-sprt` and `t-test-e-process`:
   * the anytime-valid tests of `method: sequential` for ratios and histograms.
   */
  test: 'fisher-exact' | 'mann-whitney-u' | 'mixture-sprt' | 'van-elteren' | 't-test-e-process';
  /** Canary events (Fisher), the canary's U (Mann–Whitney), its z (van Elteren) or the e-value (the sequential tests). */
  statistic: number;
  pValue: number;
  alpha: number;
  sided: 'one-sided' | 'two-sided';
  /** Mann–Whitney: exact distribution or normal approximation, and its z; van Elteren: its z (read against Student's t). */
  method: 'exact' | 'normal' | null;
  z: number | null;
}

export interface VariantCounts {
  events: number;
  total: number;
}

/** What a metric measures, as the judge reports it. */
export type MetricKind = 'ratio' | 'series' | 'histogram';

export interface MetricClassification {
  metric: string;
  kind: MetricKind;
  status: MetricStatus;
  outcome: MetricOutcome;
  critical: boolean;
  /** The canary's value: its rate (ratio), the aggregate of its samples (series) or its quantile in ms (histogram). */
  value: number | null;
  baselineValue: number | null;
  /** The threshold that decided the status. */
  threshold: { key: string; value: number } | null;
  samples: { canary: number; baseline: number | null };
  /** Ratio metrics: the summed counts each variant's rate rests on. */
  counts: { canary: VariantCounts; baseline: VariantCounts | null } | null;
  /** The relative test behind the decisive relative threshold, if one ran. */
  statistic: TestStatistic | null;
  /** Canary / baseline − 1 (rates, or means as Kayenta's effect size); null without a baseline. */
  effect: number | null;
  /** One line, e.g. `error-rate 4.1% vs baseline 0.9% (+356%, p=0.0003 < 0.01) exceeds max-increase 50%`. */
  reason: string;
  thresholds: ThresholdResult[];
}

export type Verdict = 'promote' | 'hold' | 'rollback';

export interface Tally {
  pass: string[];
  hold: string[];
  fail: string[];
  ignore: string[];
  criticalFailures: string[];
  /** Kayenta-style summary score: 100 × passing / metrics that count (ignored ones do not), 0 when none count. */
  score: number;
}

export interface Judgement {
  /** A failure beyond `failure-limit` → rollback; any inconclusive/nodata/error → hold; all pass → promote. */
  verdict: Verdict;
  reason: string;
  metrics: MetricClassification[];
  tally: Tally;
  failureLimit: number;
  /** The look this judgement was, when the caller judges a growing window repeatedly. */
  look: Look | null;
}

/**
 * The statistics stage's answer for one metric, before classification:
 * each threshold held to the data, and the numbers behind them.
 */
export interface Assessment {
  kind: MetricKind;
  value: number | null;
  baselineValue: number | null;
  effect: number | null;
  samples: { canary: number; baseline: number | null };
  counts: MetricClassification['counts'];
  results: ThresholdResult[];
  /** The relative test per bad direction (`max` = increase, `min` = decrease) that ran. */
  tests: Partial<Record<'max' | 'min', TestStatistic>>;
  /** Why there is no value or no baseline to compare with, when there is not. */
  noDataReason: string | null;
  /** Something a reader should know: identical samples, outliers removed. */
  note: string | null;
}
