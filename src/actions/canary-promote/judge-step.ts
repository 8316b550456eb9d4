import type { AnalysisConfig } from '../../engine/analysis/config.js';
import { judgeCanary } from '../../engine/judge/judge-canary.js';
import { judgeLive } from '../../engine/judge/single-version.js';
import type { Judgement, MetricClassification } from '../../engine/judge/types.js';
import { isJudgementDue } from '../../engine/rollout/next-tick.js';
import type { RolloutPlan } from '../../engine/rollout/plan.js';
import { type RolloutState, checkState } from '../../engine/rollout/state.js';
import type { Judgement as StepVerdict } from '../../engine/rollout/tick-result.js';
import { type LoadedAnalysis, collectCanarySamples, collectLiveSamples } from '../shared/metric-samples.js';

/**
 * The judging half of a tick: the current step's window of samples, the
 * judge's verdict on it, and the one line the rollout records.
 */

/** When the analysis file gives no `interval`: the usual scrape-and-tick spacing of one minute. */
export const DEFAULT_INTERVAL_MS = 60_000;

/** The stretch of time the metrics were read over. */
export interface SampleSpan {
  from: string;
  to: string;
  windowMs: number;
}

export interface StepJudgement {
  judgement: Judgement;
  span: SampleSpan;
  /** The verdict for `nextTick`, its reason carrying the numbers of the metrics that decided. */
  verdict: StepVerdict;
}

/**
 * Whether this tick queries metrics: only when a judgement can change the
 * outcome (the step has baked), and not on a re-run of a tick already saved
 * (same `now`), nor on a state the engine will refuse anyway.
 */
export function shouldJudge(plan: RolloutPlan, state: RolloutState | null, now: Date): boolean {
  if (state === null || now.getTime() <= Date.parse(state.lastTickAt) || checkState(state) !== null) return false;
  return isJudgementDue(plan, state, now);
}

/**
 * The window runs from the step's start to now, so every sample was taken
 * at this step's weight, and is at least one interval long, so a tick right
 * after a step began still reads one sample (and the judge holds on too few).
 * Each judgement is one test at the full level, as an analysis run is in
 * Argo Rollouts and Kayenta: metrics are not read while a step bakes.
 */
export async function judgeStep(analysis: LoadedAnalysis, state: RolloutState, now: Date): Promise<StepJudgement> {
  const intervalMs = analysis.config.intervalMs ?? DEFAULT_INTERVAL_MS;
  const windowMs = Math.max(now.getTime() - Date.parse(state.stepStartedAt), intervalMs);
  const versions = { canary: state.plan.canary.version, ...(state.plan.stable ? { baseline: state.plan.stable.version } : {}) };
  const span = { from: new Date(now.getTime() - windowMs).toISOString(), to: now.toISOString(), windowMs };
  if (state.weight >= 100) {
    // At 100% the stable version serves nothing, so there is no baseline to
    // compare with: a relative threshold would hold for ever on no data. The
    // canary is held to its absolute thresholds alone, and the reason says so.
    const samples = await collectLiveSamples(analysis, { windowMs, now, version: versions.canary, versions }, 'canary');
    const judgement = judgeLive(absoluteOnly(analysis.config), samples);
    const reason = `${verdictReason(judgement)} (at 100% the baseline serves no traffic: absolute thresholds only)`;
    return { judgement, span, verdict: { verdict: judgement.verdict, reason } };
  }
  const samples = await collectCanarySamples(analysis, { windowMs, now, versions });
  const judgement = judgeCanary(analysis.config, samples);
  return { judgement, span, verdict: { verdict: judgement.verdict, reason: verdictReason(judgement) } };
}

/** The analysis without its relative thresholds (`max-increase`, …), for a canary with no baseline beside it. */
function absoluteOnly(config: AnalysisConfig): AnalysisConfig {
  return { ...config, metrics: config.metrics.map((metric) => ({ ...metric, thresholds: metric.thresholds.filter((t) => t.kind === 'absolute') })) };
}

/** Which metrics explain each verdict: the failures of a rollback, the undecided of a hold. */
const DECIDING = {
  rollback: (metric) => metric.outcome === 'fail',
  hold: (metric) => metric.outcome === 'hold',
  promote: () => false,
} as const satisfies Record<Judgement['verdict'], (metric: MetricClassification) => boolean>;

/** `1 metric failed (error-rate) > failure-limit 0: error-rate 8.2% vs baseline 0.5% (+1540%, …) exceeds max-increase 50%`. */
export function verdictReason(judgement: Judgement): string {
  const details = judgement.metrics.filter(DECIDING[judgement.verdict]).map((metric) => metric.reason);
  return details.length > 0 ? `${judgement.reason}: ${details.join('; ')}` : judgement.reason;
}
