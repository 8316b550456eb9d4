import type { CheckType } from '../check-type.js';

/**
 * `axe`: axe-core results JSON as `@axe-core/playwright` or
 * jest-axe produce it (one results object, or a list of them per page; a
 * glob may match several files). `max-critical`, `max-serious`,
 * `max-moderate`, `max-minor` and `max-violations` count violated rules
 * (once per page), not elements; the evidence has element counts per rule.
 * A policy that sets none of them gets `max-critical: 0` and
 * `max-serious: 0`: the impacts axe-core's own docs call must-fix.
 *
 * ```yaml
 * a11y: { type: axe, path: "a11y/*.json", max-critical: 0, max-serious: 0 }
 * ```
 */
export const axeCheck: CheckType = {
  type: 'axe',
  measures: { critical: 'count', serious: 'count', moderate: 'count', minor: 'count', violations: 'count' },
  headline: 'violations',
  keys: [],
  needsPath: true,
  defaults: [
    { key: 'max-critical', value: 0, replacedBy: 'any' },
    { key: 'max-serious', value: 0, replacedBy: 'any' },
  ],
  judgement: 'thresholds',
  // Loaded on use, so a policy without a axe check never loads the axe reader.
  measure: async (spec, environment) => (await import('./axe-measure.js')).measureAxe(spec, environment),
};
