import type { Look } from './alpha-spending.js';

/**
 * How `method: sequential` shares a metric's false-alarm rate α over a whole
 * rollout, so that healthy canaries are rolled back at most α of the time
 * from the first look of the first step to the last look of the last,
 * however many looks a held step adds.
 *
 * Between steps (a union bound, so it holds whatever the steps' dependence):
 * the first step a baseline is judged at gets `FIRST_STAGE_SHARE` of α and
 * the later ones share the rest. Weights rise, so the first step has the
 * fewest canary errors a minute and needs the level most; at 25% and 50% a
 * canary sees five and ten times the errors, and a smaller level costs it
 * little power there (the bench measures both).
 *
 * Within a step, a Haybittle–Peto shape whose interim boundary is anytime-valid:
 * - `ANYTIME_SHARE` of the step's level goes to the mixture SPRT
 *   (`mixture-sprt.ts`), judged at every look: during the bake (a gross
 *   regression is caught in a minute or two), at its end, and at every look
 *   a held step adds. By Ville's inequality its false alarms over all of
 *   them together stay within its share, however many there are.
 * - The rest goes to one fixed-sample test, Fisher's exact test, at the one
 *   planned look at the end of the bake, where it has the power of a single
 *   test at nearly the full level (Jennison & Turnbull, "Group Sequential
 *   Methods", 2000, §2.3: Haybittle–Peto spends little before the end).
 *   Held looks after it never spend that share again.
 */
export const FIRST_STAGE_SHARE = 0.9;
export const ANYTIME_SHARE = 0.15;

/** Which of the rollout's steps judged against a baseline this is (1-based), of how many. */
export interface Stage {
  index: number;
  count: number;
}

/** Two-sided levels, as `alpha` elsewhere in the judge: one-sided tests run at half. */
export interface SequentialLevels {
  /** The mixture SPRT's level, at every look. */
  anytime: number;
  /** Fisher's level at the planned end of the bake; null at every other look. */
  fixed: number | null;
}

/** The share of α the step gets; one step (or none said) gets all of it. */
export function stageShare(stage: Stage | undefined): number {
  if (stage === undefined || !(stage.count > 1) || !(stage.index >= 1)) return 1;
  return stage.index === 1 ? FIRST_STAGE_SHARE : (1 - FIRST_STAGE_SHARE) / (stage.count - 1);
}

/**
 * The levels of one look. Without a `look` the judgement is the step's one
 * look (no bake: judged once, as `alphaForLook` treats it), and both tests run.
 */
export function sequentialLevels(alpha: number, look: Look | undefined, stage: Stage | undefined): SequentialLevels {
  const step = alpha * stageShare(stage);
  const anytime = step * ANYTIME_SHARE;
  const isPlannedEnd = look === undefined || !(look.count >= 1) || look.index === look.count;
  return { anytime, fixed: isPlannedEnd ? step - anytime : null };
}
