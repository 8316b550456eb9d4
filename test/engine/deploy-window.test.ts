import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDeployWindow, parseDeployWindow, type DeployWindow, type WindowVerdict } from '../../src/engine/deploy-window.js';

function windowOf(timeZone: string, allow: string[], deny: string[] = []): DeployWindow {
  const parsed = parseDeployWindow(timeZone, allow, deny);
  if (!parsed.ok) throw new Error(parsed.error.join('; '));
  return parsed.value;
}

function judge(window: DeployWindow, iso: string): WindowVerdict {
  const verdict = evaluateDeployWindow(window, new Date(iso));
  if (!verdict.ok) throw new Error(verdict.error);
  return verdict.value;
}

const WEEKDAYS_10_TO_14 = ['Tue-Thu 10:00-14:00'];
const HOLIDAYS_AND_FRIDAYS = ['2026-12-24..2026-12-26', 'Fri'];

describe('evaluateDeployWindow: messages', () => {
  it('names the deny rule and the next opening on a Friday', () => {
    const verdict = judge(windowOf('Europe/Berlin', WEEKDAYS_10_TO_14, HOLIDAYS_AND_FRIDAYS), '2026-11-20T15:05:00Z');
    expect(verdict).toEqual({
      isOpen: false,
      local: 'Fri 2026-11-20 16:05',
      weekday: 'Fri',
      timeZone: 'Europe/Berlin',
      matched: { list: 'deny', rule: 'Fri' },
      nextOpening: { instant: '2026-11-24T09:00:00.000Z', local: 'Tue 2026-11-24 10:00' },
      closesAt: null,
      message: 'Fri 2026-11-20 16:05 Europe/Berlin is denied by "Fri"; next window opens Tue 2026-11-24 10:00',
    });
  });

  it('lets deny win over allow on a holiday and skips to the next allowed day', () => {
    const verdict = judge(windowOf('UTC', WEEKDAYS_10_TO_14, HOLIDAYS_AND_FRIDAYS), '2026-12-24T11:00:00Z');
    expect(verdict.matched).toEqual({ list: 'deny', rule: '2026-12-24..2026-12-26' });
    expect(verdict.message).toBe('Thu 2026-12-24 11:00 UTC is denied by "2026-12-24..2026-12-26"; next window opens Tue 2026-12-29 10:00');
  });

  it('says a time outside every allow rule is outside the allowed windows', () => {
    const verdict = judge(windowOf('UTC', WEEKDAYS_10_TO_14), '2026-11-23T09:00:00Z');
    expect(verdict.isOpen).toBe(false);
    expect(verdict.matched).toBeNull();
    expect(verdict.message).toBe('Mon 2026-11-23 09:00 UTC is outside the allowed windows ("Tue-Thu 10:00-14:00"); next window opens Tue 2026-11-24 10:00');
  });

  it('says which allow rule opened the window and when it closes', () => {
    const verdict = judge(windowOf('UTC', WEEKDAYS_10_TO_14, HOLIDAYS_AND_FRIDAYS), '2026-11-24T11:30:45Z');
    expect(verdict.isOpen).toBe(true);
    expect(verdict.matched).toEqual({ list: 'allow', rule: 'Tue-Thu 10:00-14:00' });
    expect(verdict.closesAt).toEqual({ instant: '2026-11-24T14:00:00.000Z', local: 'Tue 2026-11-24 14:00' });
    expect(verdict.message).toBe('Tue 2026-11-24 11:30 UTC is within "Tue-Thu 10:00-14:00"; the window closes Tue 2026-11-24 14:00');
  });

  it('is open whenever nothing denies it when there are no allow rules', () => {
    expect(judge(windowOf('UTC', [], ['Fri']), '2026-11-23T03:00:00Z').message).toBe('Mon 2026-11-23 03:00 UTC is not denied by any rule; the window closes Fri 2026-11-27 00:00');
    expect(judge(windowOf('UTC', []), '2026-11-23T03:00:00Z').message).toBe('Mon 2026-11-23 03:00 UTC is not denied by any rule');
  });

  it('says when no window opens within the horizon', () => {
    const verdict = judge(windowOf('UTC', [], ['Mon-Sun']), '2026-11-23T03:00:00Z');
    expect(verdict.nextOpening).toBeNull();
    expect(verdict.message).toBe('Mon 2026-11-23 03:00 UTC is denied by "Mon-Sun"; no window opens in the next 60 days');
  });
});

describe('evaluateDeployWindow: daylight saving', () => {
  const tenToTwo = (zone: string) => windowOf(zone, ['10:00-14:00']);

  it('opens 10:00 Berlin at 08:00 UTC on 2026-03-29 (CEST) and 09:00 UTC the day before (CET)', () => {
    expect(judge(tenToTwo('Europe/Berlin'), '2026-03-29T07:30:00Z').nextOpening).toEqual({ instant: '2026-03-29T08:00:00.000Z', local: 'Sun 2026-03-29 10:00' });
    expect(judge(tenToTwo('Europe/Berlin'), '2026-03-29T08:00:00Z').isOpen).toBe(true);
    expect(judge(tenToTwo('Europe/Berlin'), '2026-03-28T08:30:00Z').nextOpening).toEqual({ instant: '2026-03-28T09:00:00.000Z', local: 'Sat 2026-03-28 10:00' });
    expect(judge(tenToTwo('Europe/Berlin'), '2026-03-28T08:30:00Z').local).toBe('Sat 2026-03-28 09:30');
  });

  it('opens 10:00 Berlin at 09:00 UTC on 2026-10-25 after clocks go back, 08:00 UTC the day before', () => {
    expect(judge(tenToTwo('Europe/Berlin'), '2026-10-24T06:00:00Z').nextOpening?.instant).toBe('2026-10-24T08:00:00.000Z');
    expect(judge(tenToTwo('Europe/Berlin'), '2026-10-25T06:00:00Z').nextOpening?.instant).toBe('2026-10-25T09:00:00.000Z');
  });

  it('follows New York across 2026-03-08 and 2026-11-01', () => {
    const newYork = tenToTwo('America/New_York');
    expect(judge(newYork, '2026-03-07T12:00:00Z').nextOpening?.instant).toBe('2026-03-07T15:00:00.000Z');
    expect(judge(newYork, '2026-03-08T12:00:00Z').nextOpening?.instant).toBe('2026-03-08T14:00:00.000Z');
    expect(judge(newYork, '2026-10-31T12:00:00Z').nextOpening?.instant).toBe('2026-10-31T14:00:00.000Z');
    expect(judge(newYork, '2026-11-01T12:00:00Z').nextOpening?.instant).toBe('2026-11-01T15:00:00.000Z');
    expect(judge(newYork, '2026-11-01T15:00:00Z').local).toBe('Sun 2026-11-01 10:00');
  });

  it('opens a window starting in the skipped hour when the wall clock jumps past its start', () => {
    // 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST, so 02:30 never happens.
    const verdict = judge(windowOf('Europe/Berlin', ['02:30-04:00']), '2026-03-29T00:30:00Z');
    expect(verdict.local).toBe('Sun 2026-03-29 01:30');
    expect(verdict.nextOpening).toEqual({ instant: '2026-03-29T01:00:00.000Z', local: 'Sun 2026-03-29 03:00' });
  });

  it('keeps a window open through both passes of the repeated hour', () => {
    // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET, so 02:00-03:00 lasts two real hours.
    const verdict = judge(windowOf('Europe/Berlin', ['02:00-03:00']), '2026-10-25T00:30:00Z');
    expect(verdict.isOpen).toBe(true);
    expect(verdict.closesAt).toEqual({ instant: '2026-10-25T02:00:00.000Z', local: 'Sun 2026-10-25 03:00' });
    expect(judge(windowOf('Europe/Berlin', ['02:00-03:00']), '2026-10-25T01:30:00Z').local).toBe('Sun 2026-10-25 02:30');
  });
});

describe('evaluateDeployWindow: midnight', () => {
  it('keeps a window crossing midnight open into the next morning', () => {
    const night = windowOf('UTC', ['22:00-02:00']);
    const late = judge(night, '2026-11-21T01:30:00Z');
    expect(late.isOpen).toBe(true);
    expect(late.closesAt?.instant).toBe('2026-11-21T02:00:00.000Z');
    expect(judge(night, '2026-11-21T03:00:00Z').nextOpening?.instant).toBe('2026-11-21T22:00:00.000Z');
  });

  it('lets a Friday-night window run into Saturday but not start on Saturday', () => {
    const fridayNight = windowOf('UTC', ['Fri 22:00-02:00']);
    expect(judge(fridayNight, '2026-11-21T01:00:00Z').isOpen).toBe(true);
    expect(judge(fridayNight, '2026-11-21T23:00:00Z').nextOpening?.local).toBe('Fri 2026-11-27 22:00');
  });
});

describe('parseDeployWindow', () => {
  it('names an unknown zone and every bad rule at once', () => {
    expect(parseDeployWindow('Europe/Berln', ['Tue-Thu 10:00-15:70'], ['Fry'])).toEqual({
      ok: false,
      error: [
        'timezone: unknown time zone "Europe/Berln"; give an IANA name such as UTC, Europe/Berlin or America/New_York',
        'allow "Tue-Thu 10:00-15:70": 15:70 is not an end time; times are HH:MM from 00:00 to 24:00',
        'deny "Fry": "Fry" is not a day, date or time range; days are Sun, Mon, Tue, Wed, Thu, Fri, Sat',
      ],
    });
  });
});

describe('evaluateDeployWindow: laws', () => {
  const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham');
  const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));

  it('is closed at any instant when every day is denied, and never opens', () => {
    fc.assert(
      fc.property(zones, instants, (zone, now) => {
        const verdict = evaluateDeployWindow(windowOf(zone, WEEKDAYS_10_TO_14, ['Mon-Sun']), now);
        return verdict.ok && !verdict.value.isOpen && verdict.value.nextOpening === null;
      }),
      { numRuns: 40 },
    );
  });

  it('is open at any instant when a rule allows every day from 00:00 to 24:00', () => {
    fc.assert(
      fc.property(zones, instants, fc.constantFrom('Mon-Sun 00:00-24:00', '00:00-24:00', 'Sun-Sat'), (zone, now, allow) => {
        const verdict = evaluateDeployWindow(windowOf(zone, [allow]), now);
        return verdict.ok && verdict.value.isOpen && verdict.value.closesAt === null;
      }),
      { numRuns: 100 },
    );
  });

  it('finds an opening that is open, and closed the minute before', () => {
    const rules = fc.constantFrom(['Tue-Thu 10:00-14:00'], ['22:00-02:00'], ['Mon,Wed 02:30-03:15'], ['Fri-Mon 09:05-09:20']);
    fc.assert(
      fc.property(zones, instants, rules, (zone, now, allow) => {
        const window = windowOf(zone, [...allow], ['2026-12-24..2026-12-26']);
        const verdict = judge(window, now.toISOString());
        if (verdict.isOpen || verdict.nextOpening === null) return true;
        const opening = Date.parse(verdict.nextOpening.instant);
        return opening > now.getTime() && judge(window, new Date(opening).toISOString()).isOpen && !judge(window, new Date(opening - 60_000).toISOString()).isOpen;
      }),
      { numRuns: 150 },
    );
  });
});
