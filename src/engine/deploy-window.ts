import { type Result, ok, err } from './result.js';
import { type WindowRule, parseWindowRules, ruleBoundaries, ruleCovers } from './deploy-window-rules.js';
import { type WallClock, type ZonedClock, floorToMinute, formatWallClock, offsetMinutes, zonedClock, WEEKDAY_NAMES } from './zoned-clock.js';

export { parseWindowRules, type WindowRule } from './deploy-window-rules.js';

/**
 * Whether now is a time to deploy (gate-checks' `deploy-window` check): deny wins over
 * allow; with allow rules the time must match one; with none, anything not
 * denied is open. Pure: the instant is an argument, the zone's rules come
 * from the platform's tz database.
 */
export interface DeployWindow {
  /** IANA zone the rules are written in. */
  timeZone: string;
  allow: readonly WindowRule[];
  deny: readonly WindowRule[];
}

/** The rule that decided, and from which list. */
export interface WindowMatch {
  list: 'allow' | 'deny';
  rule: string;
}

export interface WindowVerdict {
  isOpen: boolean;
  /** `Fri 2026-11-20 16:05`, in the zone. */
  local: string;
  weekday: string;
  timeZone: string;
  /** The deny rule that closed it, or the allow rule that opened it; `null` when no rule matched. */
  matched: WindowMatch | null;
  /** When a closed window next opens; `null` when open or when nothing opens within the horizon. */
  nextOpening: { instant: string; local: string } | null;
  /** When an open window closes; `null` when closed or when it stays open past the horizon. */
  closesAt: { instant: string; local: string } | null;
  message: string;
}

/**
 * How far ahead the next opening is searched. Long enough to step over a
 * holiday season of denied dates; the search jumps between rule boundaries,
 * so this costs a few hundred clock reads, not one per minute.
 */
export const SEARCH_HORIZON_DAYS = 60;

const MINUTE_MS = 60_000;

/** Builds a window from rule texts and a zone name; the error lists every bad rule and an unknown zone. */
export function parseDeployWindow(timeZone: string, allow: readonly string[], deny: readonly string[]): Result<DeployWindow, string[]> {
  const problems: string[] = [];
  const clock = zonedClock(timeZone);
  if (!clock.ok) problems.push(`timezone: ${clock.error}`);
  const allowRules = parseWindowRules(allow);
  if (!allowRules.ok) problems.push(...allowRules.error.map((problem) => `allow ${problem}`));
  const denyRules = parseWindowRules(deny);
  if (!denyRules.ok) problems.push(...denyRules.error.map((problem) => `deny ${problem}`));
  if (!allowRules.ok || !denyRules.ok || problems.length > 0) return err(problems);
  return ok({ timeZone, allow: allowRules.value, deny: denyRules.value });
}

/** Judges the window at `now`; with an unknown zone, an error naming it. */
export function evaluateDeployWindow(window: DeployWindow, now: Date): Result<WindowVerdict> {
  const clock = zonedClock(window.timeZone);
  if (!clock.ok) return clock;
  const instant = now.getTime();
  const local = clock.value(instant);
  const matched = decide(window, local);
  const isOpen = matched.isOpen;
  const change = nextChange(window, clock.value, instant, isOpen);
  const at = (moment: number | null) => (moment === null ? null : { instant: new Date(moment).toISOString(), local: formatWallClock(clock.value(moment)) });
  const verdict: Omit<WindowVerdict, 'message'> = {
    isOpen,
    local: formatWallClock(local),
    weekday: WEEKDAY_NAMES[local.weekday] ?? '',
    timeZone: window.timeZone,
    matched: matched.match,
    nextOpening: isOpen ? null : at(change),
    closesAt: isOpen ? at(change) : null,
  };
  return ok({ ...verdict, message: describe(window, verdict) });
}

function decide(window: DeployWindow, local: WallClock): { isOpen: boolean; match: WindowMatch | null } {
  const denied = window.deny.find((rule) => ruleCovers(rule, local));
  if (denied) return { isOpen: false, match: { list: 'deny', rule: denied.text } };
  if (window.allow.length === 0) return { isOpen: true, match: null };
  const allowed = window.allow.find((rule) => ruleCovers(rule, local));
  return allowed ? { isOpen: true, match: { list: 'allow', rule: allowed.text } } : { isOpen: false, match: null };
}

function isOpenAt(window: DeployWindow, clock: ZonedClock, instant: number): boolean {
  return decide(window, clock(instant)).isOpen;
}

/**
 * The first minute after `from` at which the window's state differs from
 * `current`, or `null` within the horizon. Rules only change state at their
 * boundary minutes (and midnight) of local time, so the search jumps from
 * boundary to boundary; where the zone's offset changes inside a jump (a DST
 * switch), it lands on the switch instead, so a skipped or repeated hour is
 * read as the clock on the wall shows it.
 */
function nextChange(window: DeployWindow, clock: ZonedClock, from: number, current: boolean): number | null {
  const boundaries = ruleBoundaries([...window.allow, ...window.deny]);
  const horizon = from + SEARCH_HORIZON_DAYS * 86_400_000;
  let instant = floorToMinute(from);
  while (instant <= horizon) {
    const minute = clock(instant).minuteOfDay;
    const nextBoundary = boundaries.find((boundary) => boundary > minute) ?? 1440;
    let next = instant + (nextBoundary - minute) * MINUTE_MS;
    if (offsetMinutes(clock, next) !== offsetMinutes(clock, instant)) next = offsetSwitch(clock, instant, next);
    if (isOpenAt(window, clock, next) !== current) return next;
    instant = next;
  }
  return null;
}

/** The first minute in (before, after] whose offset differs from `before`'s, by bisection. */
function offsetSwitch(clock: ZonedClock, before: number, after: number): number {
  const offset = offsetMinutes(clock, before);
  let low = before;
  let high = after;
  while (high - low > MINUTE_MS) {
    const middle = floorToMinute(low + (high - low) / 2);
    if (offsetMinutes(clock, middle) === offset) low = middle;
    else high = middle;
  }
  return high;
}

function describe(window: DeployWindow, verdict: Omit<WindowVerdict, 'message'>): string {
  const when = `${verdict.local} ${verdict.timeZone}`;
  if (verdict.isOpen) {
    const why = verdict.matched ? `is within "${verdict.matched.rule}"` : 'is not denied by any rule';
    const until = verdict.closesAt ? `; the window closes ${verdict.closesAt.local}` : '';
    return `${when} ${why}${until}`;
  }
  const why = verdict.matched
    ? `is denied by "${verdict.matched.rule}"`
    : `is outside the allowed windows (${window.allow.map((rule) => `"${rule.text}"`).join(', ')})`;
  const next = verdict.nextOpening
    ? `next window opens ${verdict.nextOpening.local}`
    : `no window opens in the next ${SEARCH_HORIZON_DAYS} days`;
  return `${when} ${why}; ${next}`;
}
