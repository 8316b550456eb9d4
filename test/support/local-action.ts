import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './run-bundle.js';
import { workspaceDir } from './workspace-dir.js';

/**
 * Runs one of our actions with `@github/local-action` (pinned in
 * package.json) the way the README shows: from its `actions/<name>` folder
 * with `src/actions/<name>/main.ts` as the entrypoint and an `.env` file of
 * inputs (`INPUT_<NAME>`) and runner variables. local-action exits 0 even
 * when the action fails, so a run is judged by its log: the outputs it set
 * (`::set-output`), its `::error` lines and whatever else it logged.
 */
const LOCAL_ACTION = path.join(REPO_ROOT, 'node_modules', '.bin', 'local-action');

export interface LocalRun {
  log: string;
  outputs: Record<string, string>;
  errors: string[];
  summaryFile: string | null;
}

export interface LocalRunOptions {
  /** Give the action a GITHUB_STEP_SUMMARY file (default true). */
  withSummary?: boolean;
  /** Kill local-action after this long (default 2 minutes). */
  timeoutMs?: number;
}

export async function runLocalAction(action: string, env: Record<string, string>, { withSummary = true, timeoutMs = 120_000 }: LocalRunOptions = {}): Promise<LocalRun> {
  const dir = await workspaceDir(`local-action-${action}`);
  const summaryFile = withSummary ? path.join(dir, 'summary.md') : null;
  if (summaryFile) await writeFile(summaryFile, '');
  const dotenv = Object.entries({ ...env, ...(summaryFile ? { GITHUB_STEP_SUMMARY: summaryFile } : {}) })
    // dotenv takes a single-quoted value as it is, with no escapes, so a value must not hold one (nor a line break).
    .map(([name, value]) => {
      if (value.includes("'") || value.includes('\n')) throw new Error(`${name} holds a single quote or a line break, which a single-quoted .env value cannot`);
      return `${name}='${value}'`;
    })
    .join('\n');
  const envFile = path.join(dir, '.env');
  await writeFile(envFile, `${dotenv}\n`);
  const args = ['run', path.join(REPO_ROOT, 'actions', action), path.join(REPO_ROOT, 'src', 'actions', action, 'main.ts'), envFile];
  // A clean environment: the runner's variables of the test process must not leak into the action.
  const childEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
  const log = await new Promise<string>((resolve) => {
    execFile(LOCAL_ACTION, args, { cwd: REPO_ROOT, env: childEnv, maxBuffer: 32 * 1024 * 1024, timeout: timeoutMs }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
  });
  const outputs = Object.fromEntries([...log.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
  return { log, outputs, errors: log.split('\n').filter((line) => line.startsWith('::error')), summaryFile };
}
