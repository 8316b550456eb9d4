import { type Status, isPassing } from './status.js';

/**
 * The go/no-go decision (BRIEF §2 gate-checks). Pure: check outcomes in,
 * decision out. Anything that is not a pass on a required check is `no-go`,
 * including `error` and `nodata`: missing evidence never yields `go`.
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
}

export function decideGate(outcomes: readonly GateOutcome[]): GateVerdict {
  const failed: string[] = [];
  const warnings: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'pass' || outcome.status === 'skipped') continue;
    if (outcome.level === 'advisory' || outcome.status === 'warn') warnings.push(outcome.name);
    else if (!isPassing(outcome.status)) failed.push(outcome.name);
  }
  // A policy with no checks proves nothing; refuse to say go.
  const decision = outcomes.length > 0 && failed.length === 0 ? 'go' : 'no-go';
  return { decision, failed, warnings };
}
