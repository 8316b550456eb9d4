import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { readReport, recordingCommand } from './bundle-support.js';

/**
 * Class guarded: thin evidence is not health. Through dist/auto-rollback as
 * the runner runs it, a watch that could not have seen its own rule fire, or
 * whose data covers too little of what it should have seen, ends
 * `inconclusive` (the step fails) with a reason naming the metric and the
 * shortfall; a one-shot file evaluation with enough samples stays healthy.
 */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-evidence-'));
});

const ERROR_RATE = (rule: string, extra = '') => `    ratio: { numerator: errors, denominator: requests }\n    max: 5%\n    ${rule}\n${extra}`;

async function oneShot(name: string, document: unknown, metrics: string) {
  const data = path.join(dir, `${name}.json`);
  const analysis = path.join(dir, `${name}.yml`);
  await writeFile(data, JSON.stringify(document));
  await writeFile(analysis, `source: { type: file, path: ${data} }\nmetrics:\n${metrics}`);
  const traffic = await recordingCommand(dir, `traffic-${name}`);
  const run = await runBundle('auto-rollback', { cwd: dir, inputs: { analysis, duration: '0', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) } });
  return { run, traffic };
}

describe('thin evidence is not health', () => {
  it('one sample when the rule needs five consecutive is inconclusive, naming the metric and the shortfall', async () => {
    const { run, traffic } = await oneShot('one-sample', { interval: '1m', requests: [100], errors: [0] }, `  error-rate:\n${ERROR_RATE('consecutive: 5')}`);
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('inconclusive');
    // The one poll's own duration is wall time (0 ms, or a few under load): not what this test is about.
    expect(run.outputs.reason).toMatch(
      /^too little evidence in 1 poll over \d+ms: error-rate had data in 1 sample, too few for its rule \(5 consecutive samples\) to fire; a release that was not observed enough is not called healthy$/,
    );
    expect(await traffic.calls()).toEqual([]);
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks[0]).toMatchObject({ name: 'error-rate', status: 'inconclusive', samples: 1 });
  });

  it('data scattered too thinly for `consecutive: 5` is inconclusive even with enough samples in all', async () => {
    const requests = [100, 0, 100, 0, 100, 0, 100, 0, 100, 0, 100];
    const { run } = await oneShot('scattered', { interval: '1m', requests, errors: requests.map(() => 0) }, `  error-rate:\n${ERROR_RATE('consecutive: 5')}`);
    expect(run.outputs.decision).toBe('inconclusive');
    expect(run.outputs.reason).toContain('error-rate had data in 6 of 11 samples, never in a run long enough for its rule (5 consecutive samples) to fire');
  });

  it('one sample with traffic out of sixteen is too little coverage, even for a rule of one sample', async () => {
    const requests = Array.from({ length: 16 }, (_, index) => (index === 7 ? 100 : 0));
    const { run } = await oneShot('coverage', { interval: '1m', requests, errors: requests.map(() => 0) }, `  error-rate:\n${ERROR_RATE('consecutive: 1')}`);
    expect(run.outputs.decision).toBe('inconclusive');
    expect(run.outputs.reason).toContain('error-rate had data in 1 of 16 samples (6.3%), less than min-coverage 50%');
  });

  it('a watch where every metric says on-no-data: pass and none had data is not healthy', async () => {
    const { run } = await oneShot(
      'all-pass',
      { interval: '1m', requests: [0, 0, 0, 0, 0], errors: [0, 0, 0, 0, 0] },
      `  error-rate:\n${ERROR_RATE('consecutive: 1', '    on-no-data: pass\n')}`,
    );
    expect(run.outputs.decision).toBe('inconclusive');
    expect(run.outputs.reason).toContain('no metric or health URL was judged on data');
  });

  it('a one-shot file evaluation with enough samples is healthy, and says what it judged', async () => {
    const { run } = await oneShot('enough', { interval: '1m', requests: [100, 100, 100, 100, 100, 0], errors: [1, 0, 2, 1, 0, 0] }, `  error-rate:\n${ERROR_RATE('consecutive: 5')}`);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('healthy');
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]).toMatchObject({ status: 'pass', samples: 6 });
  });
});

describe('thin evidence: health URLs', () => {
  it('a one-shot watch cannot fire a rule of more than one failed check: refused at once', async () => {
    const run = await runBundle('auto-rollback', { inputs: { 'health-urls': 'http://127.0.0.1:9/healthz', duration: '0', version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('inconclusive');
    expect(run.errors).toEqual([
      '::error::input `max-failures`: 3 means a health URL rolls back after 4 failed checks, but a watch of duration 0 at interval 1m makes 1 check; lengthen `duration` to at least 3m or lower `max-failures`',
    ]);
  });
});
