import type { MetricConfig } from '../../engine/analysis/config.js';
import type { BreachRule } from '../../engine/breach.js';
import type { Rational } from '../../engine/exact.js';
import { formatDuration } from '../../engine/units.js';
import type { HealthCheckResult } from '../../sources/health-check.js';
import { type Shortfall, assessEvidence } from './evidence.js';
import type { MetricRead, SampleReader } from './metric-read.js';
import { type Outage, NO_OUTAGE, afterRead, isOverBudget, isReadDue } from './outage.js';
import { logPoll } from './poll-log.js';
import { shownResult, shownUrls } from './shown-url.js';
import * as tracks from './tracks.js';

/**
 * The watch: every `interval` for `duration` (polls at 0, interval, …, up
 * to duration; one poll when duration is 0), read the new metric samples and
 * check each health URL, then run every breach rule over everything seen so
 * far. It ends at the first rule met (a breach), at a mistake in the analysis
 * or samples that cannot be believed (`config`, `malformed`), when the
 * metrics backend has failed for as long as allowed (`backend-failed`), or at
 * the end: `healthy` only on enough evidence (`evidence.ts`), else
 * `inconclusive`. A rule met in the same poll as a mistake still rolls back.
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
  /** `min-coverage`: the least share of expected samples with data, exactly, and as written. */
  minCoverage: { exact: Rational; text: string };
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
  | { kind: 'inconclusive'; shortfalls: Shortfall[] }
  | { kind: 'config' | 'malformed'; message: string };

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
  const shown = shownUrls(plan.healthUrls);
  const health = plan.healthUrls.map((url, index) => tracks.newHealthTrack(url, shown[index]!, plan.healthRule));
  const lastPoll = Math.floor(plan.durationMs / plan.intervalMs);
  let outage: Outage = NO_OUTAGE;
  for (let poll = 0; ; poll++) {
    const due = startedAt + poll * plan.intervalMs;
    const wait = due - deps.clock();
    if (wait > 0) await deps.sleep(wait);
    const at = deps.clock();
    const isReading = deps.reader !== null && isReadDue(outage, due);
    const [reads, checks] = await Promise.all([isReading ? deps.reader!.read(new Date(at)) : null, Promise.all(health.map((track) => deps.checkHealth(track.url)))]);
    checks.forEach((result, index) => tracks.addHealth(health[index]!, shownResult(result, health[index]!.shown), at));
    const before = metrics.map((track) => track.outcomes.length);
    const recorded = reads === null ? null : recordReads(metrics, reads, at, plan.intervalMs);
    const finish = (end: WatchEnd): WatchResult => ({ end, metrics, health, polls: poll + 1, startedAt, endedAt: at });
    if (recorded) outage = afterRead(outage, due, recorded.failure, plan.intervalMs, plan.maxOutageMs);
    const added = metrics.map((track, index) => track.outcomes.length - before[index]!);
    logPoll(deps.log, { poll, at: at - startedAt, metrics, added, health, isReadSkipped: deps.reader !== null && !isReading, outage });
    const breach = findBreaches(plan, metrics, health);
    if (breach !== null) return finish(breach);
    if (recorded?.mistake) return finish(recorded.mistake);
    const end = decide(plan, metrics, health, outage, due, poll === lastPoll, { polls: poll + 1, isStream: deps.reader?.isStream ?? false });
    if (end !== null) return finish(end);
  }
}

/** A read's outcome: the outage line (`null`: every read answered), and a mistake that ends the watch. */
interface Recorded {
  failure: string | null;
  mistake: { kind: 'config' | 'malformed'; message: string } | null;
}

/** Faults that are nobody's outage: a mistake in the analysis, or samples that cannot be believed. */
const MISTAKES: ReadonlySet<string> = new Set(['config', 'malformed']);

/**
 * Adds each metric's read to its track. A `config` or `malformed` fault is
 * kept to end the watch (never an outage that merely holds, never health);
 * any other fault is this poll's outage, said in one line.
 */
function recordReads(metrics: tracks.MetricTrack[], reads: Record<string, MetricRead>, at: number, intervalMs: number): Recorded {
  const failures: string[] = [];
  let mistake: Recorded['mistake'] = null;
  for (const track of metrics) {
    const read: MetricRead = reads[track.metric.name] ?? { ok: false, fault: { kind: 'provider', message: `no read of ${track.metric.name}` } };
    if (read.ok) {
      tracks.addSamples(track, read.value, at, intervalMs);
    } else if (MISTAKES.has(read.fault.kind)) {
      mistake ??= { kind: read.fault.kind as 'config' | 'malformed', message: read.fault.message };
    } else {
      tracks.addFault(track, read.fault, at, intervalMs);
      failures.push(read.fault.message);
    }
  }
  const [first, ...rest] = [...new Set(failures)];
  return { mistake, failure: first === undefined ? null : `${first}${rest.length > 0 ? ` (and ${rest.length} more failed read${rest.length === 1 ? '' : 's'})` : ''}` };
}

function findBreaches(plan: WatchPlan, metrics: tracks.MetricTrack[], health: tracks.HealthTrack[]): WatchEnd | null {
  const triggered = metrics.flatMap((track) => {
    const trigger = tracks.metricTrigger(track);
    return trigger ? [{ trigger, isCritical: track.metric.critical }] : [];
  });
  const healthTriggers = health.map(tracks.healthTrigger).filter((trigger) => trigger !== null);
  const isMetricBreach = triggered.length > plan.failureLimit || triggered.some((entry) => entry.isCritical);
  if (!isMetricBreach && healthTriggers.length === 0) return null;
  return { kind: 'breach', triggers: [...(isMetricBreach ? triggered.map((entry) => entry.trigger) : []), ...healthTriggers] };
}

function decide(plan: WatchPlan, metrics: tracks.MetricTrack[], health: tracks.HealthTrack[], outage: Outage, due: number, isLast: boolean, seen: { polls: number; isStream: boolean }): WatchEnd | null {
  const isOver = isOverBudget(outage, due, plan.maxOutageMs);
  if (outage.since !== null && (isOver || isLast)) {
    const why = isOver ? `failed for ${formatDuration(due - outage.since)}, reaching max-metrics-outage ${formatDuration(plan.maxOutageMs)}` : 'was still failing when the watch ended';
    const reads = `${outage.failedReads} failed read${outage.failedReads === 1 ? '' : 's'}`;
    return { kind: 'backend-failed', since: outage.since, message: `the metrics backend ${why} (${reads}): ${outage.lastMessage ?? 'no answer'}` };
  }
  if (!isLast) return null;
  const evidence = assessEvidence(metrics, health, { ...seen, minCoverage: plan.minCoverage.exact, minCoverageText: plan.minCoverage.text });
  metrics.forEach((track, index) => (track.shortfall = evidence.metrics[index] ?? null));
  health.forEach((track, index) => (track.shortfall = evidence.health[index] ?? null));
  return evidence.shortfalls.length > 0 ? { kind: 'inconclusive', shortfalls: evidence.shortfalls } : { kind: 'healthy' };
}
