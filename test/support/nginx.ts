import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './child-process.js';

/**
 * A real nginx for tests, entirely inside a temp prefix: its own config, pid
 * file, logs and temp folders, `daemon off` so it is our child, one worker,
 * listening on a free 127.0.0.1 port. It never reads or writes /etc/nginx,
 * /var/log/nginx or /var/lib/nginx (`-e` moves even the startup log), and
 * leaves the system service alone.
 */
export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** The upstream file the config includes; default `<prefix>/upstream.conf`. */
  upstreamFile?: string;
  /** Written to the upstream file when it does not exist yet (nginx will not start without it). */
  initialUpstream?: string;
  /** The upstream `proxy_pass` goes to; default `app`. */
  upstreamName?: string;
  /** Extra directives inside `http { }`. */
  extraHttp?: string;
}

export interface RunningNginx {
  /** `http://127.0.0.1:<port>` */
  url: string;
  prefix: string;
  upstreamFile: string;
  confFile: string;
  errorLog: string;
  bin: string;
  /** What the `nginx-args` input should be for this instance: `-t` and `-s reload` go after them. */
  reloadArgs: string[];
  /** The worker processes now (children of the master), for {@link RunningNginx.waitForReload}. */
  workerPids(): number[];
  /**
   * `nginx -s reload` only signals the master; the master starts new workers
   * and tells the old ones to stop 100 ms later, and until then both accept
   * connections. Waits until only new workers are left, given the workers
   * from before the reload (about 115 ms after the reload here).
   */
  waitForReload(workersBefore: readonly number[], timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_UPSTREAM = (name: string) => `upstream ${name} { server 127.0.0.1:9; }\n`;

function renderConf(prefix: string, port: number, upstreamFile: string, options: NginxOptions): string {
  const temp = (name: string) => path.join(prefix, 'temp', name);
  return `daemon off;
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} notice;
events { worker_connections 256; }
http {
    access_log ${path.join(prefix, 'access.log')};
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    include ${upstreamFile};
    ${options.extraHttp ?? ''}
    server {
        listen 127.0.0.1:${port};
        location / {
            proxy_pass http://${options.upstreamName ?? 'app'};
            # A failing version must show as failing, not be retried on the other one.
            proxy_next_upstream off;
            add_header X-Upstream $upstream_addr always;
        }
    }
}
`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Children of `parent`, from /proc (after the last `)` of `stat`, fields are state, ppid, …). */
function childPids(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(ppid) === parent && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitUntilListening(child: ChildProcess, port: number, errorLog: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) break;
    if (await accepts(port)) return;
    await sleep(50);
  }
  const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').split('\n').slice(-5).join('\n') : '';
  child.kill('SIGKILL');
  throw new Error(`nginx did not start on 127.0.0.1:${port}:\n${log}`);
}

export async function startNginx(options: NginxOptions = {}): Promise<RunningNginx> {
  if (!existsSync(NGINX_BIN)) throw new Error(`${NGINX_BIN} is missing: run \`node scripts/provision.mjs\` or set NGINX_BIN`);
  const prefix = await mkdtemp(path.join(os.tmpdir(), 'rg-nginx-'));
  // Workers run as `nobody` when the tests run as root; they must reach the temp folders.
  await chmod(prefix, 0o755);
  await mkdir(path.join(prefix, 'temp'));
  const upstreamFile = options.upstreamFile ?? path.join(prefix, 'upstream.conf');
  if (!existsSync(upstreamFile)) await writeFile(upstreamFile, options.initialUpstream ?? DEFAULT_UPSTREAM(options.upstreamName ?? 'app'));
  const confFile = path.join(prefix, 'nginx.conf');
  const errorLog = path.join(prefix, 'error.log');
  const reloadArgs = ['-p', prefix, '-c', confFile, '-e', errorLog];
  const port = await freePort();
  await writeFile(confFile, renderConf(prefix, port, upstreamFile, options));
  const child = spawn(NGINX_BIN, reloadArgs, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined); // A spawn failure also ends in 'exit'-less silence: waitUntilListening reports it.
  await waitUntilListening(child, port, errorLog).catch(async (error: unknown) => {
    await rm(prefix, { recursive: true, force: true });
    throw error;
  });
  const master = child.pid ?? -1;

  const workerPids = () => childPids(master);
  return {
    url: `http://127.0.0.1:${port}`,
    prefix,
    upstreamFile,
    confFile,
    errorLog,
    bin: NGINX_BIN,
    reloadArgs,
    workerPids,
    async waitForReload(workersBefore, timeoutMs = 10_000) {
      for (let waited = 0; waited < timeoutMs; waited += 10) {
        const now = workerPids();
        if (now.length > 0 && now.every((pid) => !workersBefore.includes(pid))) return;
        await sleep(10);
      }
      throw new Error(`nginx did not replace workers ${workersBefore.join(', ')} within ${timeoutMs} ms; see ${errorLog}`);
    },
    async stop() {
      const workers = workerPids();
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!stopped) {
        // Workers do not notice a killed master; end them too.
        for (const pid of [master, ...workers]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        await exited;
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
