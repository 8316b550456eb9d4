import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runBundle } from '../../support/run-bundle.js';
import { envPrinter } from '../env-printer.js';
import { makeWorkdir, minutes } from './support.js';

/**
 * dist/canary-promote/index.js: a `traffic-command` runs without the
 * action's inputs or the runner's tokens in its environment, and what it
 * prints reaches the report with every secret masked.
 */
const TOKEN = 'ghs_canarytoken0123456789';
const RUNTIME_TOKEN = 'runtime-token-9876543210';

describe('canary-promote bundle: secrets stay out of the traffic command', () => {
  it('traffic-command ["env"]: no INPUT_* and no runner token in the child, no token in the report, summary or outputs', async () => {
    const work = await makeWorkdir('rg-cp-secrets-');
    const printer = await envPrinter(work.dir, 'traffic-env');
    const run = await runBundle('canary-promote', {
      cwd: work.dir,
      env: { ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN },
      inputs: { analysis: work.analysis, state: `file:${work.stateFile}`, 'traffic-command': JSON.stringify([...printer.argv, '{weight}']), 'github-token': TOKEN, 'canary-ref': 'v2', now: minutes(0) },
    });
    expect(run.outputs.decision, run.stdout).toBe('start');
    const seen = await printer.seen();
    expect(Object.keys(seen).filter((name) => /^INPUT_/i.test(name))).toEqual([]);
    expect(seen).not.toHaveProperty('ACTIONS_RUNTIME_TOKEN');
    const report = await readFile(run.outputs.report!, 'utf8');
    const log = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    for (const text of [report, run.summary, JSON.stringify(run.outputs), log]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(RUNTIME_TOKEN);
    }
  });
});
