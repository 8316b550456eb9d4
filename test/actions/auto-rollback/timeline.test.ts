import { describe, expect, it } from 'vitest';
import type { GuardResult } from '../../../src/actions/auto-rollback/guard.js';
import { rollbackTimeline } from '../../../src/actions/auto-rollback/timeline.js';

const T0 = Date.parse('2026-03-03T10:00:00.000Z');

function result(overrides: Partial<GuardResult>): GuardResult {
  return {
    watch: null,
    detection: { reason: null, detectedAt: null, firstBreachAt: null },
    rollback: null,
    verdict: { decision: 'healthy', isRolledBack: false, restoredRef: null, reason: '', detectedAt: null, rollbackSeconds: null, summary: '' },
    intervalMs: 60_000,
    ...overrides,
  };
}

describe('the rollback timeline', () => {
  it('lists what the run observed, oldest first: watch, first breach, decision, restore, end', () => {
    const timeline = rollbackTimeline(
      result({
        watch: { startedAt: T0, endedAt: T0 + 240_000 } as GuardResult['watch'],
        detection: { reason: 'error-rate breached max 5%', detectedAt: T0 + 240_000, firstBreachAt: T0 + 120_000 },
        rollback: { steps: [], trafficRestoredAt: T0 + 243_400, restoredRef: 'v1', isRepeat: false, isFailed: false },
        verdict: { decision: 'rolled-back', isRolledBack: true, restoredRef: 'v1', reason: '', detectedAt: null, rollbackSeconds: 123.4, summary: '' },
      }),
      new Date(T0),
      new Date(T0 + 250_000),
    );
    expect(timeline).toEqual([
      { at: '2026-03-03T10:00:00.000Z', event: 'watch started' },
      { at: '2026-03-03T10:02:00.000Z', event: 'first breaching sample' },
      { at: '2026-03-03T10:04:00.000Z', event: 'rollback decided: error-rate breached max 5%' },
      { at: '2026-03-03T10:04:03.400Z', event: 'users back on the stable version' },
      { at: '2026-03-03T10:04:10.000Z', event: 'run ended: rolled-back' },
    ]);
  });

  it('leaves out what did not happen: traffic never restored is not listed as restored', () => {
    const timeline = rollbackTimeline(
      result({
        detection: { reason: 'manual rollback: ops', detectedAt: T0, firstBreachAt: T0 },
        rollback: { steps: [], trafficRestoredAt: null, restoredRef: null, isRepeat: false, isFailed: true },
        verdict: { decision: 'rollback-failed', isRolledBack: false, restoredRef: null, reason: '', detectedAt: null, rollbackSeconds: null, summary: '' },
      }),
      new Date(T0),
      new Date(T0 + 5_000),
    );
    expect(timeline.map((entry) => entry.event)).toEqual(['rollback requested (`force`)', 'first breaching sample', 'rollback decided: manual rollback: ops', 'run ended: rollback-failed']);
  });
});
