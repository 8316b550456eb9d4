import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import type { MetricSamples } from './metric-source.js';

/**
 * The one HogQL query the `posthog` source sends, and how its answer is
 * read. The query text is a constant: everything that varies (the event,
 * the flag property, the variant, the window) goes in the request's
 * `values`, which PostHog substitutes for the `{name}` placeholders as
 * constants, so no configured text is ever parsed as HogQL.
 *
 * Per bucket of the window it counts the events named (`matching`) and
 * every event of the variant whatever its name (`flagged`): a variant no
 * event carries in the whole window (a misspelt variant or flag, a flag
 * whose property the SDK does not send) is no data, never a variant
 * without a single error.
 */
const SELECT = 'SELECT intDiv(toUnixTimestamp(timestamp) - {start_epoch}, {step_seconds}) AS bucket, countIf(event = {event}) AS matching, count() AS flagged FROM events';
const WINDOW = 'WHERE timestamp >= toDateTime({start}) AND timestamp < toDateTime({end})';
const TAIL = 'GROUP BY bucket ORDER BY bucket LIMIT 10000';

/** Canary and baseline reads: the events whose `$feature/<flag>` property is the variant's value. */
export const VARIANT_QUERY = `${SELECT} ${WINDOW} AND properties[{flag_property}] = {flag_value} ${TAIL}`;
/** A read of the one live version: every event of the project. */
export const LIVE_QUERY = `${SELECT} ${WINDOW} ${TAIL}`;
export const COLUMNS = ['bucket', 'matching', 'flagged'] as const;
/** The query's LIMIT: a window of more buckets than this is refused before it is asked. */
export const MAX_BUCKETS = 10_000;

/** The window cut into whole buckets that end at `now` (to the second) and never reach back before the window. */
export interface BucketGrid {
  startMs: number;
  stepMs: number;
  count: number;
}

export function bucketGrid(now: Date, windowMs: number, intervalMs: number): BucketGrid {
  const endMs = Math.floor(now.getTime() / 1_000) * 1_000;
  const stepMs = Math.max(1_000, Math.floor(Math.min(intervalMs, windowMs) / 1_000) * 1_000);
  const count = Math.max(1, Math.floor(windowMs / stepMs));
  return { startMs: endMs - count * stepMs, stepMs, count };
}

/** Who a read is of: one variant of a flag, or every event (`null`). */
export interface VariantFilter {
  flag: string;
  value: string;
}

export interface HogQLRequest {
  kind: 'HogQLQuery';
  query: string;
  values: Record<string, string | number>;
}

export function hogqlRequest(event: string, filter: VariantFilter | null, grid: BucketGrid): HogQLRequest {
  const window = {
    event,
    start_epoch: grid.startMs / 1_000,
    step_seconds: grid.stepMs / 1_000,
    start: isoSeconds(grid.startMs),
    end: isoSeconds(grid.startMs + grid.count * grid.stepMs),
  };
  if (filter === null) return { kind: 'HogQLQuery', query: LIVE_QUERY, values: window };
  return { kind: 'HogQLQuery', query: VARIANT_QUERY, values: { ...window, flag_property: `$feature/${filter.flag}`, flag_value: filter.value } };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const count = z.number().int().min(0);
const answerSchema = z.looseObject({
  results: z.array(z.tuple([z.number().int(), count, count])),
  columns: z.array(z.string()),
  hasMore: z.boolean().nullish(),
  error: z.string().nullish(),
});

/**
 * The counts per bucket: a bucket without a row had no such events (0), as
 * the query groups only the events it found. `what` names the read in
 * messages; `nobody` says who no event carried, for the no-data warning.
 */
export function readCounts(body: unknown, grid: BucketGrid, what: string, nobody: string): Result<MetricSamples, SourceFault> {
  const parsed = answerSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return fault('malformed', `${what}: not an answer to the HogQL query asked: ${describeFirstIssue(parsed.error)}`);
  const { results, columns, hasMore, error } = parsed.data;
  if (error) return fault('provider', `${what}: PostHog reported a query error: ${error.replace(/\s+/g, ' ').slice(0, 300)}`);
  if (columns.join(',') !== COLUMNS.join(',')) return fault('malformed', `${what}: PostHog answered columns ${JSON.stringify(columns)}, not ${JSON.stringify(COLUMNS)}`);
  if (hasMore === true) return fault('malformed', `${what}: PostHog cut the answer short (hasMore), though the window has only ${grid.count} buckets`);
  const values = new Array<number>(grid.count).fill(0);
  const seen = new Set<number>();
  let flagged = 0;
  for (const [index, [bucket, matching, all]] of results.entries()) {
    if (bucket < 0 || bucket >= grid.count) return fault('malformed', `${what}: results[${index}] is bucket ${bucket}, outside the window's 0–${grid.count - 1}`);
    if (seen.has(bucket)) return fault('malformed', `${what}: results[${index}] repeats bucket ${bucket}`);
    if (matching > all) return fault('malformed', `${what}: results[${index}] counts ${matching} matching events of only ${all} in its bucket`);
    seen.add(bucket);
    values[bucket] = matching;
    flagged += all;
  }
  if (flagged === 0) return ok({ values: [], intervalMs: null, warnings: [`${what}: no event in the window carries ${nobody}: no data`] });
  return ok({ values, intervalMs: grid.stepMs });
}
