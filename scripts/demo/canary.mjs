// Pipeline steps 3 and 4: canary-promote drives a release through its steps
// (5% → 25% → 50% → 100% → complete for v2), one tick at a time as a
// scheduled workflow would, on the shared environment: the nginx traffic
// target rewrites the router's upstream file and reloads it, the judge reads
// Prometheus (or the apps' http-json counts) for canary against baseline, and
// the rollout's state lives in GitHub Deployments on the local GitHub server
// (`state: github`). Bake times are real but short; the load generator keeps
// real traffic flowing through the router, and the split it saw during each
// step is printed before the next tick.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';
import { describeSplit } from './traffic.mjs';
import { SHAS, TOKEN } from './environment.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MAX_TICKS = 20;

/**
 * Ticks until the rollout completes or rolls back.
 * release: { version, stableVersion, canaryApp, stableApp, steps, bakeTime }
 */
export async function runRollout(ctx, env, load, release) {
  const analysis = path.join(ctx.out, 'canary-analysis.yml');
  writeFileSync(analysis, env.metrics.canaryAnalysis);
  const inputs = {
    analysis,
    steps: release.steps,
    'bake-time': release.bakeTime,
    state: 'github',
    environment: 'production',
    'github-token': TOKEN,
    'canary-ref': release.version,
    'stable-ref': release.stableVersion,
    'traffic-target': 'nginx',
    'upstream-file': env.router.upstreamFile,
    'upstream-name': 'app',
    'stable-server': release.stableApp.address,
    'canary-server': release.canaryApp.address,
    ...env.router.inputs,
    'fail-on-rollback': 'false',
  };
  ctx.step(
    `canary-promote — ${release.version} on ${release.canaryApp.colour} against ${release.stableVersion} on ${release.stableApp.colour}: steps ${release.steps}, bake ${release.bakeTime} each, metrics from ${env.metrics.short}, traffic through ${env.router.short}`,
  );
  let last;
  for (let tick = 1; tick <= MAX_TICKS; tick++) {
    const step = `canary-${release.version}-tick${tick}`;
    last = await runAction('canary-promote', { step, workDir: ctx.out, env: env.githubEnv(SHAS[release.version]), inputs: { ...inputs, 'report-path': path.join(ctx.out, `${step}.report.json`) } });
    if (last.code !== 0) throw new Error(`canary-promote exited ${last.code}:\n${last.log}`);
    const { decision, reason, weight } = last.outputs;
    const moved = last.outputs['previous-weight'] === weight ? `${weight}%` : `${last.outputs['previous-weight']}% → ${weight}%`;
    ctx.event(`tick ${tick}: ${decision.padEnd(8)} ${moved.padEnd(10)} ${reason}`);
    const deployment = env.github.state.deployments.filter((d) => d.ref === release.version).at(-1);
    const status = deployment?.statuses.at(-1);
    if (status && last.outputs.changed === 'true') ctx.note(`GitHub deployment #${deployment.id} (${deployment.ref}): ${status.state} "${status.description.replace(/\s*\[rg:[^\]]*\]$/, '')}"`);
    if (last.outputs['previous-weight'] !== weight) {
      await env.router.settle(); // the router serves the new split only
      load.take(); // counts from before the new split
    }
    if (decision === 'complete' || decision === 'rollback') break;
    const due = Date.parse(last.outputs['next-check-after'] || '') || 0;
    // A hold without a bake time left waits for more samples (the judge wants 3 per variant).
    const waitMs = Math.max(due - Date.now() + 150, decision === 'hold' && due <= Date.now() ? 2_000 : 0);
    if (waitMs <= 0) continue;
    ctx.note(`${decision === 'hold' ? 'waiting for more data' : 'baking'} at ${weight}% for ${(waitMs / 1000).toFixed(1)}s, traffic flowing through the router …`);
    await sleep(waitMs);
    ctx.note(`traffic through the router meanwhile: ${describeSplit(load.take())}`);
  }
  const decision = last.outputs.decision;
  ctx.note(`job summary of the last tick: ${path.relative(ctx.root, last.summaryFile)} (every tick's: ${path.relative(ctx.root, ctx.out)}/canary-${release.version}-tick*.summary.md)`);
  return { decision, outputs: last.outputs };
}
