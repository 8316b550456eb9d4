// Demo step: canary-promote walks a healthy release 5% → 25% → 50% → 100% →
// complete and a faulty one to rollback, with `file:` state, metrics from a
// `file` document written before each tick, and the nginx traffic target in
// front of two tiny version servers: a real nginx on 127.0.0.1 when
// /usr/sbin/nginx exists, else the Node weighted router that reads the same
// upstream file (test/support/weighted-router.ts). The `now` input moves the
// clock 10 minutes per tick, so the bake times pass in a second.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const T0 = Date.parse('2026-11-24T10:00:00Z');
const at = (minutes) => new Date(T0 + minutes * 60_000).toISOString();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A version of the app: answers `{ "version": … }`; the name can change (a new version deployed to the slot). */
async function startVersionServer(version) {
  const slot = { version };
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ version: slot.version }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  slot.address = `127.0.0.1:${server.address().port}`;
  slot.close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve)));
  return slot;
}

async function freePort() {
  const server = createNetServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const upstream = (stable, canary, weight) =>
  `upstream app {\n    server ${stable} ${weight === 100 ? 'down' : `weight=${100 - weight}`};\n    server ${canary} ${weight === 0 ? 'down' : `weight=${weight}`};\n}\n`;

async function waitForPort(url, child, log) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    if (await fetch(url).then(() => true, () => false)) return;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`the traffic router did not start on ${url}: ${log()}`);
}

/** A real nginx in a temp prefix (its own config, pid, logs, temp folders), in the foreground as our child. */
async function startNginx(dir, upstreamFile) {
  const port = await freePort();
  const temp = (name) => path.join(dir, 'temp', name);
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  const errorLog = path.join(dir, 'error.log');
  writeFileSync(
    conf,
    `daemon off;\nworker_processes 1;\npid ${path.join(dir, 'nginx.pid')};\nerror_log ${errorLog} notice;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n` +
      `  client_body_temp_path ${temp('body')};\n  proxy_temp_path ${temp('proxy')};\n  fastcgi_temp_path ${temp('fastcgi')};\n  uwsgi_temp_path ${temp('uwsgi')};\n  scgi_temp_path ${temp('scgi')};\n` +
      `  include ${upstreamFile};\n  server {\n    listen 127.0.0.1:${port};\n    location / { proxy_pass http://app; proxy_next_upstream off; }\n  }\n}\n`,
  );
  const args = ['-p', dir, '-c', conf, '-e', errorLog];
  const child = spawn(NGINX, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForPort(url, child, () => `see ${errorLog}`);
  return { kind: `nginx (${NGINX})`, url, bin: NGINX, args, stop: () => stopChild(child) };
}

/** The Node weighted router run as a program, so the nginx target drives it with `-t` and `-s reload` as it would nginx. */
async function startNodeRouter(root, dir, upstreamFile) {
  const port = await freePort();
  const pidFile = path.join(dir, 'router.pid');
  const args = ['--import', 'tsx', path.join(root, 'test', 'support', 'weighted-router.ts'), '--upstream-file', upstreamFile, '--pid-file', pidFile];
  let output = '';
  const child = spawn(process.execPath, [...args, '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitForPort(url, child, () => output);
  return { kind: 'the Node weighted router (nginx is not installed)', url, bin: process.execPath, args, stop: () => stopChild(child) };
}

async function stopChild(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** `count` requests on fresh connections; answers per version. */
async function sendRequests(url, count) {
  const counts = {};
  const one = () =>
    new Promise((resolve) => {
      const call = request(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve(res.statusCode === 200 ? JSON.parse(body).version : `HTTP ${res.statusCode}`));
      });
      call.on('error', () => resolve('error'));
      call.end();
    });
  for (let sent = 0; sent < count; sent += 10) for (const version of await Promise.all(Array.from({ length: 10 }, one))) counts[version] = (counts[version] ?? 0) + 1;
  return counts;
}

/** Ten one-minute samples per variant; the canary's traffic grows with its weight, the baseline pool's stays. */
function metricsDocument(weight, canary) {
  const samples = (requests, errorRate, latency) => ({
    requests: Array(10).fill(requests),
    errors: Array.from({ length: 10 }, (_, i) => Math.floor((i + 1) * requests * errorRate) - Math.floor(i * requests * errorRate)),
    latency_ms: Array.from({ length: 10 }, (_, i) => latency + ((i * 7) % 11) - 5),
  });
  const canaryRequests = Math.max(20 * weight, 50);
  return { interval: '1m', baseline: samples(1000, 0.004, 120), canary: samples(canaryRequests, canary.errorRate, canary.latencyMs) };
}

const ANALYSIS = (metricsFile) => `# Written by the demo: the canary against the baseline, per BRIEF §1's runbook.
source: { type: file, path: ${JSON.stringify(metricsFile)} }
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: requests }
    max: 5%
    max-increase: 100%
  latency:
    series: latency_ms
    max: 1000
    max-increase: 20%
    min-samples: 5
`;

async function walk(ctx, setup, release) {
  let last;
  for (const [minutes, more] of release.ticks) {
    const weight = last ? Number(last.outputs.weight) : 0;
    writeFileSync(setup.metricsFile, JSON.stringify(metricsDocument(weight, release.canary)));
    const step = `canary-${release.version}-t${minutes}`;
    const inputs = { ...setup.inputs, now: at(minutes), 'canary-ref': release.version, 'stable-ref': release.stable, 'report-path': path.join(ctx.out, `${step}.report.json`), ...more };
    last = await runAction('canary-promote', { step, workDir: ctx.out, inputs });
    if (last.code !== 0) throw new Error(`canary-promote exited ${last.code}:\n${last.log}`);
    const { decision, reason } = last.outputs;
    const moved = last.outputs['previous-weight'] === last.outputs.weight ? `${last.outputs.weight}%` : `${last.outputs['previous-weight']}% → ${last.outputs.weight}%`;
    ctx.note(`${at(minutes).slice(11, 16)}  ${decision.padEnd(8)} ${moved.padEnd(10)} ${reason}`);
    if (last.outputs.changed === 'true') await sleep(300); // nginx starts new workers; the old ones stop 100 ms later
    const split = await sendRequests(setup.traffic.url, 100);
    ctx.note(`       100 requests → ${Object.entries(split).map(([version, count]) => `${version} ${count}`).join(', ')}`);
  }
  return last.outputs.decision;
}

export async function runCanaryDemo(ctx) {
  const dir = path.join(ctx.out, 'canary');
  mkdirSync(dir, { recursive: true });
  const [stable, canary] = await Promise.all([startVersionServer('v1'), startVersionServer('v2')]);
  const upstreamFile = path.join(dir, 'upstream.conf');
  writeFileSync(upstreamFile, upstream(stable.address, canary.address, 0));
  const traffic = existsSync(NGINX) ? await startNginx(dir, upstreamFile) : await startNodeRouter(ctx.root, dir, upstreamFile);
  const metricsFile = path.join(dir, 'metrics.json');
  const analysis = path.join(dir, 'analysis.yml');
  writeFileSync(analysis, ANALYSIS(metricsFile));
  const inputs = {
    analysis,
    state: `file:${path.join(dir, 'state.json')}`,
    'traffic-target': 'nginx',
    'upstream-file': upstreamFile,
    'upstream-name': 'app',
    'stable-server': stable.address,
    'canary-server': canary.address,
    'nginx-bin': traffic.bin,
    'nginx-args': JSON.stringify(traffic.args),
    'fail-on-rollback': 'false',
  };
  const setup = { traffic, metricsFile, inputs };
  try {
    ctx.step(`canary-promote — healthy release v2, traffic through ${traffic.kind} at ${traffic.url}`);
    const healthy = await walk(ctx, setup, { version: 'v2', stable: 'v1', canary: { errorRate: 0.004, latencyMs: 121 }, ticks: [[0], [5], [10], [20], [30], [40]] });
    // v2 now runs in both slots; v3 is deployed to the canary slot.
    stable.version = 'v2';
    canary.version = 'v3';
    ctx.step('canary-promote — faulty release v3 (6% errors, +50% latency)');
    const faulty = await walk(ctx, setup, { version: 'v3', stable: 'v2', canary: { errorRate: 0.06, latencyMs: 180 }, ticks: [[50], [60], [61]] });
    if (healthy !== 'complete' || faulty !== 'rollback') throw new Error(`expected the healthy release to complete and the faulty one to roll back, got ${healthy} and ${faulty}`);
    return `canary: v2 promoted 5% → 25% → 50% → 100% and completed; v3 rolled back to 0% (traffic through ${traffic.kind.split(' (')[0]})`;
  } finally {
    await traffic.stop();
    await Promise.all([stable.close(), canary.close()]);
  }
}
