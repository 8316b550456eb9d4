import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/analysis/${name}`, import.meta.url), 'utf8');

/** The message of a parse that must fail. */
function errorOf(text: string, mode: 'canary' | 'live' = 'canary'): string {
  const parsed = parseAnalysis(text, { mode });
  if (parsed.ok) throw new Error('expected an error');
  expect(parsed.error.name).toBe('ConfigError');
  return parsed.error.message;
}

const HEAD = 'source: { type: file, path: metrics.json }\nmetrics:\n';

describe('parseAnalysis: the documented analysis file', () => {
  it('reads it into typed metrics with the documented defaults', () => {
    const parsed = parseAnalysis(fixture('issue-4.yml'));
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.source).toEqual({ type: 'file', path: 'metrics.json' });
    expect(parsed.value.failureLimit).toBe(0);
    expect(parsed.value.intervalMs).toBeNull();
    const [errorRate, latency] = parsed.value.metrics;
    expect(errorRate).toEqual({
      name: 'error-rate',
      measure: { kind: 'ratio', numerator: 'errors', denominator: 'requests', emptyNumerator: 'zero' },
      thresholds: [
        { key: 'max', kind: 'absolute', bound: 'max', level: 'fail', value: 0.05, exact: { n: 1n, d: 20n } },
        { key: 'max-increase', kind: 'relative', bound: 'max', level: 'fail', value: 0.5, exact: { n: 1n, d: 2n } },
      ],
      direction: 'increase',
      confidence: 0.98,
      minSamples: 3,
      onNoData: 'hold',
      onError: 'hold',
      outliers: 'none',
      method: 'fixed',
      breach: { kind: 'consecutive', count: 5 },
      query: null,
      critical: false,
    });
    expect(latency?.measure).toEqual({ kind: 'series', series: 'latency_ms' });
    expect(latency?.thresholds.map((t) => [t.key, t.value])).toEqual([
      ['max', 1000],
      ['max-increase', 0.2],
    ]);
  });

  it('reads every key away from its default', () => {
    const parsed = parseAnalysis(fixture('every-key.yml'));
    if (!parsed.ok) throw parsed.error;
    const { metrics, failureLimit, intervalMs, source } = parsed.value;
    expect([failureLimit, intervalMs]).toEqual([1, 30_000]);
    expect(source).toEqual({ type: 'prometheus', url: 'http://127.0.0.1:9090' });
    expect(metrics[0]).toMatchObject({ confidence: 0.99, minSamples: 5, onNoData: 'fail', onError: 'fail', breach: { kind: 'consecutive', count: 3 }, critical: true, method: 'sequential' });
    expect(metrics[0]?.measure).toEqual({ kind: 'ratio', numerator: 'errors', denominator: 'requests', emptyNumerator: 'nodata' });
    expect(metrics[0]?.thresholds.map((t) => `${t.key}=${t.value}`)).toEqual(['max=0.05', 'warn-max=0.01', 'max-increase=0.5', 'warn-max-increase=0.2']);
    expect(metrics[1]).toMatchObject({ direction: 'decrease', onNoData: 'pass', breach: { kind: 'n-of-m', n: 3, m: 5 } });
    expect(metrics[1]?.query).toContain('{{variant}}');
    expect(metrics[1]?.measure).toEqual({ kind: 'series', series: metrics[1]?.query });
    expect(metrics[2]).toMatchObject({ direction: 'either', outliers: 'iqr' });
    expect(metrics[2]?.thresholds.find((t) => t.key === 'max')?.value).toBe(2000);
    expect(metrics[3]).toMatchObject({ measure: { kind: 'histogram', series: 'http_request_duration_seconds_bucket', quantile: 0.95, unitMs: 1 }, method: 'sequential', minSamples: 1 });
  });

  it('reads the runbook triggers in single-version mode', () => {
    const parsed = parseAnalysis(fixture('auto-rollback.yml'), { mode: 'live' });
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.metrics.map((m) => [m.name, m.breach, m.thresholds[0]?.value])).toEqual([
      ['error-rate', { kind: 'consecutive', count: 5 }, 0.1],
      ['response-time', { kind: 'consecutive', count: 10 }, 15_000],
    ]);
  });
});

describe('parseAnalysis: mistakes name the file, line and key', () => {
  it('a malformed percentage', () => {
    const text = fixture('issue-4.yml').replace('max-increase: 20%', 'max-increase: lots');
    expect(errorOf(text)).toBe('analysis.yml:12: metrics.latency.max-increase: got "lots"; expected a percentage such as 20%');
  });

  it('an unknown key, at its own line', () => {
    expect(errorOf(`${HEAD}  latency:\n    series: latency_ms\n    max-increse: 20%\n`)).toMatch(/^analysis\.yml:5: metrics\.latency\.max-increse: unknown key; a metric accepts ratio, histogram, series, query, .*max-increase/);
    expect(errorOf(`${HEAD}  x: { series: a, max: 1 }\nthreshold: 3\n`)).toBe('analysis.yml:4: threshold: unknown key; the analysis file accepts source, metrics, failure-limit, interval');
    expect(errorOf(`${HEAD}  e:\n    ratio: { numerator: errors, denom: requests }\n    max: 1%\n`)).toBe('analysis.yml:4: metrics.e.ratio.denom: unknown key; a ratio has numerator, denominator, empty-numerator');
  });

  it.each([
    ['  x: { series: a }', 'analysis.yml:3: metrics.x: has no threshold; give max, min, max-increase or max-decrease (or their warn- forms)'],
    ['  x: { max: 1 }', 'analysis.yml:3: metrics.x: says nothing to measure; give `ratio` ({ numerator, denominator }), `histogram`, `series` or `query`'],
    ['  x: { series: a, ratio: { numerator: e, denominator: r }, max: 1 }', 'analysis.yml:3: metrics.x.series: gives `ratio` and `series`; give only one'],
    ['  x: { series: a, max: 1%, warn-max: 2% }', 'analysis.yml:3: metrics.x.warn-max: is above `max`; a warning must come before the failure'],
    ['  x: { series: a, min: 5, max: 2 }', 'analysis.yml:3: metrics.x.max: is below `min`; no value could pass'],
    ['  x: { series: a, max-decrease: 140% }', 'analysis.yml:3: metrics.x.max-decrease: got "140%"; expected a percentage from 0% to 100% such as 20%'],
    ['  x: { series: a, max: 1, max-increase: 20%, direction: decrease }', 'analysis.yml:3: metrics.x.direction: is decrease, but the thresholds judge only an increase (max-increase); judging a decrease takes max-decrease alone'],
    ['  x: { series: a, max: 1, max-increase: 20%, direction: either }', 'analysis.yml:3: metrics.x.direction: is either, but the thresholds judge only an increase (max-increase); judging both takes both max-increase and max-decrease'],
    ['  x: { series: a, max: 1, direction: increase }', 'analysis.yml:3: metrics.x.direction: applies to relative thresholds, and this metric has none; remove it, or add max-increase or max-decrease'],
    ['  x: { series: a, warn-max: 1 }', 'analysis.yml:3: metrics.x.warn-max: has only warn- thresholds, which never hold or roll back; add one that fails: max, min, max-increase or max-decrease'],
    ['  x: { ratio: { numerator: e, denominator: r, empty-numerator: ignore }, max: 1% }', 'analysis.yml:3: metrics.x.ratio.empty-numerator: got "ignore"; expected one of zero, nodata'],
    ['  x: { series: a, max: 1e400 }', 'analysis.yml:3: metrics.x.max: got Infinity; expected a number, optionally with a unit: 5% (0.05), 500ms, 2s, 10m, 2MB'],
    ["  x: { series: a, max: '1e400' }", 'analysis.yml:3: metrics.x.max: got "1e400"; expected a number, optionally with a unit: 5% (0.05), 500ms, 2s, 10m, 2MB'],
    ['  x: { series: a, max: -1e400 }', 'analysis.yml:3: metrics.x.max: got -Infinity; expected a number, optionally with a unit: 5% (0.05), 500ms, 2s, 10m, 2MB'],
    ['  x: { series: a, max: 1, confidence: 2 }', 'analysis.yml:3: metrics.x.confidence: got 2; expected a confidence from 0.5 to below 1 such as 0.98 or 98%'],
    ['  x: { series: a, max: 1, min-samples: 0 }', 'analysis.yml:3: metrics.x.min-samples: got 0; expected a whole number ≥ 1 such as 3'],
    ['  x: { series: a, max: 1, on-no-data: ignore }', 'analysis.yml:3: metrics.x.on-no-data: got "ignore"; expected one of hold, fail, pass'],
    ['  x: { series: a, max: 1, on-error: pass }', 'analysis.yml:3: metrics.x.on-error: got "pass"; expected one of hold, fail'],
    ['  x: { series: a, max: 1, consecutive: 3, n-of-m: 3/5 }', 'analysis.yml:3: metrics.x.n-of-m: give either `consecutive` or `n-of-m`, not both'],
    ["  x: { query: 'rate(errors[1m])', max: 1 }", 'analysis.yml:3: metrics.x.query: has no {{variant}} placeholder, so canary and baseline would read the same data'],
    ['  x: { series: a, max: fast }', 'analysis.yml:3: metrics.x.max: got "fast"; expected a number, optionally with a unit: 5% (0.05), 500ms, 2s, 10m, 2MB'],
    ['  x: [1, 2]', 'analysis.yml:3: metrics.x: expected a mapping with `ratio` or `series` and thresholds, got [1,2]'],
  ])('%s', (line, message) => {
    expect(errorOf(`${HEAD}${line}\n`)).toBe(message);
  });

  it('the top level: source, metrics, failure-limit, interval, YAML syntax', () => {
    expect(errorOf('metrics:\n  x: { series: a, max: 1 }\n')).toBe('analysis.yml: source: is missing; give a mapping with a `type` such as { type: file, path: metrics.json }');
    expect(errorOf('source: file\nmetrics: {}\n')).toBe('analysis.yml:1: source: got "file"; expected a mapping with a `type`');
    expect(errorOf('source: { type: file }\nmetrics: {}\n')).toMatch(/^analysis\.yml:2: metrics: expected a mapping of named metrics/);
    expect(errorOf(`${HEAD}  x: { series: a, max: 1 }\nfailure-limit: -1\n`)).toBe('analysis.yml:4: failure-limit: got -1; expected a whole number ≥ 0 such as 0');
    expect(errorOf(`${HEAD}  x: { series: a, max: 1 }\ninterval: 0s\n`)).toBe('analysis.yml:4: interval: got "0s"; expected a duration such as 30s or 1m');
    expect(errorOf('source: [\n')).toMatch(/^analysis\.yml:\d+: invalid YAML: /);
    expect(errorOf('- a\n- b\n')).toBe('analysis.yml: expected a mapping with `source` and `metrics`');
    expect(errorOf(`${HEAD}  x: { series: a, max: 1 }\n  x: { series: b, max: 2 }\n`)).toMatch(/^analysis\.yml:4: invalid YAML: Map keys must be unique/);
  });

  it('single-version mode refuses relative thresholds: there is no baseline', () => {
    expect(errorOf(fixture('issue-4.yml'), 'live')).toBe('analysis.yml:8: metrics.error-rate.max-increase: single-version mode has no baseline to compare with; use max or min');
  });

  it('names the file it was given', () => {
    const parsed = parseAnalysis('source: 1\n', { file: '.github/canary.yml' });
    expect(parsed.ok ? '' : parsed.error.message).toMatch(/^\.github\/canary\.yml:1: source: /);
  });
});
