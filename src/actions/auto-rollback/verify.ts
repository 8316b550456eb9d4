import { formatDuration } from '../../engine/units.js';
import type { HealthCheckResult } from '../../sources/health-check.js';

/**
 * After the rollback, the health checks must pass within `verify-timeout`,
 * so a rollback is called done only once users are served again: rounds of
 * checks of every URL, about a second apart, until one round passes in full
 * or the time is up. At least one round runs, so a timeout of 0 means "must
 * pass at once".
 */
export interface VerifyPlan {
  urls: readonly string[];
  timeoutMs: number;
  check: (url: string) => Promise<HealthCheckResult>;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Between rounds; default 1 s. */
  roundMs?: number;
}

export interface Verification {
  isPassed: boolean;
  rounds: number;
  /** ms from the start of verification to the passing round's end (or to giving up). */
  durationMs: number;
  /** The last round's results. */
  results: HealthCheckResult[];
  message: string;
}

export async function verifyHealth(plan: VerifyPlan): Promise<Verification> {
  const started = plan.clock();
  const roundMs = plan.roundMs ?? 1_000;
  // Rounds are scheduled from the start, so a slow round does not shift the deadline's arithmetic.
  for (let round = 1; ; round++) {
    const results = await Promise.all(plan.urls.map((url) => plan.check(url)));
    const failing = results.filter((result) => !result.isHealthy);
    const elapsed = plan.clock() - started;
    if (failing.length === 0) {
      return { isPassed: true, rounds: round, durationMs: elapsed, results, message: `${results.length} health check${results.length === 1 ? '' : 's'} passed after ${formatDuration(elapsed)} (round ${round})` };
    }
    if (round * roundMs > plan.timeoutMs) {
      const shown = failing.map((result) => `${result.url} ${result.reason}`).join('; ');
      return { isPassed: false, rounds: round, durationMs: elapsed, results, message: `health checks still failing after verify-timeout ${formatDuration(plan.timeoutMs)} (${round} round${round === 1 ? '' : 's'}): ${shown}` };
    }
    const wait = started + round * roundMs - plan.clock();
    if (wait > 0) await plan.sleep(wait);
  }
}
