import { describe, expect, it } from 'vitest';
import { parseWindowRules, ruleBoundaries, ruleCovers, type WindowRule } from '../../src/engine/deploy-window-rules.js';
import { dayNumberOf, weekdayOf, type WallClock } from '../../src/engine/zoned-clock.js';

function local(date: string, time: string): WallClock {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const dayNumber = dayNumberOf(year, month, day);
  return { year, month, day, hour, minute, weekday: weekdayOf(dayNumber), dayNumber, minuteOfDay: hour * 60 + minute };
}

function rule(text: string): WindowRule {
  const parsed = parseWindowRules([text]);
  if (!parsed.ok) throw new Error(parsed.error.join('; '));
  return parsed.value[0]!;
}

describe('parseWindowRules', () => {
  it('reads days, day ranges, lists and time ranges', () => {
    const parsed = rule('Tue-Thu 10:00-14:00');
    expect([...(parsed.days ?? [])]).toEqual([2, 3, 4]);
    expect(parsed.time).toEqual({ start: 600, end: 840 });
    expect(parsed.dates).toBeNull();
    expect([...(rule('Mon,Wed,Fri').days ?? [])]).toEqual([1, 3, 5]);
    expect([...(rule('monday,Wednesday-Thu').days ?? [])]).toEqual([1, 3, 4]);
  });

  it('wraps a day range past Sunday', () => {
    expect([...(rule('Fri-Mon').days ?? [])]).toEqual([5, 6, 0, 1]);
  });

  it('reads dates, inclusive ranges and date lists', () => {
    const christmas = rule('2026-12-24..2026-12-26');
    expect(christmas.dates).toEqual([[dayNumberOf(2026, 12, 24), dayNumberOf(2026, 12, 26)]]);
    expect(rule('2026-12-31,2027-01-01').dates).toEqual([
      [dayNumberOf(2026, 12, 31), dayNumberOf(2026, 12, 31)],
      [dayNumberOf(2027, 1, 1), dayNumberOf(2027, 1, 1)],
    ]);
    expect(rule('2026-12-31 12:00-24:00').time).toEqual({ start: 720, end: 1440 });
  });

  it('returns every bad rule, each naming its text', () => {
    const parsed = parseWindowRules(['Fri', 'Fri-Fry', '25:00-26:00', '2026-02-30', '2026-12-26..2026-12-24', '', 'Mon Tue', '10:00-10:00', 'whenever', '09:00-24:30']);
    expect(parsed).toEqual({
      ok: false,
      error: [
        '"Fri-Fry": "Fry" is not a day, date or time range; days are Sun, Mon, Tue, Wed, Thu, Fri, Sat',
        '"25:00-26:00": 25:00 is not a start time; times are HH:MM from 00:00 to 23:59',
        '"2026-02-30": 2026-02-30 is not a date; write YYYY-MM-DD',
        '"2026-12-26..2026-12-24": 2026-12-26..2026-12-24: the range ends before it starts',
        '"": the rule is empty; write e.g. "Tue-Thu 10:00-14:00" or "Fri"',
        '"Mon Tue": "Tue": a rule has one day or date part; join days with commas as in Mon,Wed',
        '"10:00-10:00": 10:00-10:00 is empty; use 00:00-24:00 for the whole day',
        '"whenever": "whenever" is not a day, date or time range; days are Sun, Mon, Tue, Wed, Thu, Fri, Sat',
        '"09:00-24:30": 24:30 is not an end time; times are HH:MM from 00:00 to 24:00',
      ],
    });
  });

  it('accepts an empty list', () => {
    expect(parseWindowRules([])).toEqual({ ok: true, value: [] });
  });
});

describe('ruleCovers', () => {
  it('treats the end of a time range as exclusive and 24:00 as the end of the day', () => {
    const window = rule('10:00-14:00');
    expect(ruleCovers(window, local('2026-11-24', '09:59'))).toBe(false);
    expect(ruleCovers(window, local('2026-11-24', '10:00'))).toBe(true);
    expect(ruleCovers(window, local('2026-11-24', '13:59'))).toBe(true);
    expect(ruleCovers(window, local('2026-11-24', '14:00'))).toBe(false);
    expect(ruleCovers(rule('20:00-24:00'), local('2026-11-24', '23:59'))).toBe(true);
  });

  it('gives the early hours of a midnight-crossing range to the day it started on', () => {
    const fridayNight = rule('Fri 22:00-02:00');
    expect(ruleCovers(fridayNight, local('2026-11-20', '21:59'))).toBe(false); // Fri
    expect(ruleCovers(fridayNight, local('2026-11-20', '22:00'))).toBe(true);
    expect(ruleCovers(fridayNight, local('2026-11-21', '01:59'))).toBe(true); // Sat, still Friday's night
    expect(ruleCovers(fridayNight, local('2026-11-21', '02:00'))).toBe(false);
    expect(ruleCovers(fridayNight, local('2026-11-21', '22:30'))).toBe(false); // Saturday's own night
    expect(ruleCovers(fridayNight, local('2026-11-20', '01:00'))).toBe(false); // Thursday's night
  });

  it('covers whole days for day and date rules without a time', () => {
    expect(ruleCovers(rule('Fri'), local('2026-11-20', '00:00'))).toBe(true);
    expect(ruleCovers(rule('Fri'), local('2026-11-21', '00:00'))).toBe(false);
    const holidays = rule('2026-12-24..2026-12-26');
    expect(ruleCovers(holidays, local('2026-12-23', '23:59'))).toBe(false);
    expect(ruleCovers(holidays, local('2026-12-24', '00:00'))).toBe(true);
    expect(ruleCovers(holidays, local('2026-12-26', '23:59'))).toBe(true);
    expect(ruleCovers(holidays, local('2026-12-27', '00:00'))).toBe(false);
  });

  it('needs both the date and the time of a dated time range', () => {
    const eve = rule('2026-12-31 12:00-24:00');
    expect(ruleCovers(eve, local('2026-12-31', '11:59'))).toBe(false);
    expect(ruleCovers(eve, local('2026-12-31', '12:00'))).toBe(true);
    expect(ruleCovers(eve, local('2026-12-30', '13:00'))).toBe(false);
  });
});

describe('ruleBoundaries', () => {
  it('lists each start and end minute once, with midnight', () => {
    expect(ruleBoundaries([rule('Tue-Thu 10:00-14:00'), rule('22:00-24:00'), rule('Fri'), rule('Mon 10:00-12:00')])).toEqual([0, 600, 720, 840, 1320]);
  });
});
