import { type Limit, parseLimits, withDefaults } from '../../engine/limits.js';
import type { Result } from '../../engine/result.js';
import type { CheckType } from './check-type.js';

/** Keys every check accepts. */
export const COMMON_KEYS = ['type', 'level', 'path', 'name', 'description'] as const;

/**
 * The limits a check is held to: the policy's own `max-*`/`min-*` keys, plus
 * the type's defaults for the families the policy leaves unbounded. The
 * policy reader and the evaluation both call this, so what was validated
 * when the policy loaded is what is judged.
 */
export function limitsOf(entry: Record<string, unknown>, type: CheckType): Result<Limit[]> {
  const own = parseLimits(entry, type.measures, [...COMMON_KEYS, ...type.keys]);
  if (!own.ok) return own;
  return withDefaults(own.value, type.defaults ?? [], type.measures);
}

/**
 * Why a check would judge nothing, or `null`: a type without a verdict of its
 * own needs at least one threshold, or a pass would rest on evidence held to
 * nothing (two failing tests and no thresholds must not say go).
 */
export function unjudgedReason(type: CheckType, limits: readonly Limit[]): string | null {
  if (type.judgement === 'own' || limits.length > 0) return null;
  const accepted = Object.keys(type.measures).map((m) => (m === 'value' ? '`max`/`min`' : `\`${m}\``));
  const example = type.thresholdExample ? ` such as \`${type.thresholdExample}\`` : '';
  return `a ${type.type} check with no threshold judges nothing, so it could never fail; add a threshold${example} (its measures: ${accepted.join(', ')})`;
}
