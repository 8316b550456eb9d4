import { type Result, ok, err } from './result.js';

/**
 * Breach rules for automatic rollback: a threshold must be
 * breached for `consecutive: N` samples, or `n-of-m: "N/M"` (N breaching
 * samples among M in a row), before anything is rolled back, so a one-minute
 * blip never is (argo-rollouts#4792: users want N consecutive failures;
 * Flagger counts failures cumulatively over the whole analysis instead).
 *
 * A sample without data is not a breach (an outage of the metrics backend is
 * never read as a failure of the release): it breaks a consecutive
 * run and takes its slot in an N-of-M window. `on-no-data: fail` turns it into
 * a breach before it gets here.
 */
export type BreachRule = { kind: 'consecutive'; count: number } | { kind: 'n-of-m'; n: number; m: number };

export type SampleOutcome = 'pass' | 'breach' | 'nodata';

export interface BreachTrigger {
  rule: BreachRule;
  /** Index of the sample that completed the rule: the Nth consecutive breach, or the Nth breach within M. */
  triggerIndex: number;
  /** Index of the first breaching sample of the run (or window) that triggered. */
  firstBreachIndex: number;
  /** Breaching samples counted in that run or window (N at the moment it triggers). */
  breaches: number;
  /** `times[triggerIndex]` and `times[firstBreachIndex]` when sample times were given. */
  triggeredAt: number | null;
  firstBreachAt: number | null;
}

/** The runbooks' "error rate > 10% for 5 consecutive minutes" (at a 1-minute interval). */
export const DEFAULT_BREACH_RULE: BreachRule = { kind: 'consecutive', count: 5 };
/** The runbooks' "more than 3 health-check failures in 5 minutes" (one check a minute). */
export const HEALTH_CHECK_BREACH_RULE: BreachRule = { kind: 'n-of-m', n: 4, m: 5 };

/**
 * The first point where the rule is met, or `null`. Samples are oldest first;
 * `times` (same length, e.g. epoch ms) only labels the answer.
 */
export function findBreach(outcomes: readonly SampleOutcome[], rule: BreachRule, times?: readonly number[]): BreachTrigger | null {
  const span = rule.kind === 'consecutive' ? rule.count : rule.m;
  const needed = rule.kind === 'consecutive' ? rule.count : rule.n;
  // A consecutive rule is N-of-N: a window of N samples that are all breaches.
  for (let index = 0; index < outcomes.length; index++) {
    if (outcomes[index] !== 'breach') continue;
    const start = Math.max(0, index - span + 1);
    const inWindow: number[] = [];
    for (let i = start; i <= index; i++) if (outcomes[i] === 'breach') inWindow.push(i);
    if (inWindow.length < needed) continue;
    const firstBreachIndex = inWindow[inWindow.length - needed]!;
    return {
      rule,
      triggerIndex: index,
      firstBreachIndex,
      breaches: needed,
      triggeredAt: times?.[index] ?? null,
      firstBreachAt: times?.[firstBreachIndex] ?? null,
    };
  }
  return null;
}

/** `5 consecutive samples`, `3 of 5 samples`: for reasons and summaries. */
export function describeBreachRule(rule: BreachRule): string {
  return rule.kind === 'consecutive' ? `${rule.count} consecutive sample${rule.count === 1 ? '' : 's'}` : `${rule.n} of ${rule.m} samples`;
}

/** `consecutive: 5`: a whole number of samples, at least 1. */
export function parseConsecutive(raw: unknown): Result<BreachRule> {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1) return ok({ kind: 'consecutive', count: raw });
  return err(`got ${JSON.stringify(raw)}; expected a whole number of samples such as 5`);
}

/** `n-of-m: "3/5"` (also `3 of 5`): N breaching samples among M in a row, 1 ≤ N ≤ M. */
export function parseNOfM(raw: unknown): Result<BreachRule> {
  const match = typeof raw === 'string' ? /^\s*(\d+)\s*(?:\/|of)\s*(\d+)\s*$/.exec(raw) : null;
  const n = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || n < 1 || n > m) return err(`got ${JSON.stringify(raw)}; expected N/M with 1 ≤ N ≤ M such as "3/5"`);
  return ok({ kind: 'n-of-m', n, m });
}
