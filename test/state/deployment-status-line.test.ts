import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RolloutState, withRecord } from '../../src/engine/rollout/state.js';
import { applyStatusLine, decodeStatusLine, encodeStatusLine } from '../../src/state/deployment-status-line.js';
import { PROMOTE, ROLLBACK, canaryPlan, completedRollout, statesOf } from './support/rollout-states.js';

describe('deployment status line', () => {
  const [started, promoted] = statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE]]);

  it('reads as the label and the reason, with the state in a tail', () => {
    // mmag57eo is 2026-03-03T10:10:00Z in milliseconds, base 36.
    expect(encodeStatusLine(promoted!)).toBe(
      'canary 25% (step 2/4): promoted 5% → 25%, judged after 10m: all 3 metrics pass [rg:2:p:1:25:mmag57eo:mmag57eo:0:0:p]',
    );
  });

  it('moves the previous state to the saved one exactly, history included', () => {
    for (const states of [statesOf(canaryPlan('v2'), [[0, null], [10, PROMOTE], [12, ROLLBACK]]), completedRollout('v3', 0)]) {
      for (let index = 1; index < states.length; index++) {
        const line = decodeStatusLine(encodeStatusLine(states[index]!));
        expect(line.ok && line.value !== null).toBe(true);
        if (line.ok && line.value) expect(applyStatusLine(states[index - 1]!, line.value)).toEqual(states[index]);
      }
    }
  });

  it('fits GitHub’s 140 characters whatever the reason, cutting only the human part', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 10_000 }), (reason, version) => {
        const state: RolloutState = { ...promoted!, version, history: withRecord(started!.history, { ...promoted!.history.at(-1)!, reason }) };
        const description = encodeStatusLine(state);
        expect(description.length).toBeLessThanOrEqual(140);
        const line = decodeStatusLine(description);
        expect(line.ok && line.value).toMatchObject({ version, phase: 'progressing', stepIndex: 1, weight: 25, stepStartedAt: promoted!.stepStartedAt, decision: 'promote' });
      }),
    );
  });

  it('treats a description without a tail as someone else’s, and a damaged tail as an error', () => {
    expect(decodeStatusLine('Deployed by hand')).toEqual({ ok: true, value: null });
    expect(decodeStatusLine('canary 25% [rg:2:x:1:25:zz:zz:0:0:p]')).toEqual({
      ok: false,
      error: 'description "[rg:2:x:1:25:zz:zz:0:0:p]" is not a rollout-guard state line',
    });
    expect(decodeStatusLine('canary 25% [rg:2:p:1:25').ok).toBe(false);
  });
});
