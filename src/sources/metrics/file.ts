import path from 'node:path';
import { z } from 'zod';
import { type Result, ok } from '../../engine/result.js';
import { MAX_TIMER_MS, MAX_TIMER_SHOWN, parseDuration } from '../../engine/units.js';
import { readJson } from '../files.js';
import { type SourceFault, fault } from '../source-fault.js';
import { describeFirstIssue } from '../zod-issue.js';
import type { MetricQuery, MetricSamples, MetricSource, MetricSourceKind, SourceContext } from './metric-source.js';

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
const seriesMapSchema = z.record(z.string(), seriesSchema);
const documentSchema = z.object({
  interval: z.union([z.string(), z.number()], {
    error: (issue) => (issue.input === undefined ? 'is missing; give the spacing of the samples such as "1m"' : 'must be a duration such as "1m"'),
  }),
  start: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO-8601 time such as "2026-11-24T10:00:00Z"').optional(),
  baseline: seriesMapSchema.optional(),
  canary: seriesMapSchema.optional(),
}).catchall(z.unknown());

interface SampleDocument {
  intervalMs: number;
  /** Epoch ms of the first sample's interval start; null when the document has no timestamps. */
  startMs: number | null;
  /** Series per variant; `live` holds a flat document's series. */
  sections: Partial<Record<'baseline' | 'canary' | 'live', Record<string, number[]>>>;
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
    // Read once per source: a ratio asks for two series of the same file.
    this.document ??= this.load();
    const document = await this.document;
    if (!document.ok) return document;
    const section = pickSection(document.value, request, this.where);
    if (!section.ok) return section;
    const series = section.value[request.series];
    if (series === undefined) {
      const known = Object.keys(section.value).join(', ') || 'none';
      return fault('config', `${this.where}${request.variant ? ` (${request.variant})` : ''} has no series \`${request.series}\`; it has ${known}`);
    }
    const { intervalMs, startMs } = document.value;
    return ok({ values: startMs === null ? [...series] : sliceByTime(series, startMs, intervalMs, request), intervalMs });
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
  const startMs = start === undefined ? null : Date.parse(start);
  if (baseline || canary) return ok({ intervalMs: interval.value, startMs, sections: { baseline, canary } });
  const live = seriesMapSchema.safeParse(flat, { reportInput: true });
  if (!live.success) return fault('malformed', `${where}: ${describeFirstIssue(live.error)}`);
  return ok({ intervalMs: interval.value, startMs, sections: { live: live.data } });
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

function pickSection(document: SampleDocument, request: MetricQuery, where: string): Result<Record<string, number[]>, SourceFault> {
  const { sections } = document;
  if (request.variant === null) {
    if (sections.live) return ok(sections.live);
    return fault('config', `${where} has baseline/canary sections; set \`variant\` to baseline or canary`);
  }
  const section = sections[request.variant];
  if (section) return ok(section);
  if (sections.live) return fault('config', `${where} is a flat document of one live version; remove \`variant\` or add a \`${request.variant}\` section`);
  return fault('config', `${where} has no \`${request.variant}\` section`);
}
