import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BundleRun, runBundle } from '../support/run-bundle.js';

/**
 * One run of a bundle in a workspace of its own: the files the inputs name,
 * written into a fresh folder that is `GITHUB_WORKSPACE` (so every evidence
 * path is inside it, as on a runner), then `node dist/<action>/index.js` as
 * the runner starts it.
 */
export type ActionName = 'gate-checks' | 'lighthouse-budget' | 'canary-promote' | 'auto-rollback';

export interface Scenario {
  action: ActionName;
  /** Workspace files by relative path. */
  files: Record<string, string>;
  inputs: Record<string, string>;
  env?: Record<string, string>;
}

/** The decisions that say "safe": none may come of bad or thin evidence. */
export const POSITIVE_DECISIONS: readonly string[] = ['go', 'pass', 'promote', 'complete', 'healthy'];

export async function runScenario(scenario: Scenario, overrides: Record<string, string> = {}): Promise<BundleRun> {
  const workspace = await mkdtemp(path.join(os.tmpdir(), `rg-adversarial-${scenario.action}-`));
  for (const [file, text] of Object.entries({ ...scenario.files, ...overrides })) {
    const target = path.join(workspace, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
  return runBundle(scenario.action, { inputs: scenario.inputs, cwd: workspace, env: scenario.env ?? {} });
}

/** What a run must never show, whatever its input: a stack trace or an internal error instead of a verdict. */
export function crashSignsOf(run: BundleRun): string[] {
  const text = `${run.stdout}\n${run.stderr}`;
  const signs: string[] = [];
  if (/internal error/i.test(text)) signs.push('an internal error');
  if (/^\s+at .+:\d+:\d+\)?$/m.test(text)) signs.push('a stack trace');
  if (run.outputs.decision === undefined || run.outputs.decision === '') signs.push('no decision output');
  return signs;
}

/** `::error::` lines as a person reads them: the runner's escapes of `%`, CR and LF undone. */
export function errorLines(run: BundleRun): string[] {
  return run.errors.map((line) => line.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
}
