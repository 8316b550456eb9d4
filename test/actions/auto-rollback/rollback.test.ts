import { describe, expect, it } from 'vitest';
import { type RollbackPlan, rollBack } from '../../../src/actions/auto-rollback/rollback.js';
import { decideVerdict } from '../../../src/actions/auto-rollback/verdict.js';
import type { StateStore } from '../../../src/state/state-store.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';

/** A rollback always wins over a racing canary tick: the stable weight is applied again after the release is marked failed. */
const T0 = Date.parse('2026-03-03T10:00:00.000Z');

function fakes(options: { failSecond?: boolean } = {}) {
  const events: string[] = [];
  let sets = 0;
  const target: TrafficTarget = {
    kind: 'command',
    describe: () => 'command set-weight',
    setWeight: async ({ canaryWeight }) => {
      sets++;
      events.push(`set ${canaryWeight}`);
      if (options.failSecond && sets === 2) return { ok: false, error: { kind: 'provider', message: 'set-weight exited 1' } };
      return { ok: true, value: { target: 'command set-weight', canaryWeight, stableWeight: 100 - canaryWeight, dryRun: false, steps: [], file: null, verification: null, durationMs: 5 } };
    },
  };
  const store: StateStore = {
    kind: 'file',
    where: 'state.json',
    load: async () => ({ ok: true, value: null }),
    save: async () => ({ ok: true, value: 'saved' }),
    markFailed: async () => (events.push('mark failed'), { ok: true, value: { status: 'marked', message: 'marked v2 failed' } }),
    restoreLastGood: async () => (events.push('restore'), { ok: true, value: { status: 'restored', ref: 'v1', sha: null, message: 'restored v1' } }),
  };
  let now = T0;
  const plan: RollbackPlan = {
    values: { version: 'v2', stable: 'v1', environment: 'production', reason: 'error-rate breached' },
    knownStable: null,
    target,
    platform: null,
    command: null,
    store,
    verify: { urls: [], timeoutMs: 0, check: async () => ({ url: '', isHealthy: true, status: 200, durationMs: 0, reason: '' }) },
    now: () => new Date((now += 1_000)),
    sleep: async () => undefined,
  };
  return { plan, events };
}

describe('the stable weight once more after marking the release failed', () => {
  it('runs after mark-failed and restore, and rollback-seconds still counts to the first application', async () => {
    const { plan, events } = fakes();
    const outcome = await rollBack(plan);
    expect(events).toEqual(['set 0', 'mark failed', 'restore', 'set 0']);
    expect(outcome.steps.map((step) => `${step.name}:${step.status}`)).toEqual(['traffic:done', 'mark-failed:done', 'rollback-command:skipped', 'restore:done', 'reapply-traffic:done', 'verify:skipped']);
    expect(outcome.steps[4]!.message).toBe("command set-weight: 100% to the stable version in 5 ms (after marking v2 failed, so a canary tick's move that landed since step 1 is undone)");
    expect(outcome.trafficRestoredAt).toBe(T0 + 1_000);
  });

  it('is skipped without a state store: nothing is marked failed for a canary tick to respect', async () => {
    const { plan, events } = fakes();
    const outcome = await rollBack({ ...plan, store: null });
    expect(events).toEqual(['set 0']);
    expect(outcome.steps.map((step) => step.name)).not.toContain('reapply-traffic');
  });

  it('failing, it fails the rollback, and traffic is not claimed to be back', async () => {
    const { plan } = fakes({ failSecond: true });
    const outcome = await rollBack(plan);
    expect(outcome.isFailed).toBe(true);
    const detection = { reason: 'error-rate breached', detectedAt: T0, firstBreachAt: T0 };
    expect(decideVerdict({ version: 'v2', environment: 'production', watch: null, detection, rollback: outcome })).toMatchObject({ decision: 'rollback-failed', isRolledBack: false });
  });
});
