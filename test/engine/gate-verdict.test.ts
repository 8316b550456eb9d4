import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideGate } from '../../src/engine/gate-verdict.js';
import { STATUSES, worstStatus } from '../../src/engine/status.js';

describe('decideGate', () => {
  it('says go when every required check passes, listing warnings', () => {
    expect(
      decideGate([
        { name: 'tests', status: 'pass', level: 'required' },
        { name: 'coverage', status: 'fail', level: 'advisory' },
        { name: 'bundle', status: 'warn', level: 'required' },
      ]),
    ).toEqual({ decision: 'go', failed: [], warnings: ['coverage', 'bundle'], reason: null });
  });

  it.each(['fail', 'error', 'nodata', 'inconclusive'] as const)('a required check at %s is no-go', (status) => {
    expect(decideGate([{ name: 'x', status, level: 'required' }])).toEqual({ decision: 'no-go', failed: ['x'], warnings: [], reason: null });
  });

  it('an empty policy proves nothing and is no-go', () => {
    expect(decideGate([])).toEqual({ decision: 'no-go', failed: [], warnings: [], reason: 'the policy has no checks; nothing was judged' });
  });

  describe('go needs a required check that passed on evidence', () => {
    it('all-advisory policies are no-go with a reason saying so, however their checks went', () => {
      const verdict = decideGate([
        { name: 'coverage', status: 'pass', level: 'advisory' },
        { name: 'lint', status: 'fail', level: 'advisory' },
      ]);
      expect(verdict).toEqual({
        decision: 'no-go',
        failed: [],
        warnings: ['lint'],
        reason: 'all 2 checks are advisory; go needs at least one required check that passed on evidence',
      });
    });

    it('a policy whose required checks were all skipped is no-go with a reason saying so', () => {
      const verdict = decideGate([
        { name: 'e2e', status: 'skipped', level: 'required' },
        { name: 'coverage', status: 'pass', level: 'advisory' },
      ]);
      expect(verdict).toMatchObject({ decision: 'no-go', failed: [], reason: 'every required check was skipped; go needs at least one required check that passed on evidence' });
    });

    it('one required pass (or warn) beside skipped ones is go', () => {
      expect(decideGate([{ name: 'e2e', status: 'skipped', level: 'required' }, { name: 'unit', status: 'warn', level: 'required' }]).decision).toBe('go');
    });

    it('go always rests on a required check at pass or warn, and nothing required failing (law)', () => {
      const outcome = fc.record({ name: fc.string(), status: fc.constantFrom(...STATUSES), level: fc.constantFrom('required' as const, 'advisory' as const) });
      fc.assert(
        fc.property(fc.array(outcome), (outcomes) => {
          const required = outcomes.filter((o) => o.level === 'required');
          const expected = required.some((o) => o.status === 'pass' || o.status === 'warn') && required.every((o) => ['pass', 'warn', 'skipped'].includes(o.status));
          expect(decideGate(outcomes).decision).toBe(expected ? 'go' : 'no-go');
        }),
      );
    });
  });

  it('adding a failing required check never turns no-go into go (law)', () => {
    const outcome = fc.record({ name: fc.string(), status: fc.constantFrom(...STATUSES), level: fc.constantFrom('required' as const, 'advisory' as const) });
    fc.assert(
      fc.property(fc.array(outcome), (outcomes) => {
        expect(decideGate([...outcomes, { name: 'bad', status: 'fail', level: 'required' }]).decision).toBe('no-go');
      }),
    );
  });
});

describe('worstStatus', () => {
  it('orders fail over error over nodata over warn over pass', () => {
    expect(worstStatus(['pass', 'warn'])).toBe('warn');
    expect(worstStatus(['nodata', 'error', 'warn'])).toBe('error');
    expect(worstStatus(['error', 'fail'])).toBe('fail');
    expect(worstStatus([])).toBe('pass');
    expect(worstStatus(['skipped'])).toBe('skipped');
  });
});
