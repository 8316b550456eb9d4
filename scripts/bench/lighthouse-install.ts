// lighthouse-budget's run-time install of Lighthouse 12.8.2 + chrome-launcher,
// timed through the action's own installLighthouse (npm with the runtime
// lockfile, into a fresh tool cache each time). Nothing is asserted.
//   npx tsx scripts/bench/lighthouse-install.ts     (BENCH_INSTALL_RUNS=3 for medians)
// - cold: an empty npm cache, the registry reachable: every tarball downloaded;
// - warm: the npm cache primed by the cold run, the registry reachable;
// - offline: the primed cache, the registry unreachable: npm's proxy set to
//   a closed port on 127.0.0.1, so every request fails at once while the
//   cache keys stay the registry's own (a changed registry URL would not);
// - reuse: a complete install already in the tool cache (a later step, or a
//   restored cache): no npm at all.
// Each install goes into a new temporary tool cache, all removed after.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type InstallPlan, installLighthouse } from '../../src/sources/lighthouse/lighthouse-runtime.js';
import { findNpm } from '../../src/sources/lighthouse/npm-run.js';

const RUNS = Number(process.env.BENCH_INSTALL_RUNS ?? 1);
const CLOSED = 'http://127.0.0.1:9';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const npm = findNpm(process.execPath, process.env);
if (npm === null) throw new Error('no npm beside node or on PATH');
const npmVersion = execFileSync(npm.file, [...npm.args, '--version'], { encoding: 'utf8' }).trim();
const work = mkdtempSync(path.join(os.tmpdir(), 'rg-bench-lh-install-'));
let fresh = 0;
const newDir = (name: string) => mkdtempSync(path.join(work, `${name}-${fresh++}-`));

async function install(toolCache: string, npmEnv: NodeJS.ProcessEnv): Promise<number> {
  const plan: InstallPlan = {
    toolCaches: [toolCache],
    npm,
    env: { ...process.env, ...npmEnv },
    timeoutMs: 10 * 60_000,
    installedBy: null,
    hosted: false,
    note: (line) => console.log(`  (${line})`),
  };
  const start = performance.now();
  const installed = await installLighthouse(plan);
  const seconds = (performance.now() - start) / 1000;
  if (!installed.ok) throw new Error(installed.error);
  return seconds;
}

const times = { cold: [] as number[], warm: [] as number[], offline: [] as number[], reuse: [] as number[] };
try {
  for (let round = 0; round < RUNS; round++) {
    const cache = newDir('npm-cache');
    times.cold.push(await install(newDir('tool-cache'), { npm_config_cache: cache }));
    times.warm.push(await install(newDir('tool-cache'), { npm_config_cache: cache }));
    const toolCache = newDir('tool-cache');
    const unreachable = { npm_config_cache: cache, npm_config_proxy: CLOSED, npm_config_https_proxy: CLOSED, HTTPS_PROXY: CLOSED, HTTP_PROXY: CLOSED, npm_config_fetch_retries: '0' };
    times.offline.push(await install(toolCache, unreachable));
    times.reuse.push(await install(toolCache, unreachable));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const show = (label: string, what: string, values: number[]) => console.log(`  ${label.padEnd(8)} ${what.padEnd(52)}${median(values).toFixed(2).padStart(8)} s${values.length > 1 ? `  (${values.map((v) => v.toFixed(1)).join(', ')})` : ''}`);
console.log(`Lighthouse runtime install through installLighthouse (npm ${npmVersion}, node ${process.version}), ${RUNS > 1 ? `median of ${RUNS}` : 'one run each'}:`);
show('cold', 'empty npm cache, registry reachable', times.cold);
show('warm', 'npm cache primed, registry reachable', times.warm);
show('offline', 'npm cache primed, registry unreachable (closed proxy)', times.offline);
show('reuse', 'complete install in the tool cache, no npm', times.reuse);
