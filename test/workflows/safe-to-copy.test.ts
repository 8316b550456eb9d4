import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/run-bundle.js';

/**
 * Every workflow in `action-examples/` and `.github/workflows/` is safe to
 * copy, as GitHub's security hardening guide asks:
 * - no `${{ … }}` expression inside a `run:` script: an expression is pasted
 *   into the script before the shell reads it, so an output holding a ref,
 *   a reason or a check name (text from outside) could run as a command;
 *   values go through `env:` and are read as shell variables;
 * - third-party actions pinned to a full commit SHA, with the version in a
 *   comment: a tag can be moved to other code, a commit cannot.
 */
const FOLDERS = ['action-examples', '.github/workflows'];
const FILES = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(REPO_ROOT, folder))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(folder, name)),
);

interface Step {
  name?: string;
  run?: unknown;
  uses?: unknown;
}
interface Workflow {
  jobs?: Record<string, { steps?: Step[] }>;
}

/** Our own actions: local paths, and the placeholder an adopter replaces with their pin. */
const OWN = /^(\.\/|OWNER\/rollout-guard\/)/;

describe.each(FILES)('%s', (file) => {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const workflow = parse(text) as Workflow;
  const steps = Object.entries(workflow.jobs ?? {}).flatMap(([job, body]) => (body.steps ?? []).map((step, index) => ({ where: `${job} step ${step.name ?? index + 1}`, step })));

  it('has no ${{ }} expression inside a run: script (values go through env:)', () => {
    const unsafe = steps.filter(({ step }) => typeof step.run === 'string' && step.run.includes('${{')).map(({ where, step }) => `${where}: ${String(step.run).split('\n').find((line) => line.includes('${{'))!.trim()}`);
    expect(unsafe).toEqual([]);
  });

  it('pins every third-party action to a full commit SHA, its version in a comment', () => {
    const lines = text.split('\n').filter((line) => /^\s*(-\s+)?uses:\s/.test(line));
    const unpinned = lines
      .map((line) => line.replace(/^\s*(-\s+)?uses:\s*/, '').trim())
      .filter((uses) => !OWN.test(uses))
      .filter((uses) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+)*\s*$/.test(uses));
    expect(unpinned).toEqual([]);
  });
});
