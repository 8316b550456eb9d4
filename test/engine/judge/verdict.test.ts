import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tallyOutcomes } from '../../../src/engine/judge/score.js';
import type { MetricClassification, MetricOutcome, Tally } from '../../../src/engine/judge/types.js';
import { decideVerdict } from '../../../src/engine/judge/verdict.js';

const tally = (partial: Partial<Tally>): Tally => ({ pass: [], hold: [], fail: [], ignore: [], criticalFailures: [], score: 0, ...partial });

describe('decideVerdict', () => {
  it('promotes when all pass', () => {
    expect(decideVerdict(tally({ pass: ['error-rate', 'latency'] }), 0)).toEqual({ verdict: 'promote', reason: '2 metrics passed' });
  });

  it('rolls back on a failure beyond failure-limit, with the numbers', () => {
    expect(decideVerdict(tally({ pass: ['a'], fail: ['error-rate'], hold: ['latency'] }), 0)).toEqual({
      verdict: 'rollback',
      reason: '1 metric failed (error-rate) > failure-limit 0',
    });
  });

  it('tolerates failures within failure-limit, and says so', () => {
    expect(decideVerdict(tally({ pass: ['a'], fail: ['b'] }), 1)).toEqual({ verdict: 'promote', reason: '1 metric passed; 1 metric failed (b) within failure-limit 1' });
  });

  it('rolls back on a critical failure whatever failure-limit allows', () => {
    expect(decideVerdict(tally({ pass: ['a'], fail: ['b'], criticalFailures: ['b'] }), 5)).toEqual({ verdict: 'rollback', reason: 'critical metric b failed' });
  });

  it('holds on anything undecided', () => {
    expect(decideVerdict(tally({ pass: ['a'], hold: ['b', 'c'] }), 0)).toEqual({ verdict: 'hold', reason: '2 metrics not yet decided (b, c)' });
  });

  it('holds when no metric was judged on data, even if on-no-data: pass let them all through', () => {
    expect(decideVerdict(tally({ ignore: ['a', 'b'] }), 0)).toEqual({ verdict: 'hold', reason: 'no metric was judged on data (a, b had none; on-no-data: pass)' });
    expect(decideVerdict(tally({}), 0).verdict).toBe('hold');
  });

  it('promotes only when something passed and nothing failed beyond the limit or held (property)', () => {
    const names = fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 4 });
    fc.assert(
      fc.property(names, names, names, names, fc.nat(3), (pass, hold, fail, ignore, limit) => {
        const { verdict } = decideVerdict(tally({ pass, hold, fail, ignore }), limit);
        expect(verdict === 'rollback').toBe(fail.length > limit);
        expect(verdict === 'promote').toBe(fail.length <= limit && hold.length === 0 && pass.length > 0);
      }),
    );
  });
});

describe('tallyOutcomes', () => {
  const classified = (metric: string, outcome: MetricOutcome, critical = false) => ({ metric, outcome, critical }) as MetricClassification;

  it("counts outcomes and scores as Kayenta's WeightedSumScorer with equal weights", () => {
    const result = tallyOutcomes([classified('a', 'pass'), classified('b', 'pass'), classified('c', 'fail', true), classified('d', 'ignore')]);
    expect(result).toEqual({ pass: ['a', 'b'], hold: [], fail: ['c'], ignore: ['d'], criticalFailures: ['c'], score: 66.67 });
    expect(tallyOutcomes([]).score).toBe(0);
  });
});
