import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from './seeded-random.js';

/**
 * A tiny app version on 127.0.0.1 for traffic tests and the demo: answers
 * every request with `{ "version": … }` (blue/green, stable/canary), with a
 * status, latency and error rate a test can change while it runs, and counts
 * what it answered.
 */
export interface VersionBehaviour {
  /** Status of a normal answer; default 200. */
  status: number;
  /** Delay before each answer; default 0. */
  latencyMs: number;
  /** Fraction 0–1 of requests answered 500 instead; default 0. */
  errorRate: number;
  /**
   * `spread` (default) fails exactly ⌊n·rate⌋ of the first n requests, evenly
   * spaced, so a test can assert counts; `random` draws each request from a
   * seeded generator, for statistics that need independent samples.
   */
  errorMode: 'spread' | 'random';
  /** Seed of the `random` mode; default 1. */
  seed: number;
}

export interface VersionServer {
  version: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, as an nginx `server` line or the `stable-server` input wants it. */
  address: string;
  /** Requests answered since start or the last `reset()`. */
  readonly requests: number;
  /** Of those, the ones answered 500 by the error rate. */
  readonly errors: number;
  /** Changes behaviour from the next request on. */
  configure(behaviour: Partial<VersionBehaviour>): void;
  /** Zeroes the counts (and restarts the error pattern). */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULTS: VersionBehaviour = { status: 200, latencyMs: 0, errorRate: 0, errorMode: 'spread', seed: 1 };


export async function startVersionServer(version: string, behaviour: Partial<VersionBehaviour> = {}): Promise<VersionServer> {
  let current: VersionBehaviour = { ...DEFAULTS, ...behaviour };
  let random = mulberry32(current.seed);
  let requests = 0;
  let errors = 0;

  const isError = (index: number): boolean => {
    if (current.errorRate <= 0) return false;
    if (current.errorMode === 'random') return random() < current.errorRate;
    return Math.floor((index + 1) * current.errorRate) > Math.floor(index * current.errorRate);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const index = requests++;
    const failing = isError(index);
    if (failing) errors++;
    const status = failing ? 500 : current.status;
    const body = JSON.stringify(failing ? { version, error: 'injected error' } : { version });
    const answer = () => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-version': version, 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    request.resume();
    if (current.latencyMs > 0) setTimeout(answer, current.latencyMs);
    else answer();
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    version,
    url: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get errors() {
      return errors;
    },
    configure(change) {
      current = { ...current, ...change };
      if (change.seed !== undefined) random = mulberry32(current.seed);
    },
    reset() {
      requests = 0;
      errors = 0;
      random = mulberry32(current.seed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Stable and canary side by side, the usual pair for a rollout test. */
export async function startVersionPair(stable = 'v1', canary = 'v2'): Promise<{ stable: VersionServer; canary: VersionServer; close(): Promise<void> }> {
  const [stableServer, canaryServer] = await Promise.all([startVersionServer(stable), startVersionServer(canary)]);
  return {
    stable: stableServer,
    canary: canaryServer,
    close: async () => {
      await Promise.all([stableServer.close(), canaryServer.close()]);
    },
  };
}
