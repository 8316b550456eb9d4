import { describe, expect, it } from 'vitest';
import { classifyMetric } from '../../../src/engine/judge/classify-metric.js';
import { counts, metric } from './support.js';

const ERROR_RATE = '{ ratio: { numerator: errors, denominator: requests }, max: 5%, max-increase: 50% }';
const ALPHA = 0.02;

describe('classifyMetric: ratio metrics, judged on counts', () => {
  it('fails a significant increase that reaches max-increase, with the evidence behind it', () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: counts(41, 1000), baseline: counts(9, 1000) }, ALPHA);
    expect(c).toMatchObject({
      status: 'fail',
      outcome: 'fail',
      value: 0.041,
      baselineValue: 0.009,
      threshold: { key: 'max-increase', value: 0.5 },
      samples: { canary: 3, baseline: 3 },
      counts: { canary: { events: 41, total: 1000 }, baseline: { events: 9, total: 1000 } },
      statistic: { test: 'fisher-exact', statistic: 41, sided: 'one-sided', alpha: 0.01 },
    });
    // scipy.stats.fisher_exact([[41, 959], [9, 991]], alternative='greater').pvalue
    expect(c.statistic?.pValue).toBeCloseTo(2.1682375825334194e-6, 15);
    expect(c.effect).toBeCloseTo(41 / 9 - 1, 12);
    expect(c.reason).toBe('m 4.1% vs baseline 0.9% (+356%, p=2.2e-6 < 0.01) exceeds max-increase 50%');
  });

  it('passes a significant increase smaller than max-increase (Kayenta: both must hold)', () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: counts(1100, 100_000), baseline: counts(10_000, 1_000_000) }, ALPHA);
    expect(c.status).toBe('pass');
    // Relative error ~1e-9 at a million requests: ln Γ of 1e6 is carried to ~15 digits.
    expect((c.thresholds[1]?.pValue ?? 0) / 0.0015080903933849612).toBeCloseTo(1, 8);
    expect(c.reason).toBe('m 1.1% vs baseline 1% (+10%, p=0.0015 < 0.01) within max 5%, max-increase 50%');
  });

  it('passes an increase that reaches the effect but is not significant though the data could show one', () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: counts(3, 100), baseline: counts(20, 1000) }, ALPHA);
    expect(c.status).toBe('pass');
    expect(c.thresholds[1]?.pValue).toBeCloseTo(0.3489080841213134, 12);
  });

  it("is inconclusive when a 5% canary's first error could never be significant: hold, not promote", () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: counts(1, 60), baseline: counts(0, 1180) }, ALPHA);
    expect(c).toMatchObject({ status: 'inconclusive', outcome: 'hold', effect: Infinity });
    expect(c.thresholds[1]?.pValue).toBeCloseTo(60 / 1240, 14);
    expect(c.reason).toBe('m 1.67% vs baseline 0% (+∞, p=0.048 ≥ 0.01) exceeds max-increase 50%, but this little data cannot be significant at 0.01; holding for more');
  });

  it('holds the canary to the absolute ceiling on its own value, whatever the baseline does', () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: counts(6, 100), baseline: counts(60, 1000) }, ALPHA);
    expect(c).toMatchObject({ status: 'fail', threshold: { key: 'max', value: 0.05 }, value: 0.06 });
    expect(c.reason).toBe('m 6% exceeds max 5% (baseline 6%)');
  });

  it('warns at a warn level and never fails on it', () => {
    const c = classifyMetric(metric('{ ratio: { numerator: e, denominator: r }, max: 5%, warn-max: 1% }'), { canary: counts(2, 100), baseline: counts(2, 100) }, ALPHA);
    expect(c).toMatchObject({ status: 'warn', outcome: 'pass', threshold: { key: 'warn-max', value: 0.01 } });
  });

  it('judges a decrease one-sided the other way (conversion rate, max-decrease)', () => {
    const conversion = (confidence: string) => metric(`{ ratio: { numerator: orders, denominator: visits }, max-decrease: 30%, confidence: ${confidence} }`);
    const input = { canary: counts(20, 100), baseline: counts(300, 1000) };
    // scipy fisher_exact([[20, 80], [300, 700]], alternative='less') = 0.0211: above 0.01, below 0.025.
    expect(classifyMetric(conversion('0.98'), input, 0.02).status).toBe('pass');
    const failed = classifyMetric(conversion('0.95'), input, 0.05);
    expect(failed).toMatchObject({ status: 'fail', threshold: { key: 'max-decrease', value: -0.3 } });
    expect(failed.reason).toBe('m 20% vs baseline 30% (−33.3%, p=0.021 < 0.025) exceeds max-decrease 30%');
  });

  it('identical counts never fail a relative threshold', () => {
    const c = classifyMetric(metric('{ ratio: { numerator: e, denominator: r }, max-increase: 0% }'), { canary: counts(30, 600), baseline: counts(30, 600) }, ALPHA);
    expect(c.status).toBe('pass');
  });
});

describe('classifyMetric: no data and errors are explicit', () => {
  it('a canary without traffic is no data, not 0%', () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: { numerator: [0, 0, 0], denominator: [0, 0, 0] }, baseline: counts(9, 1000) }, ALPHA);
    expect(c).toMatchObject({ status: 'nodata', outcome: 'hold', value: null });
    expect(c.reason).toBe('m: no data: canary saw no requests in 3 samples');
  });

  it('too few samples is no data; a gap in the traffic is dropped, not read as zero', () => {
    const c = classifyMetric(metric(ERROR_RATE), { canary: { numerator: [1, 0, 0], denominator: [50, NaN, NaN] }, baseline: counts(9, 1000) }, ALPHA);
    expect(c.reason).toBe('m: no data: canary has 1 of 3 required samples');
  });

  it('an error series with nothing where requests were counted is zero errors, unless empty-numerator: nodata', () => {
    // Prometheus has no 5xx series until the first error: the canary saw 150 requests and no errors.
    const input = { canary: { numerator: [], denominator: [50, 50, 50] }, baseline: counts(9, 1000) };
    expect(classifyMetric(metric(ERROR_RATE), input, ALPHA)).toMatchObject({ status: 'pass', value: 0, samples: { canary: 3 } });
    const strict = metric('{ ratio: { numerator: errors, denominator: requests, empty-numerator: nodata }, max: 5% }');
    expect(classifyMetric(strict, input, ALPHA)).toMatchObject({ status: 'nodata', reason: 'm: no data: canary has 0 of 3 required samples' });
  });

  it('a baseline without data leaves the absolute ceiling judged and the relative threshold without data', () => {
    const input = { canary: counts(1, 100), baseline: { numerator: [0, 0, 0], denominator: [0, 0, 0] } };
    const c = classifyMetric(metric(ERROR_RATE), input, ALPHA);
    expect(c.thresholds.map((t) => t.status)).toEqual(['pass', 'nodata']);
    expect(c.reason).toBe('m 1%: no data for max-increase: baseline saw no requests in 3 samples');
    expect(classifyMetric(metric(ERROR_RATE), { canary: counts(6, 100), baseline: input.baseline }, ALPHA).status).toBe('fail');
  });

  it('on-no-data decides what no data does, and the reason says so', () => {
    const none = undefined;
    expect(classifyMetric(metric(ERROR_RATE), none, ALPHA)).toMatchObject({ status: 'nodata', outcome: 'hold', reason: 'm: no data: no samples were read' });
    const failing = metric('{ series: s, max: 1, on-no-data: fail }');
    expect(classifyMetric(failing, none, ALPHA)).toMatchObject({ status: 'nodata', outcome: 'fail', reason: 'm: no data: no samples were read (on-no-data: fail)' });
    expect(classifyMetric(metric('{ series: s, max: 1, on-no-data: pass }'), none, ALPHA).outcome).toBe('ignore');
  });

  it('a provider error is an error that holds, unless on-error: fail', () => {
    const fault = { fault: { kind: 'provider', message: 'GET http://127.0.0.1:9090/api/v1/query: 503 after 3 tries' } };
    expect(classifyMetric(metric(ERROR_RATE), fault, ALPHA)).toMatchObject({
      status: 'error',
      outcome: 'hold',
      reason: 'm: metrics provider error: GET http://127.0.0.1:9090/api/v1/query: 503 after 3 tries',
    });
    expect(classifyMetric(metric('{ series: s, max: 1, on-error: fail }'), fault, ALPHA).outcome).toBe('fail');
    expect(classifyMetric(metric(ERROR_RATE), { fault: { kind: 'config', message: 'metrics.json has no series `errors`' } }, ALPHA).reason).toBe(
      'm: cannot read the metric: metrics.json has no series `errors`',
    );
  });

  it('malformed data is an error naming what is wrong', () => {
    expect(classifyMetric(metric(ERROR_RATE), { canary: counts(12, 10), baseline: counts(1, 100) }, ALPHA).reason).toBe(
      'm: canary: `errors`[0] (4) exceeds `requests`[0] (3); a ratio of counts is at most 1',
    );
    expect(classifyMetric(metric(ERROR_RATE), { canary: [1, 2, 3], baseline: counts(1, 100) }, ALPHA).reason).toBe(
      'm: canary: expected counts of `errors` and `requests`, got a single series',
    );
    expect(classifyMetric(metric('{ series: s, max: 1 }'), { canary: counts(1, 10), baseline: [1] }, ALPHA).status).toBe('error');
  });

  it('a classification that throws becomes an error; nothing escapes', () => {
    const exploding = {
      get numerator(): number[] {
        throw new Error('boom');
      },
      denominator: [1],
    };
    const c = classifyMetric(metric(ERROR_RATE), { canary: exploding, baseline: counts(1, 100) }, ALPHA);
    expect(c).toMatchObject({ status: 'error', outcome: 'hold', reason: 'm: classification failed: boom' });
  });
});
