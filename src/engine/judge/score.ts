import type { MetricClassification, Tally } from './types.js';

/**
 * Stage 4 (Kayenta's scorer): count the metrics by what they do to the
 * verdict. The score is Kayenta's WeightedSumScorer with one group of equal
 * weights: the share of metrics that count and pass, 0–100; it is evidence,
 * the verdict follows the rules in `verdict.ts` rather than a score threshold, so a
 * single failing metric cannot be averaged away.
 */
export function tallyOutcomes(classifications: readonly MetricClassification[]): Tally {
  const tally: Tally = { pass: [], hold: [], fail: [], ignore: [], criticalFailures: [], score: 0 };
  for (const c of classifications) {
    tally[c.outcome].push(c.metric);
    if (c.outcome === 'fail' && c.critical) tally.criticalFailures.push(c.metric);
  }
  const counted = tally.pass.length + tally.hold.length + tally.fail.length;
  tally.score = counted === 0 ? 0 : Math.round((10_000 * tally.pass.length) / counted) / 100;
  return tally;
}
