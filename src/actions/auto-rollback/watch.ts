import type { MetricConfig } from '../../engine/analysis/config.js';
import type { BreachRule } from '../../engine/breach.js';
import { formatDuration } from '../../engine/units.js';
import type { HealthCheckResult } from '../../sources/health-check.js';
import { type Outage, NO_OUTAGE, afterRead, isOverBudget, isReadDue } from './outage.js';
import { logPoll } from './poll-log.js';
import type { MetricRead, SampleReader } from './sample-reader.js';
import * as tracks from './tracks.js';

/**
 * The watch (issue 5): every `interval` for `duration` (polls at 0,
 * interval, …, up to duration; one poll when duration is 0), read the new
 * metric samples and check each health URL, then run every breach rule over
 * everything seen so far. It ends at the first rule met (a breach), when the
 * metrics backend has failed for as long as allowed (`backend-failed`), or
 * at the end (`healthy`, or `inconclusive` when a metric never had data).
 * Polls are scheduled from the start, so a slow poll does not push the rest.
 */
export interface WatchPlan {
  durationMs: number;
  intervalMs: number;
  maxOutageMs: number;
  metrics: readonly MetricConfig[];
  /** The analysis file's `failure-limit`: metrics whose rule may be met without a rollback (a `critical` one never may). */
  failureLimit: number;
  healthUrls: readonly string[];
  healthRule: BreachRule;
}

export interface WatchDeps {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** `null` when the watch has no analysis (health checks only). */
  reader: SampleReader | null;
  checkHealth: (url: string) => Promise<HealthCheckResult>;
  log: (line: string) => void;
}

export type WatchEnd =
  | { kind: 'healthy' }
  | { kind: 'breach'; triggers: tracks.Trigger[] }
  | { kind: 'backend-failed'; since: number; message: string }
  | { kind: 'inconclusive'; metrics: string[] }
  | { kind: 'config'; message: string };

export interface WatchResult {
  end: WatchEnd;
  metrics: tracks.MetricTrack[];
  health: tracks.HealthTrack[];
  polls: number;
  startedAt: number;
  /** When the watch ended: the poll that met a rule, or the last poll. */
  endedAt: number;
}

export async function watch(plan: WatchPlan, deps: WatchDeps): Promise<WatchResult> {
  const startedAt = deps.clock();
  const metrics = plan.metrics.map(tracks.newMetricTrack);
  const health = plan.healthUrls.map((url) => tracks.newHealthTrack(url, plan.healthRule));
  const lastPoll = Math.floor(plan.durationMs / plan.intervalMs);
  let outage: Outage = NO_OUTAGE;
  for (let poll = 0; ; poll++) {
    const due = startedAt + poll * plan.intervalMs;
    const wait = due - deps.clock();
    if (wait > 0) await deps.sleep(wait);
    const at = deps.clock();
    const isReading = deps.reader !== null && isReadDue(outage, due);
    const [reads, checks] = await Promise.all([isReading ? deps.reader!.read(new Date(at)) : null, Promise.all(health.map((track) => deps.checkHealth(track.url)))]);
    checks.forEach((result, index) => tracks.addHealth(health[index]!, result, at));
    const before = metrics.map((track) => track.outcomes.length);
    const recorded = reads === null ? null : recordReads(metrics, reads, at, plan.intervalMs);
    const finish = (end: WatchEnd): WatchResult => ({ end, metrics, health, polls: poll + 1, startedAt, endedAt: at });
    if (recorded?.kind === 'config') return finish({ kind: 'config', message: recorded.message });
    if (recorded) outage = afterRead(outage, due, recorded.failure, plan.intervalMs, plan.maxOutageMs);
    const added = metrics.map((track, index) => track.outcomes.length - before[index]!);
    logPoll(deps.log, { poll, at: at - startedAt, metrics, added, health, isReadSkipped: deps.reader !== null && !isReading, outage });
    const end = decide(plan, metrics, health, outage, due, poll === lastPoll);
    if (end !== null) return finish(end);
  }
}

type Recorded = { kind: 'read'; failure: string | null } | { kind: 'config'; message: string };

/**
 * Adds each metric's read to its track. A `config` fault ends the watch (a
 * mistake in the analysis, not an outage); any other fault is this poll's
 * outage, said in one line.
 */
function recordReads(metrics: tracks.MetricTrack[], reads: Record<string, MetricRead>, at: number, intervalMs: number): Recorded {
  const failures: string[] = [];
  for (const track of metrics) {
    const read: MetricRead = reads[track.metric.name] ?? { ok: false, fault: { kind: 'provider', message: `no read of ${track.metric.name}` } };
    if (read.ok) {
      tracks.addSamples(track, read.value, at, intervalMs);
    } else if (read.fault.kind === 'config') {
      return { kind: 'config', message: read.fault.message };
    } else {
      tracks.addFault(track, read.fault, at, intervalMs);
      failures.push(read.fault.message);
    }
  }
  const [first, ...rest] = [...new Set(failures)];
  return { kind: 'read', failure: first === undefined ? null : `${first}${rest.length > 0 ? ` (and ${rest.length} more failed read${rest.length === 1 ? '' : 's'})` : ''}` };
}

function decide(plan: WatchPlan, metrics: tracks.MetricTrack[], health: tracks.HealthTrack[], outage: Outage, due: number, isLast: boolean): WatchEnd | null {
  const triggered = metrics.flatMap((track) => {
    const trigger = tracks.metricTrigger(track);
    return trigger ? [{ trigger, isCritical: track.metric.critical }] : [];
  });
  const healthTriggers = health.map(tracks.healthTrigger).filter((trigger) => trigger !== null);
  const isMetricBreach = triggered.length > plan.failureLimit || triggered.some((entry) => entry.isCritical);
  if (isMetricBreach || healthTriggers.length > 0) return { kind: 'breach', triggers: [...(isMetricBreach ? triggered.map((entry) => entry.trigger) : []), ...healthTriggers] };
  const isOver = isOverBudget(outage, due, plan.maxOutageMs);
  if (outage.since !== null && (isOver || isLast)) {
    const why = isOver ? `failed for ${formatDuration(due - outage.since)}, reaching max-metrics-outage ${formatDuration(plan.maxOutageMs)}` : 'was still failing when the watch ended';
    const reads = `${outage.failedReads} failed read${outage.failedReads === 1 ? '' : 's'}`;
    return { kind: 'backend-failed', since: outage.since, message: `the metrics backend ${why} (${reads}): ${outage.lastMessage ?? 'no answer'}` };
  }
  if (!isLast) return null;
  const silent = metrics.filter((track) => track.metric.onNoData !== 'pass' && !tracks.hasData(track)).map((track) => track.metric.name);
  return silent.length > 0 ? { kind: 'inconclusive', metrics: silent } : { kind: 'healthy' };
}
