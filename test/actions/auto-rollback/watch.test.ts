import { describe, expect, it } from 'vitest';
import { watch } from '../../../src/actions/auto-rollback/watch.js';
import { T0, harness, metricsOf, plan } from './watch-support.js';

/** The watch loop on virtual time with scripted reads: exact polls, samples and ends. */
const MINUTE = 60_000;
const LATENCY = metricsOf('  latency: { series: p99_ms, max: 1000, consecutive: 3 }');
const ok = (n = 1) => Array.from({ length: n }, () => ({ latency: [100] }));
const bad = (n = 1) => Array.from({ length: n }, () => ({ latency: [2000] }));

describe('watch: metric breach rules', () => {
  it('rolls back on exactly the 3rd consecutive breaching sample, not one sample earlier', async () => {
    const h = harness([...ok(2), ...bad(3), ...ok(6)]);
    const result = await watch(plan(LATENCY), h.deps);
    expect(result.end.kind).toBe('breach');
    expect(result.polls).toBe(5);
    expect(result.metrics[0]!.outcomes).toEqual(['pass', 'pass', 'breach', 'breach', 'breach']);
    expect(result.endedAt - T0).toBe(4 * MINUTE);
    const trigger = result.end.kind === 'breach' ? result.end.triggers[0]! : null;
    expect(trigger?.breach).toMatchObject({ firstBreachIndex: 2, triggerIndex: 4, breaches: 3 });
    // The first breaching sample was read at 2m and covers the minute before it.
    expect(trigger!.breach.firstBreachAt! - T0).toBe(1 * MINUTE);
    expect(trigger!.description).toBe('latency breached max 1000 in 3 consecutive samples (2000, 2000, 2000)');
    expect(h.logs[3]).toBe('poll 4 +3m: latency 2000 breach 2/3');
  });

  it('a blip shorter than the rule does not roll back', async () => {
    const h = harness([...ok(1), ...bad(2), ...ok(1), ...bad(2), ...ok(5)]);
    const result = await watch(plan(LATENCY), h.deps);
    expect(result.end).toEqual({ kind: 'healthy' });
    expect(result.polls).toBe(11);
    expect(result.endedAt - T0).toBe(10 * MINUTE);
  });

  it('counts N-of-M breaches within a window of M samples', async () => {
    const metrics = metricsOf('  latency: { series: p99_ms, max: 1000, n-of-m: "3/5" }');
    const h = harness([...bad(1), ...ok(1), ...bad(1), ...ok(1), ...bad(1), ...ok(6)]);
    const result = await watch(plan(metrics), h.deps);
    expect(result.polls).toBe(5);
    expect(result.end.kind === 'breach' && result.end.triggers[0]!.description).toBe('latency breached max 1000 in 3 of 5 consecutive samples (2000, 100, 2000, 100, 2000)');
  });

  it('honours failure-limit, except for a critical metric', async () => {
    const metrics = metricsOf('  latency: { series: p99_ms, max: 1000, consecutive: 2 }\n  errors: { series: e, max: 5, consecutive: 2 }');
    const both = (latency: number, errors: number) => ({ latency: [latency], errors: [errors] });
    const tolerated = await watch(plan(metrics, { failureLimit: 1, durationMs: 3 * MINUTE }), harness([both(2000, 1), both(2000, 1), both(2000, 9), both(2000, 9)]).deps);
    expect(tolerated.end.kind === 'breach' && tolerated.end.triggers.map((trigger) => trigger.name)).toEqual(['latency', 'errors']);
    expect(tolerated.polls).toBe(4);
    const critical = metricsOf('  latency: { series: p99_ms, max: 1000, consecutive: 2, critical: true }');
    const result = await watch(plan(critical, { failureLimit: 1 }), harness(bad(2)).deps);
    expect(result.polls).toBe(2);
    expect(result.end.kind).toBe('breach');
  });

  it('one-shot judges a whole stream read at once, dating samples back from the read', async () => {
    const metrics = metricsOf('  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5%, consecutive: 3 }');
    const stream = { numerator: [1, 0, 9, 8, 12, 1], denominator: [100, 100, 100, 100, 100, 100] };
    const h = harness([{ 'error-rate': { watched: stream, baseline: null } }]);
    const result = await watch(plan(metrics, { durationMs: 0 }), h.deps);
    expect(result.polls).toBe(1);
    expect(result.metrics[0]!.outcomes).toEqual(['pass', 'pass', 'breach', 'breach', 'breach', 'pass']);
    expect(result.metrics[0]!.times.map((time) => (time - T0) / MINUTE)).toEqual([-6, -5, -4, -3, -2, -1]);
    expect(result.end.kind === 'breach' && result.end.triggers[0]!.breach.firstBreachAt! - T0).toBe(-4 * MINUTE);
  });

  it('schedules polls from the start, so slow reads do not push later polls', async () => {
    const h = harness(ok(4), () => true, 10_000);
    await watch(plan(LATENCY, { durationMs: 3 * MINUTE }), h.deps);
    expect(h.readsAt).toEqual([0, 1, 2, 3].map((n) => n * MINUTE));
  });
});

describe('watch: no data and metrics backend outages', () => {
  const FAULT = { latency: { fault: 'provider' as const } };

  it('ends as backend-failed when an outage reaches max-metrics-outage, backing off reads meanwhile', async () => {
    const h = harness([...ok(1), FAULT, FAULT, FAULT, ...ok(5)]);
    const result = await watch(plan(LATENCY, { maxOutageMs: 3 * MINUTE }), h.deps);
    expect(h.readsAt.map((at) => at / MINUTE)).toEqual([0, 1, 2, 4]);
    expect(result.polls).toBe(5);
    expect(result.end).toEqual({
      kind: 'backend-failed',
      since: T0 + MINUTE,
      message: 'the metrics backend failed for 3m, reaching max-metrics-outage 3m (3 failed reads): GET http://prometheus/api/v1/query_range answered 500 after 3 tries',
    });
    expect(h.logs.slice(1, 4)).toEqual([
      'poll 2 +1m: latency — nodata 0/3 · metrics backend failing: GET http://prometheus/api/v1/query_range answered 500 after 3 tries',
      'poll 3 +2m: latency — nodata 0/3 · metrics backend failing: GET http://prometheus/api/v1/query_range answered 500 after 3 tries',
      'poll 4 +3m: latency no new sample · metrics read skipped (backing off after 2 failed reads)',
    ]);
  });

  it('a short outage is ridden out: failed reads are no data, never a breach', async () => {
    const h = harness([...ok(1), FAULT, ...ok(3)]);
    const result = await watch(plan(LATENCY, { durationMs: 4 * MINUTE }), h.deps);
    expect(result.end).toEqual({ kind: 'healthy' });
    expect(result.metrics[0]!.outcomes).toEqual(['pass', 'nodata', 'pass', 'pass', 'pass']);
  });

  it('an outage still going at the end is not healthy', async () => {
    const h = harness([...ok(1), FAULT]);
    const result = await watch(plan(LATENCY, { durationMs: MINUTE }), h.deps);
    expect(result.end.kind === 'backend-failed' && result.end.message).toMatch(/^the metrics backend was still failing when the watch ended \(1 failed read\)/);
  });

  it('with on-error: fail, failed reads are breaching samples and roll back', async () => {
    const metrics = metricsOf('  latency: { series: p99_ms, max: 1000, consecutive: 2, on-error: fail }');
    const h = harness([...ok(1), FAULT, FAULT]);
    const result = await watch(plan(metrics), h.deps);
    expect(result.end.kind).toBe('breach');
    expect(result.metrics[0]!.outcomes).toEqual(['pass', 'breach', 'breach']);
  });

  it('a metric that never had data is inconclusive, unless on-no-data: pass', async () => {
    const metrics = metricsOf('  latency: { series: p99_ms, max: 1000 }\n  errors: { series: err, max: 5, on-no-data: pass }');
    const empty = { latency: [Number.NaN], errors: [] };
    const result = await watch(plan(metrics, { durationMs: MINUTE }), harness([empty, empty]).deps);
    expect(result.end).toEqual({ kind: 'inconclusive', shortfalls: [{ kind: 'metric', name: 'latency', message: 'latency had no data in 2 samples' }] });
  });

  it('samples that cannot be believed end the watch at once, never as an outage that holds', async () => {
    const h = harness([...ok(1), { latency: { fault: 'malformed', message: 'm.json (flat document): metric `latency`: `p99`[1] is -3' } }, ...ok(5)]);
    const result = await watch(plan(LATENCY, { maxOutageMs: 60 * MINUTE }), h.deps);
    expect(result.end).toEqual({ kind: 'malformed', message: 'm.json (flat document): metric `latency`: `p99`[1] is -3' });
    expect(result.polls).toBe(2);
  });

  it('a rule met in the same poll as a mistake still rolls back', async () => {
    const metrics = metricsOf('  latency: { series: p99_ms, max: 1000, consecutive: 1 }\n  errors: { series: e, max: 5 }');
    const h = harness([{ latency: [2000], errors: { fault: 'config', message: 'm.json has no series `e`' } }]);
    const result = await watch(plan(metrics), h.deps);
    expect(result.end.kind).toBe('breach');
  });

  it('a mistake in the analysis ends the watch at once', async () => {
    const h = harness([{ latency: { fault: 'config', message: 'm.json has no series `p99_ms`' } }]);
    const result = await watch(plan(LATENCY), h.deps);
    expect(result.end).toEqual({ kind: 'config', message: 'm.json has no series `p99_ms`' });
    expect(result.polls).toBe(1);
  });
});

describe('watch: health checks', () => {
  const URL = 'http://127.0.0.1:1/healthz';
  const health = (failing: number[]) => (_url: string, n: number) => !failing.includes(n);

  it('rolls back when one URL fails more than max-failures of the last window checks', async () => {
    const h = harness([], health([3, 4, 5, 7]));
    const result = await watch({ ...plan([], { healthUrls: [URL] }), healthRule: { kind: 'n-of-m', n: 4, m: 5 } }, { ...h.deps, reader: null });
    expect(result.polls).toBe(7);
    expect(result.health[0]!.outcomes).toEqual(['pass', 'pass', 'breach', 'breach', 'breach', 'pass', 'breach']);
    expect(result.end.kind === 'breach' && result.end.triggers[0]!.description).toBe(
      `${URL} failed 4 of the last 5 checks, more than 3 failures in 5 checks (last: answered 500, expected 200)`,
    );
  });

  it('three failures in five checks are within the budget', async () => {
    const h = harness([], health([2, 3, 5, 8, 9, 11]));
    const result = await watch({ ...plan([], { healthUrls: [URL] }), healthRule: { kind: 'n-of-m', n: 4, m: 5 } }, { ...h.deps, reader: null });
    expect(result.end).toEqual({ kind: 'healthy' });
    expect(h.checks[URL]).toBe(11);
  });
});

describe('watch: thin evidence is not health', () => {
  it('a query source expects every poll’s samples: data in too few polls is inconclusive', async () => {
    const metrics = metricsOf('  latency: { series: p99_ms, max: 1000, consecutive: 2 }');
    const silent = { latency: [Number.NaN] };
    const result = await watch(plan(metrics, { durationMs: 4 * MINUTE }), harness([...ok(2), silent, silent, silent]).deps);
    expect(result.end).toEqual({ kind: 'inconclusive', shortfalls: [{ kind: 'metric', name: 'latency', message: 'latency had data in 2 of 5 samples (40%), less than min-coverage 50%' }] });
    expect(result.metrics[0]!.shortfall).toBe('latency had data in 2 of 5 samples (40%), less than min-coverage 50%');
  });

  it('a stream is judged on the samples present: a one-shot read of enough samples is healthy', async () => {
    const h = harness([{ latency: [100, 100, 100, Number.NaN] }], () => true, 0, true);
    const result = await watch(plan(LATENCY, { durationMs: 0 }), h.deps);
    expect(result.end).toEqual({ kind: 'healthy' });
  });

  it('a health URL checked fewer times than its rule needs is inconclusive', async () => {
    const h = harness([]);
    const result = await watch({ ...plan([], { healthUrls: ['http://u:p@app/healthz'], durationMs: 2 * MINUTE }), healthRule: { kind: 'n-of-m', n: 4, m: 5 } }, { ...h.deps, reader: null });
    expect(result.end).toEqual({ kind: 'inconclusive', shortfalls: [{ kind: 'health', name: 'http://***@app/healthz', message: 'http://***@app/healthz was checked 3 times, too few for its rule (4 failed checks) to fire' }] });
  });
});
