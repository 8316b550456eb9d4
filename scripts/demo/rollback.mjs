// Pipeline step 5: auto-rollback watches v3 (live at 100% on blue) every
// second. A fault is injected into v3 mid-watch (half of its requests answer
// 500); the action must see the error rate above 5% in 3 consecutive samples,
// put traffic back on v2 (green) through the router, mark v3's GitHub
// deployment failure and redeploy the last good one (v2), verify with the
// health check, and say how long that took.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';
import { describeSplit, probe } from './traffic.mjs';
import { SHAS, TOKEN } from './environment.mjs';

const INTERVAL_S = 1;
const CONSECUTIVE = 3;
const HEALTHY_POLLS = 3;
const FAULT_RATE = 0.5;

export async function runWatch(ctx, env, load, { faulty, stable }) {
  const analysis = path.join(ctx.out, 'watch-analysis.yml');
  writeFileSync(analysis, env.metrics.watchAnalysis);
  ctx.step(`auto-rollback — watching ${faulty.version} on ${faulty.colour} (100% of traffic) every ${INTERVAL_S}s; error rate > 5% in ${CONSECUTIVE} consecutive samples rolls back to ${stable.version}`);
  let injected = false;
  const result = await runAction('auto-rollback', {
    step: 'auto-rollback',
    workDir: ctx.out,
    env: env.githubEnv(SHAS[faulty.version]),
    inputs: {
      analysis,
      duration: '60s',
      interval: `${INTERVAL_S}s`,
      version: faulty.version,
      'health-urls': `${env.router.url}/healthz`,
      'verify-timeout': '10s',
      state: 'github',
      environment: 'production',
      'github-token': TOKEN,
      'traffic-target': 'nginx',
      'upstream-file': env.router.upstreamFile,
      'upstream-name': 'app',
      'stable-server': stable.address,
      'canary-server': faulty.address,
      ...env.router.inputs,
      'report-path': path.join(ctx.out, 'auto-rollback.report.json'),
    },
    onLine: (line) => {
      if (!/^(poll \d|rollback due|traffic:|verify:|rolled back|deployment)/i.test(line)) return;
      ctx.event(line.length > 160 ? `${line.slice(0, 157)}...` : line);
      const poll = /^poll (\d+)/.exec(line);
      if (!injected && poll && Number(poll[1]) >= HEALTHY_POLLS) {
        injected = true;
        faulty.configure({ errorRate: FAULT_RATE });
        ctx.event(`FAULT INJECTED: ${faulty.version} on ${faulty.colour} now answers 500 to ${FAULT_RATE * 100}% of requests (/healthz stays 200)`);
      }
    },
  });
  const { outputs } = result;
  if (result.code !== 0 && outputs.decision !== 'rolled-back') throw new Error(`auto-rollback exited ${result.code} with decision ${outputs.decision}:\n${result.log}`);
  await env.router.settle();
  load.take();
  const after = await probe(env.router.url, 20);
  const floor = CONSECUTIVE * INTERVAL_S;
  ctx.event(`decision: ${outputs.decision} — ${outputs.summary}`);
  ctx.note(`reason: ${outputs.reason}`);
  ctx.note(`rollback-seconds: ${outputs['rollback-seconds']} s (floor: ${CONSECUTIVE} consecutive × ${INTERVAL_S}s interval = ${floor} s), detected at ${outputs['detected-at']}, restored ${outputs['restored-ref']}`);
  ctx.note(`after the rollback, 20 requests through the router: ${describeSplit(after)}`);
  ctx.note(`job summary: ${path.relative(ctx.root, result.summaryFile)}`);
  ctx.decide('auto-rollback', outputs.decision, 'rolled-back', outputs.reason);
  const versions = Object.keys(after);
  if (versions.length !== 1 || versions[0] !== stable.version || after[stable.version].errors > 0) {
    ctx.decide('traffic after rollback', describeSplit(after), `${stable.version} only`);
  }
  ctx.decide('traffic after rollback', `${stable.version} only`, `${stable.version} only`);
  return `auto-rollback: ${faulty.version} → ${outputs['restored-ref']} in ${outputs['rollback-seconds']} s (floor ${floor} s); 20/20 requests then reached ${stable.version}`;
}
