// The demo's weighted router in front of blue and green: a real nginx
// (test/support/nginx.ts: its own temp prefix, daemon off, our child) when
// /usr/sbin/nginx exists, else the Node weighted router
// (test/support/weighted-router.ts) run as a program, which reads the same
// upstream file and answers `-t` / `-s reload` as nginx does, so the actions'
// `nginx` traffic target drives either one unchanged.
// A second listener, the preview, always sends to the idle colour (green
// before the rollout): Lighthouse measures green through it.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { NGINX_BIN, startNginx } from '../../test/support/nginx.ts';
import { startWeightedRouter } from '../../test/support/weighted-router.ts';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The upstream file as the nginx target writes it (src/targets/nginx-upstream.ts). */
export const upstreamText = (name, stable, canary, weight) =>
  `upstream ${name} {\n    server ${stable} ${weight === 100 ? 'down' : `weight=${100 - weight}`};\n    server ${canary} ${weight === 0 ? 'down' : `weight=${weight}`};\n}\n`;

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function nginxAvailable() {
  return !process.env.DEMO_NO_NGINX && existsSync(NGINX_BIN);
}

/**
 * Starts the router with all traffic on `stable` (blue) and the preview on `preview` (green).
 * Returns { kind, url, previewUrl, upstreamFile, inputs (nginx-bin, nginx-args), settle(), stop() }.
 */
export async function startRouter(root, dir, { stable, canary, preview }) {
  const upstreamFile = path.join(dir, 'upstream.conf');
  const previewFile = path.join(dir, 'preview.conf');
  writeFileSync(upstreamFile, upstreamText('app', stable, canary, 0));
  writeFileSync(previewFile, `upstream preview {\n    server ${preview};\n}\n`);
  if (nginxAvailable()) {
    const previewPort = await freePort();
    const nginx = await startNginx({
      upstreamFile,
      extraHttp: `include ${previewFile};\n    server {\n        listen 127.0.0.1:${previewPort};\n        location / { proxy_pass http://preview; proxy_next_upstream off; }\n    }`,
    });
    let workers = nginx.workerPids();
    return {
      kind: `nginx (${NGINX_BIN})`,
      short: 'nginx',
      url: nginx.url,
      previewUrl: `http://127.0.0.1:${previewPort}`,
      upstreamFile,
      inputs: { 'nginx-bin': nginx.bin, 'nginx-args': JSON.stringify(nginx.reloadArgs) },
      /** After a reload: nginx's old workers keep accepting for ~100 ms; wait until only new ones are left. */
      async settle() {
        const now = nginx.workerPids();
        if (now.some((pid) => workers.includes(pid))) await nginx.waitForReload(workers, 3_000).catch(() => sleep(300));
        workers = nginx.workerPids();
      },
      stop: () => nginx.stop(),
    };
  }
  const port = await freePort();
  const pidFile = path.join(dir, 'router.pid');
  const args = ['--import', 'tsx', path.join(root, 'test', 'support', 'weighted-router.ts'), '--upstream-file', upstreamFile, '--pid-file', pidFile];
  let output = '';
  const child = spawn(process.execPath, [...args, '--port', String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null || attempt > 200) {
      child.kill('SIGKILL');
      throw new Error(`the Node weighted router did not start on ${url}: ${output}`);
    }
    if (await fetch(`${url}/healthz`).then(() => true, () => false)) break;
    await sleep(50);
  }
  const previewRouter = await startWeightedRouter({ upstreamFile: previewFile, upstreamName: 'preview' });
  return {
    kind: `the built-in Node weighted router (test/support/weighted-router.ts), because ${process.env.DEMO_NO_NGINX ? 'DEMO_NO_NGINX is set' : `${NGINX_BIN} is not installed`}`,
    short: 'Node router',
    url,
    previewUrl: previewRouter.url,
    upstreamFile,
    inputs: { 'nginx-bin': process.execPath, 'nginx-args': JSON.stringify(args) },
    /** The router re-reads the file on SIGHUP; give it a moment. */
    settle: () => sleep(150),
    async stop() {
      await previewRouter.stop();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
