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
    ).toEqual({ decision: 'go', failed: [], warnings: ['coverage', 'bundle'] });
  });

  it.each(['fail', 'error', 'nodata', 'inconclusive'] as const)('a required check at %s is no-go', (status) => {
    expect(decideGate([{ name: 'x', status, level: 'required' }])).toEqual({ decision: 'no-go', failed: ['x'], warnings: [] });
  });

  it('an empty policy proves nothing and is no-go', () => {
    expect(decideGate([]).decision).toBe('no-go');
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
