import type { Status } from './status.js';

/**
 * The go/no-go decision. Pure: check outcomes in, decision out. `go` needs
 * every required check to pass (a `warn` passes) and at least one of them to
 * have passed on evidence: a policy whose checks are all advisory, or whose
 * required checks were all skipped, has shown nothing, so it is `no-go`.
 * Anything else on a required check — `fail`, `error`, `nodata`,
 * `inconclusive` — blocks: missing evidence never yields `go`.
 */
export interface GateOutcome {
  name: string;
  status: Status;
  level: 'required' | 'advisory';
}

export interface GateVerdict {
  decision: 'go' | 'no-go';
  /** Required checks that block, by name. */
  failed: string[];
  /** Advisory checks that did not pass, and required checks at `warn`. */
  warnings: string[];
  /** Why the decision is `no-go` although no required check failed; `null` otherwise. */
  reason: string | null;
}

/** Statuses of a required check that let the gate through; `skipped` lets it through without counting as evidence. */
const LETS_THROUGH: readonly Status[] = ['pass', 'warn', 'skipped'];
const PASSED_ON_EVIDENCE: readonly Status[] = ['pass', 'warn'];

export function decideGate(outcomes: readonly GateOutcome[]): GateVerdict {
  const failed: string[] = [];
  const warnings: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'pass' || outcome.status === 'skipped') continue;
    if (outcome.level === 'advisory' || outcome.status === 'warn') warnings.push(outcome.name);
    else if (!LETS_THROUGH.includes(outcome.status)) failed.push(outcome.name);
  }
  if (failed.length > 0) return { decision: 'no-go', failed, warnings, reason: null };
  const reason = nothingShown(outcomes);
  return { decision: reason === null ? 'go' : 'no-go', failed, warnings, reason };
}

/** Why the outcomes show nothing a `go` could rest on, or `null` when a required check passed on evidence. */
function nothingShown(outcomes: readonly GateOutcome[]): string | null {
  const required = outcomes.filter((outcome) => outcome.level === 'required');
  if (required.some((outcome) => PASSED_ON_EVIDENCE.includes(outcome.status))) return null;
  if (outcomes.length === 0) return 'the policy has no checks; nothing was judged';
  if (required.length === 0) return `all ${outcomes.length} checks are advisory; go needs at least one required check that passed on evidence`;
  return `every required check was skipped; go needs at least one required check that passed on evidence`;
}
