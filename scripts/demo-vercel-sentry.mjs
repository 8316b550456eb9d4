// `npm run demo:vercel-sentry` (run through tsx, so it can use the TypeScript
// test support): the pipeline of a team on Vercel and Sentry, end to end, on
// 127.0.0.1, with the real dist/ bundles run as the GitHub runner runs them,
// against local servers that play Vercel's, Sentry's, PagerDuty's and
// GitHub's APIs and hold every request and answer to the vendor's published
// description. The same steps as test/e2e/vercel-sentry.test.ts, from
// test/support/vercel-sentry-pipeline.ts.
//
//   1 canary-promote  v2 as a Vercel rolling release, judged on Sentry's error rate against v1:
//                     5% → 25% → 50% → 100% → complete, tagged as release v2
//   2 canary-promote  v3 with 10% errors: rolled back at 5%, Vercel's instant rollback to v2, PagerDuty paged
//   3 auto-rollback   another scenario: v3 reached 100%, then its errors climb in Sentry → rolled back to
//                     v2, paged, a post-mortem issue opened; a later healthy watch of v2 resolves the page
//
// canary-promote's clock is the `now` input, so bake times pass at once; the
// watch reads the minutes Sentry already holds (`duration: 0`). It prints a
// timeline (elapsed time on every event), writes each step's job summary and
// JSON report into .demo-out/, and exits non-zero when any decision differs
// from what the pipeline expects.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDemoContext, printSummaryTable } from './demo/context.mjs';
import { runAction } from './lib/run-action.mjs';
import { BAKE_MINUTES, DEDUP_KEY, STAGES, startPipeline } from '../test/support/vercel-sentry-pipeline.ts';

const ctx = createDemoContext();
if (!existsSync(path.join(ctx.root, 'dist', 'canary-promote', 'index.js'))) {
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

const relative = (file) => path.relative(ctx.root, file);

/** Vercel as the local server holds it: the rolling release and what production serves. */
function vercelNow(pipeline) {
  const project = pipeline.project();
  const release = project.release;
  const percent = release?.activeIndex === null || release === null ? null : project.stages[release.activeIndex];
  return { percent, text: `rolling release of ${release?.canaryId ?? '—'} ${release?.state ?? 'none'}${percent === null ? '' : ` at ${percent}%`}; production serves ${project.productionId}` };
}

async function tick(pipeline, step, release) {
  const inputs = { ...pipeline.canaryInputs(release), 'report-path': path.join(ctx.out, `${step}.report.json`) };
  const result = await runAction('canary-promote', { step, workDir: ctx.out, env: pipeline.env(release.version), inputs });
  if (result.code !== 0) throw new Error(`canary-promote exited ${result.code}:\n${result.log}`);
  const { decision, reason, weight } = result.outputs;
  const previous = result.outputs['previous-weight'];
  const moved = previous === weight || previous === '' ? `${weight}%` : `${previous}% → ${weight}%`;
  ctx.event(`${release.version} at minute ${String(release.minute).padStart(2)}: ${decision.padEnd(8)} ${moved.padEnd(10)} ${reason}`);
  printSummaryTable(ctx, result.summary, [0, 1, 2, 3, 4, 5]);
  ctx.note(`Vercel: ${vercelNow(pipeline).text}`);
  return result;
}

async function watch(pipeline, step, version) {
  const inputs = { ...pipeline.watchInputs(version), 'report-path': path.join(ctx.out, `${step}.report.json`) };
  const result = await runAction('auto-rollback', { step, workDir: ctx.out, env: pipeline.env(version), inputs });
  const { outputs } = result;
  ctx.event(`watch of ${version}: ${outputs.decision} — ${outputs.summary}`);
  if (outputs.reason) ctx.note(`reason: ${outputs.reason}`);
  return result;
}

const results = [];
let failure = null;
try {
  ctx.step('environment — local Vercel, Sentry, PagerDuty and GitHub APIs on 127.0.0.1');
  const pipeline = await startPipeline({ dir: ctx.out });
  ctx.onCleanup(() => pipeline.close());
  ctx.note(`Vercel project shop (team_acme): stages ${STAGES.join(', ')}%, manual approval; ${vercelNow(pipeline).text}`);
  ctx.note('Sentry releases: shop@v1 0.5% errors (stable), shop@v2 0.5%, shop@v3 10%');

  ctx.step(`canary-promote — v2 against v1, a tick every ${BAKE_MINUTES} minutes of its clock (the \`now\` input)`);
  const expected = [
    ['start', 5],
    ['promote', 25],
    ['promote', 50],
    ['promote', 100],
    ['complete', 100],
  ];
  let last;
  for (const [index, [decision, percent]] of expected.entries()) {
    last = await tick(pipeline, `v2-tick${index + 1}`, { version: 'v2', stable: 'v1', minute: index * BAKE_MINUTES });
    ctx.decide(`v2 tick ${index + 1}`, last.outputs.decision, decision, last.outputs.reason);
    ctx.decide(`v2 tick ${index + 1}: Vercel`, `${vercelNow(pipeline).percent}%`, `${percent}%`);
  }
  ctx.note(`release: ${last.outputs['release-url'] || 'none published'}; PagerDuty: ${pipeline.pagerduty.events.map((event) => `${event.event_action} ${event.dedup_key}`).join(', ') || 'nothing sent'}`);
  ctx.decide('v2 release tag', last.outputs['release-url'], 'https://github.com/acme/shop/releases/tag/v2');
  results.push('canary-promote: v2 approved through Vercel stages 5 → 25 → 50 → 100%, completed, release v2 published');

  ctx.step('canary-promote — v3 deployed: Vercel starts its rolling release at 5%; Sentry sees 10% errors');
  pipeline.deployRelease('v3');
  pipeline.pagerduty.reset();
  const posted = pipeline.vercel.requests.length;
  const v3Start = await tick(pipeline, 'v3-tick1', { version: 'v3', stable: 'v2', minute: 5 * BAKE_MINUTES });
  ctx.decide('v3 tick 1', v3Start.outputs.decision, 'start');
  const v3Rolled = await tick(pipeline, 'v3-tick2', { version: 'v3', stable: 'v2', minute: 6 * BAKE_MINUTES });
  ctx.decide('v3 tick 2', v3Rolled.outputs.decision, 'rollback', v3Rolled.outputs.reason);
  const calls = pipeline.vercel.requests.slice(posted).filter((request) => request.method === 'POST').map((request) => `POST ${request.path} → ${request.status}`);
  ctx.note(`Vercel calls: ${calls.join(', ')}`);
  const trigger = pipeline.pagerduty.events.find((event) => event.event_action === 'trigger');
  ctx.note(`PagerDuty: ${trigger ? `trigger ${trigger.dedup_key} (${trigger.payload.severity}): ${trigger.payload.summary.slice(0, 120)}` : 'nothing sent'}`);
  ctx.decide('v3 rollback: Vercel production', pipeline.project().productionId, 'dpl_v2');
  ctx.decide('v3 rollback: PagerDuty', pipeline.pagerduty.alerts.get(DEDUP_KEY) ?? 'no alert', 'triggered');
  results.push(`canary-promote: v3 rolled back at 5% (${v3Rolled.outputs.reason.slice(0, 80)}…); Vercel back on dpl_v2`);

  ctx.step('auto-rollback — another scenario: v3 reached 100% on Vercel, then its errors climb to 20% in Sentry');
  await pipeline.seedReachedProduction('v3', 'v2');
  pipeline.climbErrors('v3');
  ctx.note(`Vercel: ${vercelNow(pipeline).text}; GitHub Deployments: v2 and v3 successful`);
  const rolled = await watch(pipeline, 'watch-v3', 'v3');
  const platform = JSON.parse(readFileSync(rolled.outputs.report, 'utf8')).checks.find((check) => check.name === 'rollback: platform-rollback');
  ctx.note(`platform-rollback: ${platform?.message ?? '—'}`);
  ctx.note(`rollback-seconds: ${rolled.outputs['rollback-seconds']} s, detected at ${rolled.outputs['detected-at']}, restored ${rolled.outputs['restored-ref']}`);
  ctx.decide('watch v3', rolled.outputs.decision, 'rolled-back', rolled.outputs.reason);
  ctx.decide('watch v3: Vercel production', pipeline.project().productionId, 'dpl_v2');
  ctx.decide('watch v3: PagerDuty', pipeline.pagerduty.alerts.get(DEDUP_KEY) ?? 'no alert', 'triggered');
  const issue = pipeline.github.state.issues.at(-1);
  ctx.note(`GitHub issue #${issue?.number ?? '—'}: ${issue?.title ?? 'none opened'}`);
  const sections = (issue?.body ?? '').split('\n').filter((line) => line.startsWith('### '));
  ctx.note(`  sections: ${sections.map((line) => line.slice(4)).join(' · ')}`);
  const incident = (issue?.body ?? '').split('\n').find((line) => line.startsWith('- **PagerDuty:**'));
  ctx.note(`  incidents: ${incident ?? '—'}`);
  ctx.decide('watch v3: issue cites the page', incident?.includes(DEDUP_KEY) ? 'cited' : 'not cited', 'cited');
  const healthy = await watch(pipeline, 'watch-v2', 'v2');
  ctx.decide('watch v2', healthy.outputs.decision, 'healthy', healthy.outputs.reason);
  ctx.note(`PagerDuty: ${pipeline.pagerduty.events.map((event) => event.event_action).join(' → ')}; alert ${pipeline.pagerduty.alerts.get(DEDUP_KEY)}`);
  ctx.decide('watch v2: PagerDuty', pipeline.pagerduty.alerts.get(DEDUP_KEY) ?? 'no alert', 'resolved');
  results.push(`auto-rollback: v3 → v2 on Vercel in ${rolled.outputs['rollback-seconds']} s, paged, issue #${issue?.number} opened; the healthy watch of v2 resolved the page`);

  ctx.step('vendor descriptions');
  const problems = pipeline.problems();
  for (const problem of problems.slice(0, 10)) ctx.note(problem);
  ctx.note(problems.length === 0 ? 'every request and answer matched Vercel\'s, Sentry\'s, PagerDuty\'s and GitHub\'s API descriptions' : `${problems.length} problem(s)`);
  ctx.decide('vendor descriptions', problems.length === 0 ? 'no problems' : `${problems.length} problems`, 'no problems');
} catch (error) {
  failure = error;
}
await ctx.cleanup();

console.log(`\n${failure ? 'Pipeline FAILED' : 'Pipeline done'} in ${ctx.elapsed()}. Decisions:`);
for (const d of ctx.decisions) console.log(`  ${d.ok ? '✓' : '✗'} [${d.at.padStart(6)}] ${d.step.padEnd(32)} ${d.decision}${d.ok ? '' : ` (expected ${d.expected})`}`);
if (results.length) console.log(`\n  ${results.join('\n  ')}`);
console.log(`\nJob summaries and reports: ${relative(ctx.out) || '.demo-out'}/`);
if (failure) {
  console.error(`\ndemo failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  process.exit(1);
}
