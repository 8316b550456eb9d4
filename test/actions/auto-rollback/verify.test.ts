import { describe, expect, it } from 'vitest';
import { verifyHealth } from '../../../src/actions/auto-rollback/verify.js';
import type { HealthCheckResult } from '../../../src/sources/health-check.js';

/** Verification after a rollback, on virtual time: rounds a second apart until all pass or verify-timeout. */
function plan(passFromRound: number, timeoutMs: number) {
  let now = 0;
  let round = 0;
  const calls: number[] = [];
  const check = async (url: string): Promise<HealthCheckResult> => {
    if (url.endsWith('/a')) round++;
    calls.push(now);
    now += 30;
    const isHealthy = round >= passFromRound;
    return { url, isHealthy, status: isHealthy ? 200 : 502, durationMs: 30, reason: isHealthy ? '200 in 30ms' : 'answered 502, expected 200' };
  };
  return { calls, plan: { urls: ['http://app/a', 'http://app/b'], timeoutMs, check, clock: () => now, sleep: async (ms: number) => void (now += ms) } };
}

describe('verifyHealth', () => {
  it('passes on the first round in which every URL passes', async () => {
    const { plan: p, calls } = plan(3, 10_000);
    const result = await verifyHealth(p);
    expect(result).toMatchObject({ isPassed: true, rounds: 3, message: '2 health checks passed after 2s (round 3)' });
    expect(calls).toEqual([0, 30, 1_000, 1_030, 2_000, 2_030]);
  });

  it('fails when the checks still fail at verify-timeout, saying which and why', async () => {
    const result = await verifyHealth(plan(99, 2_000).plan);
    expect(result).toMatchObject({ isPassed: false, rounds: 3 });
    expect(result.message).toBe('health checks still failing after verify-timeout 2s (3 rounds): http://app/a answered 502, expected 200; http://app/b answered 502, expected 200');
  });

  it('a timeout of 0 allows exactly one round', async () => {
    expect(await verifyHealth(plan(99, 0).plan)).toMatchObject({ isPassed: false, rounds: 1 });
  });
});
