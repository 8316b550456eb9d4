import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { reportCheck } from '../../../../src/actions/gate-checks/checks/report.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import type { CheckReport, Report } from '../../../../src/report/model.js';

const check = (name: string, status: CheckReport['status']): CheckReport => ({
  name, type: 'metric', status, level: 'required', value: null, threshold: null, unit: '', samples: null, message: '', evidence: {},
});
const report = (action: Report['action'], decision: string, summary: string, checks: CheckReport[] = []): Report => ({
  schemaVersion: 1, action, decision, summary, startedAt: '2026-11-24T10:00:00.000Z', finishedAt: '2026-11-24T10:01:00.000Z',
  context: { repository: 'acme/shop', sha: 'abc123', ref: null, environment: 'staging', runUrl: null }, checks,
});

let environment: CheckEnvironment;
beforeAll(async () => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-report-check-'));
  await mkdir(path.join(workspace, 'ok'));
  await mkdir(path.join(workspace, 'mixed'));
  await mkdir(path.join(workspace, 'empty'));
  await mkdir(path.join(workspace, 'forged'));
  const write = (file: string, body: unknown) => writeFile(path.join(workspace, file), JSON.stringify(body));
  await write('ok/lighthouse.json', report('lighthouse-budget', 'pass', 'all budgets met', [check('home', 'pass')]));
  await write('ok/canary.json', report('canary-promote', 'complete', 'rollout complete at 100%', [check('rollout', 'pass')]));
  await write('mixed/canary.json', report('canary-promote', 'rollback', 'error rate 6% > 5%', [check('error-rate', 'fail'), check('latency', 'pass'), check('cpu', 'nodata')]));
  await write('mixed/gate.json', report('gate-checks', 'go', 'all 4 checks pass', [check('unit', 'pass')]));
  await write('empty/gate.json', report('gate-checks', 'go', 'nothing checked'));
  await write('forged/gate.json', report('gate-checks', 'go', 'all good', [check('unit', 'fail')]));
  await write('injected.json', report('canary-promote', 'rollback\n::error::pwned', 'summary', [check('error-rate\n::set-output name=decision::go', 'fail')]));
  await write('bad.json', { ...report('gate-checks', 'go', ''), checks: [{ name: 'x' }] });
  environment = { workspace, now: new Date('2026-11-24T10:00:00Z'), override: false, env: {} };
});

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'upstream', type: 'report', level: 'required', entry: { type: 'report', ...entry } });
const evaluate = async (entry: Record<string, unknown>) => (await evaluateCheck(spec(entry), reportCheck, environment)).report;

describe('report check', () => {
  it('passes when every report is positive', async () => {
    const result = await evaluate({ path: 'ok/*.json' });
    expect(result).toMatchObject({ status: 'pass', value: 0, threshold: 0, samples: 2, message: '2 reports are positive: canary-promote complete, lighthouse-budget pass' });
    expect(result.evidence.reports).toEqual([
      { file: 'ok/canary.json', action: 'canary-promote', decision: 'complete', summary: 'rollout complete at 100%', positive: true, failingChecks: [] },
      { file: 'ok/lighthouse.json', action: 'lighthouse-budget', decision: 'pass', summary: 'all budgets met', positive: true, failingChecks: [] },
    ]);
  });

  it('fails naming the report, action, decision and failing checks (never quoting its summary)', async () => {
    const result = await evaluate({ path: 'mixed/*.json' });
    expect(result).toMatchObject({ status: 'fail', value: 1, message: 'mixed/canary.json: canary-promote decided rollback (failing: error-rate, cpu)' });
    expect(result.evidence.measurements).toEqual({ failed: 1 });
  });

  it('fails a report written by another action than the one required', async () => {
    const result = await evaluate({ path: 'mixed/gate.json', action: 'canary-promote' });
    expect(result).toMatchObject({ status: 'fail', value: 1, message: 'mixed/gate.json was written by gate-checks, not canary-promote' });
  });

  it('counts a report once when it is both negative and from the wrong action', async () => {
    const result = await evaluate({ path: 'mixed/*.json', action: 'gate-checks' });
    expect(result).toMatchObject({ status: 'fail', value: 1, message: 'mixed/canary.json was written by canary-promote, not gate-checks; mixed/canary.json: canary-promote decided rollback (failing: error-rate, cpu)' });
  });

  it('a positive report that rests on no checks is not evidence: error, never pass', async () => {
    expect(await evaluate({ path: 'empty/gate.json' })).toMatchObject({
      status: 'error',
      message: 'empty/gate.json contradicts itself: it says go but holds no checks, so the decision rests on nothing; it was edited or not written by rollout-guard',
    });
  });

  it('a go its own checks contradict is malformed: an edited report cannot pass a gate', async () => {
    expect(await evaluate({ path: 'forged/gate.json' })).toMatchObject({ status: 'error', message: expect.stringMatching(/^forged\/gate\.json contradicts itself: it says go although required check `unit` did not pass/) });
  });

  it('names from a report cannot start a new log line', async () => {
    const result = await evaluate({ path: 'injected.json' });
    expect(result.status).toBe('fail');
    expect(result.message).not.toMatch(/\n/);
  });

  it('fails when no report is there, and errors on a malformed one', async () => {
    expect(await evaluate({ path: 'nope/*.json' })).toMatchObject({ status: 'fail', message: 'no file matches nope/*.json' });
    expect(await evaluate({ path: 'bad.json' })).toMatchObject({ status: 'error', message: 'bad.json is not a rollout-guard report: `checks[0].type` is missing (expected string)' });
  });

  it('is a config error for an unknown action', async () => {
    expect(await evaluate({ path: 'ok/*.json', action: 'deploy' })).toMatchObject({
      status: 'error',
      message: 'check `upstream`: `action` must be one of gate-checks, lighthouse-budget, canary-promote, auto-rollback, got "deploy"',
    });
  });
});
