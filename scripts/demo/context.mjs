// Shared helpers for the demo's steps: timing, output folder, table printing.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/run-action.mjs';

export function createDemoContext() {
  const out = path.join(ROOT, '.demo-out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  return {
    root: ROOT,
    out,
    elapsed,
    /** A timeline line, prefixed with the time since the demo started. */
    step: (text) => console.log(`\n[${elapsed()}] ${text}`),
    note: (text) => console.log(`  ${text}`),
  };
}

/** Prints a job summary's Markdown table as aligned terminal rows. */
export function printSummaryTable(summary, columns = [0, 1, 2, 3, 4, 6]) {
  for (const line of summary.split('\n')) {
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|'));
    const widths = [20, 14, 17, 14, 14, 14, 0];
    console.log(`  ${columns.map((i, n) => (n === columns.length - 1 ? cells[i] ?? '' : (cells[i] ?? '').padEnd(widths[n]))).join(' ')}`);
  }
}
