// Shared helpers for the demo's steps: timing, output folder, the timeline,
// the decisions the pipeline expects, and cleanup of everything started.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/run-action.mjs';

export function createDemoContext() {
  const out = path.join(ROOT, '.demo-out');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  const elapsed = () => `${seconds().toFixed(1)}s`;
  const stamp = () => `[${seconds().toFixed(1).padStart(5)}s]`;
  const cleanups = [];
  const decisions = [];
  return {
    root: ROOT,
    out,
    elapsed,
    seconds,
    /** A timeline heading, prefixed with the time since the demo started. */
    step: (text) => console.log(`\n${stamp()} ${text}`),
    /** One timeline event with its time. */
    event: (text) => console.log(`${stamp()}   ${text}`),
    /** Evidence under the last event. */
    note: (text) => console.log(`          ${text}`),
    /** Records a decision; `expected` is what the pipeline needs for it to go on. */
    decide(step, decision, expected, detail) {
      const ok = expected === undefined || (Array.isArray(expected) ? expected.includes(decision) : decision === expected);
      decisions.push({ at: elapsed(), step, decision, expected, ok, detail });
      if (!ok) throw new Error(`${step}: decision ${decision}, expected ${Array.isArray(expected) ? expected.join(' or ') : expected}${detail ? ` (${detail})` : ''}`);
      return decision;
    },
    decisions,
    onCleanup: (fn) => cleanups.push(fn),
    /** Runs every cleanup once, newest first; never throws. */
    async cleanup() {
      while (cleanups.length) {
        try {
          await cleanups.pop()();
        } catch (error) {
          console.error(`  cleanup: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
  };
}

/** Prints a job summary's Markdown table as aligned terminal rows. */
export function printSummaryTable(ctx, summary, columns = [0, 1, 2, 3, 4, 6]) {
  for (const line of summary.split('\n')) {
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|'));
    const widths = [20, 14, 17, 14, 14, 14, 0];
    ctx.note(columns.map((i, n) => (n === columns.length - 1 ? cells[i] ?? '' : (cells[i] ?? '').padEnd(widths[n]))).join(' '));
  }
}
