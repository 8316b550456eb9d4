import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import { type MetricSamples, placeOnGrid } from './metric-source.js';

/**
 * Readers of the two Sentry answers the `sentry` source asks for. Each
 * checks the shape the API description documents and the numbers in it, so
 * a proxy's page or an impossible count is `malformed`, never samples.
 */

/** How the values of a series are held: counts are whole and never negative, measures (a p75) never negative. */
export type ValueKind = 'count' | 'estimated-count' | 'measure';

const sessionsSchema = z.object({
  intervals: z.array(z.string()),
  groups: z.array(
    z.object({
      by: z.record(z.string(), z.unknown()),
      series: z.record(z.string(), z.array(z.number().nullable())),
    }),
  ),
});

/**
 * `GET /organizations/{org}/sessions/?field=sum(session)&groupBy=session.status`:
 * one group per status with a value per interval. Sentry lists every
 * interval of the (rounded) range and zero-fills each group's series, and
 * leaves a status with no session out, so a missing group is zero sessions;
 * a `null` is a gap. `statuses` picks the groups to add up, all when absent.
 */
export function readSessions(body: unknown, statuses: ((status: string) => boolean) | null, what: string, window?: TimeseriesWindow): Result<MetricSamples, SourceFault> {
  const parsed = sessionsSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return fault('malformed', `${what}: not a sessions answer: ${describeFirstIssue(parsed.error)}`);
  const { intervals, groups } = parsed.data;
  const times = intervals.map((stamp) => Date.parse(stamp));
  const badTime = times.findIndex((time, index) => !Number.isFinite(time) || (index > 0 && time <= times[index - 1]!));
  if (badTime >= 0) return fault('malformed', `${what}: intervals[${badTime}] ${JSON.stringify(intervals[badTime])} is not a time after the one before it`);
  // Intervals that miss the window asked for (a stale or cached answer) are some other time's sessions, not this window's.
  if (window && times.length > 0) {
    const lastEnd = times.at(-1)! + (times.length > 1 ? times[1]! - times[0]! : 0);
    if (times.at(-1)! >= window.toMs || lastEnd < window.fromMs) {
      return fault('malformed', `${what}: the intervals ${intervals[0]} to ${intervals.at(-1)} are not of the window asked for, ${new Date(window.fromMs).toISOString()} to ${new Date(window.toMs).toISOString()}`);
    }
  }
  const values = new Array<number>(intervals.length).fill(0);
  for (const [groupIndex, group] of groups.entries()) {
    const status = group.by['session.status'];
    if (typeof status !== 'string') return fault('malformed', `${what}: groups[${groupIndex}] has no session.status; the query groups by it`);
    const series = group.series['sum(session)'];
    if (!series || series.length !== intervals.length) {
      return fault('malformed', `${what}: groups[${groupIndex}] (${status}) has ${series?.length ?? 'no'} sum(session) values for ${intervals.length} intervals`);
    }
    if (statuses && !statuses(status)) continue;
    for (const [index, value] of series.entries()) {
      const problem = countProblem(value, 'count');
      if (problem) return fault('malformed', `${what}: ${status} sessions at ${intervals[index]} ${problem}`);
      values[index] = value === null || Number.isNaN(values[index]) ? NaN : values[index]! + value;
    }
  }
  const stepMs = times.length > 1 ? times[1]! - times[0]! : null;
  return ok({ values, intervalMs: stepMs });
}

const pointSchema = z.object({
  timestamp: z.number(),
  value: z.number().nullable(),
  incomplete: z.boolean().optional(),
  sampleRate: z.number().nullable().optional(),
});
const timeseriesSchema = z.object({
  timeSeries: z.array(z.object({ values: z.array(pointSchema), yAxis: z.string(), meta: z.object({ interval: z.number() }) })),
});

export interface TimeseriesWindow {
  fromMs: number;
  toMs: number;
}

/**
 * `GET /organizations/{org}/events-timeseries/`: one series (no `groupBy`)
 * of `{timestamp, value}` points, timestamps and `meta.interval` in ms.
 * Points go on the interval's grid over the window, so a bucket Sentry left
 * out is a gap and two series of one window line up. Sentry zero-fills a
 * bucket with no events, so a count of 0 is a real zero; a percentile of an
 * empty bucket is zero-filled too, which the caller turns into a gap with the
 * bucket's count. No series at all is no data.
 */
export function readTimeseries(body: unknown, kind: ValueKind, window: TimeseriesWindow, what: string, yAxis?: string): Result<MetricSamples, SourceFault> {
  const parsed = timeseriesSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return fault('malformed', `${what}: not an events-timeseries answer: ${describeFirstIssue(parsed.error)}`);
  const { timeSeries } = parsed.data;
  if (timeSeries.length === 0) return ok({ values: [], intervalMs: null });
  if (timeSeries.length > 1) return fault('malformed', `${what}: ${timeSeries.length} series came back for a query without groupBy`);
  const series = timeSeries[0]!;
  // The zero-filled values of another aggregate would read as a clean release.
  if (yAxis !== undefined && series.yAxis.replace(/\s+/g, '') !== yAxis.replace(/\s+/g, '')) return fault('malformed', `${what}: Sentry answered a series of ${series.yAxis}, not of ${yAxis}`);
  const stepMs = series.meta.interval;
  if (!(stepMs >= 1_000) || stepMs % 1_000 !== 0) return fault('malformed', `${what}: meta.interval ${stepMs} is not a whole number of seconds in ms`);
  const samples: Array<readonly [number, number]> = [];
  for (const [index, point] of series.values.entries()) {
    if (index > 0 && point.timestamp <= series.values[index - 1]!.timestamp) return fault('malformed', `${what}: values[${index}] is not later than the point before it`);
    // Extrapolated span counts (sampled traffic scaled up by the sample rate) are estimates, not whole numbers.
    const estimated = kind === 'estimated-count' || (kind === 'count' && point.sampleRate != null && point.sampleRate < 1);
    const value = point.value !== null && estimated ? Math.round(point.value) : point.value;
    const problem = countProblem(value, estimated ? 'measure' : kind);
    if (problem) return fault('malformed', `${what}: the value at ${new Date(point.timestamp).toISOString()} ${problem}`);
    samples.push([point.timestamp, value ?? NaN]);
  }
  const first = Math.floor(window.fromMs / stepMs);
  const grid = { startMs: first * stepMs, stepMs, count: Math.max(0, Math.ceil(window.toMs / stepMs) - first) };
  return ok({ values: placeOnGrid(samples, grid), intervalMs: stepMs });
}

/** Why a value cannot be believed, or `null`. */
function countProblem(value: number | null, kind: ValueKind): string | null {
  if (value === null) return null;
  if (!Number.isFinite(value) || value < 0) return `is ${value}, not a number of 0 or more`;
  if (kind === 'count' && !Number.isInteger(value)) return `is ${value}, not a whole count`;
  return null;
}
