// `npm run demo`: runs the real bundles on the example evidence in
// action-examples/demo/, the way the GitHub runner would, and prints each
// decision with its evidence. Job summaries land in .demo-out/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runAction } from './lib/run-action.mjs';

const OUT = path.join(ROOT, '.demo-out');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

if (!existsSync(path.join(ROOT, 'dist', 'gate-checks', 'index.js'))) {
  console.error('dist/gate-checks/index.js is missing: run `npm run build` first (dist/ is committed, so a clone has it).');
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

function printTable(summary) {
  for (const line of summary.split('\n')) {
    if (!line.startsWith('|') || line.startsWith('|---')) continue;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|'));
    const [name, type, status, value, threshold, , details] = cells;
    console.log(`  ${name.padEnd(18)} ${type.padEnd(14)} ${status.padEnd(16)} ${value.padEnd(12)} ${threshold.padEnd(12)} ${details}`);
  }
}

async function gateStep(title, policy, extraInputs = {}) {
  console.log(`\n[${elapsed()}] gate-checks — ${title} (policy ${policy})`);
  const step = `gate-checks-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const result = await runAction('gate-checks', {
    step,
    workDir: OUT,
    inputs: { policy, 'now': '2026-11-24T11:00:00Z', 'fail-on-no-go': 'false', 'report-path': path.join(OUT, `${step}.report.json`), ...extraInputs },
  });
  if (result.code !== 0) {
    console.log(result.log);
    throw new Error(`gate-checks exited ${result.code}`);
  }
  printTable(result.summary);
  console.log(`  → decision: ${result.outputs.decision} — ${result.outputs.summary}`);
  console.log(`  → job summary: ${path.relative(ROOT, result.summaryFile)}, report: ${path.relative(ROOT, result.outputs.report)}`);
  return result.outputs.decision;
}

const healthy = await gateStep('healthy release', 'action-examples/demo/gates.yml');
const broken = await gateStep('broken release', 'action-examples/demo/gates-broken.yml');

console.log(`\nDone in ${elapsed()}: healthy release → ${healthy}, broken release → ${broken}.`);
if (healthy !== 'go' || broken !== 'no-go') {
  console.error('The demo expected go for the healthy release and no-go for the broken one.');
  process.exit(1);
}
