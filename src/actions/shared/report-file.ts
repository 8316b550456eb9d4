import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionName, Report } from '../../report/model.js';
import { activeRedactor } from './redactor.js';

/**
 * Where a report goes when the `report-path` input is empty: under
 * RUNNER_TEMP, which the runner empties after the job, so nothing is left in
 * the workspace to be committed by a later step by mistake.
 */
export function defaultReportPath(action: ActionName, env: NodeJS.ProcessEnv): string {
  const base = env.RUNNER_TEMP ?? env.TMPDIR ?? '/tmp';
  return path.join(base, 'rollout-guard', `${action}-report.json`);
}

/** Writes the report with the run's secrets masked in every string (a command's output, a server's answer, a URL). */
export async function writeReportFile(report: Report, file: string): Promise<string> {
  const absolute = path.resolve(file);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, `${JSON.stringify(activeRedactor().redactDeep(report), null, 2)}\n`);
  return absolute;
}
