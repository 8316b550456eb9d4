import { z } from 'zod';

/**
 * A Flagsmith segment's rules and the one `PERCENTAGE_SPLIT` condition in
 * them that a staged rollout drives. Flagsmith puts an identity in a split
 * segment when the hash of (segment id, identity key) is at most the split's
 * value, so raising the value only ever adds identities; the segment's id
 * never changes when its rules are saved, so nobody is reshuffled.
 */

export const SPLIT_OPERATOR = 'PERCENTAGE_SPLIT';

export interface SegmentCondition {
  operator: string;
  property?: string | null;
  value?: string | null;
  description?: string | null;
}

export interface SegmentRule {
  type: string;
  rules?: SegmentRule[];
  conditions?: SegmentCondition[];
}

const conditionSchema = z.looseObject({
  operator: z.string(),
  property: z.string().nullish(),
  // The API stores every value as text; a number here is the same value.
  value: z.union([z.string(), z.number()]).nullish().transform((value) => (typeof value === 'number' ? String(value) : value)),
  description: z.string().nullish(),
});

export const segmentRuleSchema: z.ZodType<SegmentRule> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    rules: z.array(segmentRuleSchema).optional(),
    conditions: z.array(conditionSchema).optional(),
  }),
);

/** Where the split is and what else decides membership. */
export type SplitSearch =
  | { found: 'none' }
  | { found: 'several'; count: number }
  /** The split is reached through a rule that does not AND it with the rest: an `ANY` with siblings or a `NONE`. */
  | { found: 'not-anded'; ruleType: string }
  | { found: 'one'; value: string; property: string | null; otherConditions: number };

/**
 * Finds the rollout's split. A segment matches when every top-level rule
 * matches, so the split serves its share only when each rule enclosing it
 * ANDs it with the rest: an `ALL` rule, or any rule whose only member is the
 * split's branch. Inside an `ANY` with siblings (users in by another door)
 * or a `NONE` (inverted), the number would not be the share.
 */
export function findSplit(rules: readonly SegmentRule[]): SplitSearch {
  const splits: Array<{ condition: SegmentCondition; blocking: string | null }> = [];
  let conditions = 0;
  const walk = (rule: SegmentRule, blocking: string | null): void => {
    const members = (rule.rules?.length ?? 0) + (rule.conditions?.length ?? 0);
    const here = blocking ?? (rule.type === 'ALL' || (members === 1 && rule.type !== 'NONE') ? null : rule.type);
    for (const condition of rule.conditions ?? []) {
      conditions++;
      if (condition.operator === SPLIT_OPERATOR) splits.push({ condition, blocking: here });
    }
    for (const child of rule.rules ?? []) walk(child, here);
  };
  for (const rule of rules) walk(rule, null);
  if (splits.length === 0) return { found: 'none' };
  if (splits.length > 1) return { found: 'several', count: splits.length };
  const [split] = splits as [{ condition: SegmentCondition; blocking: string | null }];
  if (split.blocking !== null) return { found: 'not-anded', ruleType: split.blocking };
  return { found: 'one', value: split.condition.value ?? '', property: split.condition.property ?? null, otherConditions: conditions - 1 };
}

/** The split's value as a share, or `null` when it is not a number from 0 to 100. */
export function splitShare(value: string): number | null {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  const share = Number(value);
  return share >= 0 && share <= 100 ? share : null;
}

/**
 * The rules as Flagsmith takes them back, with the split's value replaced and
 * everything else as read. Only the fields Flagsmith keeps are written (type,
 * rules, conditions; a condition's operator, property, value, description):
 * the ids it returns are read-only and it rebuilds the tree on every save.
 */
export function withSplit(rules: readonly SegmentRule[], share: number): SegmentRule[] {
  const copy = (rule: SegmentRule): SegmentRule => ({
    type: rule.type,
    ...(rule.rules === undefined ? {} : { rules: rule.rules.map(copy) }),
    conditions: (rule.conditions ?? []).map((condition) => ({
      operator: condition.operator,
      property: condition.property ?? null,
      value: condition.operator === SPLIT_OPERATOR ? String(share) : (condition.value ?? null),
      ...(condition.description === undefined ? {} : { description: condition.description }),
    })),
  });
  return rules.map(copy);
}
