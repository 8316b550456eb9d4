import { formatDuration } from '../../engine/units.js';
import { roundSeconds } from './describe.js';
import type { RollbackOutcome, RollbackStep } from './rollback.js';
import type { WatchResult } from './watch.js';

/**
 * Pure: the action's decision and the outputs that explain it.
 * - `healthy`: the watch ended with every rule unmet, on enough evidence
 *   that a rule could have fired (`evidence.ts`).
 * - `rolled-back`: a rule was met (or `force`), traffic is back on the stable
 *   version and verification passed (or had nothing to check).
 * - `rollback-failed`: traffic, the command or verification failed: loud.
 * - `backend-failed`: the metrics backend failed for `max-metrics-outage`
 *   (or still failed at the end): the release was not observed, so it is not
 *   healthy, and it is not rolled back for an outage that is not its fault
 *   unless the analysis says `on-error: fail`.
 * - `inconclusive`: too little evidence (a metric without data, too few
 *   samples for its rule, too little coverage, a health URL checked too few
 *   times): not observed enough, so not healthy either.
 */
export type Decision = 'healthy' | 'rolled-back' | 'rollback-failed' | 'backend-failed' | 'inconclusive';

export interface Verdict {
  decision: Decision;
  /** Traffic is on the stable version because of this run or an earlier one. */
  isRolledBack: boolean;
  restoredRef: string | null;
  reason: string;
  detectedAt: string | null;
  rollbackSeconds: number | null;
  summary: string;
}

export interface Detection {
  /** Why a rollback is due, or `null` when it is not. */
  reason: string | null;
  /** Epoch ms: the rule was met, or the forced rollback asked for. */
  detectedAt: number | null;
  /** Epoch ms of the first breaching sample, from which `rollback-seconds` counts; the request time when forced. */
  firstBreachAt: number | null;
}

/** A watch's detection: the triggered rules, earliest first breach. */
export function detectionOf(result: WatchResult): Detection {
  if (result.end.kind !== 'breach') return { reason: null, detectedAt: null, firstBreachAt: null };
  const starts = result.end.triggers.map((trigger) => trigger.breach.firstBreachAt ?? result.endedAt);
  return { reason: result.end.triggers.map((trigger) => trigger.description).join('; '), detectedAt: result.endedAt, firstBreachAt: Math.min(...starts) };
}

export interface VerdictInput {
  version: string;
  environment: string;
  watch: WatchResult | null;
  detection: Detection;
  rollback: RollbackOutcome | null;
}

export function decideVerdict(input: VerdictInput): Verdict {
  const { rollback, detection } = input;
  const subject = `${input.version} in ${input.environment}`;
  if (rollback !== null && detection.reason !== null) return rollbackVerdict(subject, detection, rollback);
  const end = input.watch?.end ?? { kind: 'inconclusive' as const, shortfalls: [{ kind: 'metric' as const, name: '', message: 'nothing was watched' }] };
  const base = { isRolledBack: false, restoredRef: null, detectedAt: null, rollbackSeconds: null };
  if (end.kind === 'backend-failed') return { ...base, decision: 'backend-failed', reason: end.message, summary: `watch of ${subject} stopped: ${end.message}` };
  if (end.kind === 'inconclusive') {
    const reason = `too little evidence in ${describeWatch(input.watch)}: ${end.shortfalls.map((shortfall) => shortfall.message).join('; ')}; a release that was not observed enough is not called healthy`;
    return { ...base, decision: 'inconclusive', reason, summary: `watch of ${subject} inconclusive: ${reason}` };
  }
  if (end.kind !== 'healthy') {
    // A mistake or a breach ends before a verdict (the guard stops, or rolls back); should one get here, it is still not health.
    const reason = end.kind === 'breach' ? 'a rule was met but nothing was rolled back' : end.message;
    return { ...base, decision: 'inconclusive', reason, summary: `watch of ${subject} inconclusive: ${reason}` };
  }
  const reason = `no rule breached in ${describeWatch(input.watch)}`;
  return { ...base, decision: 'healthy', reason, summary: `${subject} is healthy: ${reason}` };
}

function rollbackVerdict(subject: string, detection: Detection, rollback: RollbackOutcome): Verdict {
  const reason = detection.reason ?? 'rollback';
  const restored = rollback.trafficRestoredAt;
  const seconds = restored !== null && detection.firstBreachAt !== null ? roundSeconds(Math.max(0, restored - detection.firstBreachAt)) : null;
  // The last step that set the weight says where traffic is now (the re-application after marking the release failed, when there was one).
  const isUsed = (step: RollbackStep): boolean => step.status !== 'skipped';
  const trafficStep =
    [...rollback.steps].reverse().find((step) => (step.name === 'reapply-traffic' || step.name === 'traffic') && isUsed(step)) ??
    rollback.steps.find((step) => step.name === 'platform-rollback' && isUsed(step)) ??
    rollback.steps.find((step) => step.name === 'rollback-command');
  const isRolledBack = trafficStep?.status === 'done' || trafficStep?.status === 'already';
  const base = { isRolledBack, restoredRef: rollback.restoredRef, reason, detectedAt: detection.detectedAt === null ? null : new Date(detection.detectedAt).toISOString(), rollbackSeconds: seconds };
  const to = rollback.restoredRef ? ` to ${rollback.restoredRef}` : '';
  if (rollback.isFailed) {
    const failed = rollback.steps.filter((step) => step.status === 'failed').map((step) => `${step.name}: ${step.message}`);
    return { ...base, decision: 'rollback-failed', summary: `rollback of ${subject}${to} FAILED (${failed.join('; ')}); it was due because ${reason}` };
  }
  if (rollback.isRepeat) return { ...base, rollbackSeconds: null, decision: 'rolled-back', summary: `${subject} was already rolled back${to}; nothing changed (${reason})` };
  const timing = seconds === null ? '' : ` in ${seconds.toFixed(1)} s`;
  return { ...base, decision: 'rolled-back', summary: `rolled back ${subject}${to}${timing}: ${reason}` };
}

function describeWatch(watch: WatchResult | null): string {
  if (watch === null) return 'no watch';
  return `${watch.polls} poll${watch.polls === 1 ? '' : 's'} over ${formatDuration(watch.endedAt - watch.startedAt)}`;
}
