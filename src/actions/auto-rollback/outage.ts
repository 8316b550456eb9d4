/**
 * Pure bookkeeping of a metrics backend outage during a watch (an outage is
 * never read as health, nor as a failure of the release;
 * argo-rollouts#2578, #2771). Each read is already retried with backoff by
 * the source (429/5xx); a read that still fails starts or extends an outage.
 * While it lasts, reads back off (interval × 1, 2, 4, 8) so a struggling
 * backend is not hammered, but never past the budget's end, so an outage
 * that reaches `max-metrics-outage` is seen when it does and ends the watch
 * as `backend-failed`: never healthy, and not a rollback either, unless the
 * analysis says `on-error: fail` (then each failed read is a breaching sample).
 */
export interface Outage {
  /** Epoch ms of the first failed read of the current outage; `null` when the backend answers. */
  since: number | null;
  failedReads: number;
  /** The last failure, one line. */
  lastMessage: string | null;
  /** When the next read is due. */
  nextReadAt: number;
}

export const NO_OUTAGE: Outage = { since: null, failedReads: 0, lastMessage: null, nextReadAt: 0 };

/** The longest spacing of reads during an outage, in intervals. */
const MAX_BACKOFF = 8;

export function afterRead(outage: Outage, at: number, failure: string | null, intervalMs: number, budgetMs: number): Outage {
  if (failure === null) return { since: null, failedReads: 0, lastMessage: null, nextReadAt: at };
  const since = outage.since ?? at;
  const failedReads = outage.failedReads + 1;
  const backoff = intervalMs * Math.min(2 ** (failedReads - 1), MAX_BACKOFF);
  return { since, failedReads, lastMessage: failure, nextReadAt: Math.min(at + backoff, since + budgetMs) };
}

/** An outage as long as the budget ends the watch (a budget of 0 tolerates none). */
export function isOverBudget(outage: Outage, at: number, budgetMs: number): boolean {
  return outage.since !== null && at - outage.since >= budgetMs;
}

/** Whether this poll reads metrics; during an outage only when the backoff allows. */
export function isReadDue(outage: Outage, at: number): boolean {
  return outage.since === null || at >= outage.nextReadAt;
}
