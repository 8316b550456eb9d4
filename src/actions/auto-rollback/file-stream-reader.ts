import type { AnalysisConfig, MetricConfig } from '../../engine/analysis/config.js';
import { isHistogramSeries, isRatioSeries } from '../../engine/judge/transform.js';
import type { VariantData } from '../../engine/judge/types.js';
import { type Result, ok } from '../../engine/result.js';
import { readJson } from '../../sources/files.js';
import { parseSampleDocument } from '../../sources/metrics/file.js';
import type { SourceFault } from '../../sources/source-fault.js';
import { prepareSamples } from './sample-checks.js';
import { type MetricRead, type SampleReader, needsBaseline } from './metric-read.js';

/**
 * The `file` source as a stream: the document's series are the samples (the
 * flat document, or `canary` when split, with `baseline` beside it). Each
 * poll re-reads the file and takes the samples it has not seen (a cursor per
 * metric), so the first poll takes all present and a writer may append while
 * we watch (writing a new file and renaming it over the old, so a read never
 * sees half a file). A ratio advances by whole pairs, so a pair written in
 * two steps waits for the next poll; the baseline is read at the same
 * indices as the watched samples, a gap where it has none yet.
 */
type Section = Record<string, number[]>;
type Sections = Partial<Record<'baseline' | 'canary' | 'live', Section>>;

/** How a section is named in messages: `m.json (canary)`. */
const SECTION_LABELS = { live: 'flat document', canary: 'canary', baseline: 'baseline' } as const;

export class FileStreamReader implements SampleReader {
  readonly where: string;
  readonly isStream = true;
  /** Watched samples already taken, per metric. */
  private readonly cursors = new Map<string, number>();

  constructor(
    private readonly config: AnalysisConfig,
    private readonly file: string,
    private readonly shown: string,
  ) {
    this.where = `file ${shown}`;
  }

  async read(): Promise<Record<string, MetricRead>> {
    const document = await this.load();
    const reads: Record<string, MetricRead> = {};
    for (const metric of this.config.metrics) {
      reads[metric.name] = document.ok ? this.readMetric(metric, document.value.sections, document.value.intervalMs) : { ok: false, fault: document.error };
    }
    return reads;
  }

  /** A document that does not parse is read once more: a writer that does not rename may be caught mid-write. */
  private async load(): Promise<Result<{ sections: Sections; intervalMs: number }, SourceFault>> {
    const first = await this.loadOnce();
    if (first.ok || first.error.kind !== 'malformed') return first;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return this.loadOnce();
  }

  private async loadOnce(): Promise<Result<{ sections: Sections; intervalMs: number }, SourceFault>> {
    const json = await readJson(this.file);
    if (json.ok) return parseSampleDocument(json.value, this.shown);
    if (json.error.kind === 'missing') return { ok: false, error: { kind: 'missing', message: `metrics file not found: ${this.shown}` } };
    return { ok: false, error: { kind: json.error.kind, message: json.error.message.split(this.file).join(this.shown) } };
  }

  private readMetric(metric: MetricConfig, sections: Sections, intervalMs: number): MetricRead {
    const role = sections.live ? 'live' : 'canary';
    const section = sections[role];
    if (!section) return configFault(`${this.shown} has no \`canary\` section to watch (a split document needs one; a flat one holds the live version's series)`);
    const watched = this.prepared(metric, section, role, undefined);
    if (!watched.ok) return { ok: false, fault: watched.error };
    const to = watched.value.length;
    const from = Math.min(this.cursors.get(metric.name) ?? 0, to);
    this.cursors.set(metric.name, to);
    const fresh = slice(watched.value.data, from, to);
    if (!needsBaseline(metric)) return { ok: true, value: { watched: fresh, baseline: null, intervalMs } };
    if (!sections.baseline) return configFault(`${this.shown} has no \`baseline\` section, but metric \`${metric.name}\` has a relative threshold`);
    const baseline = this.prepared(metric, sections.baseline, 'baseline', to);
    if (!baseline.ok) return { ok: false, fault: baseline.error };
    return { ok: true, value: { watched: fresh, baseline: slice(baseline.value.data, from, to), intervalMs } };
  }

  /** The section's whole samples (up to `upTo`), checked from the first: an index in a message is the series index. */
  private prepared(metric: MetricConfig, section: Section, role: keyof typeof SECTION_LABELS, upTo: number | undefined): Result<{ data: VariantData; length: number }, SourceFault> {
    const names = metric.measure.kind === 'ratio' ? [metric.measure.numerator, metric.measure.denominator] : [metric.measure.series];
    const missing = names.find((name) => section[name] === undefined);
    const where = role === 'baseline' ? `${this.shown} (baseline)` : this.shown;
    if (missing !== undefined) return { ok: false, error: { kind: 'config', message: `${where} has no series \`${missing}\` for metric \`${metric.name}\`; it has ${Object.keys(section).join(', ') || 'none'}` } };
    const [first, second] = names.map((name) => section[name]!);
    // An empty numerator is no errors yet (or no data, as `empty-numerator` says), not half a pair.
    const available = second === undefined ? first!.length : first!.length === 0 ? second.length : Math.min(first!.length, second.length);
    const end = upTo === undefined ? available : Math.min(upTo, available);
    const data: VariantData = second === undefined ? first!.slice(0, end) : { numerator: first!.slice(0, end), denominator: second.slice(0, end) };
    const checked = prepareSamples(metric, data, `${this.shown} (${SECTION_LABELS[role]})`);
    return checked.ok ? ok({ data: checked.value, length: end }) : checked;
  }
}

const configFault = (message: string): MetricRead => ({ ok: false, fault: { kind: 'config', message } });

/** Samples [from, to), a gap (NaN) where the data ends before `to`. */
function slice(data: VariantData, from: number, to: number): VariantData {
  const take = (values: readonly number[]) => Array.from({ length: to - from }, (_, index) => values[from + index] ?? Number.NaN);
  if (isHistogramSeries(data)) return { buckets: data.buckets.map(({ le, values }) => ({ le, values: take(values) })) };
  return isRatioSeries(data) ? { numerator: take(data.numerator), denominator: take(data.denominator) } : take(data);
}
