import { type Result, ok, err } from '../engine/result.js';

/**
 * The weighted upstream file the `nginx` target owns: one `upstream` block
 * with the stable and canary servers, which the user's config `include`s.
 * Rendering and reading it are plain functions, shared by the target and by
 * the Node weighted router that stands in for nginx in the demo.
 *
 * ```nginx
 * upstream app {
 *     server 127.0.0.1:8001 weight=75;
 *     server 127.0.0.1:8002 weight=25;
 * }
 * ```
 */
export interface UpstreamLayout {
  /** The upstream's name, as the user's `proxy_pass http://<name>;` uses it. */
  name: string;
  /** `host:port` or `unix:/path` of the stable version. */
  stableServer: string;
  /** `host:port` or `unix:/path` of the canary. */
  canaryServer: string;
}

/** One `server` line read back from a file. */
export interface UpstreamServer {
  address: string;
  /** nginx's default is 1. */
  weight: number;
  isDown: boolean;
  isBackup: boolean;
}

/** What the version names may show in the file's comment: printable ASCII, bounded. */
const commentSafe = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);

/**
 * The file for a weight. nginx refuses `weight=0`, so a server with no share
 * is written `down` rather than left out: the file keeps both servers, and
 * reading it back still finds the canary (at 0%).
 */
export function renderUpstream(layout: UpstreamLayout, request: { canaryWeight: number; canary: string; stable: string }): string {
  const line = (address: string, weight: number) => `    server ${address} ${weight === 0 ? 'down' : `weight=${weight}`};`;
  return [
    '# Written by rollout-guard at each weight change; edits here are overwritten.',
    `# canary ${commentSafe(request.canary)} ${request.canaryWeight}%, stable ${commentSafe(request.stable)} ${100 - request.canaryWeight}%`,
    `upstream ${layout.name} {`,
    line(layout.stableServer, 100 - request.canaryWeight),
    line(layout.canaryServer, request.canaryWeight),
    '}',
    '',
  ].join('\n');
}

/**
 * The servers of upstream `name` in an nginx config text. Reads the subset of
 * the syntax an upstream file uses (`#` comments, `server` statements with
 * `weight=`, `down`, `backup`); other statements such as `keepalive` are skipped.
 */
export function parseUpstream(text: string, name: string): Result<UpstreamServer[]> {
  const withoutComments = text.replace(/#[^\n]*/g, '');
  const block = new RegExp(`(?:^|[\\s;}])upstream\\s+${escapeRegExp(name)}\\s*\\{([^}]*)\\}`).exec(withoutComments);
  if (!block) return err(`no \`upstream ${name} { … }\` block`);
  const servers: UpstreamServer[] = [];
  for (const statement of (block[1] ?? '').split(';')) {
    const [directive, address, ...parameters] = statement.trim().split(/\s+/);
    if (directive !== 'server') continue;
    if (address === undefined) return err(`upstream ${name}: a \`server\` has no address`);
    const server = readServer(address, parameters);
    if (!server.ok) return err(`upstream ${name}: server ${address}: ${server.error}`);
    servers.push(server.value);
  }
  if (servers.length === 0) return err(`upstream ${name} has no \`server\``);
  return ok(servers);
}

function readServer(address: string, parameters: string[]): Result<UpstreamServer> {
  const server: UpstreamServer = { address, weight: 1, isDown: false, isBackup: false };
  for (const parameter of parameters) {
    if (parameter === 'down') server.isDown = true;
    else if (parameter === 'backup') server.isBackup = true;
    else if (parameter.startsWith('weight=')) {
      const weight = Number(parameter.slice('weight='.length));
      if (!Number.isInteger(weight) || weight < 1) return err(`\`${parameter}\` must be a whole number of 1 or more`);
      server.weight = weight;
    }
  }
  return ok(server);
}

/**
 * The percent of requests `canaryServer` gets: its weight over the weights of
 * the servers in rotation (not `down`, not `backup`), rounded to 0.01.
 * `null` when nothing is in rotation.
 */
export function canaryShare(servers: readonly UpstreamServer[], canaryServer: string): number | null {
  const inRotation = servers.filter((server) => !server.isDown && !server.isBackup);
  const total = inRotation.reduce((sum, server) => sum + server.weight, 0);
  if (total === 0) return null;
  const canary = inRotation.filter((server) => server.address === canaryServer).reduce((sum, server) => sum + server.weight, 0);
  return Math.round((canary / total) * 10_000) / 100;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
