/**
 * One status vocabulary for every check and metric in every action:
 * a gate check uses pass/warn/fail/error/skipped; the canary judge adds
 * inconclusive and nodata.
 */
export const STATUSES = ['pass', 'warn', 'fail', 'inconclusive', 'nodata', 'error', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/** How bad a status is when several are folded into one (higher is worse). */
const SEVERITY = {
  skipped: 0,
  pass: 1,
  warn: 2,
  inconclusive: 3,
  nodata: 4,
  error: 5,
  fail: 6,
} as const satisfies Record<Status, number>;

/** The worst of some statuses; `pass` for none. */
export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status = 'pass';
  let seen = false;
  for (const status of statuses) {
    if (!seen || SEVERITY[status] > SEVERITY[worst]) worst = status;
    seen = true;
  }
  return worst;
}

/** True when a status lets a required gate through. */
export function isPassing(status: Status): boolean {
  return status === 'pass' || status === 'warn' || status === 'skipped';
}
