import type { CheckType } from '../check-type.js';

/**
 * `report`: another rollout-guard action's verdict as evidence,
 * e.g. a lighthouse-budget run or a staging canary. Passes when every matched
 * report's decision is positive; `action` optionally requires which action
 * wrote them, so a stray gate report cannot stand in for a canary's. A
 * positive report that rests on no checks, or that its own checks
 * contradict, is malformed (`report-consistency.ts`). Messages name the
 * reports, their decisions and failing checks, never quote their summaries.
 *
 * ```yaml
 * staging-canary: { type: report, path: "reports/canary-*.json", action: canary-promote }
 * ```
 */
export const reportCheck: CheckType = {
  type: 'report',
  measures: { failed: 'count' },
  headline: 'failed',
  keys: ['action'],
  needsPath: true,
  judgement: 'own',
  // Loaded on use, so a policy without a report check never loads the report schema.
  measure: async (spec, environment) => (await import('./report-measure.js')).measureReports(spec, environment),
};
