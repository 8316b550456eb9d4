import lhciAssertions from '@lhci/utils/src/assertions.js';
import lodash from '@lhci/utils/src/lodash.js';
import representativeRuns from '@lhci/utils/src/representative-runs.js';
import type { Assertion, AssertOptions } from '../../engine/lighthouse/assert-options.js';
import type { AssertionResult } from '../../engine/lighthouse/assertion-result.js';
import { type Result, err, messageOf, ok } from '../../engine/result.js';
import { withFormerAuditIds } from './renamed-audits.js';

/**
 * LHCI's own assertion code, called as a library: `getAllAssertionResults`
 * from @lhci/utils 0.15.1 (the version @lhci/cli 0.15.1 runs for
 * `lhci assert`), bundled into dist/. Verdicts agree with `lhci assert`
 * because they are computed by the same function; the parity tests in
 * test/sources/lighthouse/lhci-parity.test.ts still run the real CLI on the
 * same results and configs and compare. The functions are pure (LHRs in,
 * results out); reading files stays in lhr-files.ts.
 */

/**
 * Every assertion result for the options, passed ones included (the summary
 * shows them); LHCI's grouping by `finalUrl`, presets, `assertMatrix` and
 * aggregation apply unchanged. LHCI throws on a few bad keys (e.g.
 * `resource-summary:script`); that becomes an error naming `where`. An
 * audit Lighthouse renamed after LHCI's own Lighthouse is also found under
 * its former id (renamed-audits.ts), so LHCI's presets judge it as `lhci
 * autorun` does rather than failing it as not run.
 */
export function runLhciAssertions(options: AssertOptions, lhrs: readonly object[], where: string): Result<AssertionResult[]> {
  try {
    const results = lhciAssertions.getAllAssertionResults({ ...structuredClone(options), includePassedAssertions: true }, lhrs.map(withFormerAuditIds));
    return ok([...(results as AssertionResult[]), ...missingBudgetAudits(options, lhrs as readonly Lhr[])]);
  } catch (thrown) {
    return err(`${where}: LHCI cannot evaluate these assertions: ${messageOf(thrown)}`);
  }
}

/**
 * The run LHCI shows for a URL (its `computeRepresentativeRuns`): the one
 * nearest the median first-contentful-paint and interactive. `runs` are one
 * URL's successful runs; returns the id of the chosen one.
 */
export function representativeRun<T>(runs: readonly { id: T; lhr: object }[]): T | undefined {
  if (runs.length === 0) return undefined;
  const [chosen] = representativeRuns.computeRepresentativeRuns([runs.map((run): [T, unknown] => [run.id, run.lhr])]);
  return chosen;
}

type Lhr = { finalUrl?: unknown; audits?: Record<string, unknown> };
const BUDGET_AUDIT = 'performance-budget';
const levelOf = (assertion: Assertion | undefined): string => (Array.isArray(assertion) ? assertion[0] : (assertion ?? 'off'));

/**
 * LHCI's one blind spot for a missing audit. Every other audit absent from
 * the runs gives a failed `auditRan` result, but `performance-budget` is
 * read only from the audit's over-budget rows (getBudgetAssertionResults),
 * so where the audit is missing (Lighthouse 12 removed budgets) an
 * assertion on it gives no result at all and would pass unseen. This adds
 * the `auditRan` failure LHCI gives any other missing audit, per URL and
 * per assertion set that asserts it (matched as LHCI matches
 * `matchingUrlPattern`: a RegExp on `finalUrl`).
 */
function missingBudgetAudits(options: AssertOptions, lhrs: readonly Lhr[]): AssertionResult[] {
  const sets = options.assertMatrix ?? [options];
  const urls = [...new Set(lhrs.map((lhr) => lhr.finalUrl))].filter((url): url is string => typeof url === 'string');
  return urls.flatMap((url) => {
    const runs = lhrs.filter((lhr) => lhr.finalUrl === url);
    if (runs.every((lhr) => lhr.audits?.[BUDGET_AUDIT] !== undefined)) return [];
    return sets.flatMap((set): AssertionResult[] => {
      if (set.matchingUrlPattern !== undefined && !new RegExp(set.matchingUrlPattern).test(url)) return [];
      const key = Object.keys(set.assertions ?? {}).find((name) => lodash.kebabCase(name) === BUDGET_AUDIT);
      const level = levelOf(key === undefined ? undefined : set.assertions![key]);
      if (level !== 'warn' && level !== 'error') return [];
      const values = runs.map((lhr) => (lhr.audits?.[BUDGET_AUDIT] === undefined ? 0 : 1));
      const message = `"${BUDGET_AUDIT}" is not in these results (Lighthouse 12 has no budget audit); give the budget.json as input \`budget-path\` instead`;
      return [{ name: 'auditRan', expected: 1, actual: 0, values, operator: '>=', passed: false, auditId: BUDGET_AUDIT, level, url, message }];
    });
  });
}
