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

  it('reads UTC without Intl exactly as Intl reads it (Etc/UTC takes the Intl path)', () => {
    const fast = clockOf('UTC');
    const intl = clockOf('Etc/UTC');
    const instants = ['2026-11-20T23:59:59.999Z', '2024-02-29T00:00:00Z', '2026-03-29T01:00:00Z', '1969-12-31T23:30:00Z', '2000-01-01T12:34:56Z'].map((text) => Date.parse(text));
    for (let instant = Date.parse('2026-01-01T00:00:00Z'); instant < Date.parse('2027-01-01T00:00:00Z'); instant += 31 * 3_600_000 + 17 * 60_000) instants.push(instant);
    const differing = instants.filter((instant) => JSON.stringify(fast(instant)) !== JSON.stringify(intl(instant))).map((instant) => new Date(instant).toISOString());
    expect(differing).toEqual([]);
    expect(fast(Date.parse('2026-11-20T23:59:59Z'))).toMatchObject({ day: 20, hour: 23, minute: 59, weekday: 5 });
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
