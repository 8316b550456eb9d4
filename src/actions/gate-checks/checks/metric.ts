import { z } from 'zod';
import { type Aggregate, AGGREGATES, aggregate, finiteSamples, ratioOfSums } from '../../../engine/aggregate.js';
import { type Result, ok } from '../../../engine/result.js';
import { formatDuration } from '../../../engine/units.js';
import type { HttpOptions } from '../../../sources/metrics/fetch-json.js';
import { type MetricSource, type Variant, durationField } from '../../../sources/metrics/metric-source.js';
import { createMetricSource } from '../../../sources/metrics/registry.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import { describeFirstIssue } from '../../../sources/zod-issue.js';
import type { CheckEnvironment, CheckSpec, CheckType, Measured } from '../check-type.js';

/**
 * `metric` (BRIEF §2): a live metric over a window, e.g. "staging stable for
 * 48 h". The value is one series folded by `aggregate`, or a ratio of two
 * series' sums (errors / requests, so `max: 1%` reads naturally). Too few
 * samples is `nodata`, never a pass (BRIEF §5).
 *
 * ```yaml
 * staging-errors:
 *   type: metric
 *   source: { type: file, path: metrics/staging.json }
 *   ratio: { numerator: errors, denominator: requests }
 *   window: 48h
 *   max: 1%
 *   warn-max: 0.1%
 * ```
 */
interface MetricEntry {
  series?: string;
  ratio?: { numerator: string; denominator: string };
  variant?: Variant;
  /** ms */
  window: number;
  aggregate: Aggregate;
  'min-samples': number;
}

const entrySchema = z.object({
  series: z.string().min(1).optional(),
  ratio: z.strictObject({ numerator: z.string().min(1), denominator: z.string().min(1) }).optional(),
  variant: z.enum(['baseline', 'canary']).optional(),
  window: durationField,
  aggregate: z.enum(AGGREGATES).default('mean'),
  'min-samples': z.number().int().min(1).default(1),
});

const KEYS = ['source', 'series', 'ratio', 'variant', 'window', 'aggregate', 'min-samples'] as const;

/** The check, with HTTP timing injectable for tests (backoff without real waits). */
export function createMetricCheck(http: HttpOptions = {}): CheckType {
  return {
    type: 'metric',
    measures: { value: 'number' },
    headline: 'value',
    keys: KEYS,
    needsPath: false,
    measure: (spec, environment) => measureMetric(spec, environment, http),
  };
}

export const metricCheck: CheckType = createMetricCheck();

async function measureMetric(spec: CheckSpec, environment: CheckEnvironment, http: HttpOptions): Promise<Result<Measured, SourceFault>> {
  const entry = parseEntry(spec);
  if (!entry.ok) return entry;
  const source = createMetricSource(spec.entry.source, { workspace: environment.workspace, env: environment.env, http });
  if (!source.ok) return fault('config', `check \`${spec.name}\`: ${source.error.message}`);
  const read = entry.value.ratio ? await readRatio(source.value, entry.value, environment.now) : await readSeries(source.value, entry.value, environment.now);
  if (!read.ok) return read;

  const { value, samples, noDataReason, evidence } = read.value;
  const minSamples = entry.value['min-samples'];
  const window = formatDuration(entry.value.window);
  const what = `${entry.value.ratio ? `${entry.value.ratio.numerator}/${entry.value.ratio.denominator}` : entry.value.series}${entry.value.variant ? ` (${entry.value.variant})` : ''}`;
  const from = `${source.value.kind} ${source.value.where}`;
  const tooFew = samples < minSamples;
  const reason = tooFew ? `${samples} of ${minSamples} required samples of ${what} in the last ${window} from ${from}` : noDataReason;
  return ok({
    measurements: { value: reason ? null : value },
    samples,
    evidence: {
      source: { kind: source.value.kind, where: source.value.where },
      ...evidence,
      variant: entry.value.variant ?? null,
      window,
      windowMs: entry.value.window,
      minSamples,
    },
    // A ratio reads as a percentage (0.02%, not 0.0002), under its own name.
    display: { value: { label: what, ...(entry.value.ratio ? { dimension: 'fraction' as const } : {}) } },
    ...(reason ? { verdict: { status: 'nodata' as const, message: `no data: ${reason}`, value: null } } : {}),
  });
}

function parseEntry(spec: CheckSpec): Result<MetricEntry, SourceFault> {
  const problem = (message: string) => fault('config', `check \`${spec.name}\`: ${message}`);
  const own = Object.fromEntries(KEYS.filter((key) => key !== 'source' && key in spec.entry).map((key) => [key, spec.entry[key]]));
  if (own.window === undefined) return problem('`window` is required, e.g. 48h or 30m');
  if ((own.series === undefined) === (own.ratio === undefined)) return problem('give either `series` (a series name) or `ratio` ({ numerator, denominator })');
  const parsed = entrySchema.safeParse(own, { reportInput: true });
  if (!parsed.success) return problem(describeFirstIssue(parsed.error));
  return ok(parsed.data);
}

interface Read {
  value: number | null;
  samples: number;
  /** Why there is no value although samples were read (a zero denominator). */
  noDataReason: string | null;
  evidence: Record<string, unknown>;
}

async function readSeries(source: MetricSource, entry: MetricEntry, now: Date): Promise<Result<Read, SourceFault>> {
  const series = entry.series ?? '';
  const read = await source.query({ series, variant: entry.variant ?? null, windowMs: entry.window, now });
  if (!read.ok) return read;
  const samples = finiteSamples(read.value.values);
  const value = aggregate(samples, entry.aggregate);
  return ok({ value, samples: samples.length, noDataReason: null, evidence: { series, aggregate: entry.aggregate } });
}

async function readRatio(source: MetricSource, entry: MetricEntry, now: Date): Promise<Result<Read, SourceFault>> {
  const { numerator, denominator } = entry.ratio ?? { numerator: '', denominator: '' };
  const query = (series: string) => source.query({ series, variant: entry.variant ?? null, windowMs: entry.window, now });
  const [top, bottom] = await Promise.all([query(numerator), query(denominator)]);
  if (!top.ok) return top;
  if (!bottom.ok) return bottom;
  const ratio = ratioOfSums(top.value.values, bottom.value.values);
  const noDataReason =
    ratio.samples > 0 && ratio.value === null ? `\`${denominator}\` sums to 0 over the last ${formatDuration(entry.window)}, so ${numerator}/${denominator} is undefined` : null;
  return ok({
    value: ratio.value,
    samples: ratio.samples,
    noDataReason,
    evidence: { ratio: { numerator, denominator, numeratorSum: ratio.numerator, denominatorSum: ratio.denominator }, aggregate: 'ratio of sums' },
  });
}
