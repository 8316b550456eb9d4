import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkdir, minutes } from '../actions/canary-promote/support.js';
import { REPO_ROOT } from '../support/run-bundle.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * Each action run by `@github/local-action` (pinned in package.json) the way
 * the README shows: from its `actions/<name>` folder with
 * `src/actions/<name>/main.ts` as the entrypoint and an `.env` file of
 * inputs, once with `GITHUB_STEP_SUMMARY` and once without, as on runners
 * that have no job summaries. local-action exits 0 even when the action
 * fails, so each run is judged by its log: the decision it set and no
 * `::error::` line.
 */
const LOCAL_ACTION = path.join(REPO_ROOT, 'node_modules', '.bin', 'local-action');

interface LocalRun {
  log: string;
  outputs: Record<string, string>;
  errors: string[];
  summaryFile: string | null;
}

async function runLocalAction(action: string, env: Record<string, string>, withSummary: boolean): Promise<LocalRun> {
  const dir = await workspaceDir(`local-action-${action}`);
  const summaryFile = withSummary ? path.join(dir, 'summary.md') : null;
  if (summaryFile) await writeFile(summaryFile, '');
  const dotenv = Object.entries({ ...env, ...(summaryFile ? { GITHUB_STEP_SUMMARY: summaryFile } : {}) })
    // dotenv takes a single-quoted value as it is, with no escapes, so a value must not hold one.
    .map(([name, value]) => {
      if (value.includes("'")) throw new Error(`${name} holds a single quote, which a .env value cannot`);
      return `${name}='${value}'`;
    })
    .join('\n');
  const envFile = path.join(dir, '.env');
  await writeFile(envFile, `${dotenv}\n`);
  const args = ['run', path.join(REPO_ROOT, 'actions', action), path.join(REPO_ROOT, 'src', 'actions', action, 'main.ts'), envFile];
  // A clean environment: the runner's variables of the test process must not leak into the action.
  const childEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' };
  const log = await new Promise<string>((resolve) => {
    execFile(LOCAL_ACTION, args, { cwd: REPO_ROOT, env: childEnv, maxBuffer: 32 * 1024 * 1024, timeout: 120_000 }, (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`));
  });
  const outputs = Object.fromEntries([...log.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
  return { log, outputs, errors: log.split('\n').filter((line) => line.startsWith('::error')), summaryFile };
}

let workspace: string;
const CASES: Record<string, () => Promise<{ env: Record<string, string>; decision: string; summary: RegExp }>> = {
  'gate-checks': async () => {
    const policy = path.join(workspace, 'gates.yml');
    await writeFile(policy, `checks:\n  unit-tests:\n    type: junit\n    path: ${path.join(REPO_ROOT, 'action-examples/demo/reports/junit.xml')}\n`);
    return { env: { INPUT_POLICY: policy, GITHUB_WORKSPACE: REPO_ROOT }, decision: 'go', summary: /gates: `go`/ };
  },
  'lighthouse-budget': async () => ({
    env: { 'INPUT_RESULTS-PATH': 'test/fixtures/lighthouse/light-run*.report.json', GITHUB_WORKSPACE: REPO_ROOT, RUNNER_TEMP: workspace },
    decision: 'pass',
    summary: /Lighthouse/,
  }),
  'canary-promote': async () => {
    const work = await makeWorkdir('rg-local-action-canary-');
    return {
      env: { INPUT_ANALYSIS: work.analysis, INPUT_STATE: `file:${work.stateFile}`, 'INPUT_TRAFFIC-COMMAND': JSON.stringify([process.execPath, '-e', 'process.exit(0)', '{weight}', '{canary}']), 'INPUT_CANARY-REF': 'v2', INPUT_NOW: minutes(0), GITHUB_WORKSPACE: work.dir },
      decision: 'start',
      summary: /start/,
    };
  },
  'auto-rollback': async () => ({
    env: { INPUT_FORCE: 'true', INPUT_REASON: 'local check', INPUT_VERSION: 'v2', 'INPUT_ROLLBACK-COMMAND': JSON.stringify([process.execPath, '-e', '0']), GITHUB_WORKSPACE: workspace },
    decision: 'rolled-back',
    summary: /rolled back/,
  }),
};

beforeAll(async () => {
  workspace = await workspaceDir('local-action');
});

describe.each(Object.keys(CASES))('%s under @github/local-action', (action) => {
  it('with GITHUB_STEP_SUMMARY: decides, sets its outputs, writes the summary file, and logs no error', async () => {
    const { env, decision, summary } = await CASES[action]!();
    const run = await runLocalAction(action, env, true);
    expect(run.errors, run.log).toEqual([]);
    expect(run.outputs.decision, run.log).toBe(decision);
    expect(await readFile(run.summaryFile!, 'utf8')).toMatch(summary);
    expect(run.log).not.toContain('GITHUB_STEP_SUMMARY is not set');
  });

  it('without GITHUB_STEP_SUMMARY: the same decision, the summary in a log group, one notice, no error', async () => {
    const { env, decision, summary } = await CASES[action]!();
    const run = await runLocalAction(action, env, false);
    expect(run.errors, run.log).toEqual([]);
    expect(run.outputs.decision, run.log).toBe(decision);
    const group = run.log.split('::group::Job summary')[1]?.split('::endgroup::')[0] ?? '';
    expect(group).toMatch(summary);
    expect(run.log.match(/::notice::GITHUB_STEP_SUMMARY is not set/g)).toHaveLength(1);
    expect(run.log).not.toMatch(/internal error|\n\s+at /);
  });
});
