import { describe, expect, it } from 'vitest';
import { type RollbackPlan, rollBack } from '../../../src/actions/auto-rollback/rollback.js';
import { decideVerdict } from '../../../src/actions/auto-rollback/verdict.js';
import type { StateStore } from '../../../src/state/state-store.js';
import type { PlatformRollbackRequest, RollbackTarget } from '../../../src/targets/rollback-target.js';

/** The platform-rollback step: where it sits, what it goes back to, and what its outcome means for the verdict. */
const T0 = Date.parse('2026-03-03T10:00:00.000Z');

function fakes(options: { alreadyFailed?: boolean; alreadyRestored?: boolean; lastGood?: 'found' | 'none' | 'broken' | 'no-method'; outcome?: 'ok' | 'unverified' | 'fault' } = {}) {
  const events: string[] = [];
  const requests: PlatformRollbackRequest[] = [];
  const platform: RollbackTarget = {
    kind: 'fake',
    describe: () => 'fake platform',
    rollBack: async (request) => {
      requests.push(request);
      events.push('platform');
      if (options.outcome === 'fault') return { ok: false, error: { kind: 'provider', message: 'answered 503 after 3 tries' } };
      const passed = options.outcome !== 'unverified';
      return { ok: true, value: { target: 'fake platform', restored: { id: 'dpl_1', url: null }, alreadyRestored: options.alreadyRestored === true, dryRun: false, calls: ['POST /restore → 201'], verification: { passed, detail: passed ? 'serves dpl_1' : 'serves dpl_2' }, durationMs: 40 } };
    },
  };
  const store: StateStore = {
    kind: 'github',
    where: 'octo/app deployments',
    load: async () => ({ ok: true, value: null }),
    save: async () => ({ ok: true, value: 'saved' }),
    markFailed: async () => (events.push('mark failed'), { ok: true, value: options.alreadyFailed ? { status: 'already-failed', message: 'already' } : { status: 'marked', message: 'marked v2 failed' } }),
    restoreLastGood: async () => (events.push('restore'), { ok: true, value: { status: 'restored', ref: 'v1', sha: '1'.repeat(40), message: 'restored v1' } }),
    ...(options.lastGood === 'no-method'
      ? {}
      : {
          findLastGood: async () => {
            events.push('find last good');
            if (options.lastGood === 'broken') return { ok: false, error: { kind: 'unavailable', message: 'GitHub answered 502' } };
            if (options.lastGood === 'none') return { ok: true, value: null };
            return { ok: true, value: { ref: 'v1', sha: '1'.repeat(40), message: 'v1 (1111111)' } };
          },
        }),
  } as StateStore;
  let now = T0;
  const plan: RollbackPlan = {
    values: { version: 'v2', stable: 'v1', environment: 'production', reason: 'error-rate breached' },
    knownStable: null,
    target: null,
    platform,
    command: null,
    store,
    verify: { urls: [], timeoutMs: 0, check: async () => ({ url: '', isHealthy: true, status: 200, durationMs: 0, reason: '' }) },
    now: () => new Date((now += 1_000)),
    sleep: async () => undefined,
  };
  return { plan, events, requests };
}

const detection = { reason: 'error-rate breached', detectedAt: T0, firstBreachAt: T0 - 60_000 };

describe('platform-rollback step', () => {
  it('runs after mark-failed and before restore, goes back to the store\'s last good commit, and counts as traffic restored', async () => {
    const { plan, events, requests } = fakes();
    const outcome = await rollBack(plan);
    expect(events).toEqual(['mark failed', 'find last good', 'platform', 'restore']);
    expect(requests).toEqual([{ version: 'v2', lastGood: '1'.repeat(40) }]);
    expect(outcome.steps.map((step) => `${step.name}:${step.status}`)).toEqual(['traffic:skipped', 'mark-failed:done', 'platform-rollback:done', 'rollback-command:skipped', 'restore:done', 'verify:skipped']);
    expect(outcome.steps[2]!.evidence).toMatchObject({ restored: { id: 'dpl_1' }, calls: ['POST /restore → 201'], lastGood: { release: '1'.repeat(40), from: 'octo/app deployments: v1 (1111111)' } });
    expect(outcome.trafficRestoredAt).toBe(T0 + 2_000);
    const verdict = decideVerdict({ version: 'v2', environment: 'production', watch: null, detection, rollback: outcome });
    expect(verdict).toMatchObject({ decision: 'rolled-back', isRolledBack: true, rollbackSeconds: 62 });
  });

  it('falls back to stable-version, then to the platform\'s own previous deployment, and says why', async () => {
    const broken = fakes({ lastGood: 'broken' });
    await rollBack({ ...broken.plan, knownStable: 'v1-sha' });
    expect(broken.requests[0]!.lastGood).toBe('v1-sha');
    const none = fakes({ lastGood: 'none' });
    const outcome = await rollBack(none.plan);
    expect(none.requests[0]!.lastGood).toBeNull();
    expect((outcome.steps[2]!.evidence.lastGood as { from: string }).from).toBe("the platform's previous production deployment (octo/app deployments has no good deployment before v2, and no stable-version)");
  });

  it('a re-run (the release already marked failed) asks the platform, which changes nothing when production is back', async () => {
    const { plan, events } = fakes({ alreadyFailed: true, alreadyRestored: true });
    const outcome = await rollBack(plan);
    expect(events).toContain('platform');
    expect(outcome.isRepeat).toBe(true);
    expect(outcome.steps[2]).toMatchObject({ name: 'platform-rollback', status: 'already' });
  });

  it('a re-run after a failed platform rollback rolls the platform back, and is no repeat', async () => {
    const { plan } = fakes({ alreadyFailed: true });
    const outcome = await rollBack(plan);
    expect(outcome.isRepeat).toBe(false);
    expect(outcome.steps[2]).toMatchObject({ name: 'platform-rollback', status: 'done' });
  });

  it('a platform fault or a read-back that disagrees is rollback-failed', async () => {
    for (const outcome of ['fault', 'unverified'] as const) {
      const { plan } = fakes({ outcome });
      const rolled = await rollBack(plan);
      expect(rolled.isFailed).toBe(true);
      expect(rolled.trafficRestoredAt).toBeNull();
      expect(decideVerdict({ version: 'v2', environment: 'production', watch: null, detection, rollback: rolled }).decision).toBe('rollback-failed');
    }
  });
});
