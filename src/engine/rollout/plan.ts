/**
 * A rollout plan (canary-promote): what is released, by which
 * strategy, and how long each stage is watched. Both strategies reduce to an
 * ordered list of {@link Stage}s, so one state machine (`next-tick.ts`)
 * drives them; the tables here are the only place they differ.
 */

export const ROLLOUT_STRATEGIES = ['canary', 'blue-green'] as const;
export type RolloutStrategy = (typeof ROLLOUT_STRATEGIES)[number];

/** A released version: the git ref it was built from and the version the metrics are labelled with. */
export interface ReleaseRef {
  /** Branch, tag or commit sha, as given to GitHub Deployments (`ref`). */
  ref: string;
  /** The `{{version}}` metric queries select; defaults to the ref. */
  version: string;
}

/** Weighted steps, as Argo Rollouts' `setWeight` + `pause` pairs. */
export interface CanaryPlan {
  strategy: 'canary';
  /** Canary weights in percent, increasing, ending at 100. */
  steps: readonly number[];
  /** How long each step bakes before it is judged; one per step. */
  bakeMs: readonly number[];
}

/**
 * Argo Rollouts' blue-green: the new colour is analysed while idle
 * (`prePromotionAnalysis`), traffic switches at once, it is analysed live
 * (`postPromotionAnalysis`), and the old colour is kept for
 * `scaleDownDelaySeconds` so a rollback is a switch back, not a redeploy.
 * https://argo-rollouts.readthedocs.io/en/stable/features/bluegreen/
 */
export interface BlueGreenPlan {
  strategy: 'blue-green';
  prePromotionBakeMs: number;
  postPromotionBakeMs: number;
  scaleDownDelayMs: number;
}

/** Fields shared by both strategies. */
export interface PlanCommon {
  canary: ReleaseRef;
  /** What runs now and receives the rest of the traffic; null when unknown (first release). */
  stable: ReleaseRef | null;
  /**
   * `rollback` verdicts tolerated in a row before rolling back (default 0:
   * the first one rolls back). Blips should not roll back (argo-rollouts#4792);
   * unlike Flagger's cumulative count, a passing verdict ends the run, during
   * a step's bake as after it. A `hold` (not enough data) neither counts as a
   * failure nor ends the run.
   */
  failureLimit: number;
}

export type RolloutPlan = PlanCommon & (CanaryPlan | BlueGreenPlan);

/** One stage of a rollout: the canary's weight while it lasts, how long it lasts, and whether it ends on a judgement. */
export interface Stage {
  /** `canary 25%`, `pre-promotion analysis`. */
  name: string;
  weight: number;
  waitMs: number;
  /** False for the scale-down delay: it ends by time alone. */
  isJudged: boolean;
}

/** The runbooks' steps: 5% → 25% → 50% → 100%. */
export const DEFAULT_STEPS: readonly number[] = [5, 25, 50, 100];
export const DEFAULT_BAKE_MS = 10 * 60_000;
/** Argo Rollouts' default `scaleDownDelaySeconds` is 30. */
export const DEFAULT_SCALE_DOWN_DELAY_MS = 30_000;

type StageBuilder<P> = (plan: P) => Stage[];

const STAGE_BUILDERS = {
  canary: (plan: CanaryPlan) => plan.steps.map((weight, index) => ({ name: `canary ${weight}%`, weight, waitMs: plan.bakeMs[index] ?? 0, isJudged: true })),
  'blue-green': (plan: BlueGreenPlan) => [
    { name: 'pre-promotion analysis', weight: 0, waitMs: plan.prePromotionBakeMs, isJudged: true },
    { name: 'post-promotion analysis', weight: 100, waitMs: plan.postPromotionBakeMs, isJudged: true },
    { name: 'scale-down delay', weight: 100, waitMs: plan.scaleDownDelayMs, isJudged: false },
  ],
} satisfies { canary: StageBuilder<CanaryPlan>; 'blue-green': StageBuilder<BlueGreenPlan> };

/** The plan's stages in order; the rollout completes after the last one. */
export function stagesOf(plan: RolloutPlan): Stage[] {
  return plan.strategy === 'canary' ? STAGE_BUILDERS.canary(plan) : STAGE_BUILDERS['blue-green'](plan);
}

/** True when both name the same release (a new version means a new rollout). */
export function isSameRelease(a: ReleaseRef, b: ReleaseRef): boolean {
  return a.ref === b.ref && a.version === b.version;
}

/** `v2 (abc1234)` or just `v2` when version and ref agree. */
export function releaseName(release: ReleaseRef): string {
  const ref = /^[0-9a-f]{40}$/i.test(release.ref) ? release.ref.slice(0, 7) : release.ref;
  return release.version === release.ref ? ref : `${release.version} (${ref})`;
}
