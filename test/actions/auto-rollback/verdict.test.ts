import { describe, expect, it } from 'vitest';
import type { RollbackOutcome, RollbackStep } from '../../../src/actions/auto-rollback/rollback.js';
import { decideVerdict } from '../../../src/actions/auto-rollback/verdict.js';
import type { WatchResult } from '../../../src/actions/auto-rollback/watch.js';

/** The decision and its outputs, from literal watch and rollback results. */
const T0 = Date.parse('2026-03-03T10:00:00.000Z');
const watched = (end: WatchResult['end'], polls = 11): WatchResult => ({ end, metrics: [], health: [], polls, startedAt: T0, endedAt: T0 + 600_000 });
const step = (name: RollbackStep['name'], status: RollbackStep['status'], message = ''): RollbackStep => ({ name, status, message, evidence: {} });
const rollback = (overrides: Partial<RollbackOutcome> = {}): RollbackOutcome => ({
  steps: [step('traffic', 'done'), step('mark-failed', 'done'), step('rollback-command', 'skipped'), step('restore', 'done'), step('verify', 'done')],
  trafficRestoredAt: T0 + 183_460,
  restoredRef: 'v1',
  isRepeat: false,
  isFailed: false,
  ...overrides,
});
const detection = { reason: 'error-rate breached max 5% in 3 consecutive samples (9%, 8%, 12%)', detectedAt: T0 + 183_000, firstBreachAt: T0 + 60_000 };
const input = { version: 'v2', environment: 'production', detection: { reason: null, detectedAt: null, firstBreachAt: null }, rollback: null };

describe('decideVerdict', () => {
  it('rolled-back: seconds from the first breaching sample to traffic restored, to a tenth', () => {
    expect(decideVerdict({ ...input, watch: null, detection, rollback: rollback() })).toEqual({
      decision: 'rolled-back',
      isRolledBack: true,
      restoredRef: 'v1',
      reason: detection.reason,
      detectedAt: '2026-03-03T10:03:03.000Z',
      rollbackSeconds: 123.5,
      summary: `rolled back v2 in production to v1 in 123.5 s: ${detection.reason}`,
    });
  });

  it('rollback-failed names each failed step; traffic may still be back', () => {
    const failed = rollback({ isFailed: true, steps: [step('traffic', 'done'), step('verify', 'failed', 'health checks still failing')] });
    expect(decideVerdict({ ...input, watch: null, detection, rollback: failed })).toMatchObject({
      decision: 'rollback-failed',
      isRolledBack: true,
      summary: `rollback of v2 in production to v1 FAILED (verify: health checks still failing); it was due because ${detection.reason}`,
    });
  });

  it('healthy, backend-failed and inconclusive say what was and was not observed', () => {
    expect(decideVerdict({ ...input, watch: watched({ kind: 'healthy' }) })).toMatchObject({ decision: 'healthy', reason: 'no rule breached in 11 polls over 10m', isRolledBack: false });
    expect(decideVerdict({ ...input, watch: watched({ kind: 'backend-failed', since: T0, message: 'the metrics backend failed for 5m' }) })).toMatchObject({
      decision: 'backend-failed',
      summary: 'watch of v2 in production stopped: the metrics backend failed for 5m',
    });
    const shortfalls = [{ kind: 'metric' as const, name: 'latency', message: 'latency had no data in 11 samples' }];
    expect(decideVerdict({ ...input, watch: watched({ kind: 'inconclusive', shortfalls }) })).toMatchObject({
      decision: 'inconclusive',
      reason: 'too little evidence in 11 polls over 10m: latency had no data in 11 samples; a release that was not observed enough is not called healthy',
    });
  });
});
