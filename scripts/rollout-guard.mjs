#!/usr/bin/env node
// The local runner: runs any action's bundle outside GitHub with the same
// inputs, as the runner would (INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files), then prints its log, outputs and job summary.
//
//   npm run action -- gate-checks --input policy=.github/gates.yml --input now=2026-11-24T11:00:00Z
//   npx rollout-guard canary-promote --input analysis=analysis.yml --input state=file:.rollout.json
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, runAction } from './lib/run-action.mjs';

const USAGE = `usage: rollout-guard <action> [--input name=value]... [--env NAME=value]... [--out DIR]
actions: ${readdirSync(path.join(ROOT, 'dist')).join(', ')}`;

function pairs(list, flag) {
  return Object.fromEntries(
    (list ?? []).map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) {
        console.error(`--${flag} takes name=value, got \`${pair}\`\n${USAGE}`);
        process.exit(2);
      }
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { input: { type: 'string', short: 'i', multiple: true }, env: { type: 'string', multiple: true }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
const [action] = parsed.positionals;
if (parsed.values.help || !action) {
  console.log(USAGE);
  process.exit(action ? 0 : 2);
}
if (!readdirSync(path.join(ROOT, 'dist')).includes(action)) {
  console.error(`unknown action \`${action}\`\n${USAGE}`);
  process.exit(2);
}
const workDir = parsed.values.out ? path.resolve(parsed.values.out) : mkdtempSync(path.join(os.tmpdir(), `rollout-guard-${action}-`));
const result = await runAction(action, {
  workDir,
  cwd: process.cwd(),
  inputs: pairs(parsed.values.input, 'input'),
  env: { GITHUB_WORKSPACE: process.cwd(), ...pairs(parsed.values.env, 'env') },
  onLine: (line) => console.log(line),
});
console.log('\n── outputs');
for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}=${value}`);
console.log(`\n── job summary (${result.summaryFile})\n${result.summary}`);
process.exit(result.code);
