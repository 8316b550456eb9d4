import { releaseName, stagesOf } from './plan.js';
import type { RolloutPhase, RolloutState } from './state.js';

/**
 * The short words a person sees for a rollout's standing: a deployment
 * status's description ("canary 25% (step 2/4)"), a log
 * line, the job summary.
 */

const PHASE_WORDS = {
  progressing: '',
  complete: 'complete',
  failed: 'rolled back',
  superseded: 'superseded',
} as const satisfies Record<RolloutPhase, string>;

/** `canary 25% (step 2/4)`, `blue-green pre-promotion analysis, 0% (step 1/3)`, `canary rolled back at step 2/4`. */
export function stepLabel(state: Pick<RolloutState, 'plan' | 'phase' | 'stepIndex' | 'weight'>): string {
  const stages = stagesOf(state.plan);
  const position = `step ${state.stepIndex + 1}/${stages.length}`;
  const stage = stages[state.stepIndex]?.name ?? 'unknown step';
  const what = state.plan.strategy === 'canary' ? `canary ${state.weight}%` : `blue-green ${stage}, ${state.weight}%`;
  if (state.phase === 'progressing') return `${what} (${position})`;
  if (state.phase === 'complete') return `${state.plan.strategy} complete, ${state.weight}% (${position})`;
  return `${state.plan.strategy} ${PHASE_WORDS[state.phase]} at ${position}`;
}

/** `canary 25% (step 2/4) of v2 (abc1234)`, for summaries that show several rollouts. */
export function rolloutLabel(state: RolloutState): string {
  return `${stepLabel(state)} of ${releaseName(state.plan.canary)}`;
}
