import { type Result, err, ok } from '../engine/result.js';
import { stepLabel } from '../engine/rollout/labels.js';
import { type Decision, type RolloutPhase, type RolloutState, withRecord } from '../engine/rollout/state.js';
import { GITHUB_LIMITS, truncateText } from '../github/text-limits.js';

/**
 * A rollout state written into one GitHub deployment status's description:
 * what a person reads first ("canary 25% (step 2/4): promoted 5% → 25%…"),
 * then a compact tail holding every field that changes between ticks, e.g.
 * `[rg:3:p:1:25:mm9s0a00:mm9s0a00:0:0:p]`. GitHub caps descriptions at 140
 * characters; the tail takes about 40, the human part is cut to fit.
 * Fields: version, phase, step index, weight, step start and last tick
 * (milliseconds since the epoch, base 36), failures and holds in a row, decision.
 */
const PHASE_CODES = { progressing: 'p', complete: 'c', failed: 'f', superseded: 's' } as const satisfies Record<RolloutPhase, string>;
const DECISION_CODES = { start: 's', promote: 'p', hold: 'h', rollback: 'r', complete: 'c' } as const satisfies Record<Decision, string>;

const invert = <K extends string, V extends string>(table: Record<K, V>): Record<string, K> =>
  Object.fromEntries(Object.entries(table).map(([name, code]) => [code, name])) as Record<string, K>;
const PHASES = invert(PHASE_CODES);
const DECISIONS = invert(DECISION_CODES);

const TAIL = /\[rg:(\d+):([a-z]):(\d+):(\d+(?:\.\d+)?):([0-9a-z]+):([0-9a-z]+):(\d+):(\d+):([a-z])\]$/;
/** Anything that starts like a tail is ours; if it does not parse, the state is corrupt rather than foreign. */
const TAIL_MARK = '[rg:';

/** The fields a status carries, and the human part before the tail. */
export interface StatusLine {
  version: number;
  phase: RolloutPhase;
  stepIndex: number;
  weight: number;
  stepStartedAt: string;
  lastTickAt: string;
  consecutiveFailures: number;
  consecutiveHolds: number;
  decision: Decision;
  human: string;
}

const base36 = (iso: string): string => Date.parse(iso).toString(36);
/** An ISO time from base-36 milliseconds; null when out of the Date range. */
function fromBase36(text: string): string | null {
  const date = new Date(parseInt(text, 36));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The description for the state after a tick: its label, the tick's reason, the tail. */
export function encodeStatusLine(state: RolloutState): string {
  const record = state.history.at(-1);
  const decision = record?.decision ?? 'hold';
  const tail = `[rg:${state.version}:${PHASE_CODES[state.phase]}:${state.stepIndex}:${state.weight}:${base36(state.stepStartedAt)}:${base36(state.lastTickAt)}:${state.consecutiveFailures}:${state.consecutiveHolds}:${DECISION_CODES[decision]}]`;
  const human = `${stepLabel(state)}: ${record?.reason ?? ''}`.replace(/\s+/g, ' ').trim();
  return `${truncateText(human, GITHUB_LIMITS.statusDescription - tail.length - 1, '…')} ${tail}`;
}

/** The fields of a description with a tail; null for a status someone else wrote (no tail). */
export function decodeStatusLine(description: string): Result<StatusLine | null, string> {
  const at = description.lastIndexOf(TAIL_MARK);
  if (at < 0) return ok(null);
  const match = TAIL.exec(description);
  const phase = match ? PHASES[match[2]!] : undefined;
  const decision = match ? DECISIONS[match[9]!] : undefined;
  const stepStartedAt = match ? fromBase36(match[5]!) : null;
  const lastTickAt = match ? fromBase36(match[6]!) : null;
  if (!match || !phase || !decision || !stepStartedAt || !lastTickAt) return err(`description ${JSON.stringify(description.slice(at))} is not a rollout-guard state line`);
  return ok({
    version: Number(match[1]),
    phase,
    stepIndex: Number(match[3]),
    weight: Number(match[4]),
    stepStartedAt,
    lastTickAt,
    consecutiveFailures: Number(match[7]),
    consecutiveHolds: Number(match[8]),
    decision,
    human: description.slice(0, match.index).trim(),
  });
}

/** The state a status line moves `previous` to; the tick joins the history with the reason as shown. */
export function applyStatusLine(previous: RolloutState, line: StatusLine): RolloutState {
  const { human, decision, ...fields } = line;
  const next: RolloutState = { ...previous, ...fields };
  const prefix = `${stepLabel(next)}: `;
  const reason = human.startsWith(prefix) ? human.slice(prefix.length) : human;
  return { ...next, history: withRecord(previous.history, { at: line.lastTickAt, decision, step: line.stepIndex + 1, weight: line.weight, reason }) };
}
