import { z } from 'zod';
import { type Aggregate, AGGREGATES, aggregate, presentSamples, ratioOfSums } from '../../../engine/aggregate.js';
import { checkRatioCounts, fillEmptyNumerator } from '../../../engine/judge/transform.js';
import { type Rational, divide, meanOf, sign, sumOf } from '../../../engine/exact.js';
import { type Result, ok } from '../../../engine/result.js';
import { formatDuration } from '../../../engine/units.js';
import type { HttpOptions } from '../../../sources/metrics/fetch-json.js';
import { type MetricSource, type Variant, durationField } from '../../../sources/metrics/metric-source.js';
import { createMetricSource } from '../../../sources/metrics/registry.js';
import { type SourceFault, fault } from '../../../sources/source-fault.js';
import { describeFirstIssue } from '../../../sources/zod-issue.js';
import type { CheckEnvironment, CheckSpec, Measured } from '../check-type.js';
import { METRIC_KEYS } from './metric.js';

// Measures `metric` checks; `metric.ts` describes the type. Reads a series from
// its source and folds it into the value held to the thresholds. Loaded on first
// use, so a policy without such a check never loads the metric sources.

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

export async function measureMetric(spec: CheckSpec, environment: CheckEnvironment, http: HttpOptions): Promise<Result<Measured, SourceFault>> {
  const entry = parseEntry(spec);
  if (!entry.ok) return entry;
  const source = createMetricSource(spec.entry.source, { workspace: environment.workspace, env: environment.env, http });
  if (!source.ok) return fault('config', `check \`${spec.name}\`: ${source.error.message}`);
  const read = entry.value.ratio ? await readRatio(source.value, entry.value, environment.now) : await readSeries(source.value, entry.value, environment.now);
  if (!read.ok) return read;

  const { value, exact, samples, noDataReason, evidence } = read.value;
  const minSamples = entry.value['min-samples'];
  const window = formatDuration(entry.value.window);
  const what = `${entry.value.ratio ? `${entry.value.ratio.numerator}/${entry.value.ratio.denominator}` : entry.value.series}${entry.value.variant ? ` (${entry.value.variant})` : ''}`;
  const from = `${source.value.kind} ${source.value.where}`;
  const tooFew = samples < minSamples;
  const reason = tooFew ? `${samples} of ${minSamples} required samples of ${what} in the last ${window} from ${from}` : noDataReason;
  return ok({
    measurements: { value: reason ? null : value },
    ...(exact && !reason ? { exact: { value: exact } } : {}),
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
  const own = Object.fromEntries(METRIC_KEYS.filter((key) => key !== 'source' && key in spec.entry).map((key) => [key, spec.entry[key]]));
  if (own.window === undefined) return problem('`window` is required, e.g. 48h or 30m');
  if ((own.series === undefined) === (own.ratio === undefined)) return problem('give either `series` (a series name) or `ratio` ({ numerator, denominator })');
  const parsed = entrySchema.safeParse(own, { reportInput: true });
  if (!parsed.success) return problem(describeFirstIssue(parsed.error));
  return ok(parsed.data);
}

interface Read {
  value: number | null;
  /** The value as an exact fraction, where the fold is exact (a ratio of sums, a mean, a sum). */
  exact?: Rational;
  samples: number;
  /** Why there is no value although samples were read (a zero denominator). */
  noDataReason: string | null;
  evidence: Record<string, unknown>;
}

async function readSeries(source: MetricSource, entry: MetricEntry, now: Date): Promise<Result<Read, SourceFault>> {
  const series = entry.series ?? '';
  const read = await source.query({ series, variant: entry.variant ?? null, windowMs: entry.window, now });
  if (!read.ok) return read;
  // A gap (NaN) is dropped; ±∞ is kept, a finding that breaches a max, and leaves the fold inexact.
  const samples = presentSamples(read.value.values);
  const value = aggregate(samples, entry.aggregate);
  const exact = samples.length === 0 || !samples.every(Number.isFinite) ? undefined : EXACT_FOLDS[entry.aggregate]?.(samples);
  return ok({ value, exact, samples: samples.length, noDataReason: null, evidence: { series, aggregate: entry.aggregate } });
}

async function readRatio(source: MetricSource, entry: MetricEntry, now: Date): Promise<Result<Read, SourceFault>> {
  const { numerator, denominator } = entry.ratio ?? { numerator: '', denominator: '' };
  const query = (series: string) => source.query({ series, variant: entry.variant ?? null, windowMs: entry.window, now });
  const [top, bottom] = await Promise.all([query(numerator), query(denominator)]);
  if (!top.ok) return top;
  if (!bottom.ok) return bottom;
  // As the canary judge reads counts: an empty numerator beside live requests is no errors, and each interval is checked on its own.
  const counts = fillEmptyNumerator({ numerator: top.value.values, denominator: bottom.value.values }, 'zero');
  const problem = checkRatioCounts(counts, { numerator, denominator });
  if (problem !== null) return fault('malformed', `${source.kind} ${source.where}${entry.variant ? ` (${entry.variant})` : ''}: ${problem}`);
  const ratio = ratioOfSums(counts.numerator, counts.denominator);
  const exact = ratio.value === null ? undefined : exactRatio(counts.numerator, counts.denominator);
  const noDataReason =
    ratio.samples > 0 && ratio.value === null ? `\`${denominator}\` sums to 0 over the last ${formatDuration(entry.window)}, so ${numerator}/${denominator} is undefined` : null;
  return ok({
    value: ratio.value,
    exact,
    samples: ratio.samples,
    noDataReason,
    evidence: { ratio: { numerator, denominator, numeratorSum: ratio.numerator, denominatorSum: ratio.denominator }, aggregate: 'ratio of sums' },
  });
}

/** Folds that are exact on the samples as written; the others (min, max, last, percentiles) compare their double as it prints. */
const EXACT_FOLDS: Partial<Record<Aggregate, (samples: number[]) => Rational>> = { mean: meanOf, sum: sumOf };

/** sum(numerator) / sum(denominator) as `ratioOfSums` pairs them (latest samples aligned, both finite), exactly. */
function exactRatio(numerator: readonly number[], denominator: readonly number[]): Rational | undefined {
  const length = Math.min(numerator.length, denominator.length);
  const pairs = numerator.slice(numerator.length - length).map((n, i) => [n, denominator[denominator.length - length + i]!] as const);
  const finite = pairs.filter(([n, d]) => Number.isFinite(n) && Number.isFinite(d));
  const bottom = sumOf(finite.map(([, d]) => d));
  return sign(bottom) === 0 ? undefined : divide(sumOf(finite.map(([n]) => n)), bottom);
}
