import { type Result, ok, err } from './result.js';
import { type WallClock, dayNumberOf, weekdayOf, WEEKDAY_NAMES } from './zoned-clock.js';

/**
 * Deploy-window rules (gate-checks' `deploy-window` check), one string each:
 *
 * - days: `Fri`, `Tue-Thu`, `Mon,Wed,Fri`, wrapping `Fri-Mon` (full names too);
 * - dates: `2026-12-24`, inclusive ranges `2026-12-24..2026-12-26`, lists with commas;
 * - a time range `HH:MM-HH:MM`, end exclusive, `24:00` allowed; one that ends
 *   before it starts (`22:00-02:00`) crosses midnight and belongs to the day it starts on;
 * - a day or date part and a time part together: `Tue-Thu 10:00-14:00`, `2026-12-31 12:00-24:00`.
 */
export interface WindowRule {
  /** The rule as written, for messages. */
  text: string;
  /** Weekdays (0 = Sunday) the rule covers; `null` for every day. */
  days: ReadonlySet<number> | null;
  /** Inclusive day-number ranges; `null` for any date. */
  dates: ReadonlyArray<readonly [number, number]> | null;
  /** Minutes of the day, end exclusive; `start > end` crosses midnight. `null` for the whole day. */
  time: { start: number; end: number } | null;
}

const DAY_INDEX = new Map<string, number>(
  ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].flatMap((name, index) => [
    [name, index],
    [name.slice(0, 3), index],
  ]),
);

const TIME_RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;
const DATE_ITEM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses every rule; the error lists every bad rule, each naming its text. */
export function parseWindowRules(rules: readonly string[]): Result<WindowRule[], string[]> {
  const parsed: WindowRule[] = [];
  const problems: string[] = [];
  for (const text of rules) {
    const rule = parseWindowRule(text);
    if (rule.ok) parsed.push(rule.value);
    else problems.push(`"${text}": ${rule.error}`);
  }
  return problems.length > 0 ? err(problems) : ok(parsed);
}

function parseWindowRule(text: string): Result<WindowRule> {
  const tokens = text.trim().split(/\s+/).filter((token) => token !== '');
  if (tokens.length === 0) return err('the rule is empty; write e.g. "Tue-Thu 10:00-14:00" or "Fri"');
  const rule: WindowRule = { text: text.trim(), days: null, dates: null, time: null };
  for (const token of tokens) {
    if (TIME_RANGE.test(token)) {
      if (rule.time) return err('has two time ranges; write one rule per range');
      const time = parseTimeRange(token);
      if (!time.ok) return time;
      rule.time = time.value;
    } else if (/^\d{4}-/.test(token)) {
      if (rule.days || rule.dates) return err(`"${token}": a rule has one day or date part`);
      const dates = parseDates(token);
      if (!dates.ok) return dates;
      rule.dates = dates.value;
    } else {
      if (rule.days || rule.dates) return err(`"${token}": a rule has one day or date part; join days with commas as in Mon,Wed`);
      const days = parseDays(token);
      if (!days.ok) return days;
      rule.days = days.value;
    }
  }
  return ok(rule);
}

function parseTimeRange(token: string): Result<{ start: number; end: number }> {
  const [, h1, m1, h2, m2] = TIME_RANGE.exec(token) ?? [];
  const start = minuteOfDay(Number(h1), Number(m1));
  const end = minuteOfDay(Number(h2), Number(m2));
  if (start === null || start === 1440) return err(`${h1}:${m1} is not a start time; times are HH:MM from 00:00 to 23:59`);
  if (end === null) return err(`${h2}:${m2} is not an end time; times are HH:MM from 00:00 to 24:00`);
  if (start === end) return err(`${token} is empty; use 00:00-24:00 for the whole day`);
  return ok({ start, end });
}

function minuteOfDay(hour: number, minute: number): number | null {
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return null;
  return hour * 60 + minute;
}

function parseDates(token: string): Result<Array<readonly [number, number]>> {
  const ranges: Array<readonly [number, number]> = [];
  for (const item of token.split(',')) {
    const [from = '', to = from] = item.split('..');
    const start = parseDate(from);
    const end = parseDate(to);
    if (!start.ok) return start;
    if (!end.ok) return end;
    if (end.value < start.value) return err(`${item}: the range ends before it starts`);
    ranges.push([start.value, end.value]);
  }
  return ok(ranges);
}

function parseDate(text: string): Result<number> {
  const match = DATE_ITEM.exec(text);
  const notADate = err(`${text} is not a date; write YYYY-MM-DD`);
  if (!match) return notADate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = dayNumberOf(year, month, day);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
  const back = new Date(dayNumber * 86_400_000);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() + 1 !== month || back.getUTCDate() !== day) return notADate;
  return ok(dayNumber);
}

function parseDays(token: string): Result<Set<number>> {
  const days = new Set<number>();
  for (const item of token.split(',')) {
    const [first = '', last = first, extra] = item.split('-');
    const start = DAY_INDEX.get(first.toLowerCase());
    const end = DAY_INDEX.get(last.toLowerCase());
    if (extra !== undefined || start === undefined || end === undefined) {
      const bad = start === undefined ? first : last;
      return err(`"${extra === undefined ? bad : item}" is not a day, date or time range; days are ${WEEKDAY_NAMES.join(', ')}`);
    }
    // Walks forward, so Fri-Mon covers Fri, Sat, Sun, Mon.
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return ok(days);
}

/** Whether a rule covers a local time; a midnight-crossing range's early hours belong to the previous day. */
export function ruleCovers(rule: WindowRule, local: WallClock): boolean {
  const today = local.dayNumber;
  if (!rule.time) return dayMatches(rule, today);
  const { start, end } = rule.time;
  const minute = local.minuteOfDay;
  if (start < end) return minute >= start && minute < end && dayMatches(rule, today);
  return (minute >= start && dayMatches(rule, today)) || (minute < end && dayMatches(rule, today - 1));
}

function dayMatches(rule: WindowRule, dayNumber: number): boolean {
  if (rule.days && !rule.days.has(weekdayOf(dayNumber))) return false;
  if (rule.dates && !rule.dates.some(([from, to]) => dayNumber >= from && dayNumber <= to)) return false;
  return true;
}

/** Minutes of the day at which some rule may start or stop covering (midnight always). */
export function ruleBoundaries(rules: readonly WindowRule[]): number[] {
  const minutes = new Set<number>([0]);
  for (const rule of rules) {
    if (!rule.time) continue;
    minutes.add(rule.time.start);
    minutes.add(rule.time.end % 1440);
  }
  return [...minutes].sort((a, b) => a - b);
}
