import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type BundleNode, nextBundleNode, noteBundleNode } from './bundle-node.js';

/**
 * Runs `node dist/<action>/index.js` exactly as the runner does: inputs as
 * INPUT_<NAME> (upper-cased, hyphens kept), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY as files that exist before the run, and an event file.
 * Returns the parsed outputs, the summary and the process result.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BundleRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Lines the action logged with `::error::`. */
  errors: string[];
  /** The temporary folder the run used (outputs, summary, event). */
  dir: string;
  /** The Node that ran it: its version, or the binary a test gave as `node`. */
  node: string;
}

export interface BundleOptions {
  inputs?: Record<string, string>;
  /** Added to the runner's variables; `undefined` removes one (a runner without job summaries has no GITHUB_STEP_SUMMARY). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  event?: unknown;
  /** The Node binary to run the bundle with; default the runner's Node 24 and the suite's Node in turn (test/support/bundle-node.ts). */
  node?: string;
}

/** The runner gives every input a workflow leaves out its action.yml default, so the tests do too. */
async function actionDefaults(action: string): Promise<Record<string, string>> {
  const metadata = parse(await readFile(path.join(REPO_ROOT, 'actions', action, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  return Object.fromEntries(
    Object.entries(metadata.inputs ?? {})
      .filter(([, input]) => input.default !== undefined)
      .map(([name, input]) => [name, String(input.default)]),
  );
}

export async function runBundle(action: string, options: BundleOptions = {}): Promise<BundleRun> {
  // Chosen before anything else is awaited, so a file's runs take their turns in the order it starts them.
  const node: BundleNode = options.node === undefined ? await nextBundleNode() : { path: options.node, version: options.node };
  noteBundleNode(action, node);
  const dir = await mkdtemp(path.join(os.tmpdir(), `rg-${action}-`));
  const outputFile = path.join(dir, 'output.txt');
  const summaryFile = path.join(dir, 'summary.md');
  const eventFile = path.join(dir, 'event.json');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  await writeFile(eventFile, JSON.stringify(options.event ?? {}));
  const inputs = { ...(await actionDefaults(action)), ...options.inputs };
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_WORKSPACE: options.cwd ?? REPO_ROOT,
    RUNNER_TEMP: dir,
    ...inputEnv,
    ...options.env,
  };
  const bundle = path.join(REPO_ROOT, 'dist', action, 'index.js');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(node.path, [bundle], { env, cwd: options.cwd ?? REPO_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, out, errOut) => {
      const exit = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code: exit, stdout: out, stderr: errOut });
    });
  });
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    errors: stdout.split('\n').filter((line) => line.startsWith('::error')),
    dir,
    node: node.version,
  };
}

/** Parses the runner's GITHUB_OUTPUT file: `name=value` lines and `name<<DELIM` heredocs. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i]!);
      outputs[name!] = body.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}
