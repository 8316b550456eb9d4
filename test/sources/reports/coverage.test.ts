import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leastCovered, mergeCoverage, parseCoverage, percentOf, readCoverage } from '../../../src/sources/reports/coverage.js';
import { REPO_ROOT } from '../../support/run-bundle.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/coverage');
const fixture = (name: string) => readFile(path.join(FIXTURES, name), 'utf8');

// Vitest 4.1.12 + @vitest/coverage-v8 on three files: cart.js (fully
// covered), discount.js (partly), legacy.js (never imported). See ORIGIN.md.
const VITEST_TOTALS = {
  lines: { covered: 3, total: 15, pct: 20 },
  statements: { covered: 5, total: 19, pct: 26.31 },
  functions: { covered: 4, total: 6, pct: 66.66 },
  branches: { covered: 1, total: 10, pct: 10 },
};

describe('parseCoverage: istanbul coverage-summary.json', () => {
  it('reads totals and per-file counts as the json-summary reporter wrote them', async () => {
    const result = parseCoverage(await fixture('vitest-coverage-summary.json'), 'coverage-summary.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.format).toBe('istanbul-summary');
    expect(result.value.totals).toEqual(VITEST_TOTALS);
    expect(result.value.files.map((f) => [f.file, f.counts.lines.pct])).toEqual([
      ['/tmp/rg-cov-shop/src/cart.js', 100],
      ['/tmp/rg-cov-shop/src/discount.js', 12.5],
      ['/tmp/rg-cov-shop/src/legacy.js', 0],
    ]);
    expect(result.value.notes).toEqual([]);
  });

  it('reads "pct": "Unknown" and empty totals as no data, not 0 or 100', async () => {
    const result = parseCoverage(await fixture('vitest-empty-coverage-summary.json'), 'empty.json');
    expect(result.ok && result.value.totals).toEqual({
      lines: { covered: 0, total: 0, pct: null },
      statements: { covered: 0, total: 0, pct: null },
      functions: { covered: 0, total: 0, pct: null },
      branches: { covered: 0, total: 0, pct: null },
    });
  });

  it('reads a file without branches (istanbul writes pct 100) as no branch data', async () => {
    const result = parseCoverage(await fixture('vitest-coverage-summary.json'), 'coverage-summary.json');
    const cart = result.ok ? result.value.files.find((f) => f.file.endsWith('cart.js')) : undefined;
    expect(cart?.counts.branches).toEqual({ covered: 0, total: 0, pct: null });
  });

  it('names coverage-final.json and points to the json-summary reporter', () => {
    const text = JSON.stringify({ '/src/a.js': { path: '/src/a.js', statementMap: {}, s: {} } });
    expect(parseCoverage(text, 'coverage/coverage-final.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: "coverage/coverage-final.json is istanbul's coverage-final.json; use the json-summary reporter's coverage-summary.json" },
    });
  });

  it('is malformed without a total, with broken JSON, or when empty', () => {
    expect(parseCoverage('{"lines": 3}', 'a.json')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'a.json has no `total` with lines, statements, functions and branches' },
    });
    const broken = parseCoverage('{"total": ', 'b.json');
    expect(!broken.ok && broken.error.kind).toBe('malformed');
    expect(!broken.ok && broken.error.message.startsWith('b.json is not valid JSON: ')).toBe(true);
    expect(parseCoverage('  \n', 'c.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'c.json is empty; expected coverage-summary.json or lcov.info' } });
    expect(parseCoverage('<coverage/>', 'cobertura.xml')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'cobertura.xml is neither an istanbul coverage-summary.json nor an lcov.info tracefile' },
    });
  });
});

describe('parseCoverage: lcov.info', () => {
  it('sums LF/LH, BRF/BRH and FNF/FNH over records; statements are lines, and a note says so', async () => {
    const result = parseCoverage(await fixture('vitest-lcov.info'), 'lcov.info');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.format).toBe('lcov');
    expect(result.value.totals).toEqual({ ...VITEST_TOTALS, statements: { covered: 3, total: 15, pct: 20 } });
    expect(result.value.notes).toEqual(['lcov has no statement counts; statements are the line counts (LF/LH)']);
    expect(result.value.files.map((f) => [f.file, f.counts.functions])).toEqual([
      ['src/cart.js', { covered: 3, total: 3, pct: 100 }],
      ['src/discount.js', { covered: 1, total: 2, pct: 50 }],
      ['src/legacy.js', { covered: 0, total: 1, pct: 0 }],
    ]);
  });

  it('detects lcov by content whatever the file is called', async () => {
    const result = parseCoverage(await fixture('vitest-lcov.info'), 'report.txt');
    expect(result.ok && result.value.format).toBe('lcov');
  });

  it('reads the empty lcov.info Vitest writes when nothing was instrumented as no data', async () => {
    const result = parseCoverage(await fixture('vitest-empty-lcov.info'), 'coverage/lcov.info');
    expect(result.ok && result.value.files).toEqual([]);
    expect(result.ok && result.value.totals.lines).toEqual({ covered: 0, total: 0, pct: null });
  });

  it('is malformed on a summary line outside a record or with a bad number', () => {
    expect(parseCoverage('TN:\nLF:3\nSF:a.js\nend_of_record\n', 'lcov.info')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'lcov.info:2: unexpected `LF:3` in lcov tracefile' },
    });
    expect(parseCoverage('SF:a.js\nLH:many\nend_of_record', 'lcov.info')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'lcov.info:2: unexpected `LH:many` in lcov tracefile' },
    });
  });
});

describe('leastCovered, mergeCoverage, percentOf', () => {
  it('orders files by line coverage, lowest first, and keeps at most the limit', () => {
    const lines = ['SF:full.js\nLF:4\nLH:4\nend_of_record', 'SF:none.js\nLF:2\nLH:0\nend_of_record', 'SF:big-none.js\nLF:9\nLH:0\nend_of_record', 'SF:empty.js\nLF:0\nLH:0\nend_of_record', 'SF:half.js\nLF:4\nLH:2\nend_of_record'];
    const result = parseCoverage(lines.join('\n'), 'lcov.info');
    if (!result.ok) throw new Error(result.error.message);
    expect(leastCovered(result.value.files).map((f) => f.file)).toEqual(['big-none.js', 'none.js', 'half.js', 'full.js', 'empty.js']);
    expect(leastCovered(result.value.files, 2).map((f) => f.file)).toEqual(['big-none.js', 'none.js']);
  });

  it('adds several reports up and recomputes percentages from the sums', async () => {
    const summary = await readCoverage(path.join(FIXTURES, 'vitest-coverage-summary.json'));
    const lcov = await readCoverage(path.join(FIXTURES, 'vitest-lcov.info'));
    if (!summary.ok || !lcov.ok) throw new Error('fixtures must read');
    const merged = mergeCoverage([summary.value, lcov.value]);
    expect(merged.format).toBe('mixed');
    expect(merged.totals.statements).toEqual({ covered: 8, total: 34, pct: 23.52 });
    expect(merged.files).toHaveLength(6);
  });

  it('floors to two decimals as istanbul does, and has no percentage of nothing', () => {
    expect(percentOf(2, 3)).toBe(66.66);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('names a missing file', async () => {
    expect(await readCoverage('/nonexistent/lcov.info')).toEqual({ ok: false, error: { kind: 'missing', message: 'file not found: /nonexistent/lcov.info' } });
  });
});
