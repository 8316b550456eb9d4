import type { AnalysisConfig } from '../../engine/analysis/config.js';
import { judgeCanary } from '../../engine/judge/judge-canary.js';
import { judgeLive } from '../../engine/judge/single-version.js';
import type { Judgement, MetricClassification } from '../../engine/judge/types.js';
import type { Look } from '../../engine/judge/statistics/alpha-spending.js';
import type { Stage } from '../../engine/judge/statistics/sequential-levels.js';
import { isJudgementDue } from '../../engine/rollout/next-tick.js';
import { type RolloutPlan, isSameRelease, stagesOf } from '../../engine/rollout/plan.js';
import { type RolloutState, checkState, isTerminal } from '../../engine/rollout/state.js';
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
 * Whether this tick queries metrics: when the step has baked (a judgement
 * decides it), and also while it bakes once one interval of data exists, as
 * Argo Rollouts' background analysis does: then only a rollback can come of
 * it, so a canary that is clearly worse does not keep its traffic for the
 * rest of the bake. Not on a re-run of a tick already saved (same `now`),
 * nor on a state the engine will refuse anyway.
 */
export function shouldJudge(plan: RolloutPlan, state: RolloutState | null, now: Date, intervalMs: number = DEFAULT_INTERVAL_MS): boolean {
  if (state === null || now.getTime() === Date.parse(state.lastTickAt) || checkState(state) !== null) return false;
  if (isJudgementDue(plan, state, now)) return true;
  const stage = stagesOf(state.plan)[state.stepIndex];
  const isBaking = stage !== undefined && stage.isJudged && isSameRelease(plan.canary, state.plan.canary) && !isTerminal(state.phase);
  return isBaking && now.getTime() - Date.parse(state.stepStartedAt) >= intervalMs;
}

/**
 * Which look at the step's growing window this judgement is, so the judge
 * shares the false-alarm rate between the looks of a bake (Haybittle–Peto:
 * interim looks spend 10% of α, the look at the end of the bake 90%; see
 * statistics/alpha-spending.ts and the judge-quality bench). A step held past
 * its bake is looked at again at the interim level.
 */
export function lookOf(state: RolloutState, now: Date, intervalMs: number): Look | undefined {
  const bakeMs = stagesOf(state.plan)[state.stepIndex]?.waitMs ?? 0;
  // No bake: one look, judged at the full level.
  if (bakeMs === 0) return undefined;
  // At least one interim look and the final one, whatever the bake's length.
  const count = Math.max(2, Math.floor(bakeMs / intervalMs));
  const elapsed = now.getTime() - Date.parse(state.stepStartedAt);
  if (elapsed >= bakeMs) return { index: state.consecutiveHolds > 0 ? count + 1 : count, count };
  return { index: Math.min(count - 1, Math.max(1, Math.floor(elapsed / intervalMs))), count };
}

/**
 * Which of the plan's steps judged against a baseline this is (those below
 * 100%), so `method: sequential` metrics share their level over the whole
 * rollout (statistics/sequential-levels.ts). Undefined at 100%.
 */
export function stageOf(state: RolloutState): Stage | undefined {
  const compared = stagesOf(state.plan).map((stage, index) => ({ stage, index })).filter(({ stage }) => stage.isJudged && stage.weight < 100);
  const position = compared.findIndex(({ index }) => index === state.stepIndex);
  return position < 0 ? undefined : { index: position + 1, count: compared.length };
}

/**
 * The window runs from the step's start to now, so every sample was taken
 * at this step's weight, and is at least one interval long, so a tick right
 * after a step began still reads one sample (and the judge holds on too few).
 * Judgements while the step bakes and at its end share the step's
 * false-alarm rate (`lookOf`).
 */
export async function judgeStep(analysis: LoadedAnalysis, state: RolloutState, now: Date): Promise<StepJudgement> {
  const intervalMs = analysis.config.intervalMs ?? DEFAULT_INTERVAL_MS;
  const windowMs = Math.max(now.getTime() - Date.parse(state.stepStartedAt), intervalMs);
  const versions = { canary: state.plan.canary.version, ...(state.plan.stable ? { baseline: state.plan.stable.version } : {}) };
  const span = { from: new Date(now.getTime() - windowMs).toISOString(), to: now.toISOString(), windowMs };
  // Before the bake is over only a rollback can come of a look, and a window shorter than the bake is short by construction.
  const isInterim = now.getTime() - Date.parse(state.stepStartedAt) < (stagesOf(state.plan)[state.stepIndex]?.waitMs ?? 0);
  if (state.weight >= 100) {
    // At 100% the stable version serves nothing, so there is no baseline to
    // compare with: a relative threshold would hold for ever on no data. The
    // canary is held to its absolute thresholds alone, and the reason says so
    // (canary-promote refuses an analysis with a metric that has none).
    const samples = await collectLiveSamples(analysis, { windowMs, now, version: versions.canary, versions }, 'canary');
    const judgement = judgeLive(absoluteOnly(analysis.config), samples, { isInterim });
    const reason = `${verdictReason(judgement)} (at 100% the baseline serves no traffic: absolute thresholds only)`;
    return { judgement, span, verdict: { verdict: judgement.verdict, reason } };
  }
  const samples = await collectCanarySamples(analysis, { windowMs, now, versions });
  const look = lookOf(state, now, intervalMs);
  const stage = stageOf(state);
  const judgement = judgeCanary(analysis.config, samples, { ...(look ? { look } : {}), ...(stage ? { stage } : {}), isInterim });
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
