import { watch, type FSWatcher } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseUpstream, type UpstreamServer } from '../../src/targets/nginx-upstream.js';

/**
 * Stands in for nginx in the demo where nginx is not installed: a node:http
 * reverse proxy on 127.0.0.1 that reads the same upstream file the `nginx`
 * target writes and splits requests with nginx's smooth weighted round-robin,
 * so a demo run shows the split nginx would give. It re-reads the file when
 * it changes, on `reload()`, and (run as a program) on SIGHUP. Like nginx, a
 * file it cannot read leaves the previous servers in place.
 *
 * As a program it also answers `-t` and `-s reload`, so the nginx target can
 * drive it unchanged: `nginx-bin: node`, `nginx-args: ["--import", "tsx",
 * "test/support/weighted-router.ts", "--upstream-file", F, "--pid-file", P]`.
 */
export interface RouterOptions {
  upstreamFile: string;
  /** Default `app`. */
  upstreamName?: string;
  /** Default 0 (any free port). */
  port?: number;
}

export interface WeightedRouter {
  url: string;
  /** Times the servers were (re)loaded, the start included. */
  readonly loads: number;
  /** Why the last reload was refused, or `null`. */
  readonly lastError: string | null;
  servers(): UpstreamServer[];
  reload(): Promise<void>;
  stop(): Promise<void>;
}

interface Peer extends UpstreamServer {
  current: number;
}

/** nginx's smooth weighted round-robin (ngx_http_upstream_get_peer): deterministic, evenly interleaved. */
export function pickPeer(peers: Peer[]): Peer | undefined {
  let best: Peer | undefined;
  let total = 0;
  for (const peer of peers) {
    if (peer.isDown || peer.isBackup) continue;
    peer.current += peer.weight;
    total += peer.weight;
    if (!best || peer.current > best.current) best = peer;
  }
  if (best) best.current -= total;
  return best;
}

async function readPeers(file: string, name: string): Promise<Peer[]> {
  const parsed = parseUpstream(await readFile(file, 'utf8'), name);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  return parsed.value.map((server) => ({ ...server, current: 0 }));
}

function proxy(peer: Peer, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const [host, port] = peer.address.split(':');
  const upstream = forward({ host, port: Number(port), method: incoming.method, path: incoming.url, headers: { ...incoming.headers, connection: 'close' } }, (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': peer.address });
    answer.pipe(outgoing);
  });
  upstream.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502, { 'x-upstream': peer.address });
    outgoing.end();
  });
  incoming.pipe(upstream);
}

export async function startWeightedRouter(options: RouterOptions): Promise<WeightedRouter> {
  const name = options.upstreamName ?? 'app';
  let peers = await readPeers(options.upstreamFile, name);
  let loads = 1;
  let lastError: string | null = null;
  const reload = async () => {
    try {
      peers = await readPeers(options.upstreamFile, name);
      loads++;
      lastError = null;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  };

  const server = createServer((incoming, outgoing) => {
    const peer = pickPeer(peers);
    if (peer) return proxy(peer, incoming, outgoing);
    outgoing.writeHead(502).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const watcher = watchFile(options.upstreamFile, reload);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get loads() {
      return loads;
    },
    get lastError() {
      return lastError;
    },
    servers: () => peers.map(({ current: _current, ...rest }) => rest),
    reload,
    stop: () =>
      new Promise<void>((resolve) => {
        watcher.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Watches the folder, not the file: an atomic write renames a new file over
 * the old one, and a watch on the old inode would see nothing after that.
 */
function watchFile(file: string, onChange: () => Promise<void>): FSWatcher {
  let pending: NodeJS.Timeout | undefined;
  return watch(path.dirname(file), (_event, changed) => {
    if (changed !== path.basename(file)) return;
    clearTimeout(pending);
    pending = setTimeout(() => void onChange(), 20);
  });
}

/** `[--upstream-file F] [--upstream-name N] [--port P] [--pid-file F] [-t | -s reload]`, as nginx's flags go. */
async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const upstreamFile = flag('--upstream-file');
  const pidFile = flag('--pid-file');
  const name = flag('--upstream-name') ?? 'app';
  if (!upstreamFile) return (console.error('weighted-router: --upstream-file is required'), 2);
  if (argv.includes('-t')) {
    const checked = parseUpstream(await readFile(upstreamFile, 'utf8').catch(() => ''), name);
    console.error(checked.ok ? `weighted-router: ${upstreamFile} test is successful` : `weighted-router: [emerg] ${upstreamFile}: ${checked.error}`);
    return checked.ok ? 0 : 1;
  }
  if (flag('-s') === 'reload') {
    if (!pidFile) return (console.error('weighted-router: [error] -s reload needs --pid-file'), 1);
    process.kill(Number(await readFile(pidFile, 'utf8')), 'SIGHUP');
    return 0;
  }
  const router = await startWeightedRouter({ upstreamFile, upstreamName: name, port: Number(flag('--port') ?? 0) });
  if (pidFile) await writeFile(pidFile, String(process.pid));
  process.on('SIGHUP', () => void router.reload());
  process.on('SIGTERM', () => void router.stop().then(() => process.exit(0)));
  console.log(`weighted-router listening on ${router.url}`);
  return -1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exit(code);
  });
}
