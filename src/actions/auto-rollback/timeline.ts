import type { TimelineEntry } from '../../notify/notifier.js';
import type { GuardResult } from './guard.js';

/**
 * Pure: what happened when, from the guard's own clock readings, for the
 * incident issue's timeline and a post-mortem's "time to detect" and "time
 * to restore". Only instants the run observed are listed; the deploy itself
 * happened before the watch and is named by the workflow run instead;
 * verification has no instant of its own and is in the evidence table.
 */
export function rollbackTimeline(result: GuardResult, startedAt: Date, finishedAt: Date): TimelineEntry[] {
  const entries: Array<{ at: number | null; event: string }> = [
    { at: result.watch?.startedAt ?? startedAt.getTime(), event: result.watch ? 'watch started' : 'rollback requested (`force`)' },
    { at: result.detection.firstBreachAt, event: 'first breaching sample' },
    { at: result.detection.detectedAt, event: `rollback decided: ${result.detection.reason ?? 'rollback'}` },
    { at: result.rollback?.trafficRestoredAt ?? null, event: 'users back on the stable version' },
    { at: finishedAt.getTime(), event: `run ended: ${result.verdict.decision}` },
  ];
  return entries
    .filter((entry): entry is { at: number; event: string } => entry.at !== null && Number.isFinite(entry.at))
    .sort((a, b) => a.at - b.at)
    .map((entry) => ({ at: new Date(entry.at).toISOString(), event: entry.event }));
}
