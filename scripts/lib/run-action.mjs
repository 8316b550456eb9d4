// Runs an action's bundle the way the GitHub runner does (INPUT_* variables,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), for the demo and the bench.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i]);
      outputs[heredoc[1]] = body.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

/** The runner sets every input the workflow leaves out to its action.yml default; so do we. */
export function actionDefaults(action) {
  const metadata = parse(readFileSync(path.join(ROOT, 'actions', action, 'action.yml'), 'utf8'));
  return Object.fromEntries(Object.entries(metadata.inputs ?? {}).filter(([, input]) => input.default !== undefined).map(([name, input]) => [name, String(input.default)]));
}

/** Runs dist/<action>/index.js; resolves with outputs, summary, exit code and log. */
export async function runAction(action, { inputs = {}, env = {}, workDir, step = action, onLine, cwd = ROOT } = {}) {
  mkdirSync(workDir, { recursive: true });
  const outputFile = path.join(workDir, `${step}.outputs`);
  const summaryFile = path.join(workDir, `${step}.summary.md`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries({ ...actionDefaults(action), ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, String(v)]));
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', action, 'index.js')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: workDir,
      ...inputEnv,
      ...env,
    },
  });
  let log = '';
  const collect = (chunk) => {
    const text = chunk.toString();
    log += text;
    if (onLine) text.split('\n').filter(Boolean).forEach(onLine);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise((resolve) => child.on('close', resolve));
  return { code, log, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), summaryFile };
}
