import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../../../src/actions/canary-promote/store.js';
import type { StateStore } from '../../../src/state/state-store.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { closeRollout } from '../../../src/engine/rollout/state.js';
import { brief, tick, trafficLog } from './harness.js';
import { FAULTY_CANARY, HEALTHY_BASELINE, IDLE_CANARY, analysisYaml, makeWorkdir, minutes } from './support.js';

/**
 * The tick's orchestration with real adapters: the file state store, the
 * `file` metric source and a command target appending each weight to a log.
 */

describe('a tick of canary-promote', () => {
  it('walks a healthy release 5% → 25% → 50% → 100% → complete, moving traffic once per step', async () => {
    const work = await makeWorkdir('rg-tick-healthy-');
    const ticks = [];
    for (const [at, ref] of [[0, 'v2'], [10, ''], [20, ''], [30, ''], [40, '']] as const) ticks.push(await tick(work, { now: minutes(at), 'canary-ref': ref }));
    expect(ticks.map(brief)).toEqual([
      ['start', 0, 5, 1, null],
      ['promote', 5, 25, 2, null],
      ['promote', 25, 50, 3, null],
      ['promote', 50, 100, 4, null],
      ['complete', 100, 100, 4, null],
    ]);
    expect(await trafficLog(work)).toEqual(['5 v2', '25 v2', '50 v2', '100 v2']);
    expect(ticks[0]!.judged).toBeNull();
    expect(ticks[1]!.standing.reason).toBe('promoted 5% → 25%, judged after 10m: 2 metrics passed');
    expect(ticks[1]!.standing.nextCheckAfter).toBe(minutes(20));
    expect(ticks[1]!.judged?.span).toEqual({ from: minutes(0), to: minutes(10), windowMs: 600_000 });
    expect(ticks[1]!.judged?.judgement.metrics.map((m) => [m.metric, m.status, m.samples])).toEqual([
      ['error-rate', 'pass', { canary: 10, baseline: 10 }],
      ['latency', 'pass', { canary: 10, baseline: 10 }],
    ]);
    expect(ticks[4]!.standing.nextCheckAfter).toBeNull();
    expect(ticks[4]!.state?.phase).toBe('complete');
  });

  it('holds while a step bakes, and says how long is left; metrics are not read before one interval of data exists', async () => {
    const work = await makeWorkdir('rg-tick-bake-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const early = await tick(work, { now: new Date(Date.parse(minutes(0)) + 30_000).toISOString() });
    expect(early.judged).toBeNull();
    // Metrics that cannot be read are an error, so the background analysis holds: never a promote, never a rollback.
    await rm(work.metrics);
    const baking = await tick(work, { now: minutes(4) });
    expect(brief(baking)).toEqual(['hold', 5, 5, 1, null]);
    expect(baking.standing.reason).toBe('canary 5% is baking: 6m of 10m left; judged after 2026-03-03T10:10:00.000Z');
    expect(baking.standing.nextCheckAfter).toBe(minutes(10));
    expect(baking.judged?.verdict.verdict).toBe('hold');
    // Nothing saved; the stored weight is re-applied, which heals a run that died between saving and moving.
    expect(baking.commit).toMatchObject({ kind: 'unchanged', sync: { steps: [{ weight: 5, inPlace: false }], overtakenBy: null, fault: null } });
    expect(await trafficLog(work)).toEqual(['5 v2', '5 v2', '5 v2']);
  });

  it('rolls a clearly faulty canary back while its step still bakes (background analysis), at an interim look\'s level', async () => {
    const work = await makeWorkdir('rg-tick-early-', FAULTY_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const rolled = await tick(work, { now: minutes(4) });
    expect(brief(rolled)).toEqual(['rollback', 5, 0, 1, null]);
    expect(rolled.standing.reason).toMatch(/^rolled back 5% → 0%: .*error-rate 10% exceeds max 5%/);
    expect(rolled.judged?.judgement.look).toEqual({ index: 4, count: 10 });
    expect(await trafficLog(work)).toEqual(['5 v2', '0 v2']);
  });

  it('rolls a faulty canary back to 0% with the numbers, and a re-run repeats the decision, only re-applying 0%', async () => {
    const work = await makeWorkdir('rg-tick-faulty-', FAULTY_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const rolled = await tick(work, { now: minutes(10) });
    expect(brief(rolled)).toEqual(['rollback', 5, 0, 1, null]);
    expect(rolled.standing.reason).toMatch(/^rolled back 5% → 0%: 2 metrics failed \(error-rate, latency\) > failure-limit 0: error-rate 10% exceeds max 5% \(baseline 0\.5%\); latency 399\.5 vs baseline 199\.5 \(\+100%, p=1\.1e-5 < 0\.018\) exceeds max-increase 20%$/);
    expect(await trafficLog(work)).toEqual(['5 v2', '0 v2']);
    const again = await tick(work, { now: minutes(15) });
    expect(again.standing.decision).toBe('rollback');
    expect(again.standing.reason).toMatch(/^the rollout of v2 was rolled back at 2026-03-03T10:10:00\.000Z/);
    expect(await trafficLog(work)).toEqual(['5 v2', '0 v2', '0 v2']);
  });

  it('holds when the canary got no traffic: no data is never a pass nor a failure', async () => {
    const work = await makeWorkdir('rg-tick-idle-', IDLE_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const held = await tick(work, { now: minutes(10) });
    expect(brief(held)).toEqual(['hold', 5, 5, 1, null]);
    expect(held.standing.reason).toBe(
      'held at canary 5% (1 in a row): 2 metrics not yet decided (error-rate, latency): error-rate: no data: canary saw no requests in 10 samples; latency: no data: canary has 0 of 5 required samples',
    );
    expect(held.judged?.judgement.metrics.map((m) => m.status)).toEqual(['nodata', 'nodata']);
    expect(await trafficLog(work)).toEqual(['5 v2', '5 v2']);
  });

  it('dry run judges and says what it would do, but saves nothing and moves nothing', async () => {
    const work = await makeWorkdir('rg-tick-dry-');
    const first = await tick(work, { now: minutes(0), 'canary-ref': 'v2', 'dry-run': 'true' });
    expect(brief(first)).toEqual(['start', 0, 5, 1, null]);
    expect(first.standing.reason).toBe('dry run, nothing changed: would start 0% → 5%: started the rollout of v2: canary 5%, judged after 10m');
    expect(first.commit).toMatchObject({ kind: 'dry-run', planned: { canaryWeight: 5, dryRun: true, steps: [{ name: 'set-weight', outcome: null }] } });
    expect(existsSync(work.stateFile)).toBe(false);
    expect(await trafficLog(work)).toEqual([]);

    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const before = await readFile(work.stateFile, 'utf8');
    const shadow = await tick(work, { now: minutes(10), 'dry-run': 'true' });
    expect(shadow.standing.reason).toBe('dry run, nothing changed: would promote 5% → 25%: promoted 5% → 25%, judged after 10m: 2 metrics passed');
    expect(shadow.judged?.judgement.verdict).toBe('promote');
    expect(await readFile(work.stateFile, 'utf8')).toBe(before);
    expect(await trafficLog(work)).toEqual(['5 v2']);
  });

  it('a second run of the same tick changes nothing', async () => {
    const work = await makeWorkdir('rg-tick-rerun-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    await tick(work, { now: minutes(10) });
    const saved = await readFile(work.stateFile, 'utf8');
    const again = await tick(work, { now: minutes(10) });
    expect(again.commit).toMatchObject({ kind: 'unchanged', sync: { steps: [{ weight: 25 }] } });
    expect(again.judged).toBeNull();
    expect(brief(again)).toEqual(['promote', 25, 25, 2, null]);
    expect(again.standing.reason).toMatch(/^already ticked at 2026-03-03T10:10:00\.000Z \(this tick: 2026-03-03T10:10:00\.000Z\); a re-run changes nothing/);
    expect(await readFile(work.stateFile, 'utf8')).toBe(saved);
    // The same weight again, and only that: setting a weight is idempotent.
    expect(await trafficLog(work)).toEqual(['5 v2', '25 v2', '25 v2']);
  });

  it('of two runs racing on one state, the loser saves nothing, moves nothing and says so', async () => {
    const work = await makeWorkdir('rg-tick-race-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const store = await openStateStore({ kind: 'file', path: work.stateFile }, undefined, work.dir, {});
    const stale = await store.load('production');
    await tick(work, { now: minutes(10) });
    // The loser read the state before the winner saved; its later reads are fresh.
    const staleRead = (real: StateStore): StateStore => {
      let reads = 0;
      return { ...real, load: async (key) => (reads++ === 0 ? stale : real.load(key)) };
    };
    const loser = await tick(work, { now: minutes(11) }, { wrapStore: staleRead });
    expect(loser.commit?.kind).toBe('conflict');
    expect(loser.state?.version).toBe(2);
    expect(brief(loser)).toEqual(['hold', 25, 25, 2, null]);
    expect(loser.standing.reason).toBe('another run saved this rollout first (now version 2, canary 25% (step 2/4)); this run saved nothing and moved no traffic');
    expect(await trafficLog(work)).toEqual(['5 v2', '25 v2']);
  });

  it('a promotion the traffic target refuses is undone: the step holds, fails loudly, and the next tick retries', async () => {
    const work = await makeWorkdir('rg-tick-refused-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    await writeFile(work.breakFlag, '');
    const refused = await tick(work, { now: minutes(10) });
    expect(brief(refused)).toEqual(['hold', 5, 5, 1, expect.stringMatching(/^traffic was not moved 5% → 25%: set-weight .* exited with 3: load balancer refused the change; the rollout is back on its previous step/)]);
    expect(refused.state).toMatchObject({ stepIndex: 0, weight: 5, version: 3 });
    expect(await trafficLog(work)).toEqual(['5 v2']);

    await rm(work.breakFlag);
    const retried = await tick(work, { now: minutes(11) });
    expect(brief(retried)).toEqual(['promote', 5, 25, 2, null]);
    expect(await trafficLog(work)).toEqual(['5 v2', '25 v2']);
  });

  it('a first step the target refuses holds at 0% and fails, as there is no step to go back to', async () => {
    const work = await makeWorkdir('rg-tick-refused-start-');
    await writeFile(work.breakFlag, '');
    const refused = await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    expect(brief(refused)).toEqual(['hold', 0, 0, 1, expect.stringMatching(/^traffic was not moved 0% → 5%: .*; the state says 5% \(kept: the rollout has no earlier step to go back to\): set the weight by hand/)]);
  });

  it('a new version supersedes the rollout in progress and restarts from the first step; a completed one becomes the stable', async () => {
    const work = await makeWorkdir('rg-tick-supersede-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    await tick(work, { now: minutes(10) });
    const v3 = await tick(work, { now: minutes(12), 'canary-ref': 'v3' });
    expect(brief(v3)).toEqual(['start', 25, 5, 1, null]);
    expect(v3.standing.reason).toBe('v3 replaces v2 mid-rollout at 25% and restarts from the first step: canary 5%, judged after 10m');
    expect(await trafficLog(work)).toEqual(['5 v2', '25 v2', '5 v3']);
    for (const at of [22, 32, 42, 52]) await tick(work, { now: minutes(at) });
    const v4 = await tick(work, { now: minutes(60), 'canary-ref': 'v4' });
    expect(v4.state?.plan).toMatchObject({ canary: { ref: 'v4' }, stable: { ref: 'v3' } });
  });

  it('an unreadable state holds and fails, naming the file; nothing moves', async () => {
    const work = await makeWorkdir('rg-tick-corrupt-');
    await writeFile(work.stateFile, '{ "schema": ');
    const outcome = await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    expect(outcome.standing).toMatchObject({ decision: 'hold', position: null, failure: expect.stringContaining(`state file \`${work.stateFile}\` is not valid JSON`) });
    expect(await trafficLog(work)).toEqual([]);
  });

  it('a stored state that does not add up holds and fails, and nothing moves', async () => {
    const work = await makeWorkdir('rg-tick-untrusted-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const file = JSON.parse(await readFile(work.stateFile, 'utf8')) as { rollouts: { production: { state: { weight: number } } } };
    file.rollouts.production.state.weight = 30;
    await writeFile(work.stateFile, JSON.stringify(file));
    const outcome = await tick(work, { now: minutes(10) });
    expect(brief(outcome)).toEqual(['hold', 30, 30, 1, 'the stored rollout state cannot be trusted (weight 30% does not match step 1 (canary 5%)); holding: fix or remove the state']);
    expect(outcome.judged).toBeNull();
    expect(await trafficLog(work)).toEqual(['5 v2']);
  });

  it('without a traffic target it saves the state and leaves the weight to a later step', async () => {
    const work = await makeWorkdir('rg-tick-no-target-');
    const outcome = await tick(work, { now: minutes(0), 'canary-ref': 'v2', 'traffic-command': '' });
    expect(outcome.commit).toEqual({ kind: 'saved', change: null, sync: null });
    expect(brief(outcome)).toEqual(['start', 0, 5, 1, null]);
    expect(outcome.target).toBeNull();
  });

  it('names the release from GITHUB_SHA for a first rollout, else `canary` with a warning', async () => {
    const work = await makeWorkdir('rg-tick-release-');
    const sha = 'a'.repeat(40);
    const fromSha = await tick(work, { now: minutes(0) }, { env: { GITHUB_SHA: sha } });
    expect(fromSha.settled).toMatchObject({ canarySource: 'GITHUB_SHA', plan: { canary: { ref: sha } } });
    // Later ticks continue that rollout whatever GITHUB_SHA says now.
    const later = await tick(work, { now: minutes(10) }, { env: { GITHUB_SHA: 'b'.repeat(40) } });
    expect(later.settled).toMatchObject({ canarySource: 'current rollout', plan: { canary: { ref: sha } } });
    const other = await makeWorkdir('rg-tick-release-none-');
    const named = await tick(other, { now: minutes(0) });
    expect(named.settled?.canarySource).toBe('default');
    expect(named.log).toContain('warning: no `canary-ref`, `canary-version` or GITHUB_SHA: the release is named `canary`; give `canary-ref` so a new version starts a new rollout');
  });

  it('runs a blue-green release: analysis on the idle colour, switch, post-promotion analysis, scale-down delay', async () => {
    const work = await makeWorkdir('rg-tick-blue-green-');
    const inputs = { strategy: 'blue-green', 'bake-time': '5m,10m', 'scale-down-delay': '2m' };
    const ticks = [];
    for (const [at, ref] of [[0, 'green'], [5, ''], [15, ''], [17, '']] as const) ticks.push(await tick(work, { ...inputs, now: minutes(at), 'canary-ref': ref }));
    expect(ticks.map(brief)).toEqual([
      ['start', 0, 0, 1, null],
      ['promote', 0, 100, 2, null],
      ['promote', 100, 100, 3, null],
      ['complete', 100, 100, 3, null],
    ]);
    // The idle colour's 0% is re-applied while it is analysed; then one switch to 100%, re-applied while the new colour is analysed live.
    expect(await trafficLog(work)).toEqual(['0 green', '100 green', '100 green']);
  });

  it('takes the canary and stable versions from the inputs, and names the canary version to the traffic command', async () => {
    const work = await makeWorkdir('rg-tick-versions-');
    await work.writeMetrics(HEALTHY_BASELINE, FAULTY_CANARY);
    const outcome = await tick(work, { now: minutes(0), 'canary-ref': 'abc1234', 'canary-version': '2.0.0', 'stable-ref': '1.9.0' });
    expect(outcome.state?.plan).toMatchObject({ canary: { ref: 'abc1234', version: '2.0.0' }, stable: { ref: '1.9.0', version: '1.9.0' } });
    expect(await trafficLog(work)).toEqual(['5 2.0.0']);
  });

  it('a rollback always wins: a promotion whose slow move lands after an auto-rollback is set back to 0%', async () => {
    const work = await makeWorkdir('rg-tick-race-rollback-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    // While this tick's traffic command runs, auto-rollback marks the release failed and puts traffic on the
    // stable version; the tick's 25% lands after that.
    const racing = (target: TrafficTarget, store: StateStore): TrafficTarget => ({
      ...target,
      describe: () => target.describe(),
      setWeight: async (request) => {
        if (request.canaryWeight === 25) {
          const loaded = await store.load('production');
          if (!loaded.ok || loaded.value === null) throw new Error('no state to race on');
          const failed = closeRollout(loaded.value.state, 'failed', 'error rate over 5% for 5 minutes', minutes(10.5));
          await store.save('production', failed, loaded.value.version);
          await target.setWeight({ ...request, canaryWeight: 0 });
        }
        return target.setWeight(request);
      },
    });
    const promoted = await tick(work, { now: minutes(10) }, { wrapTarget: racing });
    expect(await trafficLog(work)).toEqual(['5 v2', '0 v2', '25 v2', '0 v2']);
    expect(promoted.state).toMatchObject({ phase: 'failed', weight: 0 });
    expect(brief(promoted)).toEqual(['hold', 25, 0, 2, null]);
    expect(promoted.standing.reason).toMatch(/^another run changed this rollout while this tick moved traffic \(now version 3, canary rolled back at step 2\/4\); traffic set to 0% as it says$/);
    // The next tick repeats the rollback and keeps traffic at 0%.
    const after = await tick(work, { now: minutes(12) });
    expect(after.standing.decision).toBe('rollback');
    expect((await trafficLog(work)).at(-1)).toBe('0 v2');
  });

  it('a run that died between saving and moving is healed by the next tick, which re-applies the saved weight', async () => {
    const work = await makeWorkdir('rg-tick-crash-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    // The promotion to 25% is saved, then the runner dies before the traffic command runs.
    const dying = (target: TrafficTarget): TrafficTarget => ({
      ...target,
      describe: () => target.describe(),
      setWeight: async () => {
        throw new Error('the runner was killed');
      },
    });
    await expect(tick(work, { now: minutes(10) }, { wrapTarget: dying })).rejects.toThrow('the runner was killed');
    expect(JSON.parse(await readFile(work.stateFile, 'utf8')).rollouts.production.state).toMatchObject({ weight: 25, stepIndex: 1 });
    expect(await trafficLog(work)).toEqual(['5 v2']);
    const healed = await tick(work, { now: minutes(11) });
    expect(brief(healed)).toEqual(['hold', 25, 25, 2, null]);
    expect(await trafficLog(work)).toEqual(['5 v2', '25 v2']);
  });

  it('a clock behind the last tick warns and judges instead of freezing the rollout', async () => {
    const work = await makeWorkdir('rg-tick-skew-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    await tick(work, { now: minutes(12) }); // promoted to 25%, step started at 12
    await tick(work, { now: minutes(25) }); // promoted to 50%, step started at 25
    // A runner whose clock is 2 minutes behind the last tick, after 50%'s bake would be over by the right clock.
    const file = JSON.parse(await readFile(work.stateFile, 'utf8')) as { rollouts: { production: { state: { lastTickAt: string } } } };
    file.rollouts.production.state.lastTickAt = minutes(40);
    await writeFile(work.stateFile, JSON.stringify(file));
    const behind = await tick(work, { now: minutes(38) });
    expect(behind.log).toContain(`warning: the last tick is recorded at ${minutes(40)}, after this tick's time ${minutes(38)}: the clocks disagree; going on with this tick's time`);
    expect(brief(behind)).toEqual(['promote', 50, 100, 4, null]);
  });

  it('background analysis never rolls back for too few samples, even with on-no-data: fail', async () => {
    const work = await makeWorkdir('rg-tick-bake-nodata-');
    await writeFile(work.analysis, analysisYaml(work.metrics).replace('    min-samples: 5\n', '    min-samples: 5\n    on-no-data: fail\n'));
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const early = await tick(work, { now: minutes(2) });
    expect(brief(early)).toEqual(['hold', 5, 5, 1, null]);
    expect(early.judged?.judgement.metrics.find((m) => m.metric === 'latency')?.reason).toBe('latency: no data: canary has 2 of 5 required samples (too early in the bake to fail on no data)');
    // At the end of the bake the canary has its samples, and is judged on them.
    expect(brief(await tick(work, { now: minutes(10) }))).toEqual(['promote', 5, 25, 2, null]);
  });

  it('refuses an analysis with a metric no threshold can judge at 100%, naming the file, line and metric', async () => {
    const work = await makeWorkdir('rg-tick-relative-only-');
    await writeFile(work.analysis, analysisYaml(work.metrics).replace('    max: 1000\n', ''));
    await expect(tick(work, { now: minutes(0), 'canary-ref': 'v2' })).rejects.toThrow(/analysis\.yml:\d+: metrics\.latency\.max-increase: is the only kind of threshold here, but at 100% traffic .* add `max` or `min` to this metric/);
  });
});
