import { type Result, ok, err } from './result.js';

/**
 * Wall-clock time in an IANA zone, read from the platform's time-zone
 * database through `Intl.DateTimeFormat#formatToParts`, so daylight saving
 * follows the tz rules rather than a hand-written offset table.
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday, derived from the date so it never depends on locale text. */
  weekday: number;
  /** Days since 1970-01-01 of the local date: date ranges compare as integers. */
  dayNumber: number;
  /** 0–1439. */
  minuteOfDay: number;
}

/** Reads the wall clock of one zone at an instant (epoch milliseconds). */
export type ZonedClock = (instant: number) => WallClock;

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * A clock for `timeZone`; an unknown zone is an error naming it. UTC, the
 * deploy window's default zone, is read from Date's UTC fields: the same
 * wall clock, without building the first Intl formatter of the process,
 * which loads ICU's time-zone data and costs a cold start 10–20 ms.
 */
export function zonedClock(timeZone: string): Result<ZonedClock> {
  if (timeZone === 'UTC') return ok(utcWallClock);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12:false: some ICU versions render midnight as "24" with the latter.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    return err(`unknown time zone "${timeZone}"; give an IANA name such as UTC, Europe/Berlin or America/New_York`);
  }
  return ok((instant) => wallClockOf(format, instant));
}

function wallClockOf(format: Intl.DateTimeFormat, instant: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return wallClockFrom(parts.year ?? NaN, parts.month ?? NaN, parts.day ?? NaN, parts.hour ?? NaN, parts.minute ?? NaN);
}

function utcWallClock(instant: number): WallClock {
  const date = new Date(instant);
  return wallClockFrom(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes());
}

function wallClockFrom(year: number, month: number, day: number, hour: number, minute: number): WallClock {
  const dayNumber = dayNumberOf(year, month, day);
  return { year, month, day, hour, minute, weekday: weekdayOf(dayNumber), dayNumber, minuteOfDay: hour * 60 + minute };
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Weekday of a day number: 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The zone's offset from UTC at an instant, in minutes (e.g. 60 for CET, 120 for CEST). */
export function offsetMinutes(clock: ZonedClock, instant: number): number {
  const local = clock(instant);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return Math.round((asUtc - floorToMinute(instant)) / MINUTE_MS);
}

export function floorToMinute(instant: number): number {
  return Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

/** `Fri 2026-11-20 16:05`, the way the deploy window reports a local time. */
export function formatWallClock(local: WallClock): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAY_NAMES[local.weekday]} ${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}`;
}
