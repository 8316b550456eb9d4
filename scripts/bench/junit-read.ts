// Reading a large JUnit tree: the gate-checks `junit` reader against a bare
// parse of the same files by Python's xml.etree.ElementTree (its C
// accelerator over expat), timed in one run on one machine, and the
// reader's peak memory. Nothing is asserted.
//   npx tsx scripts/bench/junit-read.ts          (BENCH_JUNIT_RUNS=9 for steadier medians)
// The tree is generated deterministically into a temp folder and removed
// after: 200 files, 100,000 testcases, about 43 MB (test/support/junit-tree.ts).
// Both sides time only reading and parsing, each the median of RUNS runs
// after a warm-up that puts the files in the page cache: ours in a fresh
// process per run (as the action reads: the compiler not warmed up), and
// again in this process (warm); ElementTree in a python3 process per run.
// All timed inside the process. Peak memory is the fresh process's maxRSS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJunit } from '../../src/sources/reports/junit.js';
import { BENCH_TREE, writeJunitTree } from '../../test/support/junit-tree.js';

const RUNS = Number(process.env.BENCH_JUNIT_RUNS ?? 5);
const PATTERN = 'TEST-*.xml';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function readOnce(dir: string): Promise<{ ms: number; tests: number }> {
  const start = performance.now();
  const run = await readJunit(PATTERN, dir);
  const ms = performance.now() - start;
  if (!run.ok) throw new Error(run.error.message);
  return { ms, tests: run.value.counts.tests };
}

// In the child, a fresh process as the action is: read once, print the time of the read, the peak RSS in bytes and the RSS before reading.
if (process.argv[2] === '--fresh') {
  const before = process.memoryUsage().rss;
  const { ms } = await readOnce(process.argv[3]!);
  console.log(JSON.stringify({ ms, peak: process.resourceUsage().maxRSS * 1024, before }));
  process.exit(0);
}

// One pass over the files per call, timed inside Python: parsing only.
const PYTHON = `
import glob, json, resource, sys, time, xml.etree.ElementTree as ET
files = sorted(glob.glob(sys.argv[1] + '/${PATTERN}'))
start = time.perf_counter()
for file in files:
    ET.parse(file)
ms = (time.perf_counter() - start) * 1000
print(json.dumps({'ms': ms, 'maxrss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
`;
const elementTree = (dir: string) => JSON.parse(execFileSync('python3', ['-c', PYTHON, dir], { encoding: 'utf8' })) as { ms: number; maxrss: number };

const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-bench-junit-'));
try {
  const tree = await writeJunitTree(dir, BENCH_TREE);
  const { tests } = await readOnce(dir);
  if (tests !== tree.counts.tests) throw new Error(`read ${tests} tests, the tree holds ${tree.counts.tests}`);
  // Rounds alternate the readers, so a busy moment of the machine falls on both alike.
  elementTree(dir);
  const script = fileURLToPath(import.meta.url);
  const tsx = path.join(path.dirname(script), '..', '..', 'node_modules', '.bin', 'tsx');
  const fresh = () => JSON.parse(execFileSync(tsx, [script, '--fresh', dir], { encoding: 'utf8' })) as { ms: number; peak: number; before: number };
  const rounds: { fresh: number; warm: number; etree: number; etreeRss: number; peak: number; before: number }[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    const child = fresh();
    const warm = (await readOnce(dir)).ms;
    const python = elementTree(dir);
    rounds.push({ fresh: child.ms, warm, etree: python.ms, etreeRss: python.maxrss, peak: child.peak, before: child.before });
  }
  const ofRounds = (key: 'fresh' | 'warm' | 'etree') => median(rounds.map((round) => round[key]));
  const [ours, warm, etree] = [ofRounds('fresh'), ofRounds('warm'), ofRounds('etree')];
  const peak = Math.max(...rounds.map((round) => round.peak));
  const before = median(rounds.map((round) => round.before));
  const etreeRss = Math.max(...rounds.map((round) => round.etreeRss));
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

  console.log(`junit reader, ${BENCH_TREE.files} files, ${tree.counts.tests.toLocaleString('en')} testcases, ${(tree.bytes / 1e6).toFixed(1)} MB; median of ${RUNS} runs:`);
  console.log(`  ours, a fresh process (as the action reads)   ${ours.toFixed(0)} ms  ratio ${(ours / etree).toFixed(2)}`);
  console.log(`  ours, warm (one process, read again)          ${warm.toFixed(0)} ms  ratio ${(warm / etree).toFixed(2)}`);
  console.log(`  python3 xml.etree.ElementTree.parse           ${etree.toFixed(0)} ms`);
  console.log(`  peak RSS, ours (a fresh process)              ${mb(peak)}  (${mb(before)} before reading)`);
  console.log(`  peak RSS, python3 ElementTree                 ${mb(etreeRss)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
