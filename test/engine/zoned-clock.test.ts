import { describe, expect, it } from 'vitest';
import { dayNumberOf, formatWallClock, offsetMinutes, weekdayOf, zonedClock } from '../../src/engine/zoned-clock.js';

function clockOf(zone: string) {
  const clock = zonedClock(zone);
  if (!clock.ok) throw new Error(clock.error);
  return clock.value;
}

describe('zonedClock', () => {
  it('reads the wall clock in a zone, midnight as 00', () => {
    const berlin = clockOf('Europe/Berlin');
    expect(berlin(Date.parse('2026-11-20T23:00:00Z'))).toEqual({
      year: 2026, month: 11, day: 21, hour: 0, minute: 0, weekday: 6, dayNumber: dayNumberOf(2026, 11, 21), minuteOfDay: 0,
    });
    expect(formatWallClock(berlin(Date.parse('2026-11-20T15:05:59Z')))).toBe('Fri 2026-11-20 16:05');
  });

  it('gives the offset in minutes on both sides of a switch, including 45-minute zones', () => {
    const berlin = clockOf('Europe/Berlin');
    expect(offsetMinutes(berlin, Date.parse('2026-03-29T00:59:00Z'))).toBe(60);
    expect(offsetMinutes(berlin, Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
    expect(offsetMinutes(clockOf('America/New_York'), Date.parse('2026-11-01T06:00:00Z'))).toBe(-300);
    expect(offsetMinutes(clockOf('Asia/Kathmandu'), Date.parse('2026-06-01T00:00:00Z'))).toBe(345);
  });

  it('names an unknown zone', () => {
    expect(zonedClock('Europe/Atlantis')).toEqual({ ok: false, error: 'unknown time zone "Europe/Atlantis"; give an IANA name such as UTC, Europe/Berlin or America/New_York' });
  });

  it('derives weekdays from day numbers, before 1970 too', () => {
    expect(weekdayOf(0)).toBe(4); // 1970-01-01, Thursday
    expect(weekdayOf(dayNumberOf(2026, 12, 24))).toBe(4);
    expect(weekdayOf(dayNumberOf(1969, 12, 28))).toBe(0);
  });
});
