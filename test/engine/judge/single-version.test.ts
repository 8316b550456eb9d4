import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnalysis } from '../../../src/engine/analysis/parse-analysis.js';
import { faultOutcome, judgeLive, sampleOutcomes, watchMetric } from '../../../src/engine/judge/single-version.js';
import { metric } from './support.js';

const runbook = parseAnalysis(readFileSync(new URL('../../fixtures/analysis/auto-rollback.yml', import.meta.url), 'utf8'), { mode: 'live' });
if (!runbook.ok) throw runbook.error;
const [errorRate, responseTime] = runbook.value.metrics as [NonNullable<(typeof runbook.value.metrics)[0]>, NonNullable<(typeof runbook.value.metrics)[0]>];

describe('sampleOutcomes + watchMetric: "error rate > 10% for 5 consecutive minutes"', () => {
  const minutes = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => Date.UTC(2026, 10, 24, 11, m));

  it('rolls back at the fifth consecutive minute over 10%, dated from the first', () => {
    const live = { live: { numerator: [2, 12, 15, 11, 13, 20, 1, 30], denominator: [100, 100, 100, 100, 100, 100, 100, 100] } };
    const outcomes = sampleOutcomes(errorRate, live);
    expect(outcomes).toEqual(['pass', 'breach', 'breach', 'breach', 'breach', 'breach', 'pass', 'breach']);
    expect(watchMetric(errorRate, outcomes, minutes)).toMatchObject({ triggerIndex: 5, firstBreachIndex: 1, triggeredAt: minutes[5], firstBreachAt: minutes[1] });
  });

  it('a four-minute blip and exactly 10% do not roll back', () => {
    const live = { live: { numerator: [12, 15, 11, 13, 10, 50], denominator: [100, 100, 100, 100, 100, 100] } };
    expect(watchMetric(errorRate, sampleOutcomes(errorRate, live))).toBeNull();
  });

  it('a minute without traffic or a gap is no data, and breaks the run', () => {
    const live = { live: { numerator: [12, 15, 0, 13, 20, 30, 40], denominator: [100, 100, 0, 100, 100, 100, NaN] } };
    expect(sampleOutcomes(errorRate, live)).toEqual(['breach', 'breach', 'nodata', 'breach', 'breach', 'breach', 'nodata']);
    expect(watchMetric(errorRate, sampleOutcomes(errorRate, live))).toBeNull();
  });
});

describe('sampleOutcomes: policies and levels', () => {
  it('a warn level never breaches; only fail levels roll back', () => {
    expect(sampleOutcomes(responseTime, { live: [4000, 6000, 16000, NaN] })).toEqual(['pass', 'pass', 'breach', 'nodata']);
  });

  it('on-no-data and on-error turn gaps and outages into breaches only when configured', () => {
    const strict = metric('{ series: s, max: 1, on-no-data: fail, on-error: fail }', 'live');
    expect(sampleOutcomes(strict, { live: [NaN, 0.5] })).toEqual(['breach', 'pass']);
    expect(sampleOutcomes(metric('{ series: s, max: 1, on-no-data: pass }', 'live'), { live: [NaN] })).toEqual(['pass']);
    const outage = { fault: { kind: 'provider', message: '429 Too Many Requests' } };
    expect(sampleOutcomes(strict, outage)).toEqual(['breach']);
    expect(faultOutcome(errorRate, outage.fault)).toBe('nodata');
    expect(sampleOutcomes(errorRate, undefined)).toEqual([]);
  });
});

describe('judgeLive', () => {
  it('judges the window of one version on absolute thresholds', () => {
    const judgement = judgeLive(runbook.value, {
      'error-rate': { live: { numerator: [2, 3, 4], denominator: [100, 100, 100] } },
      'response-time': { live: [16_000, 17_000, 15_500] },
    });
    expect(judgement.verdict).toBe('rollback');
    expect(judgement.metrics.map((m) => m.reason)).toEqual(['error-rate 3% within max 10%', 'response-time 16167 exceeds max 15000']);
  });

  it('holds on an outage and on a version without traffic', () => {
    const judgement = judgeLive(runbook.value, {
      'error-rate': { live: { numerator: [0, 0, 0], denominator: [0, 0, 0] } },
      'response-time': { fault: { kind: 'provider', message: '500' } },
    });
    expect(judgement).toMatchObject({ verdict: 'hold', reason: '2 metrics not yet decided (error-rate, response-time)' });
  });
});
