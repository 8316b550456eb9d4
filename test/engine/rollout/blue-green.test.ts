import { describe, expect, it } from 'vitest';
import { at, outputs, plan, promote, rollback, run } from './fixtures.js';

describe('nextTick: blue-green', () => {
  const blueGreen = plan({ strategy: 'blue-green', 'bake-time': '5m,10m', 'scale-down-delay': '30s' });

  it('analyses the idle colour, switches, analyses live, waits out the scale-down delay, completes', () => {
    const results = run([[0, null], [5, promote], [10, promote], [15, promote], [15.25, null], [15.5, null]], blueGreen);
    expect(results.map(outputs)).toEqual([
      ['start', 0, 0, 1, true],
      ['promote', 0, 100, 2, true],
      ['hold', 100, 100, 2, false],
      ['promote', 100, 100, 3, true],
      ['hold', 100, 100, 3, false],
      ['complete', 100, 100, 3, true],
    ]);
    expect(results.map((result) => result.label)).toEqual([
      'blue-green pre-promotion analysis, 0% (step 1/3)',
      'blue-green post-promotion analysis, 100% (step 2/3)',
      'blue-green post-promotion analysis, 100% (step 2/3)',
      'blue-green scale-down delay, 100% (step 3/3)',
      'blue-green scale-down delay, 100% (step 3/3)',
      'blue-green complete, 100% (step 3/3)',
    ]);
    expect(results[0]!.trafficChange).toBeNull();
    expect(results[1]).toMatchObject({ trafficChange: { from: 0, to: 100 }, reason: 'promoted to post-promotion analysis 0% → 100%, judged after 10m: all 3 metrics pass' });
    expect(results[3]!.nextCheckAfter).toBe(at(15.5).toISOString());
    expect(results[5]!.reason).toBe('complete at 100%: scale-down delay of 30s is over');
  });

  it('rolls back before the switch without moving traffic', () => {
    const [, failed] = run([[0, null], [5, rollback]], blueGreen);
    expect(failed).toMatchObject({ decision: 'rollback', weight: 0, previousWeight: 0, trafficChange: null, label: 'blue-green rolled back at step 1/3' });
  });

  it('switches back on a failing post-promotion analysis, and during the scale-down delay', () => {
    const [, , post] = run([[0, null], [5, promote], [15, rollback]], blueGreen);
    expect(post).toMatchObject({ decision: 'rollback', trafficChange: { from: 100, to: 0 } });
    const [, , , scaleDown] = run([[0, null], [5, promote], [15, promote], [15.1, rollback]], blueGreen);
    expect(scaleDown).toMatchObject({ decision: 'rollback', step: 3, trafficChange: { from: 100, to: 0 } });
  });
});
