import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkdir, minutes } from '../actions/canary-promote/support.js';
import { REPO_ROOT } from '../support/run-bundle.js';
import { runLocalAction } from '../support/local-action.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * Each action run by `@github/local-action` (test/support/local-action.ts)
 * the way the README shows, once with `GITHUB_STEP_SUMMARY` and once
 * without, as on runners that have no job summaries.
 */
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
    const run = await runLocalAction(action, env);
    expect(run.errors, run.log).toEqual([]);
    expect(run.outputs.decision, run.log).toBe(decision);
    expect(await readFile(run.summaryFile!, 'utf8')).toMatch(summary);
    expect(run.log).not.toContain('GITHUB_STEP_SUMMARY is not set');
  });

  it('without GITHUB_STEP_SUMMARY: the same decision, the summary in a log group, one notice, no error', async () => {
    const { env, decision, summary } = await CASES[action]!();
    const run = await runLocalAction(action, env, { withSummary: false });
    expect(run.errors, run.log).toEqual([]);
    expect(run.outputs.decision, run.log).toBe(decision);
    const group = run.log.split('::group::Job summary')[1]?.split('::endgroup::')[0] ?? '';
    expect(group).toMatch(summary);
    expect(run.log.match(/::notice::GITHUB_STEP_SUMMARY is not set/g)).toHaveLength(1);
    expect(run.log).not.toMatch(/internal error|\n\s+at /);
  });
});
