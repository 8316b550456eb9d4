// Demo step: gate-checks on a healthy and a broken release's evidence.
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';
import { printSummaryTable } from './context.mjs';

async function gate(ctx, title, policy) {
  ctx.step(`gate-checks — ${title} (policy ${policy})`);
  const step = `gate-checks-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const result = await runAction('gate-checks', {
    step,
    workDir: ctx.out,
    inputs: { policy, now: '2026-11-24T11:00:00Z', 'fail-on-no-go': 'false', 'report-path': path.join(ctx.out, `${step}.report.json`) },
  });
  if (result.code !== 0) throw new Error(`gate-checks exited ${result.code}:\n${result.log}`);
  printSummaryTable(result.summary);
  ctx.note(`→ decision: ${result.outputs.decision} — ${result.outputs.summary}`);
  ctx.note(`→ job summary: ${path.relative(ctx.root, result.summaryFile)}`);
  return result.outputs.decision;
}

export async function runGatesDemo(ctx) {
  const healthy = await gate(ctx, 'healthy release', 'action-examples/demo/gates.yml');
  const broken = await gate(ctx, 'broken release', 'action-examples/demo/gates-broken.yml');
  if (healthy !== 'go' || broken !== 'no-go') throw new Error(`expected go for the healthy release and no-go for the broken one, got ${healthy} and ${broken}`);
  return `gates: healthy → ${healthy}, broken → ${broken}`;
}
