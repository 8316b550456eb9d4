import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.js';
import { isPositiveDecision, parseRolloutReport, readRolloutReports } from '../../../src/sources/reports/rollout-report.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    action: 'canary-promote',
    decision: 'promote',
    summary: 'canary 25% → 50%: 3 metrics pass',
    startedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: '2026-11-24T10:00:04.000Z',
    context: { repository: 'acme/shop', sha: 'abc123', ref: 'refs/heads/main', environment: 'staging', runUrl: null },
    checks: [
      { name: 'error-rate', type: 'ratio', status: 'pass', level: 'required', value: 0.001, threshold: 0.01, unit: 'ratio', samples: 120, message: 'ok', evidence: {} },
    ],
    ...overrides,
  };
}

let workspace = '';
beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'rg-reports-'));
  await mkdir(path.join(workspace, 'reports'));
  await writeFile(path.join(workspace, 'reports/a.json'), JSON.stringify(sampleReport()));
  await writeFile(path.join(workspace, 'reports/b.json'), JSON.stringify(sampleReport({ action: 'gate-checks', decision: 'go' })));
  await writeFile(path.join(workspace, 'broken.json'), '{"schemaVersion": 1,');
});

describe('parseRolloutReport', () => {
  it('accepts a report the published JSON Schema accepts', async () => {
    const schema = JSON.parse(await readFile(path.join(REPO_ROOT, 'src/report/report.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    expect(ajv.validate(schema, sampleReport())).toBe(true);
    expect(parseRolloutReport(sampleReport(), 'r.json')).toEqual({ ok: true, value: sampleReport() });
  });

  // The field is named; the value the file holds is not quoted.
  it('names the first bad field', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...sampleReport(), checks: [{ ...sampleReport().checks[0], status: 'ok' }] }, 'r.json is not a rollout-guard report: `checks[0].status`: expected one of "pass"|"warn"|"fail"|"inconclusive"|"nodata"|"error"|"skipped"'],
      [{ ...sampleReport(), action: 'deploy' }, 'r.json is not a rollout-guard report: `action`: expected one of "gate-checks"|"lighthouse-budget"|"canary-promote"|"auto-rollback"'],
      [{ ...sampleReport(), schemaVersion: 2 }, 'r.json is not a rollout-guard report: `schemaVersion`: expected 1'],
      [{ ...sampleReport(), summary: { secret: 'hunter2' } }, 'r.json is not a rollout-guard report: `summary`: expected string, received object'],
      [{ ...sampleReport(), decision: undefined }, 'r.json is not a rollout-guard report: `decision` is missing (expected string)'],
      [[], 'r.json is not a rollout-guard report: expected object, received array'],
    ];
    for (const [json, message] of cases) expect(parseRolloutReport(json, 'r.json')).toEqual({ ok: false, error: { kind: 'malformed', message } });
  });
});

describe('parseRolloutReport: a positive decision must rest on its checks', () => {
  const check = (name: string, status: Report['checks'][number]['status'], level: 'required' | 'advisory' = 'required') => ({ ...sampleReport().checks[0]!, name, status, level });
  const messageOf = (report: Report) => {
    const result = parseRolloutReport(report, 'r.json');
    return result.ok ? 'read' : result.error.message;
  };

  it('refuses a positive report with no checks, of any action', () => {
    expect(messageOf(sampleReport({ checks: [] }))).toBe('r.json contradicts itself: it says promote but holds no checks, so the decision rests on nothing; it was edited or not written by rollout-guard');
    expect(messageOf(sampleReport({ action: 'auto-rollback', decision: 'healthy', checks: [] }))).toMatch(/it says healthy but holds no checks/);
  });

  it('refuses a gate-checks go over a failing required check, or over advisory checks only', () => {
    expect(messageOf(sampleReport({ action: 'gate-checks', decision: 'go', checks: [check('unit', 'fail'), check('lint', 'pass')] }))).toBe(
      'r.json contradicts itself: it says go although required check `unit` did not pass; it was edited or not written by rollout-guard',
    );
    expect(messageOf(sampleReport({ action: 'gate-checks', decision: 'go', checks: [check('lint', 'pass', 'advisory')] }))).toMatch(/all 1 checks are advisory/);
    expect(messageOf(sampleReport({ action: 'gate-checks', decision: 'go', checks: [check('unit', 'pass'), check('lint', 'fail', 'advisory')] }))).toBe('read');
  });

  it('refuses a lighthouse-budget pass over a URL that failed', () => {
    expect(messageOf(sampleReport({ action: 'lighthouse-budget', decision: 'pass', checks: [check('https://shop.example/', 'fail')] }))).toMatch(/it says pass although check `https:\/\/shop\.example\/` did not pass/);
  });

  it('takes a negative report as it is: it needs no proof', () => {
    expect(messageOf(sampleReport({ action: 'gate-checks', decision: 'no-go', checks: [] }))).toBe('read');
  });
});

describe('readRolloutReports', () => {
  it('reads every report a glob matches, named relative to the workspace', async () => {
    const read = await readRolloutReports('reports/*.json', workspace);
    expect(read.ok && read.value.map((r) => [r.file, r.report.action, r.report.decision])).toEqual([
      ['reports/a.json', 'canary-promote', 'promote'],
      ['reports/b.json', 'gate-checks', 'go'],
    ]);
  });

  it('is a missing fault when nothing matches, and malformed for broken JSON', async () => {
    expect(await readRolloutReports('reports/*.xml', workspace)).toEqual({ ok: false, error: { kind: 'missing', message: 'no file matches reports/*.xml' } });
    expect(await readRolloutReports('gone.json', workspace)).toEqual({ ok: false, error: { kind: 'missing', message: 'file not found: gone.json' } });
    const broken = await readRolloutReports('broken.json', workspace);
    expect(!broken.ok && broken.error.kind).toBe('malformed');
    expect(!broken.ok && broken.error.message).toMatch(/^broken\.json:\d+:\d+: not valid JSON: expected /);
  });
});

describe('isPositiveDecision', () => {
  it('follows POSITIVE_DECISIONS per action', () => {
    expect(isPositiveDecision({ action: 'canary-promote', decision: 'complete' })).toBe(true);
    expect(isPositiveDecision({ action: 'canary-promote', decision: 'hold' })).toBe(false);
    expect(isPositiveDecision({ action: 'gate-checks', decision: 'pass' })).toBe(false);
    expect(isPositiveDecision({ action: 'auto-rollback', decision: 'healthy' })).toBe(true);
  });
});
