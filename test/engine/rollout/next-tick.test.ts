import { describe, expect, it } from 'vitest';
import { isJudgementDue, nextTick, supersededBy } from '../../../src/engine/rollout/next-tick.js';
import type { RolloutState } from '../../../src/engine/rollout/state.js';
import { rolloutLabel } from '../../../src/engine/rollout/labels.js';
import { T0, at, hold, outputs, plan, promote, rollback, run } from './fixtures.js';

describe('nextTick: canary 5 → 25 → 50 → 100, 10m bake', () => {
  it('starts a rollout with no state at the first step: start from 0, nothing judged, so not a promotion', () => {
    const [first] = run([[0, null]]);
    expect(first).toMatchObject({
      decision: 'start',
      weight: 5,
      previousWeight: 0,
      step: 1,
      stepCount: 4,
      label: 'canary 5% (step 1/4)',
      nextCheckAfter: '2026-03-03T10:10:00.000Z',
      trafficChange: { from: 0, to: 5 },
      isChanged: true,
      reason: 'started the rollout of v2: canary 5%, judged after 10m',
    });
    expect(first!.nextState).toMatchObject({ phase: 'progressing', stepIndex: 0, version: 1, startedAt: T0.toISOString(), stepStartedAt: T0.toISOString() });
  });

  it('walks every step on passing judgements and completes after the last', () => {
    const results = run([[0, null], [10, promote], [20, promote], [30, promote], [40, promote]]);
    expect(results.map(outputs)).toEqual([
      ['start', 0, 5, 1, true],
      ['promote', 5, 25, 2, true],
      ['promote', 25, 50, 3, true],
      ['promote', 50, 100, 4, true],
      ['complete', 100, 100, 4, true],
    ]);
    expect(results[1]!.reason).toBe('promoted 5% → 25%, judged after 10m: all 3 metrics pass');
    expect(results[4]).toMatchObject({ label: 'canary complete, 100% (step 4/4)', trafficChange: null, nextCheckAfter: null });
    expect(results[4]!.nextState).toMatchObject({ phase: 'complete', version: 5 });
    expect(results[4]!.nextState.history.map((record) => record.decision)).toEqual(['start', 'promote', 'promote', 'promote', 'complete']);
  });

  it('holds while a step bakes, without a judgement, saying how long is left', () => {
    const [, baking] = run([[0, null], [6.5, null]]);
    expect(baking).toMatchObject({
      decision: 'hold',
      isChanged: false,
      weight: 5,
      previousWeight: 5,
      trafficChange: null,
      nextCheckAfter: '2026-03-03T10:10:00.000Z',
      reason: 'canary 5% is baking: 3m30s of 10m left; judged after 2026-03-03T10:10:00.000Z',
    });
  });

  it('ignores a passing verdict given during the bake', () => {
    const [started, early] = run([[0, null], [5, promote]]);
    expect(early).toMatchObject({ decision: 'hold', isChanged: false, weight: 5 });
    expect(early!.nextState).toBe(started!.nextState);
  });

  it('holds without change when the bake is over but no judgement is given', () => {
    const [, due] = run([[0, null], [11, null]]);
    expect(due).toMatchObject({ decision: 'hold', isChanged: false, reason: 'canary 5% has baked 10m; no judgement given, so nothing is promoted' });
  });

  it('records a judged hold and counts holds in a row', () => {
    const results = run([[0, null], [11, hold], [12, hold], [13, promote]]);
    expect(results.map(outputs).slice(1)).toEqual([
      ['hold', 5, 5, 1, true],
      ['hold', 5, 5, 1, true],
      ['promote', 5, 25, 2, true],
    ]);
    expect(results[2]!.reason).toBe('held at canary 5% (2 in a row): error-rate: nodata (0 of 10 samples)');
    expect(results[2]!.nextState.consecutiveHolds).toBe(2);
    expect(results[3]!.nextState.consecutiveHolds).toBe(0);
  });

  it('rolls back at step 2: weight to 0, rollout failed', () => {
    const [, , failed] = run([[0, null], [10, promote], [20, rollback]]);
    expect(failed).toMatchObject({
      decision: 'rollback',
      weight: 0,
      previousWeight: 25,
      step: 2,
      label: 'canary rolled back at step 2/4',
      trafficChange: { from: 25, to: 0 },
      reason: 'rolled back 25% → 0%: error-rate 7.2% > 5% (fail)',
    });
    expect(failed!.nextState.phase).toBe('failed');
  });

  it('rolls back on a failing verdict even while the step bakes', () => {
    const [, , failed] = run([[0, null], [10, promote], [12, rollback]]);
    expect(outputs(failed!)).toEqual(['rollback', 25, 0, 2, true]);
  });

  it('tolerates failing verdicts in a row up to failure-limit, and a pass resets the count', () => {
    const tolerant = plan({ 'failure-limit': '1' });
    const results = run([[0, null], [11, rollback], [12, promote], [13, rollback], [25, rollback]], tolerant);
    expect(results.map(outputs).slice(1)).toEqual([
      ['hold', 5, 5, 1, true],
      ['promote', 5, 25, 2, true],
      ['hold', 25, 25, 2, true],
      ['rollback', 25, 0, 2, true],
    ]);
    expect(results[1]!.reason).toBe('failing verdict 1 in a row, rolling back after 2 (failure-limit 1): error-rate 7.2% > 5% (fail)');
    expect(results[4]!.reason).toBe('rolled back 25% → 0% after 2 failing verdicts in a row (failure-limit 1): error-rate 7.2% > 5% (fail)');
  });

  it('judges a step with no bake time on the next tick, never in the tick that set it', () => {
    const quick = plan({ 'bake-time': '5m,10m,10m,0' });
    const results = run([[0, null], [5, promote], [15, promote], [25, promote], [25, promote], [26, promote]], quick);
    expect(results.map((result) => result.decision)).toEqual(['start', 'promote', 'promote', 'promote', 'promote', 'complete']);
    expect(results[4]!.isChanged).toBe(false); // same instant as the promotion to 100%: a re-run
    expect(results[3]!.nextCheckAfter).toBe(at(25).toISOString());
  });
});

describe('nextTick: ended rollouts, re-runs and races', () => {
  it('changes nothing on a completed rollout and says so', () => {
    const results = run([[0, null], [10, promote], [20, promote], [30, promote], [40, promote], [50, promote]]);
    const after = results[5]!;
    expect(outputs(after)).toEqual(['complete', 100, 100, 4, false]);
    expect(after.nextState).toBe(results[4]!.nextState);
    expect(after.reason).toMatch(/^the rollout of v2 completed at 2026-03-03T10:40:00.000Z \(complete at 100%: all 3 metrics pass\); nothing changes until a new version is given$/);
  });

  it('keeps answering rollback on a failed rollout, with no traffic change', () => {
    const [, failed, again] = run([[0, null], [3, rollback], [30, promote]]);
    expect(again).toMatchObject({ decision: 'rollback', weight: 0, previousWeight: 0, trafficChange: null, isChanged: false });
    expect(again!.nextState).toBe(failed!.nextState);
    expect(again!.reason).toContain('was rolled back at 2026-03-03T10:03:00.000Z');
  });

  it('a re-run of a tick (same state, same time) repeats its decision and changes nothing', () => {
    const [, promoted] = run([[0, null], [10, promote]]);
    const rerun = nextTick(plan(), promoted!.nextState, promote, at(10));
    expect(rerun).toMatchObject({ decision: 'promote', isChanged: false, trafficChange: null, weight: 25, previousWeight: 25 });
    expect(rerun.nextState).toBe(promoted!.nextState);
    expect(rerun.reason).toMatch(/^already ticked at 2026-03-03T10:10:00.000Z/);
  });

  it('a tick older than the last change is clock skew, not a re-run: it warns and judges, so the rollout never freezes', () => {
    // Step 2 started at 10 and was held at 25; a runner whose clock says 24 still judges it.
    const [, , held] = run([[0, null], [10, promote], [25, hold]]);
    const behind = nextTick(plan(), held!.nextState, rollback, at(24));
    expect(behind).toMatchObject({ decision: 'rollback', isChanged: true, weight: 0 });
    expect(behind.warnings).toEqual([`the last tick is recorded at ${at(25).toISOString()}, after this tick's time ${at(24).toISOString()}: the clocks disagree; going on with this tick's time`]);
    // Only the very same time is a re-run.
    expect(nextTick(plan(), held!.nextState, rollback, at(25)).isChanged).toBe(false);
  });

  it('a step that starts in the future restarts its bake now, instead of baking for ever', () => {
    const [started] = run([[0, null]]);
    const future = { ...started!.nextState, stepStartedAt: '2099-01-01T00:00:00.000Z', lastTickAt: '2099-01-01T00:00:00.000Z' };
    const restarted = nextTick(plan(), future, null, at(5));
    expect(restarted).toMatchObject({ decision: 'hold', isChanged: true, weight: 5, nextCheckAfter: at(15).toISOString() });
    expect(restarted.nextState.stepStartedAt).toBe(at(5).toISOString());
    expect(restarted.warnings[0]).toMatch(/^the start of canary 5% is recorded at 2099-01-01T00:00:00\.000Z, after this tick's time/);
    // Ten minutes later the step is judged as usual.
    expect(nextTick(plan(), restarted.nextState, promote, at(15))).toMatchObject({ decision: 'promote', weight: 25 });
  });

  it('a passing verdict during the bake ends a run of failing ones, as failure-limit documents', () => {
    const limited = plan({ 'failure-limit': '1' });
    const [started] = [nextTick(limited, null, null, at(0))];
    const failedOnce = nextTick(limited, started!.nextState, rollback, at(2));
    expect(failedOnce).toMatchObject({ decision: 'hold', nextState: { consecutiveFailures: 1 } });
    const passed = nextTick(limited, failedOnce.nextState, promote, at(3));
    expect(passed).toMatchObject({ decision: 'hold', isChanged: true, nextState: { consecutiveFailures: 0 } });
    expect(passed.reason).toMatch(/a passing verdict ends the run of 1 failing one/);
    // One failure after the pass is a new run of one, tolerated by failure-limit 1, not the second in a row.
    expect(nextTick(limited, passed.nextState, rollback, at(4))).toMatchObject({ decision: 'hold', nextState: { consecutiveFailures: 1 } });
    // Without the pass, two in a row roll back.
    expect(nextTick(limited, failedOnce.nextState, rollback, at(4))).toMatchObject({ decision: 'rollback', weight: 0 });
  });

  it('restarts from the first step when a new version arrives mid-rollout, as Argo Rollouts does', () => {
    const [, , atHalf] = run([[0, null], [10, promote], [20, promote]]);
    const next = plan({ 'canary-ref': 'v3' });
    const restarted = nextTick(next, atHalf!.nextState, null, at(21));
    expect(restarted).toMatchObject({ decision: 'start', previousWeight: 50, weight: 5, step: 1, trafficChange: { from: 50, to: 5 } });
    expect(restarted.reason).toBe('v3 replaces v2 mid-rollout at 50% and restarts from the first step: canary 5%, judged after 10m');
    expect(restarted.nextState).toMatchObject({ version: 4, startedAt: at(21).toISOString(), plan: { canary: { ref: 'v3' } } });
    const closed = supersededBy(atHalf!.nextState, restarted.nextState);
    expect(closed).toMatchObject({ phase: 'superseded', weight: 0, version: 4 });
    expect(closed.history.at(-1)?.reason).toBe('superseded by v3 at 50%; traffic moved to the new version');
  });

  it('starts a new version after a completed one from 0', () => {
    const results = run([[0, null], [10, promote], [20, promote], [30, promote], [40, promote]]);
    const fresh = nextTick(plan({ 'canary-ref': 'v3' }), results[4]!.nextState, null, at(60));
    expect(outputs(fresh)).toEqual(['start', 0, 5, 1, true]);
    expect(fresh.nextState.version).toBe(6);
  });

  it('never promotes from a state that does not fit its plan', () => {
    const [started] = run([[0, null]]);
    const broken: RolloutState = { ...started!.nextState, stepIndex: 7 };
    for (const result of [nextTick(plan(), broken, promote, at(30)), nextTick(plan({ 'canary-ref': 'v3' }), broken, promote, at(30))]) {
      expect(result).toMatchObject({ decision: 'hold', isChanged: false, trafficChange: null });
      expect(result.reason).toBe("the stored rollout state cannot be trusted (step index 7 is outside the plan's 4 steps); holding: fix or remove the state");
    }
    const badTime = nextTick(plan(), { ...started!.nextState, lastTickAt: 'yesterday' }, promote, at(30));
    expect(badTime.reason).toContain('`lastTickAt` is not a time: "yesterday"');
    const badWeight = nextTick(plan(), { ...started!.nextState, weight: 50 }, promote, at(30));
    expect(badWeight.reason).toContain('weight 50% does not match step 1 (canary 5%)');
  });

  it.each<[string, (state: RolloutState) => RolloutState, string]>([
    ['complete at 25%', (s) => ({ ...s, phase: 'complete', stepIndex: 1, weight: 25 }), 'it says complete at step 2 of 4; a rollout completes only at its last step'],
    ['complete at the last step but 50%', (s) => ({ ...s, phase: 'complete', stepIndex: 3, weight: 50 }), 'it says complete at 50%, but its last step is 100%'],
    ['steps [5]', (s) => ({ ...s, plan: { ...s.plan, steps: [5], bakeMs: [600_000] } as RolloutState['plan'] }), 'its plan has steps 5, which end at 5%, so the rollout would never complete'],
    ['steps not increasing', (s) => ({ ...s, plan: { ...s.plan, steps: [5, 50, 25, 100], bakeMs: [1, 1, 1, 1] } as RolloutState['plan'] }), 'its plan has steps 5,50,25,100, where 50 then 25 does not increase'],
    ['a step of 0', (s) => ({ ...s, plan: { ...s.plan, steps: [0, 100], bakeMs: [1, 1] } as RolloutState['plan'] }), 'its plan has step 0%, not a whole percent from 1 to 100'],
    ['bake times not matching the steps', (s) => ({ ...s, plan: { ...s.plan, bakeMs: [600_000] } as RolloutState['plan'] }), 'its plan has 1 bake times for 4 steps'],
    ['an endless bake', (s) => ({ ...s, plan: { ...s.plan, bakeMs: [1e300, 1, 1, 1] } as RolloutState['plan'] }), 'its plan has a bake time that is not a duration up to 2147483647 ms'],
    ['rolled back yet on traffic', (s) => ({ ...s, phase: 'failed', weight: 5 }), 'it says rolled back, yet gives the canary 5%'],
    ['a negative failure count', (s) => ({ ...s, consecutiveFailures: -1 }), '`consecutiveFailures` -1 is not a count'],
  ])('a hand-edited state (%s) holds with one line saying why, never complete or promote', (_, edit, problem) => {
    const [started] = run([[0, null]]);
    const result = nextTick(plan(), edit(started!.nextState), promote, at(30));
    expect(result).toMatchObject({ decision: 'hold', isChanged: false, trafficChange: null });
    expect(result.reason).toContain(problem);
  });

  it('says when a judgement is due, so the action can skip the metrics while a step bakes', () => {
    const [started] = run([[0, null]]);
    expect(isJudgementDue(plan(), null, at(0))).toBe(false);
    expect(isJudgementDue(plan(), started!.nextState, at(9))).toBe(false);
    expect(isJudgementDue(plan(), started!.nextState, at(10))).toBe(true);
    expect(isJudgementDue(plan({ 'canary-ref': 'v3' }), started!.nextState, at(10))).toBe(false);
  });
});

describe('rolloutLabel', () => {
  it('names the release with its step, for summaries of several rollouts', () => {
    const [started] = run([[0, null]], plan({ 'canary-ref': 'a'.repeat(40), 'canary-version': '2.1.0' }));
    expect(rolloutLabel(started!.nextState)).toBe('canary 5% (step 1/4) of 2.1.0 (aaaaaaa)');
  });
});
