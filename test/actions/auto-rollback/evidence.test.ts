import { describe, expect, it } from 'vitest';
import { assessEvidence, healthShortfall, metricShortfall } from '../../../src/actions/auto-rollback/evidence.js';
import { type MetricTrack, newHealthTrack, newMetricTrack } from '../../../src/actions/auto-rollback/tracks.js';
import type { SampleOutcome } from '../../../src/engine/breach.js';
import { HALF, metricsOf } from './watch-support.js';

/** Thin evidence is not health: the rule on literal tracks, with its boundaries. */
const [FIVE] = metricsOf('  latency: { series: p99, max: 1000, consecutive: 5 }');
const [ONE] = metricsOf('  latency: { series: p99, max: 1000, consecutive: 1 }');
const [THREE_OF_FIVE] = metricsOf('  latency: { series: p99, max: 1000, n-of-m: "3/5" }');
const [LENIENT] = metricsOf('  latency: { series: p99, max: 1000, consecutive: 1, on-no-data: pass }');
const [STRICT] = metricsOf('  latency: { series: p99, max: 1000, consecutive: 3, on-no-data: fail }');
const STREAM = { polls: 1, isStream: true, minCoverage: HALF.exact, minCoverageText: HALF.text };

/** A track from a pattern: `p` pass, `b` breach (both with data), `-` no data. */
function trackOf(metric: typeof FIVE, pattern: string, mostPerRead = 1): MetricTrack {
  const track = newMetricTrack(metric!);
  for (const mark of pattern) {
    const outcome: SampleOutcome = mark === 'p' ? 'pass' : mark === 'b' ? 'breach' : metric!.onNoData === 'fail' ? 'breach' : 'nodata';
    track.outcomes.push(outcome);
    track.judged.push(mark !== '-');
    track.values.push(mark === '-' ? null : 100);
  }
  track.mostPerRead = mostPerRead;
  return track;
}

describe('a metric’s samples admit its breach rule', () => {
  it('too few samples with data for `consecutive: 5`', () => {
    expect(metricShortfall(trackOf(FIVE, 'pppp'), STREAM)).toBe('latency had data in 4 samples, too few for its rule (5 consecutive samples) to fire');
    expect(metricShortfall(trackOf(FIVE, 'ppppp'), STREAM)).toBeNull();
    expect(metricShortfall(trackOf(FIVE, 'pp-p'), STREAM)).toBe('latency had data in 3 of 4 samples, too few for its rule (5 consecutive samples) to fire');
  });

  it('enough samples, but never five in a row', () => {
    expect(metricShortfall(trackOf(FIVE, 'pppp-pppp'), STREAM)).toBe('latency had data in 8 of 9 samples, never in a run long enough for its rule (5 consecutive samples) to fire');
  });

  it('N-of-M needs N samples with data within some M in a row', () => {
    expect(metricShortfall(trackOf(THREE_OF_FIVE, 'p---p---p'), STREAM)).toMatch(/never in a run long enough for its rule \(3 of 5 samples\)/);
    expect(metricShortfall(trackOf(THREE_OF_FIVE, 'p-p-p'), STREAM)).toBeNull();
  });

  it('under on-no-data: fail, samples without data breach and so count toward the rule', () => {
    expect(metricShortfall(trackOf(STRICT, 'p--'), STREAM)).toBe('latency had data in 1 of 3 samples (33%), less than min-coverage 50%');
  });

  it('a metric with no data at all says so', () => {
    expect(metricShortfall(trackOf(FIVE, '-----'), STREAM)).toBe('latency had no data in 5 samples');
  });
});

describe('samples with data cover at least min-coverage of the expected', () => {
  it('exactly half is enough; one less is not', () => {
    expect(metricShortfall(trackOf(ONE, 'p-p-p-p-'), STREAM)).toBeNull();
    expect(metricShortfall(trackOf(ONE, 'p-p-p---'), STREAM)).toBe('latency had data in 3 of 8 samples (38%), less than min-coverage 50%');
  });

  it('a query source expects each poll’s worth of samples, polls without data included', () => {
    // 10 polls of 3 samples each expected: 30; 12 with data is 40%.
    const track = trackOf(ONE, 'pppppppppppp', 3);
    expect(metricShortfall(track, { ...STREAM, isStream: false, polls: 10 })).toBe('latency had data in 12 of 30 samples (40%), less than min-coverage 50%');
    expect(metricShortfall(track, { ...STREAM, isStream: false, polls: 8 })).toBeNull();
  });

  it('min-coverage is compared exactly: 1 of 3 meets 33.4%? no; meets 1/3 written as a fraction, yes', () => {
    const track = trackOf(ONE, 'p--');
    expect(metricShortfall(track, { ...STREAM, minCoverage: { n: 167n, d: 500n }, minCoverageText: '33.4%' })).toMatch(/less than min-coverage 33\.4%/);
    expect(metricShortfall(track, { ...STREAM, minCoverage: { n: 1n, d: 3n }, minCoverageText: '1/3' })).toBeNull();
  });
});

describe('health URLs and the watch as a whole', () => {
  const rule = { kind: 'n-of-m' as const, n: 4, m: 5 };
  const checked = (times: number) => {
    const track = newHealthTrack('http://u:p@app/healthz', 'http://app/healthz', rule);
    for (let i = 0; i < times; i++) track.outcomes.push('pass');
    return track;
  };

  it('a health URL must be checked as often as its rule needs failures', () => {
    expect(healthShortfall(checked(3))).toBe('http://app/healthz was checked 3 times, too few for its rule (4 failed checks) to fire');
    expect(healthShortfall(checked(4))).toBeNull();
  });

  it('on-no-data: pass metrics are exempt, but something must be judged on data', () => {
    expect(assessEvidence([trackOf(LENIENT, '---')], [], STREAM).shortfalls).toEqual([{ kind: 'metric', name: '', message: 'no metric or health URL was judged on data' }]);
    expect(assessEvidence([trackOf(LENIENT, '---')], [checked(4)], STREAM)).toEqual({ shortfalls: [], metrics: ['latency had no data in 3 samples'], health: [null] });
    expect(assessEvidence([trackOf(LENIENT, '---'), trackOf(FIVE, 'pp')], [checked(4)], STREAM).shortfalls.map((s) => s.message)).toEqual([
      'latency had data in 2 samples, too few for its rule (5 consecutive samples) to fire',
    ]);
  });
});
