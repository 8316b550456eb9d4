import { describe, expect, it } from 'vitest';
import { timingProblems } from '../../../src/actions/auto-rollback/timing.js';

/** Timings that cannot make a sensible watch are one-line problems, each naming the input. */
const MINUTE = 60_000;
const base = { durationMs: 15 * MINUTE, intervalMs: MINUTE, intervalFrom: 'input `interval`', health: { urls: 0, maxFailures: 3, windowMs: 5 * MINUTE } };

describe('timingProblems', () => {
  it('the defaults make a sensible watch, with or without health URLs', () => {
    expect(timingProblems(base)).toEqual([]);
    expect(timingProblems({ ...base, health: { ...base.health, urls: 2 } })).toEqual([]);
  });

  it('an interval longer than the duration, unless one-shot; equal is two polls', () => {
    expect(timingProblems({ ...base, durationMs: 5 * MINUTE, intervalMs: 10 * MINUTE })).toEqual([
      'input `interval` (10m) is longer than `duration` (5m), so the watch would poll once; set `duration: 0` for a one-shot check, or a shorter `interval`',
    ]);
    expect(timingProblems({ ...base, durationMs: 0, intervalMs: 10 * MINUTE })).toEqual([]);
    expect(timingProblems({ ...base, durationMs: MINUTE })).toEqual([]);
  });

  it('a health rule must be able to fire within the watch: exactly enough checks is enough', () => {
    const health = { urls: 1, maxFailures: 3, windowMs: 5 * MINUTE };
    expect(timingProblems({ ...base, durationMs: 3 * MINUTE, health })).toEqual([]);
    expect(timingProblems({ ...base, durationMs: 2 * MINUTE, health })).toEqual([
      'input `max-failures`: 3 means a health URL rolls back after 4 failed checks, but a watch of duration 2m at interval 1m makes 3 checks; lengthen `duration` to at least 3m or lower `max-failures`',
    ]);
    expect(timingProblems({ ...base, durationMs: 0, health: { ...health, maxFailures: 0 } })).toEqual([]);
  });

  it('a window shorter than one interval, named with where the interval came from', () => {
    expect(timingProblems({ ...base, intervalFrom: '`interval` of analysis.yml', health: { urls: 1, maxFailures: 0, windowMs: 30_000 } })).toEqual([
      'input `window` (30s) is shorter than `interval` of analysis.yml (1m), so it would hold less than one health check; give a window of at least one interval',
    ]);
  });

  it('at most 50,000 polls: an interval of milliseconds over minutes is refused', () => {
    expect(timingProblems({ ...base, intervalMs: 1 })).toEqual(['input `interval` (1ms) makes 900001 polls over `duration` (15m); at most 50000: give a longer `interval`']);
    expect(timingProblems({ ...base, durationMs: 6 * 60 * MINUTE, intervalMs: 500 })).toEqual([]);
  });
});
