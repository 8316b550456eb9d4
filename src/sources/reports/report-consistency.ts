import { decideGate } from '../../engine/gate-verdict.js';
import { type ActionName, type CheckReport, type Report, POSITIVE_DECISIONS } from '../../report/model.js';
import { shownName } from './shown-name.js';

/**
 * Whether a report's positive decision agrees with its own checks. A
 * rollout-guard report is evidence for a later gate, so one edited (or
 * written by something else) to say `go` over failing checks must not pass
 * as a positive verdict. Every action's positive decision rests on at least
 * one check; where this repository defines the rule that turns checks into
 * the decision, the decision is held to it.
 */
const POSITIVE_RULE: Partial<Record<ActionName, (checks: readonly CheckReport[]) => string | null>> = {
  // gate-checks' own rule (engine/gate-verdict.ts).
  'gate-checks': (checks) => {
    const verdict = decideGate(checks);
    if (verdict.decision === 'go') return null;
    return verdict.failed.length > 0 ? `required ${listNames(verdict.failed)} did not pass` : (verdict.reason ?? 'its checks do not make go');
  },
  // lighthouse-budget passes only when every URL passed or warned (engine/lighthouse/budget-verdict.ts).
  'lighthouse-budget': (checks) => {
    const failing = checks.filter((check) => check.status !== 'pass' && check.status !== 'warn').map((check) => check.name);
    return failing.length === 0 ? null : `${listNames(failing)} did not pass`;
  },
};

/** Why a positive decision contradicts the report's checks, or `null` (also for a negative decision, which needs no proof). */
export function positiveContradiction(report: Pick<Report, 'action' | 'decision' | 'checks'>): string | null {
  if (!(POSITIVE_DECISIONS[report.action] as readonly string[]).includes(report.decision)) return null;
  if (report.checks.length === 0) return `it says ${report.decision} but holds no checks, so the decision rests on nothing`;
  const broken = POSITIVE_RULE[report.action]?.(report.checks) ?? null;
  return broken === null ? null : `it says ${report.decision} although ${broken}`;
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => `\`${shownName(name)}\``);
  const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
  return `check${names.length === 1 ? '' : 's'} ${shown.join(', ')}${more}`;
}
