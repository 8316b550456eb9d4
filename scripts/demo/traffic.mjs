// The load generator: steady requests to GET / through the router (about
// 120 a second, fresh connections, so a reload's new split shows at once),
// counted by the version that answered (the app's x-version header) and status.
import { request } from 'node:http';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function one(url) {
  return new Promise((resolve) => {
    const call = request(url, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve({ version: response.headers['x-version'] ?? 'router', status: response.statusCode ?? 0 }));
    });
    call.on('timeout', () => call.destroy());
    call.on('error', () => resolve({ version: 'error', status: 0 }));
    call.end();
  });
}

export function startLoad(url, { workers = 3, gapMs = 20 } = {}) {
  let counts = {};
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const { version, status } = await one(`${url}/`);
      const entry = (counts[version] ??= { requests: 0, errors: 0 });
      entry.requests++;
      if (status >= 500 || status === 0) entry.errors++;
      await sleep(gapMs);
    }
  });
  return {
    /** Counts since the last take, per version; starts a new count. */
    take() {
      const taken = counts;
      counts = {};
      return taken;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** `v1 570 (95%), v2 30 (5%, 1 error)` */
export function describeSplit(counts) {
  const total = Object.values(counts).reduce((sum, entry) => sum + entry.requests, 0);
  if (total === 0) return 'no requests';
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([version, { requests, errors }]) => `${version} ${requests} (${Math.round((100 * requests) / total)}%${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''})`)
    .join(', ');
}

/** `count` sequential requests; the versions that answered. */
export async function probe(url, count) {
  const counts = {};
  for (let i = 0; i < count; i++) {
    const { version, status } = await one(`${url}/`);
    const entry = (counts[version] ??= { requests: 0, errors: 0 });
    entry.requests++;
    if (status >= 500 || status === 0) entry.errors++;
  }
  return counts;
}

/**
 * A synthetic probe straight to the stable app (about 20 requests/s, not
 * through the router), so the baseline keeps data when the canary takes 100%
 * of routed traffic: canary-promote judges the 100% step against the
 * baseline too, and a baseline without requests holds that step forever.
 */
export function startBaselineProbe(getApp, { gapMs = 50 } = {}) {
  let running = true;
  const loop = (async () => {
    while (running) {
      const app = getApp();
      if (app) await one(`${app.url}/`);
      await sleep(gapMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
