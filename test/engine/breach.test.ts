import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type BreachRule,
  type SampleOutcome,
  DEFAULT_BREACH_RULE,
  HEALTH_CHECK_BREACH_RULE,
  describeBreachRule,
  findBreach,
  parseConsecutive,
  parseNOfM,
} from '../../src/engine/breach.js';

const P: SampleOutcome = 'pass';
const B: SampleOutcome = 'breach';
const N: SampleOutcome = 'nodata';
const consecutive = (count: number): BreachRule => ({ kind: 'consecutive', count });
const nOfM = (n: number, m: number): BreachRule => ({ kind: 'n-of-m', n, m });

describe('findBreach: consecutive', () => {
  it('triggers at the Nth breach of a run and reports where the run began', () => {
    const trigger = findBreach([P, B, P, B, B, B, P], consecutive(3), [0, 60, 120, 180, 240, 300, 360]);
    expect(trigger).toEqual({ rule: consecutive(3), triggerIndex: 5, firstBreachIndex: 3, breaches: 3, triggeredAt: 300, firstBreachAt: 180 });
  });

  it('does not trigger on runs shorter than N, however many there are', () => {
    expect(findBreach([B, B, P, B, B, P, B, B], consecutive(3))).toBeNull();
  });

  it('treats a sample without data as breaking the run: an outage is not a breach', () => {
    expect(findBreach([B, B, N, B, B], consecutive(3))).toBeNull();
    expect(findBreach([B, B, N, B, B, B], consecutive(3))?.firstBreachIndex).toBe(3);
  });

  it('triggers at once for consecutive: 1, and never on an empty stream', () => {
    expect(findBreach([P, B], consecutive(1))?.triggerIndex).toBe(1);
    expect(findBreach([], consecutive(1))).toBeNull();
    expect(findBreach([], nOfM(1, 1))).toBeNull();
  });
});

describe('findBreach: n-of-m', () => {
  it('triggers at the Nth breach within M samples and reports the first breach counted', () => {
    expect(findBreach([B, P, P, P, B, P, B, B], nOfM(3, 5))).toMatchObject({ triggerIndex: 7, firstBreachIndex: 4, breaches: 3 });
  });

  it('lets breaches slide out of the window', () => {
    expect(findBreach([B, P, P, B, P, P, B], nOfM(3, 5))).toBeNull();
  });

  it('counts a partial window at the start: 4 failures in the first 4 of "more than 3 in 5"', () => {
    expect(findBreach([B, B, B, B], HEALTH_CHECK_BREACH_RULE)).toMatchObject({ triggerIndex: 3, firstBreachIndex: 0 });
  });

  it('gives a no-data slot no weight either way', () => {
    expect(findBreach([B, N, B, N, P], nOfM(3, 5))).toBeNull();
    expect(findBreach([B, N, B, N, B], nOfM(3, 5))).toMatchObject({ triggerIndex: 4, firstBreachIndex: 0 });
  });
});

const outcome = fc.constantFrom<SampleOutcome>('pass', 'breach', 'nodata');

describe('findBreach properties', () => {
  it('a blip shorter than N never triggers a consecutive rule', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.array(fc.constantFrom<SampleOutcome>('pass', 'nodata'), { maxLength: 20 }), fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 6 }), (n, quiet, blips) => {
        // Blips of length < N separated by at least one non-breach.
        const stream: SampleOutcome[] = [...quiet];
        for (const length of blips) stream.push(...Array<SampleOutcome>(Math.min(length, n - 1)).fill(B), P);
        expect(findBreach(stream, consecutive(n))).toBeNull();
      }),
    );
  });

  it('N consecutive breaches always trigger, at exactly the Nth, never one sample early', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.constantFrom<SampleOutcome>('pass', 'nodata'), { maxLength: 20 }), (n, before) => {
        const stream = [...before, ...Array<SampleOutcome>(n).fill(B)];
        const trigger = findBreach(stream, consecutive(n));
        expect(trigger).toMatchObject({ triggerIndex: before.length + n - 1, firstBreachIndex: before.length, breaches: n });
        expect(findBreach(stream.slice(0, -1), consecutive(n))).toBeNull();
      }),
    );
  });

  it('the trigger is a breach, its window holds N breaches, and no earlier prefix triggers', () => {
    const rule = fc.oneof(
      fc.integer({ min: 1, max: 8 }).map(consecutive),
      fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 6 })).map(([n, extra]) => nOfM(n, n + extra)),
    );
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 40 }), rule, (stream, r) => {
        const trigger = findBreach(stream, r);
        if (trigger === null) return;
        const span = r.kind === 'consecutive' ? r.count : r.m;
        const window = stream.slice(trigger.triggerIndex - span + 1 < 0 ? 0 : trigger.triggerIndex - span + 1, trigger.triggerIndex + 1);
        expect(stream[trigger.triggerIndex]).toBe(B);
        expect(stream[trigger.firstBreachIndex]).toBe(B);
        expect(window.filter((o) => o === B).length).toBe(trigger.breaches);
        expect(trigger.triggerIndex - trigger.firstBreachIndex).toBeLessThan(span);
        expect(findBreach(stream.slice(0, trigger.triggerIndex), r)).toBeNull();
      }),
    );
  });

  it('N-of-N is the same rule as N consecutive', () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (stream, n) => {
        expect(findBreach(stream, nOfM(n, n))?.triggerIndex).toBe(findBreach(stream, consecutive(n))?.triggerIndex);
      }),
    );
  });
});

describe('breach rule keys', () => {
  it('parses consecutive and n-of-m, naming what is accepted', () => {
    expect(parseConsecutive(5)).toEqual({ ok: true, value: consecutive(5) });
    expect(parseConsecutive(0)).toEqual({ ok: false, error: 'got 0; expected a whole number of samples such as 5' });
    expect(parseConsecutive('5')).toMatchObject({ ok: false });
    expect(parseNOfM('3/5')).toEqual({ ok: true, value: nOfM(3, 5) });
    expect(parseNOfM('3 of 5')).toEqual({ ok: true, value: nOfM(3, 5) });
    expect(parseNOfM('6/5')).toEqual({ ok: false, error: 'got "6/5"; expected N/M with 1 ≤ N ≤ M such as "3/5"' });
    expect(parseNOfM(0.6)).toMatchObject({ ok: false });
  });

  it("has the runbooks' defaults and says them in words", () => {
    expect(describeBreachRule(DEFAULT_BREACH_RULE)).toBe('5 consecutive samples');
    expect(describeBreachRule(HEALTH_CHECK_BREACH_RULE)).toBe('4 of 5 samples');
    expect(describeBreachRule(consecutive(1))).toBe('1 consecutive sample');
  });
});
