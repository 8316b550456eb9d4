import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { type BundleRun, runBundle } from '../../support/run-bundle.js';
import { trafficLog } from './harness.js';
import { FAULTY_CANARY, IDLE_CANARY, type Workdir, makeWorkdir, minutes } from './support.js';

// Executes dist/canary-promote/index.js as the runner does, with `file:` state,
// the `file` metric source and a command target, the clock set by `now`.
const tick = (work: Workdir, inputs: Record<string, string>) =>
  runBundle('canary-promote', { cwd: work.dir, inputs: { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand, ...inputs } });

/** `::error::` lines as the runner shows them: `core` escapes `%`, CR and LF in command data. */
const errorsOf = (run: BundleRun) => run.errors.map((line) => line.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
const outputsOf = (run: BundleRun) => [run.code, run.outputs.decision, run.outputs['previous-weight'], run.outputs.weight, run.outputs.step];
const readReport = async (run: BundleRun) => JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { decision: string; checks: { name: string; status: string }[] };

describe('canary-promote bundle', () => {
  it('walks a healthy release 5% → 25% → 50% → 100% → complete; a re-run of a tick changes nothing but re-applies its weight', async () => {
    const work = await makeWorkdir('rg-cp-bundle-healthy-');
    const runs: BundleRun[] = [];
    for (const [at, more] of [[0, { 'canary-ref': 'v2' }], [5, {}], [10, {}], [10, {}], [20, {}], [30, {}], [40, {}]] as const) {
      runs.push(await tick(work, { now: minutes(at), ...more }));
    }
    expect(runs.map(outputsOf)).toEqual([
      [0, 'start', '0', '5', '1'],
      [0, 'hold', '5', '5', '1'],
      [0, 'promote', '5', '25', '2'],
      [0, 'promote', '25', '25', '2'],
      [0, 'promote', '25', '50', '3'],
      [0, 'promote', '50', '100', '4'],
      [0, 'complete', '100', '100', '4'],
    ]);
    expect(runs.map((run) => run.outputs.changed)).toEqual(['true', 'false', 'true', 'false', 'true', 'true', 'true']);
    // Ticks that move nothing re-apply the stored weight (a set is idempotent): that heals a run that died between saving and moving.
    expect(await trafficLog(work)).toEqual(['5 v2', '5 v2', '25 v2', '25 v2', '50 v2', '100 v2']);
    expect(runs[1]!.outputs['next-check-after']).toBe(minutes(10));
    expect(runs[1]!.outputs.reason).toBe('canary 5% is baking: 5m of 10m left; judged after 2026-03-03T10:10:00.000Z');
    expect(runs[2]!.outputs.summary).toBe('promote: canary 25% (step 2/4): promoted 5% → 25%, judged after 10m: 2 metrics passed');
    expect(runs[2]!.summary).toMatch(/^### 🟢 promote: 5% → 25% \(step 2\/4\)\n/);
    expect(runs[2]!.summary).toContain('| error-rate | ✅ pass | 0.5% (5/1000) | 0.5% (50/10000) |');
    expect(runs[3]!.outputs.reason).toMatch(/^already ticked at 2026-03-03T10:10:00\.000Z/);
    expect(runs[6]!.outputs['next-check-after']).toBe('');
    for (const run of [runs[0]!, runs[2]!, runs[6]!]) expect(reportSchemaErrors(await readReport(run))).toEqual([]);
    expect((await readReport(runs[2]!)).checks.map((c) => [c.name, c.status])).toEqual([['error-rate', 'pass'], ['latency', 'pass'], ['rollout', 'pass']]);
  });

  it('rolls a faulty canary back to 0% and fails the step, unless fail-on-rollback is false', async () => {
    const work = await makeWorkdir('rg-cp-bundle-faulty-', FAULTY_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const rolled = await tick(work, { now: minutes(10) });
    expect(outputsOf(rolled)).toEqual([1, 'rollback', '5', '0', '1']);
    expect(errorsOf(rolled)).toEqual([expect.stringMatching(/^::error::rollback: canary rolled back at step 1\/4: rolled back 5% → 0%: 2 metrics failed \(error-rate, latency\) > failure-limit 0: error-rate 10% exceeds max 5%/)]);
    expect(rolled.summary).toMatch(/^### 🔴 rollback: 5% → 0% \(step 1\/4\)/);
    expect(await trafficLog(work)).toEqual(['5 v2', '0 v2']);
    const report = await readReport(rolled);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([['error-rate', 'fail'], ['latency', 'fail'], ['rollout', 'fail']]);

    const tolerated = await tick(work, { now: minutes(15), 'fail-on-rollback': 'false' });
    expect(outputsOf(tolerated)).toEqual([0, 'rollback', '0', '0', '1']);
    expect(errorsOf(tolerated)).toEqual([]);
  });

  it('holds when the canary has no data, keeping the weight it has', async () => {
    const work = await makeWorkdir('rg-cp-bundle-idle-', IDLE_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const held = await tick(work, { now: minutes(10) });
    expect(outputsOf(held)).toEqual([0, 'hold', '5', '5', '1']);
    expect(held.outputs.reason).toMatch(/^held at canary 5% \(1 in a row\): 2 metrics not yet decided \(error-rate, latency\): error-rate: no data/);
    expect(held.summary).toContain('| error-rate | ⭕ no data |');
    expect(await trafficLog(work)).toEqual(['5 v2', '5 v2']);
  });

  it('dry run changes nothing and says what it would have done', async () => {
    const work = await makeWorkdir('rg-cp-bundle-dry-');
    const first = await tick(work, { now: minutes(0), 'canary-ref': 'v2', 'dry-run': 'true' });
    expect(outputsOf(first)).toEqual([0, 'start', '0', '5', '1']);
    expect(first.outputs.changed).toBe('false');
    expect(first.outputs.reason).toBe('dry run, nothing changed: would start 0% → 5%: started the rollout of v2: canary 5%, judged after 10m');
    expect(first.summary).toMatch(/^### 🔵 start: 0% → 5% \(step 1\/4\) — dry run, nothing changed/);
    expect(first.stdout).toMatch(/would run set-weight: .* 5 v2/);
    expect(existsSync(work.stateFile)).toBe(false);

    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const state = await readFile(work.stateFile, 'utf8');
    const shadow = await tick(work, { now: minutes(10), 'dry-run': 'true' });
    expect(shadow.outputs.reason).toBe('dry run, nothing changed: would promote 5% → 25%: promoted 5% → 25%, judged after 10m: 2 metrics passed');
    expect(await readFile(work.stateFile, 'utf8')).toBe(state);
    expect(await trafficLog(work)).toEqual(['5 v2']);
  });

  it('fails loudly when the traffic target refuses a promotion, and never reports promote', async () => {
    const work = await makeWorkdir('rg-cp-bundle-refused-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    await writeFile(work.breakFlag, '');
    const refused = await tick(work, { now: minutes(10) });
    expect(outputsOf(refused)).toEqual([1, 'hold', '5', '5', '1']);
    expect(errorsOf(refused)).toEqual([expect.stringMatching(/^::error::traffic was not moved 5% → 25%: set-weight .* exited with 3: load balancer refused the change; the rollout is back on its previous step/)]);
    expect(refused.summary).toMatch(/^### 💥 hold: 5% \(step 1\/4\)\n/);
    expect(refused.summary).toContain('> [!CAUTION]\n> traffic was not moved 5% → 25%: set-weight');
  });

  it('a malformed analysis file is one error line naming file, line and key, and never a promotion', async () => {
    const work = await makeWorkdir('rg-cp-bundle-malformed-');
    await writeFile(work.analysis, 'source: { type: file, path: m.json }\nmetrics:\n  error-rate:\n    ratio: { numerator: errors, denominator: requests }\n    max-increse: 50%\n');
    const run = await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    expect(run.code).toBe(1);
    expect(errorsOf(run)).toEqual([`::error::${work.analysis}:5: metrics.error-rate.max-increse: unknown key; a metric accepts ratio, histogram, series, query, confidence, min-samples, on-no-data, on-error, outliers, method, direction, critical, consecutive, n-of-m, max, min, warn-max, warn-min, max-increase, max-decrease, warn-max-increase, warn-max-decrease`]);
    expect(run.outputs.decision).toBe('hold');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(work.stateFile)).toBe(false);
    expect(await trafficLog(work)).toEqual([]);
  });

  it('bad inputs are reported together in one line; a missing analysis file is named', async () => {
    const bad = await runBundle('canary-promote', { inputs: { analysis: 'a.yml', steps: '5,25', 'dry-run': 'perhaps' } });
    expect(errorsOf(bad)).toEqual([
      '::error::input `steps` must be whole percentages from 1 to 100, increasing and ending at 100, such as 5,25,50,100; `5,25` ends at 25%, so the rollout would never complete; input `state` is not given and there is no token: give `github-token` to keep the rollout in GitHub Deployments, or `state: file:<path>`; input `dry-run` must be true or false, got `perhaps`',
    ]);
    const missing = await runBundle('canary-promote', { inputs: { analysis: 'nope/analysis.yml', state: `file:${path.join(bad.dir, 's.json')}` } });
    expect(errorsOf(missing)).toEqual(['::error::analysis file not found: nope/analysis.yml (input `analysis`)']);
    expect(missing.outputs.decision).toBe('hold');
  });
});
