import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrafficTarget } from '../../../src/targets/registry.js';
import { type RunningNginx, startNginx } from '../../support/nginx.js';
import { type RunningPrometheus, startPrometheus } from '../../support/prometheus.js';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { type VersionServer, startVersionServer } from '../../support/version-server.js';
import { readReport } from './bundle-support.js';
import { startExposition } from './exposition.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * The whole loop for real: nginx sends all traffic to green; a real
 * Prometheus scrapes green's request counts every second; the bundle polls
 * every second. Green starts failing half its requests mid-watch; the watch
 * must roll back on exactly the third consecutive breaching sample, nginx
 * must send traffic back to blue, and requests through nginx must then reach
 * blue only.
 */
let blue: VersionServer;
let green: VersionServer;
let exposition: Awaited<ReturnType<typeof startExposition>>;
let prometheus: RunningPrometheus;
let nginx: RunningNginx;
let dir: string;
let nginxInputs: Record<string, string>;

beforeAll(async () => {
  dir = await workspaceDir('rollback-real');
  [blue, green] = await Promise.all([startVersionServer('blue'), startVersionServer('green')]);
  exposition = await startExposition(green);
  [prometheus, nginx] = await Promise.all([startPrometheus({ targets: [{ url: exposition.url, labels: { version: 'green' } }] }), startNginx()]);
  nginxInputs = {
    'traffic-target': 'nginx',
    'upstream-file': nginx.upstreamFile,
    'upstream-name': 'app',
    'stable-server': blue.address,
    'canary-server': green.address,
    'nginx-bin': nginx.bin,
    'nginx-args': JSON.stringify(nginx.reloadArgs),
  };
  // The release under watch, green, has all the traffic.
  const target = createTrafficTarget((name) => nginxInputs[name] ?? '', { workspace: dir, env: process.env });
  if (!target.ok || !target.value) throw new Error('no nginx target');
  const workers = nginx.workerPids();
  const set = await target.value.setWeight({ canaryWeight: 100, canary: 'green', stable: 'blue' });
  if (!set.ok) throw new Error(set.error.message);
  await nginx.waitForReload(workers);
});

afterAll(async () => {
  await Promise.all([prometheus?.stop(), nginx?.stop()]);
  await Promise.all([exposition?.close(), blue?.close(), green?.close()]);
});

/** Steady traffic through nginx until stopped, as users would send it. */
function driveTraffic(url: string): { stop: () => Promise<void> } {
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      await fetch(url).then((response) => response.arrayBuffer()).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return { stop: async () => void ((isRunning = false), await loop) };
}

const QUERY = 'sum(rate(http_requests_total{version="green",code="500"}[3s])) / sum(rate(http_requests_total{version="green"}[3s]))';

describe('auto-rollback against real Prometheus and nginx', () => {
  it('rolls green back to blue on the third consecutive breaching sample, and nginx then serves blue only', async () => {
    const analysis = path.join(dir, 'analysis.yml');
    await writeFile(analysis, `source: { type: prometheus, url: "${prometheus.url}", step: 1s, query: '${QUERY}' }\nmetrics:\n  error-rate: { series: error_ratio, max: 5%, consecutive: 3 }\n`);
    const traffic = driveTraffic(nginx.url);
    await prometheus.waitForSamples('http_requests_total{version="green"}', 4);
    const workersBefore = nginx.workerPids();
    // The health URL also verifies the rollback: 30 failures is more than this watch will see before the metric rule
    // fires, yet few enough to fire within the watch (a rule that cannot fire is refused: the watch could never be healthy).
    const running = runBundle('auto-rollback', {
      inputs: { analysis, duration: '40s', interval: '1s', version: 'green', 'stable-version': 'blue', 'health-urls': `${nginx.url}/healthz`, 'max-failures': '30', 'verify-timeout': '10s', ...nginxInputs },
    });
    // Healthy for a few polls, then green fails every other request.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    green.configure({ errorRate: 0.5 });
    const run = await running;
    await traffic.stop();
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ decision: 'rolled-back', 'rolled-back': 'true', 'restored-ref': 'blue' });

    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    const outcomes = report.checks[0]!.evidence.outcomes as string[];
    const trigger = report.checks[0]!.evidence.trigger as { firstBreachIndex: number; triggerIndex: number };
    // Passing samples first; the rollback came on the third breach in a row, the last sample read.
    expect(outcomes.slice(0, 2)).toEqual(['pass', 'pass']);
    expect(outcomes.slice(-4)).toEqual([expect.not.stringMatching(/^breach$/), 'breach', 'breach', 'breach']);
    expect(trigger).toEqual(expect.objectContaining({ firstBreachIndex: outcomes.length - 3, triggerIndex: outcomes.length - 1 }));
    expect(Number(run.outputs['rollback-seconds'])).toBeGreaterThanOrEqual(3);
    expect(report.checks.find((check) => check.name === 'rollback: traffic')!.message).toMatch(/reads back canary 0% \(expected 0%\)$/);

    // Once the old workers are gone, every request through nginx reaches blue.
    await nginx.waitForReload(workersBefore);
    const greenBefore = green.requests;
    const versions = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(nginx.url)).headers.get('x-version')));
    expect(new Set(versions)).toEqual(new Set(['blue']));
    expect(green.requests).toBe(greenBefore);
  });
});
