import type { CheckType } from '../check-type.js';

/**
 * `npm-audit`: `npm audit --json` output of npm 6 or 7+, held to
 * `max-critical`, `max-high`, `max-moderate`, `max-low`, `max-info`,
 * `max-total`; a policy that sets none of them gets `max-critical: 0` and
 * `max-high: 0`, what `npm audit --audit-level=high` fails on. Counts are npm's own (`metadata.vulnerabilities`); a glob
 * matching several outputs (workspaces audited apart) adds them up. An
 * `{"error": …}` output is an error check quoting npm, never a clean audit.
 *
 * ```yaml
 * audit: { type: npm-audit, path: npm-audit.json, max-critical: 0, max-high: 0 }
 * ```
 */
export const npmAuditCheck: CheckType = {
  type: 'npm-audit',
  measures: { critical: 'count', high: 'count', moderate: 'count', low: 'count', info: 'count', total: 'count' },
  headline: 'total',
  keys: [],
  needsPath: true,
  defaults: [
    { key: 'max-critical', value: 0, replacedBy: 'any' },
    { key: 'max-high', value: 0, replacedBy: 'any' },
  ],
  judgement: 'thresholds',
  // Loaded on use, so a policy without a npm-audit check never loads the npm audit reader.
  measure: async (spec, environment) => (await import('./npm-audit-measure.js')).measureNpmAudit(spec, environment),
};
