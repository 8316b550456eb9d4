import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../../src/sources/lighthouse/html-report.js';
import { readResultRuns } from '../../../src/sources/lighthouse/lhr-run.js';
import { keepResults } from '../../../src/sources/lighthouse/results-output.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const HEAVY = 'test/fixtures/lighthouse-budget/heavy-mobile';

describe('renderHtmlReport', () => {
  it('writes the same standalone report as Lighthouse\'s own generator', async () => {
    const lhr = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/lighthouse/light-run1.report.json'), 'utf8')) as object;
    const { ReportGenerator } = (await import('lighthouse/report/generator/report-generator.js')) as { ReportGenerator: { generateReportHtml: (lhr: object) => string } };
    expect(await renderHtmlReport(lhr)).toBe(ReportGenerator.generateReportHtml(lhr));
  });

  it('keeps a placeholder inside the results as text', async () => {
    const html = await renderHtmlReport({ note: '%%LIGHTHOUSE_JAVASCRIPT%% </script>' });
    expect(html).toContain('"note":"%%LIGHTHOUSE_JAVASCRIPT%% \\u003c/script>"');
  });
});

describe('readResultRuns', () => {
  it('reads a .lighthouseci-style folder into runs keyed by finalUrl, with values', async () => {
    const read = await readResultRuns(HEAVY, REPO_ROOT, 'baseline');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.runs.map((run) => [run.id, run.role, run.url, run.values?.performance, run.failure])).toEqual([
      [`${HEAVY}/lhr-1795306456160.json`, 'baseline', 'http://127.0.0.1:45697/heavy.html', 0.3, null],
      [`${HEAVY}/lhr-1795306466668.json`, 'baseline', 'http://127.0.0.1:45697/heavy.html', 0.3, null],
      [`${HEAVY}/lhr-1795306476930.json`, 'baseline', 'http://127.0.0.1:45697/heavy.html', 0.3, null],
    ]);
  });

  it('makes a run with a runtimeError a failure of its requested URL', async () => {
    const read = await readResultRuns('test/fixtures/lighthouse/runtime-error.report.json', REPO_ROOT, 'target');
    expect(read.ok && read.value.runs[0]).toMatchObject({ url: 'http://127.0.0.1:42623/', values: null, failure: { code: 'CHROME_INTERSTITIAL_ERROR' } });
  });
});

describe('keepResults', () => {
  it('writes LHRs as LHCI names them, baselines apart, and the HTML of representative runs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-keep-'));
    const read = await readResultRuns(HEAVY, REPO_ROOT, 'target');
    const base = await readResultRuns('test/fixtures/lighthouse-budget/shift-desktop', REPO_ROOT, 'baseline');
    if (!read.ok || !base.ok) throw new Error('fixtures');
    const runs = [...read.value.runs, ...base.value.runs];
    const kept = await keepResults(dir, runs, new Set([runs[1]!.id, runs[3]!.id]));
    expect((await readdir(dir)).sort()).toEqual(['baseline', 'lhr-1795306456160.json', 'lhr-1795306466668.html', 'lhr-1795306466668.json', 'lhr-1795306476930.json']);
    expect((await readdir(path.join(dir, 'baseline'))).sort()).toEqual(['lhr-1795306487571.html', 'lhr-1795306487571.json', 'lhr-1795306496278.json']);
    expect(kept.get(runs[1]!.id)).toEqual({ json: 'lhr-1795306466668.json', html: 'lhr-1795306466668.html' });
    expect(kept.get(runs[3]!.id)).toEqual({ json: 'baseline/lhr-1795306487571.json', html: 'baseline/lhr-1795306487571.html' });
    expect(JSON.parse(await readFile(path.join(dir, 'lhr-1795306456160.json'), 'utf8'))).toEqual(runs[0]!.lhr);
  });

  it('gives two runs of the same millisecond a file each, and skips the JSON when asked', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-keep-'));
    const lhr = { fetchTime: '2026-11-22T00:00:00.000Z', audits: {} };
    const run = (id: string) => ({ id, role: 'target' as const, requestedUrl: 'u', url: 'u', lhr, failure: null, values: null, attempts: 1 });
    const kept = await keepResults(dir, [run('a'), run('b')], new Set());
    expect([...kept.values()].map((k) => k.json)).toEqual(['lhr-1795305600000.json', 'lhr-1795305600001.json']);
    const skipped = await keepResults(path.join(dir, 'again'), [run('c')], new Set(['c']), true);
    expect(skipped.get('c')).toEqual({ json: 'c', html: 'lhr-1795305600000.html' });
    expect(await readdir(path.join(dir, 'again'))).toEqual(['lhr-1795305600000.html']);
  });
});
