import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  groupByUrl,
  isLhr,
  type LighthouseRun,
  median,
  readLighthouseRuns,
  runFromLhr,
  summarizeRuns,
  summarizeUrl,
  worstAcross,
} from '../../../src/sources/reports/lighthouse-results.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

// Lighthouse 12.8.2 CLI runs against pages served on 127.0.0.1 (see ORIGIN.md).
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/lighthouse');
const LIGHT = 'http://127.0.0.1:37215/light.html';
const HEAVY = 'http://127.0.0.1:37215/heavy.html';
const lhr = async (name: string) => JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const run = async (name: string): Promise<LighthouseRun> => {
  const result = runFromLhr(await lhr(name), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const LIGHT_MEDIANS = {
  performance: 1,
  accessibility: 1,
  'best-practices': 0.96,
  seo: 1,
  'largest-contentful-paint': 203.2133,
  'first-contentful-paint': 172.60665,
  'total-blocking-time': 0,
  'speed-index': 172.60665,
  interactive: 203.2133,
  'max-potential-fid': 16,
  'server-response-time': 3.96,
  'cumulative-layout-shift': 0,
  'total-byte-weight': 932,
  'dom-size': 5,
};

describe('runFromLhr', () => {
  it('reads category scores and audit numeric values of one run', async () => {
    const heavy = await run('heavy-run1.report.json');
    expect(heavy).toMatchObject({ url: HEAVY, lighthouseVersion: '12.8.2', fetchTime: '2026-11-21T23:51:19.889Z', runtimeError: null });
    expect(heavy.values).toEqual({
      performance: 0.83,
      accessibility: 0.84,
      'best-practices': 0.96,
      seo: 0.82,
      'largest-contentful-paint': 167.65165,
      'first-contentful-paint': 167.65165,
      'total-blocking-time': 348.5,
      'speed-index': 428.6064946666427,
      interactive: 566.40165,
      'max-potential-fid': 401,
      'server-response-time': 1.6230000000000002,
      'cumulative-layout-shift': 0.08558092854885255,
      'total-byte-weight': 1917,
      'dom-size': 7,
    });
  });

  it('names a failed run by its requested URL, not Chrome error page, and gives it no values', async () => {
    const failed = await run('runtime-error.report.json');
    expect(failed.url).toBe('http://127.0.0.1:42623/');
    expect(failed.runtimeError).toEqual({
      code: 'CHROME_INTERSTITIAL_ERROR',
      message: 'Chrome prevented page load with an interstitial. Make sure you are testing the correct URL and that the server is properly responding to all requests.',
    });
    expect(Object.values(failed.values).every((value) => value === null)).toBe(true);
  });

  it('falls back to finalUrl when finalDisplayedUrl is absent (Lighthouse before 10)', async () => {
    const older: Record<string, unknown> = { ...(await lhr('light-run1.report.json')), finalUrl: 'https://example.test/' };
    delete older.finalDisplayedUrl;
    const result = runFromLhr(older, 'old.json');
    expect(result.ok && result.value.url).toBe('https://example.test/');
  });

  it('is malformed for JSON that is not an LHR', async () => {
    const assertions = JSON.parse(await readFile(path.join(FIXTURES, 'lhci-assertion-results.json'), 'utf8')) as unknown;
    expect(isLhr(assertions)).toBe(false);
    expect(runFromLhr(assertions, 'assertion-results.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'assertion-results.json is not a Lighthouse result (no lighthouseVersion and audits)' },
    });
  });
});

describe('median, grouping and the worst URL', () => {
  it('takes the median as LHCI does: middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([0.9])).toBe(0.9);
  });

  it('summarizes three runs of one URL at their median, with their spread', async () => {
    const runs = await Promise.all([1, 2, 3].map((n) => run(`light-run${n}.report.json`)));
    const summary = summarizeUrl(LIGHT, runs);
    expect(summary.runs).toBe(3);
    expect(summary.medians).toEqual(LIGHT_MEDIANS);
    expect(summary.spread['largest-contentful-paint']).toEqual({ min: 177.39155, max: 205.36430000000001 });
    expect(summary.spread['server-response-time']).toEqual({ min: 1.44, max: 7.635 });
  });

  it('takes a value missing from one run over the others', async () => {
    const runs = await Promise.all([1, 2, 3].map((n) => run(`light-run${n}.report.json`)));
    runs[1]!.values['server-response-time'] = null;
    expect(summarizeUrl(LIGHT, runs).medians['server-response-time']).toBe((3.96 + 7.635) / 2);
  });

  it('groups by URL and holds each measure to the worst URL', async () => {
    const runs = await Promise.all(['light-run1', 'heavy-run1', 'light-run2', 'light-run3'].map((n) => run(`${n}.report.json`)));
    const groups = groupByUrl(runs);
    expect([...groups].map(([url, group]) => [url, group.length])).toEqual([[LIGHT, 3], [HEAVY, 1]]);
    const worst = worstAcross([...groups].map(([url, group]) => summarizeUrl(url, group)));
    expect(worst).toMatchObject({ performance: 0.83, seo: 0.82, 'largest-contentful-paint': 203.2133, 'total-blocking-time': 348.5, 'server-response-time': 3.96, 'dom-size': 7 });
  });

  it('has no worst value when one URL lacks it', async () => {
    const light = summarizeUrl(LIGHT, [await run('light-run1.report.json')]);
    const heavy = summarizeUrl(HEAVY, [await run('heavy-run1.report.json')]);
    heavy.medians.performance = null;
    expect(worstAcross([light, heavy]).performance).toBeNull();
  });

  it('leaves failed runs out, lists their URL as unmeasured, and faults when every run failed', async () => {
    const light = await run('light-run1.report.json');
    const failed = await run('runtime-error.report.json');
    const summary = summarizeRuns([light, failed]);
    expect(summary.ok && [summary.value.urls.length, summary.value.failed.length, summary.value.unmeasured]).toEqual([1, 1, ['http://127.0.0.1:42623/']]);
    expect(summarizeRuns([failed])).toEqual({
      ok: false,
      error: { kind: 'provider', message: 'every Lighthouse run failed: CHROME_INTERSTITIAL_ERROR (http://127.0.0.1:42623/)' },
    });
  });
});

describe('runFromLhr: values are validated, not trusted', () => {
  type Lhr = { categories: Record<string, { score: unknown }>; audits: Record<string, Record<string, unknown>> };
  const edited = async (edit: (doc: Lhr) => void) => {
    const doc = structuredClone(await lhr('light-run1.report.json')) as unknown as Lhr;
    edit(doc);
    const result = runFromLhr(doc, 'lhr.json');
    return result.ok ? 'read' : `${result.error.kind}: ${result.error.message}`;
  };

  it('refuses a score outside 0–1', async () => {
    expect(await edited((doc) => void (doc.categories.performance!.score = 1.5))).toBe('malformed: lhr.json: `categories.performance.score` is 1.5; a score is from 0 to 1');
    expect(await edited((doc) => void (doc.categories.seo!.score = -0.1))).toMatch(/`categories\.seo\.score` is -0\.1/);
  });

  it('refuses a negative timing or byte weight, which would meet any max', async () => {
    expect(await edited((doc) => void (doc.audits['largest-contentful-paint']!.numericValue = -1))).toBe(
      'malformed: lhr.json: `audits.largest-contentful-paint.numericValue` is -1; a measured value is ≥ 0',
    );
    expect(await edited((doc) => void (doc.audits['total-byte-weight']!.numericValue = -4096))).toMatch(/total-byte-weight/);
  });

  it('refuses a non-finite number anywhere in the LHR (JSON 1e400 parses as Infinity)', async () => {
    const text = await readFile(path.join(FIXTURES, 'light-run1.report.json'), 'utf8');
    const doc = JSON.parse(text.replace(/"numericValue": *[\d.]+/, '"numericValue": -1e400')) as unknown;
    const result = runFromLhr(doc, 'lhr.json');
    expect(result.ok ? 'read' : result.error.message).toMatch(/^lhr\.json: `audits\.[a-z-]+\.numericValue` is not a finite number$/);
    expect(await edited((doc) => void (doc.audits['unsized-images'] = { score: 1, details: { items: [{ wastedMs: Number.POSITIVE_INFINITY }] } }))).toBe(
      'malformed: lhr.json: `audits.unsized-images.details.items[0].wastedMs` is not a finite number',
    );
  });

  it('refuses a score or value that is not a number, and keeps null as not measured', async () => {
    expect(await edited((doc) => void (doc.categories.performance!.score = '1'))).toBe('malformed: lhr.json: `categories.performance.score` is not a number');
    const unmeasured = structuredClone(await lhr('light-run1.report.json')) as unknown as Lhr;
    unmeasured.categories.performance!.score = null;
    const result = runFromLhr(unmeasured, 'lhr.json');
    expect(result.ok && result.value.values.performance).toBeNull();
  });
});

describe('readLighthouseRuns', () => {
  let lhci: string;
  const temporary: string[] = [];
  afterAll(async () => {
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  });
  beforeAll(async () => {
    // A .lighthouseci folder as LHCI leaves it: lhr-<time>.json runs, assertion-results.json, and a flags file.
    lhci = await mkdtemp(path.join(os.tmpdir(), 'rg-lhci-'));
    temporary.push(lhci);
    await mkdir(path.join(lhci, '.lighthouseci'));
    for (const [name, time] of [['light-run1', 1795305048030], ['light-run2', 1795305058546], ['light-run3', 1795305069348], ['heavy-run1', 1795305079889]] as const) {
      await copyFile(path.join(FIXTURES, `${name}.report.json`), path.join(lhci, '.lighthouseci', `lhr-${time}.json`));
    }
    await copyFile(path.join(FIXTURES, 'lhci-assertion-results.json'), path.join(lhci, '.lighthouseci', 'assertion-results.json'));
    // What LHCI's collect writes for --settings (node-runner.js) and deletes after a run.
    await writeFile(path.join(lhci, '.lighthouseci', 'flags-0b6c3a8e.json'), JSON.stringify({ preset: 'desktop', chromeFlags: ' --headless=new' }));
  });

  it('reads the runs in a .lighthouseci folder and skips its other JSON', async () => {
    const result = await readLighthouseRuns('.lighthouseci', lhci);
    expect(result.ok && result.value.runs.map((r) => [r.file, r.url])).toEqual([
      ['.lighthouseci/lhr-1795305048030.json', LIGHT],
      ['.lighthouseci/lhr-1795305058546.json', LIGHT],
      ['.lighthouseci/lhr-1795305069348.json', LIGHT],
      ['.lighthouseci/lhr-1795305079889.json', HEAVY],
    ]);
    expect(result.ok && result.value.skipped).toEqual(['.lighthouseci/assertion-results.json', '.lighthouseci/flags-0b6c3a8e.json']);
  });

  it('reads a glob and a single file', async () => {
    const glob = await readLighthouseRuns('test/fixtures/lighthouse/*.report.json', REPO_ROOT);
    expect(glob.ok && glob.value.runs.length).toBe(5);
    const single = await readLighthouseRuns('test/fixtures/lighthouse/heavy-run1.report.json', REPO_ROOT);
    expect(single.ok && single.value.runs.map((r) => r.url)).toEqual([HEAVY]);
  });

  it('is malformed for an LHR that does not parse, and for a single file that is not an LHR', async () => {
    const truncated = await readLighthouseRuns('test/fixtures/lighthouse/malformed', REPO_ROOT);
    // Where the file ends and what was expected there; none of its text.
    expect(truncated).toEqual({ ok: false, error: { kind: 'malformed', message: expect.stringMatching(/^test\/fixtures\/lighthouse\/malformed\/lhr-1795305048030\.json:\d+:\d+: not valid JSON: expected /) } });
    expect(await readLighthouseRuns('test/fixtures/lighthouse/lhci-assertion-results.json', REPO_ROOT)).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'test/fixtures/lighthouse/lhci-assertion-results.json is not a Lighthouse result (no lighthouseVersion and audits)' },
    });
  });

  it('is missing when nothing is there, or nothing there is an LHR', async () => {
    expect(await readLighthouseRuns('.lighthouseci-absent', lhci)).toEqual({ ok: false, error: { kind: 'missing', message: 'file not found: .lighthouseci-absent' } });
    const onlyAssertions = await mkdtemp(path.join(os.tmpdir(), 'rg-lhci-'));
    temporary.push(onlyAssertions);
    await copyFile(path.join(FIXTURES, 'lhci-assertion-results.json'), path.join(onlyAssertions, 'assertion-results.json'));
    expect(await readLighthouseRuns('.', onlyAssertions)).toEqual({
      ok: false,
      error: { kind: 'missing', message: 'no Lighthouse result (LHR JSON) in .; skipped assertion-results.json' },
    });
  });
});
