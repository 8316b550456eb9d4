import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';
import { readReport, recordingCommand } from './bundle-support.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * Classes guarded, through dist/auto-rollback as the runner runs it:
 * - counts that cannot be believed (more errors than requests, a negative or
 *   infinite count) stop the watch with one line naming the file, the section
 *   and the series index: never read as a breach, an outage or health;
 * - an empty numerator beside live requests is zero errors (`empty-numerator`);
 * - values meet thresholds exactly as written: exactly `max` is within, and a
 *   change of exactly `max-increase` breaches it, as in the canary judge.
 */
let dir: string;
beforeAll(async () => {
  dir = await workspaceDir('rollback-malformed');
});

const RATIO = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 5%, consecutive: 1 }\n';

async function oneShot(name: string, document: string, metrics: string) {
  const data = path.join(dir, `${name}.json`);
  const analysis = path.join(dir, `${name}.yml`);
  await writeFile(data, document);
  await writeFile(analysis, `source: { type: file, path: ${name}.json }\nmetrics:\n${metrics}`);
  const traffic = await recordingCommand(dir, `traffic-${name}`);
  const run = await runBundle('auto-rollback', { cwd: dir, inputs: { analysis, duration: '0', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) } });
  return { run, calls: await traffic.calls() };
}

describe('malformed samples in the file stream', () => {
  it('more errors than requests is one line naming the file, section and index; nothing is rolled back', async () => {
    const { run, calls } = await oneShot('over', JSON.stringify({ interval: '1m', requests: [100, 100, 10], errors: [1, 2, 12] }), RATIO);
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('inconclusive');
    expect(run.errors).toEqual(['::error::over.json (flat document): metric `error-rate`: `errors`[2] (12) exceeds `requests`[2] (10); a ratio of counts is at most 1']);
    expect(calls).toEqual([]);
  });

  it('a negative count in the canary section, and an infinite one in the baseline, are named the same way; neither is an outage', async () => {
    const split = (canary: number[], baseline: number[]) =>
      `{"interval":"1m","canary":{"requests":[100,100],"errors":[${canary.join(',')}]},"baseline":{"requests":[100,100],"errors":[${baseline.join(',')}]}}`;
    const relative = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max-increase: 50%, consecutive: 1 }\n';
    const negative = await oneShot('negative', split([1, -3], [1, 1]), relative);
    expect(negative.run.errors).toEqual(['::error::negative.json (canary): metric `error-rate`: `errors`[1] is -3; a count cannot be negative']);
    const infinite = await oneShot('infinite', split([1, 1], [1, '1e400' as unknown as number]), relative);
    // JSON's 1e400 reads as Infinity: a finding in a series, but never a count; the count check names the section and index.
    expect(infinite.run.errors).toEqual(['::error::infinite.json (baseline): metric `error-rate`: `errors`[1] is Infinity; a count is a finite number of events']);
    expect([...negative.calls, ...infinite.calls]).toEqual([]);
  });

  it('an empty numerator beside live requests is zero errors, so the watch judges it', async () => {
    const { run } = await oneShot('no-errors', JSON.stringify({ interval: '1m', requests: [100, 100, 100], errors: [] }), RATIO);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('healthy');
    expect((await readReport(run.outputs.report)).checks[0]).toMatchObject({ status: 'pass', samples: 3, value: 0 });
  });
});

describe('exact thresholds per sample', () => {
  const split = (canary: number, baseline: number) => JSON.stringify({ interval: '1m', canary: { p99: [canary] }, baseline: { p99: [baseline] } });

  it('exactly 7 errors in 1000 requests is within max 0.7%', async () => {
    const metrics = '  error-rate: { ratio: { numerator: errors, denominator: requests }, max: 0.7%, consecutive: 1 }\n';
    const { run } = await oneShot('at-max', JSON.stringify({ interval: '1m', requests: [1000], errors: [7] }), metrics);
    expect(run.outputs.decision).toBe('healthy');
  });

  it('exactly +50% breaches max-increase 50%, and 100 → 120 breaches max-increase 20%', async () => {
    const fifty = await oneShot('plus-50', split(150, 100), '  latency: { series: p99, max-increase: 50%, consecutive: 1 }\n');
    expect(fifty.run.outputs.decision).toBe('rolled-back');
    expect(fifty.calls).toEqual([['0']]);
    const twenty = await oneShot('plus-20', split(120, 100), '  latency: { series: p99, max-increase: 20%, consecutive: 1 }\n');
    expect(twenty.run.outputs.decision).toBe('rolled-back');
    const under = await oneShot('plus-19', split(119.99, 100), '  latency: { series: p99, max-increase: 20%, consecutive: 1 }\n');
    expect(under.run.outputs.decision).toBe('healthy');
  });

  it('+Infinity (a p99 in the +Inf bucket, as Prometheus answers it) breaches max', async () => {
    const prometheus = createServer((request, response) => {
      const end = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('end') ?? 0);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[end, '+Inf']] }] } }));
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
    const analysis = path.join(dir, 'inf.yml');
    await writeFile(analysis, `source: { type: prometheus, url: "${url}", step: 1m, query: "p99" }\nmetrics:\n  latency: { series: p99, max: 1000, consecutive: 1 }\n`);
    const run = await runBundle('auto-rollback', { inputs: { analysis, duration: '0', version: 'v2', 'traffic-command': '["true"]' } });
    await new Promise((resolve) => prometheus.close(resolve));
    expect(run.outputs.decision, run.stdout).toBe('rolled-back');
    expect(run.outputs.reason).toBe('latency breached max 1000 in 1 consecutive sample (∞)');
  });
});
