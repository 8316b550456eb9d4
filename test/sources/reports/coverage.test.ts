import os from 'node:os';
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
    expect(parseCoverage('{"total": ', 'b.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'b.json:1:11: not valid JSON: expected a value' } });
    expect(parseCoverage('  \n', 'c.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 'c.json is empty; expected coverage-summary.json or lcov.info' } });
    expect(parseCoverage('<coverage/>', 'cobertura.xml')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'cobertura.xml is neither an istanbul coverage-summary.json nor an lcov.info tracefile' },
    });
  });
});

describe('parseCoverage: istanbul numbers are validated, not trusted', () => {
  const kind = (covered: unknown, total: unknown, pct?: unknown) => ({ covered, total, ...(pct === undefined ? {} : { pct }) });
  const summary = (lines: object) => JSON.stringify({ total: { lines, statements: kind(1, 1, 100), functions: kind(1, 1, 100), branches: kind(0, 0, 'Unknown') } });
  const message = (lines: object) => {
    const result = parseCoverage(summary(lines), 's.json');
    return result.ok ? 'read' : `${result.error.kind}: ${result.error.message}`;
  };

  it('refuses covered > total', () => {
    expect(message(kind(12, 10, 100))).toBe('malformed: s.json: total.lines has covered 12 > total 10');
  });

  it.each([[-1, 10], [2.5, 10], [3, '10']])('refuses a count that is not a whole number ≥ 0 (covered %s, total %s)', (covered, total) => {
    expect(message(kind(covered, total))).toMatch(/^malformed: s\.json: total\.lines\.(covered|total) is not a whole number ≥ 0$/);
  });

  it('refuses a count JSON.parse reads as Infinity (1e400)', () => {
    const text = summary(kind(3, 10)).replace('"total":10', '"total":1e400');
    expect(parseCoverage(text, 's.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 's.json: total.lines.total is not a whole number ≥ 0' } });
  });

  it("refuses a written pct that disagrees with the counts beyond istanbul's rounding", () => {
    expect(message(kind(7, 10, 100))).toBe('malformed: s.json: total.lines.pct 100 disagrees with covered 7 of total 10 (70%)');
    expect(message(kind(7, 10, 'lots'))).toBe('malformed: s.json: total.lines.pct is not a number, though 10 items were counted');
    // istanbul floors to two decimals: 2 of 3 is written 66.66, and a rounded 66.67 is accepted too.
    expect(message(kind(2, 3, 66.66))).toBe('read');
    expect(message(kind(2, 3, 66.67))).toBe('read');
    expect(message(kind(2, 3, 66.65))).toMatch(/disagrees/);
  });

  it('keeps "Unknown" (and 100) for 0 of 0 as no data', () => {
    const result = parseCoverage(summary(kind(0, 0, 100)), 's.json');
    expect(result.ok && result.value.totals.lines).toEqual({ covered: 0, total: 0, pct: null });
  });

  it('refuses a total that is not the sum of its files', () => {
    const entry = (covered: number) => ({ lines: kind(covered, 10), statements: kind(1, 1), functions: kind(1, 1), branches: kind(0, 0) });
    const doc = { total: { ...entry(10), statements: kind(2, 2), functions: kind(2, 2) }, '/src/a.js': entry(5), '/src/b.js': entry(5) };
    const result = parseCoverage(JSON.stringify(doc), 's.json');
    expect(result).toEqual({ ok: false, error: { kind: 'malformed', message: 's.json: total.lines says 10 of 10 but its files add up to 10 of 20; the summary was edited or merged by hand' } });
  });

  it('names a bad file entry by its name', () => {
    const doc = { total: { lines: kind(1, 2), statements: kind(1, 2), functions: kind(1, 1), branches: kind(0, 0) }, '/src/a.js': { lines: kind(3, 2), statements: kind(1, 2), functions: kind(1, 1), branches: kind(0, 0) } };
    expect(parseCoverage(JSON.stringify(doc), 's.json')).toEqual({ ok: false, error: { kind: 'malformed', message: 's.json: entry "/src/a.js".lines has covered 3 > total 2' } });
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
      error: { kind: 'malformed', message: 'lcov.info:2: `LF` outside a record (no SF: line before it)' },
    });
    // The line is named, its text is not quoted.
    expect(parseCoverage('SF:a.js\nLH:many\nend_of_record', 'lcov.info')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'lcov.info:2: `LH` must be a whole number ≥ 0' },
    });
    for (const bad of ['-1', '1.5', '1e400']) expect(parseCoverage(`SF:a.js\nLF:3\nLH:${bad}\nend_of_record`, 'lcov.info').ok).toBe(false);
  });

  it('is malformed when a file has more hit than found (covered > total)', () => {
    expect(parseCoverage('SF:a.js\nLF:3\nLH:4\nend_of_record\n', 'lcov.info')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: 'lcov.info: the record for a.js has more lines hit (4) than found (3)' },
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
    const missing = path.join(os.tmpdir(), 'rg-nonexistent', 'lcov.info');
    expect(await readCoverage(missing)).toEqual({ ok: false, error: { kind: 'missing', message: `file not found: ${missing}` } });
  });
});
