import type { Tally, Verdict } from './types.js';

/**
 * Stage 5, the verdict of one tick: failures beyond
 * `failure-limit` (Argo's `failureLimit`, default 0) roll back, and so does
 * any failure of a `critical` metric; otherwise anything inconclusive, without
 * data or in error holds; all pass promotes. A tick where no metric was judged
 * on data holds too, even when `on-no-data: pass` lets every metric through:
 * a run whose every measurement is missing is never a success
 * (argo-rollouts#4479).
 */
export function decideVerdict(tally: Tally, failureLimit: number): { verdict: Verdict; reason: string } {
  if (tally.criticalFailures.length > 0) {
    return { verdict: 'rollback', reason: `critical metric ${list(tally.criticalFailures)} failed` };
  }
  if (tally.fail.length > failureLimit) {
    return { verdict: 'rollback', reason: `${count(tally.fail)} failed (${list(tally.fail)}) > failure-limit ${failureLimit}` };
  }
  if (tally.hold.length > 0) {
    return { verdict: 'hold', reason: `${count(tally.hold)} not yet decided (${list(tally.hold)})` };
  }
  if (tally.pass.length === 0) {
    const ignored = tally.ignore.length > 0 ? ` (${list(tally.ignore)} had none; on-no-data: pass)` : '';
    return { verdict: 'hold', reason: `no metric was judged on data${ignored}` };
  }
  const tolerated = tally.fail.length > 0 ? `; ${count(tally.fail)} failed (${list(tally.fail)}) within failure-limit ${failureLimit}` : '';
  return { verdict: 'promote', reason: `${count(tally.pass)} passed${tolerated}` };
}

const count = (names: readonly string[]) => `${names.length} metric${names.length === 1 ? '' : 's'}`;
const list = (names: readonly string[]) => names.join(', ');
