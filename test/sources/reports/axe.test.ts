import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countByImpact, nodesByImpact, parseAxeResults, readAxeResults } from '../../../src/sources/reports/axe.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// @axe-core/playwright 4.13.0 (axe-core 4.13.0) in Chromium, and jest-axe 11
// (axe-core 4.12.1) in jsdom, on pages with known faults. See ORIGIN.md.
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/axe');
const read = (name: string) => readAxeResults(path.join(FIXTURES, name), name);
const FAULTS_URL = 'http://127.0.0.1:40023/faults.html';
const help = (rule: string, version = '4.13', app = 'playwright') => `https://dequeuniversity.com/rules/axe/${version}/${rule}?application=${app}`;

describe('readAxeResults', () => {
  it('reads AxeBuilder.analyze() results: one entry per violated rule with its element count', async () => {
    const result = await read('playwright-faults.json');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.pages).toEqual([{ url: FAULTS_URL, violations: 7, incomplete: 0, passes: 11, engine: 'axe-core 4.13.0' }]);
    expect(result.value.violations.map((v) => [v.rule, v.impact, v.nodes])).toEqual([
      ['color-contrast', 'serious', 1],
      ['document-title', 'serious', 1],
      ['html-has-lang', 'serious', 1],
      ['image-alt', 'critical', 2],
      ['label', 'critical', 1],
      ['landmark-one-main', 'moderate', 1],
      ['region', 'moderate', 5],
    ]);
    expect(result.value.violations[3]).toEqual({
      rule: 'image-alt',
      impact: 'critical',
      nodes: 2,
      help: 'Images must have alternative text',
      helpUrl: help('image-alt'),
      page: FAULTS_URL,
    });
    expect(countByImpact(result.value.violations)).toEqual({ critical: 2, serious: 3, moderate: 2, minor: 0, violations: 7 });
    expect(nodesByImpact(result.value.violations)).toEqual({ critical: 3, serious: 3, moderate: 6, minor: 0 });
  });

  it('reads a clean page as no violations', async () => {
    const result = await read('playwright-clean.json');
    expect(result.ok && result.value).toEqual({
      pages: [{ url: 'http://127.0.0.1:40023/clean.html', violations: 0, incomplete: 0, passes: 21, engine: 'axe-core 4.13.0' }],
      violations: [],
    });
  });

  it('reads a list of results, one per page', async () => {
    const result = await read('playwright-pages.json');
    expect(result.ok && result.value.pages.map((p) => [p.url, p.violations])).toEqual([
      [FAULTS_URL, 7],
      ['http://127.0.0.1:40023/clean.html', 0],
    ]);
  });

  it("reads jest-axe's results the same way", async () => {
    const result = await read('jest-axe-faults.json');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.pages).toEqual([{ url: 'http://localhost/', violations: 3, incomplete: 0, passes: 9, engine: 'axe-core 4.12.1' }]);
    expect(result.value.violations.map((v) => [v.rule, v.impact, v.nodes, v.helpUrl])).toEqual([
      ['image-alt', 'critical', 2, help('image-alt', '4.12', 'axeAPI')],
      ['label', 'critical', 1, help('label', '4.12', 'axeAPI')],
      ['region', 'moderate', 5, help('region', '4.12', 'axeAPI')],
    ]);
  });

  it('is malformed for JSON that is not axe results, or a violation without nodes', async () => {
    const notAxe = await readAxeResults(path.join(REPO_ROOT, 'test/fixtures/npm-audit/npm-none.npm7-output.json'), 'audit.json');
    expect(notAxe).toEqual({ ok: false, error: { kind: 'malformed', message: 'audit.json is not axe-core results (no `violations` list)' } });
    expect(parseAxeResults([{ violations: [], passes: [{ id: 'document-title' }] }, { passes: [] }], 'pages.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'pages.json[1] is not axe-core results (no `violations` list)' },
    });
    expect(parseAxeResults({ violations: [{ id: 'image-alt', impact: 'critical' }] }, 'a.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'a.json.violations[0] has no rule `id` or `nodes` list' },
    });
    const broken = await readAxeResults(path.join(REPO_ROOT, 'test/fixtures/coverage/vitest-lcov.info'), 'lcov.info');
    // The file's text is not quoted: the message says where and what was expected.
    expect(broken).toEqual({ ok: false, error: { kind: 'malformed', message: "lcov.info:1:1: not valid JSON: expected a value" } });
  });

  it('refuses an empty list, which checked no page, as an error', () => {
    expect(parseAxeResults([], 'a11y.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'a11y.json holds an empty list: no page was checked' } });
  });

  it('refuses results with no page scanned: no rule in any list is not "no violations"', () => {
    expect(parseAxeResults({ violations: [] }, 'a11y.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'a11y.json lists no rule in violations, passes, incomplete or inapplicable: axe scanned no page' },
    });
    expect(parseAxeResults({ url: 'https://shop.example/', violations: [], passes: [], incomplete: [], inapplicable: [] }, 'a11y.json').ok).toBe(false);
  });

  it('counts a violation without an impact (a custom rule) in the total only', () => {
    const result = parseAxeResults({ violations: [{ id: 'custom-rule', impact: null, nodes: [{}] }] }, 'a.json');
    expect(result.ok && countByImpact(result.value.violations)).toEqual({ critical: 0, serious: 0, moderate: 0, minor: 0, violations: 1 });
  });

  it('refuses an impact axe does not write, which no max-critical or max-serious would see', () => {
    expect(parseAxeResults({ violations: [{ id: 'image-alt', impact: 'CRITICAL', nodes: [{}] }] }, 'a.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'a.json.violations[0] has an impact that is not one of critical, serious, moderate, minor (or null)' },
    });
  });

  it('names a missing file', async () => {
    const missing = path.join(os.tmpdir(), 'rg-nonexistent', 'axe.json');
    expect(await readAxeResults(missing)).toEqual({ ok: false, error: { kind: 'missing', message: `file not found: ${missing}` } });
  });
});
