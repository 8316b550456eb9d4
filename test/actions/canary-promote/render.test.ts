import { describe, expect, it } from 'vitest';
import { heading, renderTickMarkdown } from '../../../src/actions/canary-promote/render.js';
import { buildChecks, summaryLine } from '../../../src/actions/canary-promote/report.js';
import { SCHEMA_VERSION } from '../../../src/report/model.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { tick } from './harness.js';
import { FAULTY_CANARY, IDLE_CANARY, makeWorkdir, minutes } from './support.js';

const reportOf = (checks: unknown[], decision: string) => ({
  schemaVersion: SCHEMA_VERSION,
  action: 'canary-promote',
  decision,
  summary: 's',
  startedAt: minutes(0),
  finishedAt: minutes(0),
  context: { repository: null, sha: null, ref: null, environment: 'production', runUrl: null },
  checks,
});

describe('the job summary and report of a tick', () => {
  it('heads a promotion with the weight change and shows each metric with its numbers', async () => {
    const work = await makeWorkdir('rg-render-promote-');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2', 'stable-ref': 'v1' });
    const promoted = await tick(work, { now: minutes(10) });
    const markdown = renderTickMarkdown(promoted, 'production');
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '### 🟢 promote: 5% → 25% (step 2/4)',
      '',
      `**canary-promote** · \`production\` · canary of v2 (stable v1) · state: file ${work.stateFile} · traffic: ${promoted.target}`,
      '',
      'promoted 5% → 25%, judged after 10m: 2 metrics passed',
    ]);
    expect(markdown).toContain('| Metric | Status | Canary | Baseline | Change | Threshold | p-value | Samples |');
    expect(markdown).toContain('| error-rate | ✅ pass | 0.5% (5/1000) | 0.5% (50/10000) | ±0% | max ≤ 5%, max-increase < +100% | p=0.57 ≥ 0.009 | 10 / 10 |');
    expect(markdown).toContain('| latency | ✅ pass | 200.5 | 199.5 | +0.501% | max ≤ 1000, max-increase < +20% | p=0.52 ≥ 0.018 | 10 / 10 |');
    expect(markdown).toContain('Window: 2026-03-03T10:00:00.000Z → 2026-03-03T10:10:00.000Z (10m). Verdict: **promote**, 2 metrics passed.');
    expect(markdown).toContain('Next check after 2026-03-03T10:20:00.000Z.');
    expect(summaryLine(promoted)).toBe('promote: canary 25% (step 2/4): promoted 5% → 25%, judged after 10m: 2 metrics passed');
  });

  it('writes schema-valid checks: one per metric with its evidence, and the rollout', async () => {
    const work = await makeWorkdir('rg-render-report-', FAULTY_CANARY);
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const rolled = await tick(work, { now: minutes(10) });
    const checks = buildChecks(rolled, 'production');
    expect(reportSchemaErrors(reportOf(checks, 'rollback'))).toEqual([]);
    expect(checks.map((c) => [c.name, c.type, c.status, c.value, c.threshold, c.unit, c.samples])).toEqual([
      ['error-rate', 'ratio', 'fail', 0.1, 0.05, 'ratio', 10],
      ['latency', 'series', 'fail', 399.5, 'max-increase < +20%', '', 10],
      ['rollout', 'rollout', 'fail', 0, null, '%', null],
    ]);
    expect(checks[0]!.evidence).toMatchObject({
      baseline: 0.005,
      counts: { canary: { events: 100, total: 1000 }, baseline: { events: 50, total: 10000 } },
      statistic: { test: 'fisher-exact', sided: 'one-sided' },
      effect: expect.closeTo(19, 6),
      window: { from: minutes(0), to: minutes(10), windowMs: 600_000 },
    });
    expect(checks[2]!.evidence).toMatchObject({ decision: 'rollback', previousWeight: 5, weight: 0, step: 1, plannedTrafficChange: { from: 5, to: 0 }, store: { outcome: 'saved', stateVersion: 2 } });
    expect(heading(rolled)).toBe('### 🔴 rollback: 5% → 0% (step 1/4)');
  });

  it('heads holds, dry runs and failures plainly, and says when metrics were not read', async () => {
    const work = await makeWorkdir('rg-render-hold-', IDLE_CANARY);
    const dry = await tick(work, { now: minutes(0), 'canary-ref': 'v2', 'dry-run': 'true' });
    expect(heading(dry)).toBe('### 🔵 start: 0% → 5% (step 1/4) — dry run, nothing changed');
    expect(renderTickMarkdown(dry, 'production')).toContain('_Metrics were not read this tick');
    await tick(work, { now: minutes(0), 'canary-ref': 'v2' });
    const held = await tick(work, { now: minutes(10) });
    expect(heading(held)).toBe('### 🟡 hold: 5% (step 1/4)');
    expect(renderTickMarkdown(held, 'production')).toContain('| error-rate | ⭕ no data | no data (0/0) | 0.5% (50/10000) | — | max ≤ 5% | — | 10 / 10 |');
    expect(renderTickMarkdown(held, 'production')).not.toContain('Next check after');
    const checks = buildChecks(held, 'production');
    expect(reportSchemaErrors(reportOf(checks, 'hold'))).toEqual([]);
    expect(checks.at(-1)).toMatchObject({ name: 'rollout', status: 'inconclusive', value: 5 });
  });
});
