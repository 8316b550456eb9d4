import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../../sources/source-fault.js';

/**
 * A LaunchDarkly flag as its REST API answers it (`getFeatureFlag`,
 * `patchFeatureFlag`), cut to what the rollout needs, and the rule that finds
 * "the percentage rollout" in it:
 *
 * - The rollout is the flag's default rule (`fallthrough`) in the one
 *   environment: what contexts that no target or rule matched get. Targets,
 *   rules and prerequisites keep serving what the team set them to; they are
 *   never read or written.
 * - The new variant is, for a boolean flag, the `true` variation. For a
 *   multivariate flag, the flag must have exactly two variations and an off
 *   variation in the environment: the off variation is the current one (it
 *   is what the kill switch serves), the other is the new one. A multivariate
 *   flag with three or more variations is refused: which one is "new" would
 *   be a guess.
 * - The off variation must not be the new variant, or the kill switch would
 *   serve the new variant to everyone.
 * - Weights are LaunchDarkly's thousandths of a percent (100000 = 100%), so a
 *   share is exact to 0.001 of a point.
 */

const MAX_WEIGHT = 100_000;

// LaunchDarkly writes absent optional fields as missing or as null, depending on the field and the API version.
const variationSchema = z.looseObject({ _id: z.string().min(1), value: z.unknown(), name: z.string().nullish() });
const weightedSchema = z.looseObject({ variation: z.number().int().nonnegative(), weight: z.number().int().min(0).max(MAX_WEIGHT) });
const rolloutSchema = z.looseObject({
  variations: z.array(weightedSchema),
  bucketBy: z.string().nullish(),
  contextKind: z.string().nullish(),
  seed: z.number().int().nullish(),
  experimentAllocation: z.unknown().optional(),
});
const environmentSchema = z.looseObject({
  on: z.boolean(),
  salt: z.string(),
  version: z.number().int(),
  offVariation: z.number().int().nonnegative().nullish(),
  fallthrough: z.looseObject({ variation: z.number().int().nonnegative().nullish(), rollout: rolloutSchema.nullish() }).nullish(),
});
export const launchDarklyFlagSchema = z.looseObject({
  key: z.string(),
  kind: z.enum(['boolean', 'multivariate']),
  archived: z.boolean().nullish(),
  variations: z.array(variationSchema).min(1),
  environments: z.record(z.string(), environmentSchema).nullish(),
});
export type LaunchDarklyFlag = z.infer<typeof launchDarklyFlagSchema>;

/** The default rule's percentage rollout in one environment, read by the rule above. */
export interface DefaultRollout {
  enabled: boolean;
  /** The new variant's share, 0–100, in steps of 0.001. */
  percentage: number;
  /** The new variant's id and its name for messages (`true`, `"new-checkout"`). */
  newVariant: { id: string; label: string };
  /** The variant everyone else gets (the off variation of a multivariate flag). */
  oldVariant: { id: string; label: string };
  /** Kept as they are on every change: who the rollout buckets by. */
  bucketBy: string | undefined;
  contextKind: string | undefined;
  /** One line for the evidence: `on, default rule 25% true / 75% false (by user key)`. */
  detail: string;
}

/** Where the flag was read, for messages. */
export interface FlagWhere {
  flag: string;
  project: string;
  environment: string;
}

/** The default rollout of the flag in the environment, or a fault naming what to change in LaunchDarkly or in the inputs. */
export function defaultRollout(flag: LaunchDarklyFlag, where: FlagWhere): Result<DefaultRollout, SourceFault> {
  const named = `LaunchDarkly flag \`${where.flag}\` (project \`${where.project}\`)`;
  const inEnvironment = `${named} in environment \`${where.environment}\``;
  if (flag.archived === true) return fault('config', `${named} is archived: restore it in LaunchDarkly, or set \`flag\` to a live flag`);
  const config = flag.environments?.[where.environment];
  if (!config) return fault('config', `${named} has no environment \`${where.environment}\`: set \`flag-environment\` to the environment's key (Project settings → Environments)`);
  const rollout = config.fallthrough?.rollout;
  if (!rollout) {
    const single = config.fallthrough?.variation;
    const serves = typeof single === 'number' ? `serves one variation (${labelOf(flag, single)})` : 'serves nothing';
    return fault('config', `${inEnvironment}: its default rule ${serves}, not a percentage rollout; in LaunchDarkly, set the flag's default rule to "a percentage rollout" in that environment`);
  }
  if (rollout.experimentAllocation !== undefined && rollout.experimentAllocation !== null) {
    return fault('config', `${inEnvironment}: its default rule runs an experiment; rollout-guard drives a plain percentage rollout only, so stop the experiment or choose another flag`);
  }
  const pair = variantPair(flag, config.offVariation ?? undefined, inEnvironment);
  if (!pair.ok) return pair;
  const { newIndex, oldIndex } = pair.value;

  let newWeight = 0;
  let total = 0;
  for (const entry of rollout.variations) {
    if (entry.variation >= flag.variations.length) return fault('malformed', `${inEnvironment}: its default rule weighs variation ${entry.variation}, but the flag has ${flag.variations.length}`);
    total += entry.weight;
    if (entry.variation === newIndex) newWeight += entry.weight;
  }
  if (total !== MAX_WEIGHT) return fault('malformed', `${inEnvironment}: its default rule's weights add up to ${total}, not ${MAX_WEIGHT}`);

  const percentage = newWeight / 1000;
  const newLabel = labelOf(flag, newIndex);
  const oldLabel = labelOf(flag, oldIndex);
  const by = `${rollout.contextKind ?? 'user'} ${rollout.bucketBy ?? 'key'}`;
  return ok({
    enabled: config.on,
    percentage,
    newVariant: { id: flag.variations[newIndex]!._id, label: newLabel },
    oldVariant: { id: flag.variations[oldIndex]!._id, label: oldLabel },
    bucketBy: rollout.bucketBy ?? undefined,
    contextKind: rollout.contextKind ?? undefined,
    detail: `${config.on ? 'on' : 'off'}, default rule ${percentage}% ${newLabel} / ${round3(100 - percentage)}% ${oldLabel} (by ${by})`,
  });
}

/** The rollout weights that serve `percentage` percent the new variant, keyed by variation id as `updateFallthroughVariationOrRollout` takes them. */
export function rolloutWeights(rollout: DefaultRollout, percentage: number): Record<string, number> {
  const weight = Math.round(percentage * 1000);
  return { [rollout.newVariant.id]: weight, [rollout.oldVariant.id]: MAX_WEIGHT - weight };
}

function variantPair(flag: LaunchDarklyFlag, offVariation: number | undefined, where: string): Result<{ newIndex: number; oldIndex: number }, SourceFault> {
  if (flag.kind === 'boolean') {
    const newIndex = flag.variations.findIndex((variation) => variation.value === true);
    const oldIndex = flag.variations.findIndex((variation) => variation.value === false);
    if (newIndex < 0 || oldIndex < 0 || flag.variations.length !== 2) return fault('malformed', `${where}: a boolean flag without exactly one \`true\` and one \`false\` variation`);
    if (offVariation === newIndex) return fault('config', `${where}: its off variation is \`true\`, so turning the flag off would serve the new variant to everyone; set the off variation to \`false\``);
    return ok({ newIndex, oldIndex });
  }
  if (flag.variations.length !== 2) {
    return fault('config', `${where}: a multivariate flag with ${flag.variations.length} variations; rollout-guard drives a flag with two (the off variation and the new one), as with more it cannot tell which is new`);
  }
  if (offVariation === undefined || offVariation > 1) {
    return fault('config', `${where}: a multivariate flag without an off variation; set the off variation to the current variant, and rollout-guard rolls out the other`);
  }
  return ok({ newIndex: 1 - offVariation, oldIndex: offVariation });
}

function labelOf(flag: LaunchDarklyFlag, index: number): string {
  const variation = flag.variations[index];
  if (!variation) return `variation ${index}`;
  const value = JSON.stringify(variation.value) ?? 'null';
  return value.length <= 40 ? value : `${variation.name ?? `variation ${index}`}`;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
