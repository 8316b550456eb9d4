import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { axeCheck } from '../../../../src/actions/gate-checks/checks/axe.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'a11y', type: 'axe', level: 'required', entry: { type: 'axe', ...entry } });
const ENV: CheckEnvironment = { workspace: REPO_ROOT, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
const DIR = 'test/fixtures/axe';
const LIMITS = { 'max-critical': 0, 'max-serious': 0 };

describe('axe check', () => {
  it('passes a clean page', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/playwright-clean.json`, ...LIMITS }), axeCheck, ENV);
    expect(report).toMatchObject({ status: 'pass', value: 0, threshold: 0, unit: 'count', samples: 1, message: 'critical 0 <= max-critical 0; serious 0 <= max-serious 0' });
  });

  it('fails on critical and serious rules, listing each rule worst first', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/playwright-faults.json`, ...LIMITS, 'warn-max-moderate': 1 }), axeCheck, ENV);
    expect(report).toMatchObject({
      status: 'fail',
      value: 2,
      threshold: 0,
      unit: 'count',
      message: 'critical 2 > max-critical 0; serious 3 > max-serious 0; moderate 2 > warn-max-moderate 1',
    });
    expect(report.evidence.nodesByImpact).toEqual({ critical: 3, serious: 3, moderate: 6, minor: 0 });
    expect((report.evidence.rules as { rule: string; nodes: number }[]).map((r) => `${r.rule}×${r.nodes}`)).toEqual([
      'image-alt×2',
      'label×1',
      'color-contrast×1',
      'document-title×1',
      'html-has-lang×1',
      'region×5',
      'landmark-one-main×1',
    ]);
    expect((report.evidence.rules as unknown[])[0]).toEqual({
      rule: 'image-alt',
      impact: 'critical',
      nodes: 2,
      help: 'Images must have alternative text',
      helpUrl: 'https://dequeuniversity.com/rules/axe/4.13/image-alt?application=playwright',
      page: 'http://127.0.0.1:40023/faults.html',
    });
  });

  it('adds up pages from several files', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/{playwright-pages,jest-axe-faults}.json`, 'max-violations': 5 }), axeCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: 10, threshold: 5, samples: 3, message: 'violations 10 > max-violations 5' });
  });

  it('fails when the results are missing', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/absent.json`, ...LIMITS }), axeCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: null, threshold: null, message: `file not found: ${DIR}/absent.json` });
  });

  it('is an error when the file is not axe results', async () => {
    const { report } = await evaluateCheck(spec({ path: 'test/fixtures/lighthouse/lhci-assertion-results.json', ...LIMITS }), axeCheck, ENV);
    expect(report).toMatchObject({
      status: 'error',
      value: null,
      threshold: null,
      message: 'test/fixtures/lighthouse/lhci-assertion-results.json[0] is not axe-core results (no `violations` list)',
    });
  });

  it('with no thresholds, fails on critical or serious rules: the defaults max-critical: 0, max-serious: 0', async () => {
    const faults = await evaluateCheck(spec({ path: `${DIR}/playwright-faults.json` }), axeCheck, ENV);
    expect(faults.report).toMatchObject({ status: 'fail', message: 'critical 2 > max-critical (default) 0; serious 3 > max-serious (default) 0' });
    const clean = await evaluateCheck(spec({ path: `${DIR}/playwright-clean.json` }), axeCheck, ENV);
    expect(clean.report).toMatchObject({ status: 'pass' });
    // Any limit the policy sets replaces both defaults.
    const own = await evaluateCheck(spec({ path: `${DIR}/playwright-faults.json`, 'max-violations': 10 }), axeCheck, ENV);
    expect(own.report).toMatchObject({ status: 'pass', message: 'violations 7 <= max-violations 10' });
  });

  it('results with no page scanned are not evidence: an error, never a pass', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-axe-check-'));
    await writeFile(path.join(dir, 'none.json'), JSON.stringify({ violations: [] }));
    await writeFile(path.join(dir, 'empty.json'), '[]');
    for (const file of ['none.json', 'empty.json']) {
      const { report } = await evaluateCheck(spec({ path: file }), axeCheck, { ...ENV, workspace: dir });
      expect(report.status).toBe('error');
    }
  });
});
