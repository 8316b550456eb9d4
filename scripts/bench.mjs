// `npm run bench`: prints figures; nothing here is asserted by tests.
// - bundle size and cold start of each action next to `node -e ''`
//   (median of RUNS runs), the cost a workflow pays per step.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/run-action.mjs';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const time = (args, env = {}) => {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, args, { stdio: 'ignore', env: { PATH: process.env.PATH, ...env } });
  } catch {
    // A failing action still measures its start-up; the figure is the wall time.
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-bench-'));
const policy = path.join(dir, 'gates.yml');
writeFileSync(policy, 'checks:\n  window: { type: deploy-window, allow: ["Mon-Fri 00:00-24:00"] }\n');
const outputFile = path.join(dir, 'out');
const summaryFile = path.join(dir, 'summary');
writeFileSync(outputFile, '');
writeFileSync(summaryFile, '');

const baseline = median(Array.from({ length: RUNS }, () => time(['-e', ''])));
console.log(`cold start, median of ${RUNS} runs (node ${process.version}):`);
console.log(`  node -e ''                         ${baseline.toFixed(1)} ms`);
const INPUTS = {
  'gate-checks': { INPUT_POLICY: policy, INPUT_NOW: '2026-11-24T11:00:00Z' },
  // Evaluate mode on recorded runs (no Chrome, no Lighthouse install): LHCI's assertions, tables, report, kept LHRs and HTML.
  'lighthouse-budget': {
    'INPUT_RESULTS-PATH': path.join(ROOT, 'test/fixtures/lighthouse-budget/heavy-mobile'),
    INPUT_CONFIG: path.join(ROOT, 'test/fixtures/lighthouse-budget/configs/recommended.json'),
    'INPUT_MIN-PERFORMANCE': '0.9',
    'INPUT_OUTPUT-DIR': path.join(dir, 'lighthouse-results'),
    'INPUT_FAIL-ON-FAIL': 'false',
  },
};
for (const action of readdirSync(path.join(ROOT, 'dist'))) {
  const bundle = path.join(ROOT, 'dist', action, 'index.js');
  if (!existsSync(bundle)) continue;
  const env = { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir, ...(INPUTS[action] ?? {}) };
  const ms = median(Array.from({ length: RUNS }, () => time([bundle], env)));
  const kb = (statSync(bundle).size / 1024).toFixed(0);
  console.log(`  dist/${action}/index.js`.padEnd(37) + `${ms.toFixed(1)} ms  (${(ms / baseline).toFixed(2)}× node -e '')  bundle ${kb} KB`);
}

// - the canary judge's quality on simulated traffic: false
//   rollbacks of a healthy canary, detection of a 2× error rate, and
//   Flagger-style threshold and naive relative rules on the same data.
console.log('');
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'bench', 'judge-quality.ts')], { stdio: 'inherit', cwd: ROOT });

// - reading a 42 MB, 200-file JUnit tree (100,000 testcases): the junit
//   check's streaming reader against Python's C-accelerated ElementTree parse
//   of the same files, and the reader's peak memory.
console.log('');
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'bench', 'junit-read.ts')], { stdio: 'inherit', cwd: ROOT });
