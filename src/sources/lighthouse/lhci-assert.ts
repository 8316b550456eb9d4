import lhciAssertions from '@lhci/utils/src/assertions.js';
import representativeRuns from '@lhci/utils/src/representative-runs.js';
import type { AssertOptions } from '../../engine/lighthouse/assert-options.js';
import type { AssertionResult } from '../../engine/lighthouse/assertion-result.js';
import { type Result, err, messageOf, ok } from '../../engine/result.js';

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
 * `resource-summary:script`); that becomes an error naming `where`.
 */
export function runLhciAssertions(options: AssertOptions, lhrs: readonly object[], where: string): Result<AssertionResult[]> {
  try {
    const results = lhciAssertions.getAllAssertionResults({ ...structuredClone(options), includePassedAssertions: true }, [...lhrs]);
    return ok(results as AssertionResult[]);
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
