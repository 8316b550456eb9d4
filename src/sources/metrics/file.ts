import path from 'node:path';
import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { MAX_TIMER_MS, MAX_TIMER_SHOWN, parseDuration } from '../../engine/units.js';
import { readJson } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import { type HistogramBucket, orderBuckets } from './histogram-buckets.js';
import type { HistogramSamples, MetricQuery, MetricSamples, MetricSource, MetricSourceKind, SourceContext } from './metric-source.js';

/**
 * The `file` metric source: a JSON document of samples, one number per
 * interval for each named series, oldest first. `requests` and `errors` are
 * counts in the interval.
 *
 * ```json
 * { "interval": "1m",
 *   "baseline": { "requests": [1200, 1180], "errors": [3, 2], "latency_ms": [210, 220] },
 *   "canary":   { "requests": [60, 62],     "errors": [0, 1], "latency_ms": [215, 230] } }
 * ```
 * A flat document without `baseline`/`canary` holds the series of the one live version.
 *
 * A classic histogram (for a `histogram` metric) is an object instead of an
 * array: per upper bound, the requests at or below it in each interval,
 * arrays of one length, keys numbers or "+Inf"; in a section or a flat document:
 *
 * ```json
 * { "interval": "1m",
 *   "canary": { "latency_seconds": { "0.1": [50, 55], "0.25": [58, 60], "+Inf": [60, 62] } } }
 * ```
 *
 * A document without timestamps is the data of the step being judged: every
 * interval in it counts, whatever the window or the clock says (a tick with
 * `bake-time: 0s` judges the whole file, not its last interval). With an
 * optional `"start": "<ISO-8601>"` the samples are placed in time, sample i
 * covering the interval that ends at start + (i + 1) × interval, and a query
 * takes those whose interval ends within its window.
 */
export interface FileSourceConfig {
  type: 'file';
  /** The document, relative to the workspace. */
  path: string;
}

const configSchema = z.strictObject({ type: z.literal('file'), path: z.string().min(1) });

/** Numbers; JSON writes +∞ only as an overflowing literal (1e400), which is kept: a series value of ∞ is a finding, not a gap. */
const sampleValue = z.custom<number>((value) => typeof value === 'number' && !Number.isNaN(value), { message: 'expected a number' });
const seriesSchema = z.array(sampleValue);
/** A section's entries are read one by one (`readSection`): a series and a histogram differ in shape, and each gets its own message. */
const sectionSchema = z.record(z.string(), z.unknown());
const documentSchema = z.object({
  interval: z.union([z.string(), z.number()], {
    error: (issue) => (issue.input === undefined ? 'is missing; give the spacing of the samples such as "1m"' : 'must be a duration such as "1m"'),
  }),
  start: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO-8601 time such as "2026-11-24T10:00:00Z"').optional(),
  baseline: sectionSchema.optional(),
  canary: sectionSchema.optional(),
}).catchall(z.unknown());

type SectionName = 'baseline' | 'canary' | 'live';

interface SampleDocument {
  intervalMs: number;
  /** Epoch ms of the first sample's interval start; null when the document has no timestamps. */
  startMs: number | null;
  /** Series per variant; `live` holds a flat document's series. */
  sections: Partial<Record<SectionName, Record<string, number[]>>>;
  /**
   * Histograms' buckets per variant, ascending by bound; a variant present in
   * the document is in both maps. Kept apart from `sections` so readers of
   * plain series (the auto-rollback stream) see series alone.
   */
  histograms: Partial<Record<SectionName, Record<string, HistogramBucket[]>>>;
}

export const fileSource: MetricSourceKind<FileSourceConfig> = {
  kind: 'file',
  schema: configSchema,
  create: (config, context) => ok(new FileMetricSource(config, context)),
};

class FileMetricSource implements MetricSource {
  readonly kind = 'file';
  readonly where: string;
  private readonly file: string;
  private document: Promise<Result<SampleDocument, SourceFault>> | undefined;

  constructor(config: FileSourceConfig, context: SourceContext) {
    this.where = config.path;
    this.file = path.resolve(context.workspace, config.path);
  }

  async query(request: MetricQuery): Promise<Result<MetricSamples, SourceFault>> {
    const found = await this.find(request);
    if (!found.ok) return found;
    const { entry, intervalMs, startMs, shown } = found.value;
    if (!Array.isArray(entry)) return fault('config', `${shown}: \`${request.series}\` is a histogram (buckets by upper bound), not one series; use \`histogram:\` in the metric`);
    return ok({ values: startMs === null ? [...entry] : sliceByTime(entry, startMs, intervalMs, request), intervalMs });
  }

  async queryHistogram(request: MetricQuery): Promise<Result<HistogramSamples, SourceFault>> {
    const found = await this.find(request);
    if (!found.ok) return found;
    const { entry, intervalMs, startMs, shown } = found.value;
    if (Array.isArray(entry)) return fault('config', `${shown}: \`${request.series}\` is one series, not a histogram's buckets; give it as {"0.1": [...], "+Inf": [...]}, or read it as a series`);
    const buckets = entry.buckets.map(({ le, values }) => ({ le, values: startMs === null ? [...values] : sliceByTime(values, startMs, intervalMs, request) }));
    return ok({ buckets, intervalMs });
  }

  /** The request's series or histogram in its variant's section, with the document's timing. */
  private async find(request: MetricQuery): Promise<Result<{ entry: number[] | { buckets: HistogramBucket[] }; intervalMs: number; startMs: number | null; shown: string }, SourceFault>> {
    // Read once per source: a ratio asks for two series of the same file.
    this.document ??= this.load();
    const document = await this.document;
    if (!document.ok) return document;
    const section = pickSection(document.value, request, this.where);
    if (!section.ok) return section;
    const shown = `${this.where}${request.variant ? ` (${request.variant})` : ''}`;
    const series = document.value.sections[section.value]?.[request.series];
    const buckets = document.value.histograms[section.value]?.[request.series];
    const { intervalMs, startMs } = document.value;
    if (series !== undefined) return ok({ entry: series, intervalMs, startMs, shown });
    if (buckets !== undefined) return ok({ entry: { buckets }, intervalMs, startMs, shown });
    const names = [...Object.keys(document.value.sections[section.value] ?? {}), ...Object.keys(document.value.histograms[section.value] ?? {})];
    return fault('config', `${shown} has no series \`${request.series}\`; it has ${names.join(', ') || 'none'}`);
  }

  private async load(): Promise<Result<SampleDocument, SourceFault>> {
    const json = await readJson(this.file);
    if (!json.ok) return json.error.kind === 'missing' ? fault('missing', `metrics file not found: ${this.where}`) : json;
    return parseSampleDocument(json.value, this.where);
  }
}

/** Validates the document; the fault names the first bad field. */
export function parseSampleDocument(json: unknown, where: string): Result<SampleDocument, SourceFault> {
  const parsed = documentSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return fault('malformed', `${where}: ${describeFirstIssue(parsed.error)}`);
  // Spacings beyond a timer's reach are not sample spacings; they would also put sample times past any date.
  const interval = parseDuration(parsed.data.interval);
  if (!interval.ok || interval.value <= 0 || interval.value > MAX_TIMER_MS) {
    return fault('malformed', `${where}: \`interval\` must be the spacing of the samples such as "1m" (at most ${MAX_TIMER_SHOWN}); got ${JSON.stringify(parsed.data.interval)}`);
  }
  const { interval: _interval, start, baseline, canary, ...flat } = parsed.data;
  const raw: Partial<Record<SectionName, Record<string, unknown>>> = baseline || canary ? { baseline, canary } : { live: flat };
  const document: SampleDocument = { intervalMs: interval.value, startMs: start === undefined ? null : Date.parse(start), sections: {}, histograms: {} };
  for (const name of ['baseline', 'canary', 'live'] as const) {
    const entries = raw[name];
    if (entries === undefined) continue;
    const section = readSection(entries, name === 'live' ? '' : `${name}.`, where);
    if (!section.ok) return section;
    document.sections[name] = section.value.series;
    document.histograms[name] = section.value.histograms;
  }
  return ok(document);
}

/** A section's series (arrays) and histograms (objects keyed by bound); `path` prefixes keys in messages (`canary.`). */
function readSection(entries: Record<string, unknown>, path: string, where: string): Result<{ series: Record<string, number[]>; histograms: Record<string, HistogramBucket[]> }, SourceFault> {
  const series: Record<string, number[]> = {};
  const histograms: Record<string, HistogramBucket[]> = {};
  for (const [name, value] of Object.entries(entries)) {
    const key = `${path}${name}`;
    if (Array.isArray(value)) {
      const values = readValues(value, key, where);
      if (!values.ok) return values;
      series[name] = values.value;
    } else if (typeof value === 'object' && value !== null) {
      const buckets = readBuckets(value as Record<string, unknown>, key, where);
      if (!buckets.ok) return buckets;
      histograms[name] = buckets.value;
    } else {
      return fault('malformed', `${where}: \`${key}\`: expected an array of numbers, or a histogram's buckets such as {"0.1": [...], "+Inf": [...]}; got ${JSON.stringify(value)}`);
    }
  }
  return ok({ series, histograms });
}

function readValues(value: unknown, key: string, where: string): Result<number[], SourceFault> {
  const parsed = seriesSchema.safeParse(value, { reportInput: true });
  return parsed.success ? ok(parsed.data) : fault('malformed', `${where}: ${describeFirstIssue(parsed.error, key)}`);
}

/** A histogram's buckets: one array per bound, all of one length (an interval missing from one bucket would misplace every later one). */
function readBuckets(value: Record<string, unknown>, key: string, where: string): Result<HistogramBucket[], SourceFault> {
  const labelled: Array<[string, number[]]> = [];
  for (const [bound, raw] of Object.entries(value)) {
    const values = readValues(raw, `${key}["${bound}"]`, where);
    if (!values.ok) return values;
    labelled.push([bound, values.value]);
  }
  const [first] = labelled;
  if (first === undefined) return fault('malformed', `${where}: \`${key}\`: a histogram needs buckets such as {"0.1": [...], "+Inf": [...]}; got {}`);
  const uneven = labelled.find(([, values]) => values.length !== first[1].length);
  if (uneven) return fault('malformed', `${where}: \`${key}\`: buckets must be of one length; "${first[0]}" has ${first[1].length} values, "${uneven[0]}" has ${uneven[1].length}`);
  const ordered = orderBuckets(labelled);
  if (ordered.ok) return ordered;
  const problem = ordered.error;
  if ('notABound' in problem) return fault('malformed', `${where}: \`${key}\`: bucket "${problem.notABound}" is not an upper bound; keys are numbers such as "0.25", or "+Inf"`);
  return fault('malformed', `${where}: \`${key}\`: buckets "${problem.sameBound[0]}" and "${problem.sameBound[1]}" are one bound; keep one`);
}

/** The samples whose interval ends within (now − window, now]. */
function sliceByTime(series: readonly number[], startMs: number, intervalMs: number, request: MetricQuery): number[] {
  const from = request.now.getTime() - request.windowMs;
  const to = request.now.getTime();
  return series.filter((_, index) => {
    const end = startMs + (index + 1) * intervalMs;
    return end > from && end <= to;
  });
}

/** Which section a request reads: its variant's, or the flat document's for the one live version. */
function pickSection(document: SampleDocument, request: MetricQuery, where: string): Result<SectionName, SourceFault> {
  const { sections } = document;
  if (request.variant === null) {
    if (sections.live) return ok('live');
    return fault('config', `${where} has baseline/canary sections; set \`variant\` to baseline or canary`);
  }
  if (sections[request.variant]) return ok(request.variant);
  if (sections.live) return fault('config', `${where} is a flat document of one live version; remove \`variant\` or add a \`${request.variant}\` section`);
  return fault('config', `${where} has no \`${request.variant}\` section`);
}
