import { type BreachRule, parseConsecutive, parseNOfM } from '../breach.js';
import { type Result, ok, err } from '../result.js';
import { type ExactQuantity, parseQuantity } from '../units.js';
import { type Direction, type EmptyNumeratorPolicy, type Measure, type MetricConfig, type Problem, type Threshold, METRIC_DEFAULTS, SEQUENTIAL_MIN_SAMPLES } from './config.js';
import { type FieldReader, oneOf, readAbsolute, readBoolean, readConfidence, readName, readPercentage, wholeNumber } from './fields.js';
import { type ThresholdRules, checkThresholds } from './threshold-rules.js';
import { type KeyPath, isMapping } from './yaml-document.js';

export type { AnalysisMode, Problem } from './config.js';

type ThresholdShape = Omit<Threshold, 'key' | 'value' | 'exact'>;

/** Threshold keys (three levels, absolute or relative to the baseline). */
const THRESHOLD_KEYS = {
  max: { kind: 'absolute', bound: 'max', level: 'fail' },
  min: { kind: 'absolute', bound: 'min', level: 'fail' },
  'warn-max': { kind: 'absolute', bound: 'max', level: 'warn' },
  'warn-min': { kind: 'absolute', bound: 'min', level: 'warn' },
  'max-increase': { kind: 'relative', bound: 'max', level: 'fail' },
  'max-decrease': { kind: 'relative', bound: 'min', level: 'fail' },
  'warn-max-increase': { kind: 'relative', bound: 'max', level: 'warn' },
  'warn-max-decrease': { kind: 'relative', bound: 'min', level: 'warn' },
} as const satisfies Record<string, ThresholdShape>;

const READ_THRESHOLD = {
  absolute: { max: readAbsolute, min: readAbsolute },
  relative: { max: readPercentage(Infinity), min: readPercentage(100) },
} as const satisfies Record<Threshold['kind'], Record<Threshold['bound'], FieldReader<ExactQuantity>>>;

const SETTINGS = {
  series: readName,
  query: readName,
  confidence: readConfidence,
  'min-samples': wholeNumber(1, 3),
  'on-no-data': oneOf(['hold', 'fail', 'pass']),
  'on-error': oneOf(['hold', 'fail']),
  outliers: oneOf(['none', 'iqr']),
  method: oneOf(['fixed', 'sequential']),
  direction: oneOf(['increase', 'decrease', 'either']),
  critical: readBoolean,
  consecutive: parseConsecutive,
  'n-of-m': parseNOfM,
} as const satisfies Record<string, FieldReader<unknown>>;

type Settings = { -readonly [K in keyof typeof SETTINGS]?: (typeof SETTINGS)[K] extends FieldReader<infer T> ? T : never };

export const METRIC_KEYS: readonly string[] = ['ratio', 'histogram', ...Object.keys(SETTINGS), ...Object.keys(THRESHOLD_KEYS)];

export function parseMetric(name: string, entry: unknown, rules: ThresholdRules): Result<MetricConfig, Problem> {
  const { mode } = rules;
  const at = (...keys: string[]): KeyPath => ['metrics', name, ...keys];
  if (!isMapping(entry)) return err({ path: at(), message: `expected a mapping with \`ratio\` or \`series\` and thresholds, got ${JSON.stringify(entry)}` });
  const read = readKeys(entry, at);
  if (!read.ok) return read;
  const { settings, thresholds, ratio, histogram } = read.value;
  const measure = pickMeasure(name, { ratio, histogram }, settings, at);
  if (!measure.ok) return measure;
  if (mode === 'live' && measure.value.kind === 'histogram') {
    return err({ path: at('histogram'), message: 'a histogram is judged canary against baseline, request by request; in single-version mode give a `query` with histogram_quantile(...) and `max`' });
  }
  const checked = checkThresholds(thresholds, rules, at);
  if (!checked.ok) return checked;
  const direction = resolveDirection(thresholds, settings.direction, at);
  if (!direction.ok) return direction;
  const breach = pickBreach(settings, at);
  if (!breach.ok) return breach;
  if (settings.method === 'sequential' && measure.value.kind === 'series') {
    return err({ path: at('method'), message: 'sequential tests count events or requests, so it applies to `ratio` and `histogram` metrics only; a series is judged with Mann–Whitney (method: fixed)' });
  }
  if (mode === 'canary' && settings.query !== undefined && !/\{\{\s*(variant|version)\s*\}\}/.test(settings.query)) {
    return err({ path: at('query'), message: 'has no {{variant}} placeholder, so canary and baseline would read the same data' });
  }
  return ok({
    name,
    measure: measure.value,
    thresholds,
    direction: direction.value,
    confidence: settings.confidence ?? METRIC_DEFAULTS.confidence,
    minSamples: settings['min-samples'] ?? (settings.method === 'sequential' ? SEQUENTIAL_MIN_SAMPLES : METRIC_DEFAULTS.minSamples),
    onNoData: settings['on-no-data'] ?? METRIC_DEFAULTS.onNoData,
    onError: settings['on-error'] ?? METRIC_DEFAULTS.onError,
    outliers: settings.outliers ?? METRIC_DEFAULTS.outliers,
    method: settings.method ?? METRIC_DEFAULTS.method,
    breach: breach.value,
    query: settings.query ?? null,
    critical: settings.critical ?? METRIC_DEFAULTS.critical,
  });
}

/** Each key through its reader: thresholds, settings, the nested ratio; anything else is unknown. */
type ReadKeys = { settings: Settings; thresholds: Threshold[]; ratio?: Measure; histogram?: HistogramSpec };

function readKeys(entry: Record<string, unknown>, at: (...keys: string[]) => KeyPath): Result<ReadKeys, Problem> {
  const settings: Settings = {};
  const thresholds: Threshold[] = [];
  const nested: Pick<ReadKeys, 'ratio' | 'histogram'> = {};
  for (const [key, raw] of Object.entries(entry)) {
    const shape = (THRESHOLD_KEYS as Record<string, ThresholdShape>)[key];
    const reader = (SETTINGS as Record<string, FieldReader<unknown>>)[key];
    if (key === 'ratio' || key === 'histogram') {
      const read = key === 'ratio' ? readRatio(raw, at('ratio')) : readHistogram(raw, at('histogram'));
      if (!read.ok) return read;
      Object.assign(nested, { [key]: read.value });
      continue;
    }
    if (!shape && !reader) return err({ path: at(key), message: `unknown key; a metric accepts ${METRIC_KEYS.join(', ')}` });
    const value = shape ? READ_THRESHOLD[shape.kind][shape.bound](raw) : reader!(raw);
    if (!value.ok) return err({ path: at(key), message: value.error });
    if (shape) {
      const quantity = value.value as ExactQuantity;
      thresholds.push({ key, ...shape, value: quantity.value, exact: quantity.exact });
    } else {
      (settings as Record<string, unknown>)[key] = value.value;
    }
  }
  return ok({ settings, thresholds, ...nested });
}

const RATIO_KEYS = ['numerator', 'denominator', 'empty-numerator'];
const readEmptyNumerator = oneOf<EmptyNumeratorPolicy>(['zero', 'nodata']);

function readRatio(raw: unknown, path: KeyPath): Result<Measure, Problem> {
  if (!isMapping(raw)) return err({ path, message: `got ${JSON.stringify(raw)}; expected { numerator: <series>, denominator: <series> }` });
  for (const key of Object.keys(raw)) {
    if (!RATIO_KEYS.includes(key)) return err({ path: [...path, key], message: `unknown key; a ratio has ${RATIO_KEYS.join(', ')}` });
  }
  const parts: Record<string, string> = {};
  for (const key of ['numerator', 'denominator']) {
    if (raw[key] === undefined) return err({ path: [...path, key], message: 'is missing; name the counted series, e.g. numerator: errors, denominator: requests' });
    const value = readName(raw[key]);
    if (!value.ok) return err({ path: [...path, key], message: value.error });
    parts[key] = value.value;
  }
  const empty = raw['empty-numerator'] === undefined ? ok<EmptyNumeratorPolicy>('zero') : readEmptyNumerator(raw['empty-numerator']);
  if (!empty.ok) return err({ path: [...path, 'empty-numerator'], message: empty.error });
  return ok({ kind: 'ratio', numerator: parts.numerator!, denominator: parts.denominator!, emptyNumerator: empty.value });
}

/**
 * Exactly one of `ratio`, `histogram`, `series` or `query` (a query is the
 * series a query-language source runs). A histogram may come with a `query`:
 * the PromQL of its buckets, its series then named after the metric.
 */
function pickMeasure(name: string, { ratio, histogram }: Pick<ReadKeys, 'ratio' | 'histogram'>, settings: Settings, at: (...keys: string[]) => KeyPath): Result<Measure, Problem> {
  const queryMeasures = histogram === undefined;
  const given = [ratio && 'ratio', histogram && 'histogram', settings.series !== undefined && 'series', queryMeasures && settings.query !== undefined && 'query'].filter(
    (key): key is string => typeof key === 'string',
  );
  if (given.length !== 1) {
    const message =
      given.length === 0 ? 'says nothing to measure; give `ratio` ({ numerator, denominator }), `histogram`, `series` or `query`' : `gives ${given.map((k) => `\`${k}\``).join(' and ')}; give only one`;
    return err({ path: given.length === 0 ? at() : at(given[1]!), message });
  }
  if (ratio) return ok(ratio);
  if (histogram) {
    const series = histogram.series ?? (settings.query !== undefined ? name : undefined);
    if (series === undefined) return err({ path: at('histogram', 'series'), message: 'is missing; name the bucket series (e.g. http_request_duration_seconds_bucket), or give the metric a `query`' });
    return ok({ kind: 'histogram', series, quantile: histogram.quantile, unitMs: histogram.unitMs });
  }
  return ok({ kind: 'series', series: settings.series ?? settings.query! });
}

/** `histogram: <series>` or `histogram: { series, quantile, unit }`, before the series is settled. */
interface HistogramSpec {
  series?: string;
  quantile: number;
  unitMs: number;
}

const HISTOGRAM_KEYS = ['series', 'quantile', 'unit'];
/** Milliseconds per unit of the bucket bounds: Prometheus' convention is seconds. */
const HISTOGRAM_UNITS = { s: 1_000, ms: 1 } as const;
const readHistogramUnit = oneOf(Object.keys(HISTOGRAM_UNITS) as Array<keyof typeof HISTOGRAM_UNITS>);
const readQuantile: FieldReader<number> = (raw) => {
  const parsed = parseQuantity(raw, 'fraction');
  return parsed.ok && parsed.value > 0 && parsed.value < 1 ? parsed : err(`got ${JSON.stringify(raw)}; expected a quantile above 0 and below 1 such as 0.99 or 99%`);
};

/**
 * The quantile shown and held to `max` is the p99 unless written: what
 * latency dashboards and the runbooks' limits speak of.
 */
function readHistogram(raw: unknown, path: KeyPath): Result<HistogramSpec, Problem> {
  const defaults = { quantile: 0.99, unitMs: HISTOGRAM_UNITS.s };
  if (typeof raw === 'string') {
    const name = readName(raw);
    return name.ok ? ok({ ...defaults, series: name.value }) : err({ path, message: name.error });
  }
  if (!isMapping(raw)) return err({ path, message: `got ${JSON.stringify(raw)}; expected a bucket series name or { series, quantile, unit }` });
  for (const key of Object.keys(raw)) {
    if (!HISTOGRAM_KEYS.includes(key)) return err({ path: [...path, key], message: `unknown key; a histogram has ${HISTOGRAM_KEYS.join(', ')}` });
  }
  const spec: HistogramSpec = { ...defaults };
  const fields = [
    ['series', readName, (value: string) => (spec.series = value)],
    ['quantile', readQuantile, (value: number) => (spec.quantile = value)],
    ['unit', readHistogramUnit, (value: keyof typeof HISTOGRAM_UNITS) => (spec.unitMs = HISTOGRAM_UNITS[value])],
  ] as const;
  for (const [key, reader, keep] of fields) {
    if (raw[key] === undefined) continue;
    const value = (reader as FieldReader<unknown>)(raw[key]);
    if (!value.ok) return err({ path: [...path, key], message: value.error });
    (keep as (value: unknown) => void)(value.value);
  }
  return ok(spec);
}

/**
 * The bad direction follows from the relative keys (`max-increase` judges a
 * rise, `max-decrease` a fall). A written `direction` must say the same: one
 * that promised a judgement no key makes (`either` beside only
 * `max-increase`) would let a regression through unseen, so it is refused.
 */
function resolveDirection(thresholds: readonly Threshold[], written: Direction | undefined, at: (...keys: string[]) => KeyPath): Result<Direction, Problem> {
  const relative = thresholds.filter((t) => t.kind === 'relative');
  const up = relative.some((t) => t.bound === 'max');
  const down = relative.some((t) => t.bound === 'min');
  const judged: Direction | null = up && down ? 'either' : down ? 'decrease' : up ? 'increase' : null;
  if (written === undefined) return ok(judged ?? 'increase');
  if (judged === null) return err({ path: at('direction'), message: 'applies to relative thresholds, and this metric has none; remove it, or add max-increase or max-decrease' });
  if (written !== judged) return err({ path: at('direction'), message: `is ${written}, but the thresholds judge ${DIRECTION_WORDS[judged]}; ${DIRECTION_FIX[written]}` });
  return ok(written);
}

const DIRECTION_WORDS = { increase: 'only an increase (max-increase)', decrease: 'only a decrease (max-decrease)', either: 'both directions (max-increase and max-decrease)' } as const satisfies Record<Direction, string>;
const DIRECTION_FIX = {
  increase: 'judging an increase takes max-increase alone',
  decrease: 'judging a decrease takes max-decrease alone',
  either: 'judging both takes both max-increase and max-decrease',
} as const satisfies Record<Direction, string>;

function pickBreach(settings: Settings, at: (...keys: string[]) => KeyPath): Result<BreachRule, Problem> {
  if (settings.consecutive && settings['n-of-m']) return err({ path: at('n-of-m'), message: 'give either `consecutive` or `n-of-m`, not both' });
  return ok(settings.consecutive ?? settings['n-of-m'] ?? METRIC_DEFAULTS.breach);
}
