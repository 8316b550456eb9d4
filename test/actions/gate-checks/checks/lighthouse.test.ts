import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { lighthouseCheck } from '../../../../src/actions/gate-checks/checks/lighthouse.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';

const spec = (entry: Record<string, unknown>): CheckSpec => ({ name: 'lighthouse', type: 'lighthouse', level: 'required', entry: { type: 'lighthouse', ...entry } });
const ENV: CheckEnvironment = { workspace: REPO_ROOT, now: new Date('2026-11-20T12:00:00Z'), override: false, env: {} };
const DIR = 'test/fixtures/lighthouse';

describe('lighthouse check', () => {
  it('passes three runs of a light page at their median', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/light-run*.report.json`, 'min-performance': 0.9, 'max-largest-contentful-paint': '2.5s' }), lighthouseCheck, ENV);
    expect(report).toMatchObject({
      status: 'pass',
      value: 1,
      threshold: 0.9,
      unit: 'score',
      samples: 3,
      message: 'performance 1 >= min-performance 0.9; largest-contentful-paint 203.21 ms <= max-largest-contentful-paint 2500 ms',
    });
    expect(report.evidence.urls).toMatchObject([{ url: 'http://127.0.0.1:37215/light.html', runs: 3, spread: { 'largest-contentful-paint': { min: 177.39155, max: 205.36430000000001 } } }]);
  });

  it('fails on the worst URL, listing each URL with its runs', async () => {
    const entry = { path: `${DIR}/{light,heavy}-run*.report.json`, 'min-performance': 0.9, 'max-cumulative-layout-shift': 0.05, 'max-total-blocking-time': '200ms' };
    const { report } = await evaluateCheck(spec(entry), lighthouseCheck, ENV);
    expect(report).toMatchObject({
      status: 'fail',
      value: 0.83,
      threshold: 0.9,
      unit: 'score',
      samples: 4,
      message:
        'performance 0.83 < min-performance 0.9; cumulative-layout-shift 0.0856 > max-cumulative-layout-shift 0.05; total-blocking-time 348.5 ms > max-total-blocking-time 200 ms',
    });
    expect((report.evidence.urls as { url: string; runs: number }[]).map((u) => [u.url, u.runs])).toEqual([
      ['http://127.0.0.1:37215/heavy.html', 1],
      ['http://127.0.0.1:37215/light.html', 3],
    ]);
  });

  it('reads a folder, skips LHCI assertion results, and is an error when a URL never loaded', async () => {
    const { report } = await evaluateCheck(spec({ path: DIR, 'min-performance': 0.8 }), lighthouseCheck, ENV);
    expect(report).toMatchObject({ status: 'error', value: null, threshold: null, samples: 4, message: 'every run failed for http://127.0.0.1:42623/ (CHROME_INTERSTITIAL_ERROR)' });
    expect(report.evidence.skipped).toEqual([`${DIR}/lhci-assertion-results.json`]);
    expect(report.evidence.failedRuns).toMatchObject([{ file: `${DIR}/runtime-error.report.json`, url: 'http://127.0.0.1:42623/', code: 'CHROME_INTERSTITIAL_ERROR' }]);
    expect(report.evidence.measurements).toMatchObject({ performance: 0.83 });
  });

  it('is an error naming the code when every run failed', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/runtime-error.report.json`, 'min-performance': 0.9 }), lighthouseCheck, ENV);
    expect(report).toMatchObject({ status: 'error', value: null, message: 'every Lighthouse run failed: CHROME_INTERSTITIAL_ERROR (http://127.0.0.1:42623/)' });
  });

  it('fails when the results are missing', async () => {
    const { report } = await evaluateCheck(spec({ path: '.lighthouseci-absent', 'min-performance': 0.9 }), lighthouseCheck, ENV);
    expect(report).toMatchObject({ status: 'fail', value: null, threshold: null, message: 'file not found: .lighthouseci-absent' });
  });

  it('is an error for an LHR that does not parse', async () => {
    const { report } = await evaluateCheck(spec({ path: `${DIR}/malformed`, 'min-performance': 0.9 }), lighthouseCheck, ENV);
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/^test\/fixtures\/lighthouse\/malformed\/lhr-1795305048030\.json:\d+:\d+: not valid JSON: expected /);
  });

  it('rejects a threshold on an audit it does not know', async () => {
    const { report } = await evaluateCheck(spec({ path: DIR, 'max-lcp': 2500 }), lighthouseCheck, ENV);
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/^check `lighthouse`: unknown threshold `max-lcp`; this check accepts max-performance, min-performance/);
  });

  it('reads a lighthouse-budget report: its per-URL medians, held to this check\'s thresholds', async () => {
    // Written by the lighthouse-budget bundle over recorded runs (test/fixtures/lighthouse-budget/ORIGIN.md).
    const path = 'test/fixtures/lighthouse-budget/budget-report.json';
    const { report } = await evaluateCheck(spec({ path, 'min-accessibility': 0.9, 'max-cumulative-layout-shift': 0.1 }), lighthouseCheck, ENV);
    expect(report).toMatchObject({ status: 'pass', samples: 6, message: 'accessibility 1 >= min-accessibility 0.9; cumulative-layout-shift 0 <= max-cumulative-layout-shift 0.1' });
    expect(report.evidence).toMatchObject({ report: path, decision: 'fail', unmeasured: [] });
    const failing = await evaluateCheck(spec({ path, 'min-performance': 0.5 }), lighthouseCheck, ENV);
    expect(failing.report).toMatchObject({ status: 'fail', value: 0.3, threshold: 0.5, message: 'performance 0.3 < min-performance 0.5' });
  });

  describe('defaults and validated values', () => {
    type Lhr = { categories: Record<string, { score: unknown }>; audits: Record<string, { numericValue?: unknown }> };
    const editedRun = async (edit: (lhr: Lhr) => void) => {
      const lhr = JSON.parse(await readFile(path.join(REPO_ROOT, DIR, 'light-run1.report.json'), 'utf8')) as Lhr;
      edit(lhr);
      const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-lh-check-'));
      await writeFile(path.join(dir, 'run.report.json'), JSON.stringify(lhr));
      return { ...ENV, workspace: dir };
    };

    it('with no thresholds, holds the runs to the Core Web Vitals defaults: LCP 2500 ms and CLS 0.1', async () => {
      const { report } = await evaluateCheck(spec({ path: `${DIR}/light-run*.report.json` }), lighthouseCheck, ENV);
      expect(report).toMatchObject({
        status: 'pass',
        message: 'largest-contentful-paint 203.21 ms <= max-largest-contentful-paint (default) 2500 ms; cumulative-layout-shift 0 <= max-cumulative-layout-shift (default) 0.1',
      });
      const slow = await editedRun((lhr) => void (lhr.audits['largest-contentful-paint']!.numericValue = 3100));
      expect((await evaluateCheck(spec({ path: 'run.report.json' }), lighthouseCheck, slow)).report).toMatchObject({
        status: 'fail',
        message: 'largest-contentful-paint 3100 ms > max-largest-contentful-paint (default) 2500 ms',
      });
    });

    it('a negative timing would meet any max: it is an error naming the file and field', async () => {
      const env = await editedRun((lhr) => void (lhr.audits['largest-contentful-paint']!.numericValue = -3100));
      expect((await evaluateCheck(spec({ path: 'run.report.json', 'max-largest-contentful-paint': 2500 }), lighthouseCheck, env)).report).toMatchObject({
        status: 'error',
        message: 'run.report.json: `audits.largest-contentful-paint.numericValue` is -3100; a measured value is ≥ 0',
      });
    });

    it('a score outside 0–1 is an error', async () => {
      const env = await editedRun((lhr) => void (lhr.categories.performance!.score = 7));
      expect((await evaluateCheck(spec({ path: 'run.report.json', 'min-performance': 0.9 }), lighthouseCheck, env)).report.status).toBe('error');
    });
  });
});
