import { z } from 'zod';
import { type Result, err, ok } from '../../engine/result.js';
import { describeFirstIssue } from '../../sources/zod-issue.js';

/**
 * A PostHog feature flag as its API returns it (`FeatureFlag` in PostHog's
 * description), and which of its release conditions is the rollout that
 * rollout-guard drives.
 *
 * PostHog serves a flag to a user when any condition set of
 * `filters.groups` matches: all of the set's property filters hold and the
 * user's hash falls under the set's `rollout_percentage` (absent or null:
 * 100%). The rollout driven is the one condition set without property
 * filters, the "everyone" set; sets with filters (internal users, a beta
 * cohort) are left as they are and keep serving their users on top of it.
 * No filterless set, or more than one, is a config fault: which set is the
 * rollout would be a guess.
 *
 * What is checked is only what is read (key, `active`, the groups' filters
 * and percentage); the flag is changed from its raw JSON, so every other key
 * of `filters` (variants, payloads, holdouts, group aggregation) goes back
 * exactly as PostHog sent it.
 */
const groupSchema = z.looseObject({
  properties: z.array(z.unknown()).nullish(),
  rollout_percentage: z.number().min(0).max(100).nullish(),
  variant: z.string().nullish(),
});

const variantSchema = z.looseObject({ key: z.string(), rollout_percentage: z.number() });

export const postHogFlagSchema = z.looseObject({
  id: z.number().int(),
  key: z.string(),
  active: z.boolean(),
  deleted: z.boolean().optional(),
  version: z.number().int().nullish(),
  filters: z.looseObject({
    groups: z.array(groupSchema).optional(),
    multivariate: z.looseObject({ variants: z.array(variantSchema) }).nullish(),
    aggregation_group_type_index: z.number().int().nullish(),
  }),
});

export type PostHogFlag = z.infer<typeof postHogFlagSchema>;

/** A flag read and checked, with the JSON it came from (what a change is made from). */
export interface ReadFlag {
  flag: PostHogFlag;
  raw: Record<string, unknown>;
}

export function checkFlag(raw: unknown, where: string): Result<ReadFlag, string> {
  const parsed = postHogFlagSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return err(`${where} is not a PostHog feature flag: ${describeFirstIssue(parsed.error)}`);
  return ok({ flag: parsed.data, raw: raw as Record<string, unknown> });
}

/** The condition set driven: its index in `filters.groups`, its share, and how many sets it has beside it. */
export interface Rollout {
  index: number;
  percentage: number;
  groups: number;
}

export function findRollout(flag: PostHogFlag): Result<Rollout, string> {
  const groups = flag.filters.groups ?? [];
  const filterless = groups.flatMap((group, index) => ((group.properties ?? []).length === 0 ? [index] : []));
  if (filterless.length === 1) {
    const index = filterless[0]!;
    return ok({ index, percentage: groups[index]!.rollout_percentage ?? 100, groups: groups.length });
  }
  if (filterless.length === 0) {
    const has = groups.length === 0 ? 'no condition sets' : `${groups.length} condition set${groups.length === 1 ? '' : 's'}, each with property filters`;
    return err(`PostHog flag \`${flag.key}\` has no release condition without property filters to drive (${has}): in PostHog, open the flag and under Release conditions add a condition set with no filters, rolled out to a percentage`);
  }
  const sets = filterless.map((index) => index + 1).join(', ');
  return err(`PostHog flag \`${flag.key}\` has ${filterless.length} release conditions without property filters (condition sets ${sets}), so which is the rollout is ambiguous: keep one, or add filters to the others`);
}

/** `filters` with the driven set's `rollout_percentage` changed and nothing else. */
export function filtersWithRollout(raw: Record<string, unknown>, rollout: Rollout, percentage: number): Record<string, unknown> {
  const filters = raw.filters as Record<string, unknown>;
  const groups = (filters.groups as unknown[]).map((group, index) => (index === rollout.index ? { ...(group as Record<string, unknown>), rollout_percentage: percentage } : group));
  return { ...filters, groups };
}

/** One line of what was read: `on, 25% of users (condition set 2 of 3, no filters; 2 sets with filters untouched), multivariate control/test`. */
export function describeFlag(flag: PostHogFlag, rollout: Rollout): string {
  const who = flag.filters.aggregation_group_type_index == null ? 'users' : `groups (type ${flag.filters.aggregation_group_type_index})`;
  const others = rollout.groups - 1;
  const where = `condition set ${rollout.index + 1} of ${rollout.groups}, no filters${others > 0 ? `; ${others} set${others === 1 ? '' : 's'} with filters untouched` : ''}`;
  const variants = flag.filters.multivariate?.variants.map((variant) => variant.key) ?? [];
  return `${flag.active ? 'on' : 'off'}, ${rollout.percentage}% of ${who} (${where})${variants.length > 0 ? `, multivariate ${variants.join('/')}` : ''}`;
}
