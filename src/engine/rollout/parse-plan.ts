import { type Result, err, ok } from '../result.js';
import { checkTimerDuration, parseDuration, parseQuantity } from '../units.js';
import {
  DEFAULT_BAKE_MS,
  DEFAULT_SCALE_DOWN_DELAY_MS,
  DEFAULT_STEPS,
  ROLLOUT_STRATEGIES,
  type BlueGreenPlan,
  type CanaryPlan,
  type ReleaseRef,
  type RolloutPlan,
  type RolloutStrategy,
} from './plan.js';

/**
 * The plan from canary-promote's inputs, as strings the way `core.getInput`
 * gives them (empty = not given). Every bad input is reported, one line each,
 * naming the input, what it got and what it accepts.
 */
export interface PlanInputs {
  strategy?: string;
  /** `5,25,50,100` (canary only). */
  steps?: string;
  /** `10m`, or one per step `5m,10m,10m,0`; blue-green: one, or `pre,post`. */
  'bake-time'?: string;
  /** Blue-green only; default 30s. */
  'scale-down-delay'?: string;
  'failure-limit'?: string;
  /** Required: the ref (or sha) being rolled out. */
  'canary-ref'?: string;
  'canary-version'?: string;
  'stable-ref'?: string;
  'stable-version'?: string;
}

const given = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

const list = (text: string): string[] => text.split(',').map((part) => part.trim());

export function parsePlan(inputs: PlanInputs): Result<RolloutPlan, string[]> {
  const problems: string[] = [];
  const strategyText = given(inputs.strategy) ?? 'canary';
  const strategy = (ROLLOUT_STRATEGIES as readonly string[]).includes(strategyText) ? (strategyText as RolloutStrategy) : null;
  if (strategy === null) problems.push(`input \`strategy\` must be one of ${ROLLOUT_STRATEGIES.join(', ')}, got \`${strategyText}\``);
  const canary = parseRelease(inputs, 'canary', problems);
  const stable = given(inputs['stable-ref']) === undefined ? null : parseRelease(inputs, 'stable', problems);
  const failureLimit = parseFailureLimit(inputs['failure-limit'], problems);
  const shape = strategy === 'blue-green' ? parseBlueGreen(inputs, problems) : strategy === 'canary' ? parseCanary(inputs, problems) : null;
  if (problems.length > 0 || shape === null || canary === null) return err(problems);
  return ok({ ...shape, canary, stable, failureLimit });
}

function parseRelease(inputs: PlanInputs, which: 'canary' | 'stable', problems: string[]): ReleaseRef | null {
  const ref = given(inputs[`${which}-ref`]);
  if (ref === undefined) {
    problems.push(`input \`${which}-ref\` is required: the branch, tag or commit sha being rolled out`);
    return null;
  }
  return { ref, version: given(inputs[`${which}-version`]) ?? ref };
}

function parseFailureLimit(text: string | undefined, problems: string[]): number {
  const raw = given(text);
  if (raw === undefined) return 0;
  const parsed = parseQuantity(raw, 'count');
  if (!parsed.ok) problems.push(`input \`failure-limit\`: ${parsed.error}`);
  return parsed.ok ? parsed.value : 0;
}

function parseCanary(inputs: PlanInputs, problems: string[]): CanaryPlan | null {
  if (given(inputs['scale-down-delay']) !== undefined) {
    problems.push('input `scale-down-delay` applies to `strategy: blue-green` only; remove it for a canary');
  }
  const steps = parseSteps(given(inputs.steps), problems);
  if (steps === null) return null;
  const bakeMs = parseBakeTimes(inputs['bake-time'], [1, steps.length], `one per step (${steps.length} for steps ${steps.join(',')})`, problems);
  if (bakeMs === null) return null;
  return { strategy: 'canary', steps, bakeMs: bakeMs.length === 1 ? steps.map(() => bakeMs[0]!) : bakeMs };
}

function parseBlueGreen(inputs: PlanInputs, problems: string[]): BlueGreenPlan | null {
  const stepsText = given(inputs.steps);
  if (stepsText !== undefined && stepsText.replace(/\s|%/g, '') !== DEFAULT_STEPS.join(',')) {
    problems.push(`input \`steps\` applies to \`strategy: canary\` only (blue-green switches 0% → 100% at once), got \`${stepsText}\``);
  }
  const bakeMs = parseBakeTimes(inputs['bake-time'], [1, 2], 'two (pre-promotion, post-promotion analysis)', problems);
  const delayText = given(inputs['scale-down-delay']);
  const delay = delayText === undefined ? ok(DEFAULT_SCALE_DOWN_DELAY_MS) : parseWait(delayText);
  if (!delay.ok) problems.push(`input \`scale-down-delay\`: ${delay.error}`);
  if (bakeMs === null || !delay.ok) return null;
  const [pre, post = pre] = bakeMs as [number, number?];
  return { strategy: 'blue-green', prePromotionBakeMs: pre, postPromotionBakeMs: post, scaleDownDelayMs: delay.value };
}

/** Steps must rise within 1..100 and end at 100, so every rollout reaches full traffic and weight never goes back. */
function parseSteps(text: string | undefined, problems: string[]): number[] | null {
  if (text === undefined) return [...DEFAULT_STEPS];
  const steps = list(text).map((part) => (/^\d+%?$/.test(part) ? Number(part.replace('%', '')) : NaN));
  const accepted = 'whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100';
  const bad = list(text).find((_, index) => !(steps[index]! >= 1 && steps[index]! <= 100));
  if (bad !== undefined) {
    const what = bad === '' ? 'an empty entry' : `\`${bad}\``;
    problems.push(`input \`steps\` must be ${accepted}; ${what} is not a weight in \`${text}\``);
    return null;
  }
  const drop = steps.findIndex((weight, index) => index > 0 && weight <= steps[index - 1]!);
  if (drop > 0) problems.push(`input \`steps\` must be ${accepted}; ${steps[drop - 1]} then ${steps[drop]} does not increase in \`${text}\``);
  else if (steps.at(-1) !== 100) problems.push(`input \`steps\` must be ${accepted}; \`${text}\` ends at ${steps.at(-1)}%, so the rollout would never complete`);
  return drop > 0 || steps.at(-1) !== 100 ? null : steps;
}

function parseBakeTimes(text: string | undefined, counts: readonly number[], many: string, problems: string[]): number[] | null {
  const raw = given(text);
  if (raw === undefined) return [DEFAULT_BAKE_MS];
  const parts = list(raw);
  if (!counts.includes(parts.length)) {
    problems.push(`input \`bake-time\` must be one duration or ${many}, got ${parts.length} in \`${raw}\``);
    return null;
  }
  const values: number[] = [];
  for (const part of parts) {
    const parsed = parseWait(part);
    if (!parsed.ok) {
      problems.push(`input \`bake-time\`: ${parsed.error}`);
      return null;
    }
    values.push(parsed.value);
  }
  return values;
}

/**
 * A bake time or delay in whole milliseconds, no longer than a timer can
 * hold: a bake of `1e300` would put the step's end at an invalid date, and
 * the stored plan is checked against the same limit when it is read back.
 */
function parseWait(text: string) {
  const parsed = parseDuration(text);
  if (!parsed.ok) return parsed;
  return checkTimerDuration(Math.round(parsed.value));
}
