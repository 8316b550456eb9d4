import type { BreachRule, SampleOutcome } from '../../engine/breach.js';
import { formatDuration } from '../../engine/units.js';
import { formatMetricValue } from './describe.js';
import type { Outage } from './outage.js';
import type { HealthTrack, MetricTrack } from './tracks.js';

/**
 * One log line per poll, so a person following the run sees each metric's
 * latest value and how close its rule is to firing:
 * `poll 4 +3s: error-rate 12% breach 2/3 · https://app/healthz 200 0/4`.
 */
export interface PollLine {
  poll: number;
  /** ms since the watch started. */
  at: number;
  metrics: readonly MetricTrack[];
  /** Samples each metric gained in this poll. */
  added: readonly number[];
  health: readonly HealthTrack[];
  isReadSkipped: boolean;
  outage: Outage;
}

export function logPoll(log: (line: string) => void, line: PollLine): void {
  const parts = [
    ...line.metrics.map((track, index) => describeMetric(track, line.added[index] ?? 0)),
    ...line.health.map((track) => `${track.shown} ${track.results.at(-1)?.status ?? track.results.at(-1)?.reason ?? '—'} ${progress(track.outcomes, track.rule)}`),
  ];
  if (line.isReadSkipped) parts.push(`metrics read skipped (backing off after ${line.outage.failedReads} failed read${line.outage.failedReads === 1 ? '' : 's'})`);
  else if (line.outage.since !== null) parts.push(`metrics backend failing: ${line.outage.lastMessage ?? ''}`);
  log(`poll ${line.poll + 1} +${formatDuration(line.at)}: ${parts.join(' · ') || 'nothing to read'}`);
}

function describeMetric(track: MetricTrack, added: number): string {
  const last = track.outcomes.at(-1);
  if (last === undefined || added === 0) return `${track.metric.name} no new sample`;
  const lastValue = track.values.at(-1) ?? null;
  const value = lastValue === null ? '—' : formatMetricValue(track.metric, lastValue);
  const fresh = added === 1 ? '' : ` (+${added} samples)`;
  return `${track.metric.name} ${value} ${last} ${progress(track.outcomes, track.metric.breach)}${fresh}`;
}

/** Breaches counted toward the rule now: the current run (consecutive), or those in the last M (n-of-m). */
export function progress(outcomes: readonly SampleOutcome[], rule: BreachRule): string {
  if (rule.kind === 'consecutive') {
    let run = 0;
    for (let index = outcomes.length - 1; index >= 0 && outcomes[index] === 'breach'; index--) run++;
    return `${run}/${rule.count}`;
  }
  const inWindow = outcomes.slice(-rule.m).filter((outcome) => outcome === 'breach').length;
  return `${inWindow}/${rule.n}`;
}
