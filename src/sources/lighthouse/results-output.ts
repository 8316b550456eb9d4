import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderHtmlReport } from './html-report.js';
import type { LhrRun } from './lhr-run.js';

/**
 * Keeps the results for a later step to upload as an artifact (nothing is
 * sent anywhere): every LHR as `lhr-<fetchTime ms>.json`, the names LHCI
 * gives them, so the folder is a `.lighthouseci/` that `lhci assert` and
 * `lhci upload` read; baseline runs under `baseline/`; and the HTML report
 * of each URL's representative run beside its JSON as `lhr-<ms>.html`.
 * Files already in the folder are left alone.
 */
export interface KeptRun {
  /** Path of the LHR JSON, relative to the output folder. */
  json: string;
  /** Path of the HTML report, relative to the output folder, for representative runs. */
  html: string | null;
}

const fetchMs = (lhr: Record<string, unknown>): number => {
  const parsed = typeof lhr.fetchTime === 'string' ? Date.parse(lhr.fetchTime) : NaN;
  return Number.isFinite(parsed) ? parsed : 0;
};

/**
 * Writes the runs that have an LHR; `representative` holds the ids whose
 * HTML report is written. `skipJson` leaves the JSON out (the results were
 * read from this very folder). Returns where each run was kept, by id.
 */
export async function keepResults(dir: string, runs: readonly LhrRun[], representative: ReadonlySet<string>, skipJson = false): Promise<Map<string, KeptRun>> {
  const kept = new Map<string, KeptRun>();
  const taken = new Set<string>();
  for (const run of runs) {
    if (run.lhr === null) continue;
    const folder = run.role === 'baseline' ? 'baseline' : '.';
    let ms = fetchMs(run.lhr);
    // Two runs in the same millisecond (or without fetchTime) still get a file each.
    while (taken.has(`${folder}/${ms}`)) ms++;
    taken.add(`${folder}/${ms}`);
    const base = path.join(folder, `lhr-${ms}`);
    await mkdir(path.join(dir, folder), { recursive: true });
    if (!skipJson) await writeFile(path.join(dir, `${base}.json`), JSON.stringify(run.lhr));
    const html = representative.has(run.id) ? `${base}.html` : null;
    if (html) await writeFile(path.join(dir, html), await renderHtmlReport(run.lhr));
    kept.set(run.id, { json: skipJson ? run.id : toPosix(`${base}.json`), html: html ? toPosix(html) : null });
  }
  return kept;
}

const toPosix = (file: string): string => file.split(path.sep).join('/');
