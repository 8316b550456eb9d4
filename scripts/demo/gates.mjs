// Pipeline step 1: gate-checks on the release's evidence (the demo's healthy
// policy), publishing its check run to the local GitHub server.
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';
import { printSummaryTable } from './context.mjs';
import { SHAS, TOKEN } from './environment.mjs';

export async function runGates(ctx, env) {
  const policy = 'action-examples/demo/gates.yml';
  ctx.step(`gate-checks — is v2 fit to ship? (policy ${policy})`);
  const step = 'gate-checks';
  const result = await runAction('gate-checks', {
    step,
    workDir: ctx.out,
    env: env.githubEnv(SHAS.v2),
    inputs: { policy, now: '2026-11-24T11:00:00Z', 'github-token': TOKEN, 'fail-on-no-go': 'false', 'report-path': path.join(ctx.out, `${step}.report.json`) },
  });
  if (result.code !== 0) throw new Error(`gate-checks exited ${result.code}:\n${result.log}`);
  printSummaryTable(ctx, result.summary);
  const run = env.github.state.checkRuns.at(-1);
  ctx.event(`decision: ${result.outputs.decision} — ${result.outputs.summary}`);
  if (run) ctx.note(`check run "${run.name}" on ${run.headSha?.slice(0, 7) ?? 'v2'}: ${run.conclusion ?? run.status} (local GitHub)`);
  ctx.note(`job summary: ${path.relative(ctx.root, result.summaryFile)}`);
  ctx.decide('gate-checks', result.outputs.decision, 'go', result.outputs.summary);
  return `gate-checks: ${result.outputs.decision} (${result.outputs.summary})`;
}
