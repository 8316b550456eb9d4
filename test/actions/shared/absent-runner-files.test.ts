import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkdir, minutes } from '../canary-promote/support.js';
import { REPO_ROOT, runBundle } from '../../support/run-bundle.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * The bundles on a runner that has neither `GITHUB_STEP_SUMMARY` (no job
 * summaries: GitHub Enterprise Server before 3.6, `act`, home-made
 * harnesses) nor `GITHUB_OUTPUT` (older runners): the decision is still
 * made and said, outputs fall back to the toolkit's `::set-output`
 * command, the summary goes to a log group with one notice, and nothing is
 * an error.
 */
const ABSENT = { GITHUB_STEP_SUMMARY: undefined, GITHUB_OUTPUT: undefined };
const setOutputs = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)].map((match) => [match[1]!, match[2]!]));

let dir: string;
beforeAll(async () => {
  dir = await workspaceDir('absent-runner-files');
  await writeFile(path.join(dir, 'gates.yml'), `checks:\n  unit-tests:\n    type: junit\n    path: ${path.join(REPO_ROOT, 'action-examples/demo/reports/junit.xml')}\n`);
});

const CASES: Record<string, () => Promise<{ options: Parameters<typeof runBundle>[1]; decision: string }>> = {
  'gate-checks': async () => ({ options: { cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml') } }, decision: 'go' }),
  'lighthouse-budget': async () => ({ options: { cwd: REPO_ROOT, inputs: { 'results-path': 'test/fixtures/lighthouse/light-run*.report.json' } }, decision: 'pass' }),
  'canary-promote': async () => {
    const work = await makeWorkdir('rg-absent-files-canary-');
    return { options: { cwd: work.dir, inputs: { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': work.trafficCommand, 'canary-ref': 'v2', now: minutes(0) } }, decision: 'start' };
  },
  'auto-rollback': async () => ({ options: { cwd: dir, inputs: { force: 'true', reason: 'drill', version: 'v2', 'rollback-command': JSON.stringify([process.execPath, '-e', '0']) } }, decision: 'rolled-back' }),
};

describe.each(Object.keys(CASES))('%s without GITHUB_STEP_SUMMARY and GITHUB_OUTPUT', (action) => {
  it('decides, sets its outputs by command, logs the summary in a group with one notice, and reports no error', async () => {
    const { options, decision } = await CASES[action]!();
    const run = await runBundle(action, { ...options, env: { ...options?.env, ...ABSENT } });
    expect([run.code, run.errors], run.stdout).toEqual([0, []]);
    expect(setOutputs(run.stdout).decision).toBe(decision);
    expect(run.stdout).toMatch(/::group::Job summary\n[\s\S]+::endgroup::/);
    expect(run.stdout.match(/::notice::GITHUB_STEP_SUMMARY is not set/g)).toHaveLength(1);
    expect(run.stdout + run.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('a job summary file that cannot be written', () => {
  it('is a warning: the decision stands and the summary is in the log', async () => {
    const run = await runBundle('gate-checks', { cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml') }, env: { GITHUB_STEP_SUMMARY: dir } });
    expect([run.code, run.errors, run.outputs.decision], run.stdout).toEqual([0, [], 'go']);
    expect(run.stdout).toMatch(/::warning::the job summary could not be written \(.*\): it is in the log group "Job summary" instead/);
    expect(run.stdout).toContain('::group::Job summary');
  });
});
