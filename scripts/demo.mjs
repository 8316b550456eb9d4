// `npm run demo` (run through tsx, so it can use the TypeScript test support):
// one blue-green pipeline, end to end, on 127.0.0.1, with the real dist/
// bundles run as the GitHub runner runs them.
//
//   environment  blue v1 + green v2 app servers, a weighted router (nginx, or the
//                built-in Node router), metrics (Prometheus, or the apps' own
//                counts through http-json), a local GitHub REST server
//   1 gate-checks        the release's evidence → go
//   2 lighthouse-budget  green through the router's preview → pass (skipped without Chromium)
//   3 canary-promote     v2 on green: 5% → 25% → 50% → 100% → complete, real traffic, real bake times
//   4 canary-promote     v3 deployed to blue (the idle colour): 25% → 100% → complete
//   5 auto-rollback      a fault injected into v3 → rolled back to v2; traffic reaches v2 only
//
// It prints a timeline (elapsed time on every event), writes each step's job
// summary and JSON report into .demo-out/, prints the deployments and their
// statuses as the GitHub server holds them, and exits non-zero when any
// decision differs from what the pipeline expects.
//
// Switches (environment variables):
//   DEMO_NO_NGINX=1        use the Node weighted router even when nginx is installed
//   DEMO_NO_PROMETHEUS=1   read the apps' own metrics through http-json even when Prometheus is installed
//   DEMO_NO_CHROMIUM=1     skip the Lighthouse step even when Chromium is installed
//   DEMO_LIGHTHOUSE_RUNS=N Lighthouse runs (default 1)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runRollout } from './demo/canary.mjs';
import { createDemoContext } from './demo/context.mjs';
import { startEnvironment } from './demo/environment.mjs';
import { runGates } from './demo/gates.mjs';
import { runLighthouse } from './demo/lighthouse.mjs';
import { runWatch } from './demo/rollback.mjs';
import { describeSplit, probe, startBaselineProbe, startLoad } from './demo/traffic.mjs';

const ctx = createDemoContext();
if (!existsSync(path.join(ctx.root, 'dist', 'gate-checks', 'index.js'))) {
  console.error('dist/ is missing: run `npm run build` (a clone has dist/ committed).');
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping everything the demo started …`);
    void ctx.cleanup().finally(() => process.exit(130));
  });
}

function printDeployments(env) {
  ctx.step('GitHub Deployments of production, as the local GitHub server holds them (oldest first)');
  for (const deployment of env.github.state.deployments) {
    ctx.note(`#${deployment.id} ${deployment.ref} (${deployment.task}, ${deployment.sha.slice(0, 7)}): ${deployment.description ?? ''}`);
    for (const status of deployment.statuses) ctx.note(`    ${status.state.padEnd(11)} ${status.description.replace(/\s*\[rg:[^\]]*\]$/, '')}`);
  }
  const issues = env.github.validationErrors;
  ctx.note(issues.length === 0 ? 'every request the actions sent matched GitHub\'s OpenAPI description' : `${issues.length} request(s) GitHub would refuse: ${JSON.stringify(issues.slice(0, 3))}`);
  return issues.length;
}

const results = [];
let failure = null;
try {
  ctx.step('environment — starting everything on 127.0.0.1');
  const env = await startEnvironment(ctx);

  results.push(await runGates(ctx, env));
  results.push(await runLighthouse(ctx, env));

  ctx.step('traffic — load generator on, ~120 requests/s to / through the router');
  await env.metrics.ready();
  const load = startLoad(env.router.url);
  ctx.onCleanup(() => load.stop());
  const { blue, green } = env;
  let stableApp = blue;
  const baselineProbe = startBaselineProbe(() => stableApp);
  ctx.onCleanup(() => baselineProbe.stop());
  ctx.note('and a synthetic probe, ~20 requests/s straight to the stable app, so the baseline keeps data at the 100% step');
  const v2 = await runRollout(ctx, env, load, { version: 'v2', stableVersion: 'v1', canaryApp: green, stableApp: blue, steps: '5,25,50,100', bakeTime: '6s' });
  ctx.decide('canary-promote v2', v2.decision, 'complete', v2.outputs.reason);
  ctx.note(`20 requests through the router now: ${describeSplit(await probe(env.router.url, 20))}`);
  results.push('canary-promote: v2 promoted 5% → 25% → 50% → 100% and completed');

  ctx.step('release v3 — deployed to blue, the idle colour (v1 retired); blue is now the canary, green (v2) the baseline');
  stableApp = green;
  blue.deploy('v3', 'canary');
  green.role = 'baseline';
  const v3 = await runRollout(ctx, env, load, { version: 'v3', stableVersion: 'v2', canaryApp: blue, stableApp: green, steps: '25,100', bakeTime: '5s' });
  ctx.decide('canary-promote v3', v3.decision, 'complete', v3.outputs.reason);
  results.push('canary-promote: v3 promoted 25% → 100% and completed (healthy start)');

  stableApp = null; // v3 completed: no baseline any more, the watch judges v3 on its own
  results.push(await runWatch(ctx, env, load, { faulty: blue, stable: green }));
  await Promise.all([load.stop(), baselineProbe.stop()]);

  const invalid = printDeployments(env);
  if (invalid > 0) ctx.decide('local GitHub', `${invalid} invalid requests`, 'no invalid requests');
} catch (error) {
  failure = error;
}
await ctx.cleanup();

console.log(`\n${failure ? 'Pipeline FAILED' : 'Pipeline done'} in ${ctx.elapsed()}. Decisions:`);
for (const d of ctx.decisions) console.log(`  ${d.ok ? '✓' : '✗'} [${d.at.padStart(6)}] ${d.step.padEnd(24)} ${d.decision}${d.ok ? '' : ` (expected ${d.expected})`}`);
if (results.length) console.log(`\n  ${results.join('\n  ')}`);
console.log(`\nJob summaries and reports: ${path.relative(process.cwd(), ctx.out) || '.demo-out'}/`);
if (failure) {
  console.error(`\ndemo failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  process.exit(1);
}
