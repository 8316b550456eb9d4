// Demo step: a faulty release detected and rolled back by the real
// dist/auto-rollback bundle. Blue (v1) and green (v2) are two small HTTP
// servers; a router (real nginx when installed, else the Node weighted router
// that reads the same upstream file) sends all traffic to green; a load
// generator sends requests through the router and writes each second's counts
// to a metrics file (the `file` source's stream). Green starts failing
// mid-watch; the action must see three breaching seconds in a row, put
// traffic back on blue, verify it, and say how long that took.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../lib/run-action.mjs';

const NGINX = '/usr/sbin/nginx';
const INTERVAL_S = 1;
const CONSECUTIVE = 3;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One version of the app: answers `{ version }`, or 500 for every other request once failing. */
async function startVersion(version) {
  const state = { failing: false, served: 0 };
  const server = createServer((request, response) => {
    request.resume();
    const isError = state.failing && state.served++ % 2 === 0;
    response.writeHead(isError ? 500 : 200, { 'content-type': 'application/json', 'x-version': version });
    response.end(JSON.stringify({ version }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { version, state, address: `127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))) };
}

/** The upstream file as the nginx target writes it (src/targets/nginx-upstream.ts), green at 100%. */
const upstreamText = (blue, green) => `upstream app {\n    server ${blue.address} down;\n    server ${green.address} weight=100;\n}\n`;

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url) {
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then(() => true, () => false)) return;
    await sleep(50);
  }
  throw new Error(`the router did not start on ${url}`);
}

/** Real nginx in a temp prefix (daemon off, our child), as test/support/nginx.ts runs it. */
async function startNginx(dir, upstreamFile) {
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'temp'));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  const temp = (name) => path.join(dir, 'temp', name);
  await writeFile(
    conf,
    `daemon off;\nworker_processes 1;\npid ${path.join(dir, 'nginx.pid')};\nerror_log ${path.join(dir, 'error.log')} notice;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${temp('body')};\n  proxy_temp_path ${temp('proxy')};\n  fastcgi_temp_path ${temp('fastcgi')};\n  uwsgi_temp_path ${temp('uwsgi')};\n  scgi_temp_path ${temp('scgi')};\n  include ${upstreamFile};\n  server {\n    listen 127.0.0.1:${port};\n    location / { proxy_pass http://app; proxy_next_upstream off; }\n  }\n}\n`,
  );
  const args = ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')];
  const child = spawn(NGINX, args, { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url);
  return { kind: 'nginx', url, inputs: { 'nginx-bin': NGINX, 'nginx-args': JSON.stringify(args) }, stop: () => stopChild(child) };
}

/** The Node weighted router (test/support/weighted-router.ts), which answers `-t` and `-s reload` as nginx does. */
async function startNodeRouter(ctx, dir, upstreamFile) {
  const port = await freePort();
  const pidFile = path.join(dir, 'router.pid');
  const routerArgs = ['--import', 'tsx', 'test/support/weighted-router.ts', '--upstream-file', upstreamFile, '--pid-file', pidFile];
  const child = spawn(process.execPath, [...routerArgs, '--port', String(port)], { cwd: ctx.root, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url);
  return { kind: 'node', url, inputs: { 'nginx-bin': process.execPath, 'nginx-args': JSON.stringify(routerArgs) }, stop: () => stopChild(child) };
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

/** Requests through the router every 20 ms; each second's counts appended to the metrics file (written atomically). */
function startLoad(url, metricsFile) {
  const series = { interval: `${INTERVAL_S}s`, requests: [], errors: [] };
  let bucket = { requests: 0, errors: 0 };
  let isRunning = true;
  const send = (async () => {
    while (isRunning) {
      const status = await fetch(url).then(async (response) => (await response.arrayBuffer(), response.status), () => 502);
      bucket.requests++;
      if (status >= 500) bucket.errors++;
      await sleep(20);
    }
  })();
  const flush = async () => {
    series.requests.push(bucket.requests);
    series.errors.push(bucket.errors);
    bucket = { requests: 0, errors: 0 };
    await writeFile(`${metricsFile}.tmp`, JSON.stringify(series));
    await rename(`${metricsFile}.tmp`, metricsFile);
  };
  const timer = setInterval(() => void flush(), INTERVAL_S * 1000);
  return {
    flush,
    stop: async () => {
      isRunning = false;
      clearInterval(timer);
      await send;
    },
  };
}

/** A local receiver for the generic webhook notification. */
async function startReceiver(onPayload) {
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => (onPayload(JSON.parse(text)), response.end('{}')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/hooks/rollback`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function runRollbackDemo(ctx) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rg-demo-rollback-'));
  const [blue, green] = [await startVersion('v1'), await startVersion('v2')];
  const upstreamFile = path.join(dir, 'upstream.conf');
  await writeFile(upstreamFile, upstreamText(blue, green));
  const hasNginx = existsSync(NGINX);
  const router = hasNginx ? await startNginx(dir, upstreamFile) : await startNodeRouter(ctx, dir, upstreamFile);
  let payload = null;
  const receiver = await startReceiver((body) => (payload = body));
  const metricsFile = path.join(dir, 'metrics.json');
  const load = startLoad(router.url, metricsFile);
  try {
    ctx.step('auto-rollback — release v2 (green) goes bad while it is watched');
    ctx.note(hasNginx ? `router: real nginx (${NGINX}) at ${router.url}, 100% to green` : `router: nginx is not installed, so the Node weighted router (test/support/weighted-router.ts) stands in at ${router.url}, 100% to green`);
    ctx.note(`watch: error rate > 5% for ${CONSECUTIVE} consecutive ${INTERVAL_S}s samples rolls back; metrics measured through the router each second (source: file)`);
    await sleep(1_500);
    await load.flush();
    const analysis = path.join(dir, 'analysis.yml');
    await writeFile(analysis, `source: { type: file, path: ${metricsFile} }\nmetrics:\n  error-rate:\n    ratio: { numerator: errors, denominator: requests }\n    max: 5%\n    consecutive: ${CONSECUTIVE}\n`);
    setTimeout(() => {
      green.state.failing = true;
      ctx.note('… green starts failing every other request');
    }, 3_000);
    const result = await runAction('auto-rollback', {
      step: 'auto-rollback',
      workDir: ctx.out,
      inputs: {
        analysis,
        duration: '40s',
        interval: `${INTERVAL_S}s`,
        version: 'v2',
        'stable-version': 'v1',
        'health-urls': `${router.url}/healthz`,
        'max-failures': '100',
        'verify-timeout': '10s',
        'webhook-url': receiver.url,
        'report-path': path.join(ctx.out, 'auto-rollback.report.json'),
        'traffic-target': 'nginx',
        'upstream-file': upstreamFile,
        'upstream-name': 'app',
        'stable-server': blue.address,
        'canary-server': green.address,
        ...router.inputs,
      },
      onLine: (line) => {
        if (/^(poll \d|rollback due|traffic:|verify:)/.test(line)) ctx.note(line.length > 150 ? `${line.slice(0, 147)}...` : line);
      },
    });
    const { outputs } = result;
    if (result.code !== 0 || outputs.decision !== 'rolled-back') throw new Error(`auto-rollback exited ${result.code} with decision ${outputs.decision}:\n${result.log}`);
    await load.stop();
    await sleep(300); // nginx's old workers stop accepting 100 ms after a reload
    const versions = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(router.url)).headers.get('x-version')));
    const toBlue = versions.filter((version) => version === 'v1').length;
    const floor = CONSECUTIVE * INTERVAL_S;
    ctx.note(`→ decision: ${outputs.decision} — ${outputs.summary}`);
    ctx.note(`→ rollback-seconds: ${outputs['rollback-seconds']} s (floor: ${CONSECUTIVE} consecutive × ${INTERVAL_S}s interval = ${floor} s; detected at ${outputs['detected-at']})`);
    ctx.note(`→ after the rollback: ${toBlue}/20 requests through the router reached blue (v1)`);
    ctx.note(`→ webhook received: ${payload ? `decision=${payload.decision}, restoredRef=${payload.restoredRef}, rollbackSeconds=${payload.rollbackSeconds}` : 'nothing'}`);
    ctx.note(`→ job summary: ${path.relative(ctx.root, result.summaryFile)}`);
    if (toBlue !== 20) throw new Error(`only ${toBlue}/20 requests reached blue after the rollback`);
    return `rollback: v2 → v1 in ${outputs['rollback-seconds']} s (floor ${floor} s) via ${hasNginx ? 'nginx' : 'the Node router'}`;
  } finally {
    await load.stop();
    await router.stop();
    await Promise.all([blue.close(), green.close(), receiver.close()]);
    await rm(dir, { recursive: true, force: true });
  }
}
