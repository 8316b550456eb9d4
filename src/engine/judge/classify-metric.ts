import type { MetricConfig, NoDataPolicy } from '../analysis/config.js';
import { type Result, messageOf } from '../result.js';
import { assessHistogram } from './assess-histogram.js';
import { worstStatus } from '../status.js';
import { assessRatio } from './assess-ratio.js';
import { assessSeries } from './assess-series.js';
import type { SequentialLevels } from './statistics/sequential-levels.js';
import { describeAssessment } from './reason.js';
import type { Assessment, MetricClassification, MetricFault, MetricOutcome, MetricStatus, ThresholdResult, VariantData } from './types.js';

/**
 * Stage 3 (Kayenta's metric classifier): one metric's data → a status with
 * its evidence and reason. Never throws: a fault or a classification that
 * throws becomes `error` and the judgement completes (Kayenta's
 * NetflixACAJudge catches per metric). `on-no-data` / `on-error` then say
 * what the status does to the verdict, without hiding the status itself.
 */
export type ClassifyInput = { canary: VariantData; baseline?: VariantData } | { fault: MetricFault } | undefined;

const NO_DATA_OUTCOME = { hold: 'hold', fail: 'fail', pass: 'ignore' } as const satisfies Record<NoDataPolicy, MetricOutcome>;

const OUTCOME = {
  pass: () => 'pass',
  warn: () => 'pass',
  fail: () => 'fail',
  inconclusive: () => 'hold',
  nodata: (metric) => NO_DATA_OUTCOME[metric.onNoData],
  error: (metric) => metric.onError,
} as const satisfies Record<MetricStatus, (metric: MetricConfig) => MetricOutcome>;

/** How a judgement is used, beyond the data. */
export interface ClassifyOptions {
  /**
   * A look while a step is still baking (background analysis): its window
   * holds fewer samples than the bake will by construction, so a shortfall
   * waits for more data whatever `on-no-data` says; only data that breaks a
   * threshold (or `on-error: fail`) can roll back mid-bake.
   */
  isInterim?: boolean;
  /** `method: sequential` ratio and histogram metrics: the levels of this look, which replace `alpha` for them. */
  sequential?: SequentialLevels;
}

/** `alpha` is the look's two-sided level, 1 − confidence after any correction for repeated looks. */
export function classifyMetric(metric: MetricConfig, input: ClassifyInput, alpha: number, options: ClassifyOptions = {}): MetricClassification {
  const classified = classifyData(metric, input, alpha, options.sequential);
  if (options.isInterim && classified.status === 'nodata' && classified.outcome === 'fail') {
    return { ...classified, outcome: 'hold', reason: `${classified.reason.replace(/ \(on-no-data: fail\)$/, '')} (too early in the bake to fail on no data)` };
  }
  return classified;
}

function classifyData(metric: MetricConfig, input: ClassifyInput, alpha: number, sequential: SequentialLevels | undefined): MetricClassification {
  if (input === undefined) return bare(metric, 'nodata', `${metric.name}: no data: no samples were read`);
  if ('fault' in input) {
    const what = input.fault.kind === 'provider' ? 'metrics provider error' : 'cannot read the metric';
    return bare(metric, 'error', `${metric.name}: ${what}: ${input.fault.message}`);
  }
  try {
    const assess = ASSESS[metric.measure.kind];
    const assessed = assess(metric, input.canary, input.baseline, alpha, sequential);
    if (!assessed.ok) return bare(metric, 'error', `${metric.name}: ${assessed.error}`);
    return classify(metric, assessed.value);
  } catch (thrown) {
    return bare(metric, 'error', `${metric.name}: classification failed: ${messageOf(thrown)}`);
  }
}

/** The statistics stage per kind of metric; a series has no sequential test (the analysis refuses `method: sequential` on one). */
const ASSESS = {
  ratio: assessRatio,
  histogram: assessHistogram,
  series: (metric, canary, baseline, alpha) => assessSeries(metric, canary, baseline, alpha),
} as const satisfies Record<MetricConfig['measure']['kind'], (...args: Parameters<typeof assessRatio>) => Result<Assessment>>;

function classify(metric: MetricConfig, assessment: Assessment): MetricClassification {
  // No threshold applied (a step where only relative ones exist and there is no baseline): nothing judged the data.
  if (assessment.results.length === 0) return bare(metric, 'nodata', `${metric.name}: no data: no threshold applies to this step`);
  const status = worstStatus(assessment.results.map((r) => r.status)) as MetricStatus;
  const decisive = pickDecisive(assessment.results, status);
  const bound = decisive?.kind === 'relative' ? (decisive.operator === '<' ? 'max' : 'min') : undefined;
  const statistic = (bound && assessment.tests[bound]) ?? assessment.tests.max ?? assessment.tests.min ?? null;
  return {
    metric: metric.name,
    kind: assessment.kind,
    status,
    outcome: OUTCOME[status](metric),
    critical: metric.critical,
    value: assessment.value,
    baselineValue: assessment.baselineValue,
    threshold: decisive ? { key: decisive.key, value: decisive.expected } : null,
    samples: assessment.samples,
    counts: assessment.counts,
    statistic,
    effect: assessment.effect,
    reason: withPolicy(metric, status, describeAssessment(metric.name, assessment, status, decisive)),
    thresholds: assessment.results,
  };
}

/** The threshold that decided: of the worst status, a fail-level one first (as `decisiveComparison` in limits.ts). */
function pickDecisive(results: readonly ThresholdResult[], status: MetricStatus): ThresholdResult | undefined {
  if (status === 'pass') return undefined;
  return results.find((r) => r.status === status && r.level === 'fail') ?? results.find((r) => r.status === status);
}

function bare(metric: MetricConfig, status: 'nodata' | 'error', reason: string): MetricClassification {
  return {
    metric: metric.name,
    kind: metric.measure.kind,
    status,
    outcome: OUTCOME[status](metric),
    critical: metric.critical,
    value: null,
    baselineValue: null,
    threshold: null,
    samples: { canary: 0, baseline: null },
    counts: null,
    statistic: null,
    effect: null,
    reason: withPolicy(metric, status, reason),
    thresholds: [],
  };
}

/** Says so when a policy, not the data, decides what the status does. */
function withPolicy(metric: MetricConfig, status: MetricStatus, reason: string): string {
  if (status === 'nodata' && metric.onNoData !== 'hold') return `${reason} (on-no-data: ${metric.onNoData})`;
  if (status === 'error' && metric.onError !== 'hold') return `${reason} (on-error: ${metric.onError})`;
  return reason;
}
