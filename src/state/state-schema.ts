import { z } from 'zod';
import type { RolloutPlan, ReleaseRef } from '../engine/rollout/plan.js';
import { DECISIONS, ROLLOUT_PHASES, type RolloutState, type TickRecord } from '../engine/rollout/state.js';

/**
 * The shape of a stored rollout state, checked on every load: a state file
 * edited by hand or a deployment payload from another tool is refused with
 * the field at fault, never half-read. Unknown keys are dropped rather than
 * refused, so a newer rollout-guard's extra fields do not block an older one.
 */
const time = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO-8601 time');
const weight = z.number().min(0).max(100);
const count = z.number().int().min(0);

const release = z.object({ ref: z.string().min(1), version: z.string().min(1) }) satisfies z.ZodType<ReleaseRef>;

const common = { canary: release, stable: release.nullable(), failureLimit: count };

export const planSchema = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('canary'), steps: z.array(weight).min(1), bakeMs: z.array(count).min(1), ...common }),
  z.object({ strategy: z.literal('blue-green'), prePromotionBakeMs: count, postPromotionBakeMs: count, scaleDownDelayMs: count, ...common }),
]) satisfies z.ZodType<RolloutPlan>;

const record = z.object({ at: time, decision: z.enum(DECISIONS), step: count, weight, reason: z.string() }) satisfies z.ZodType<TickRecord>;

export const rolloutStateSchema = z.object({
  plan: planSchema,
  phase: z.enum(ROLLOUT_PHASES),
  stepIndex: count,
  weight,
  startedAt: time,
  stepStartedAt: time,
  lastTickAt: time,
  version: z.number().int().min(1),
  consecutiveFailures: count,
  consecutiveHolds: count,
  history: z.array(record),
}) satisfies z.ZodType<RolloutState>;
