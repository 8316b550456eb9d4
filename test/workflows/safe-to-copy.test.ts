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

/** Every ```yaml block of the README and docs/, parsed: any `run:` or `uses:` in it, at any depth (snippets are often a list of steps). */
const MARKDOWN = ['README.md', ...readdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true }).map(String).filter((name) => name.endsWith('.md')).map((name) => path.join('docs', name))];

function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      visit(key, value);
      walk(value, visit);
    }
  }
}

describe.each(MARKDOWN)('the workflow snippets of %s', (file) => {
  const blocks = [...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((match) => match[1]!);

  it('put no ${{ }} inside a run: script and pin third-party actions', () => {
    const problems: string[] = [];
    for (const block of blocks) {
      let parsed: unknown;
      try {
        parsed = parse(block);
      } catch {
        continue; // a fragment that is not YAML on its own (an excerpt with `…`)
      }
      walk(parsed, (key, value) => {
        if (key === 'run' && typeof value === 'string' && value.includes('${{')) problems.push(`run: ${value.split('\n')[0]}`);
        if (key === 'uses' && typeof value === 'string' && !OWN.test(value) && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(value)) problems.push(`uses: ${value}`);
      });
    }
    expect(problems).toEqual([]);
  });
});
