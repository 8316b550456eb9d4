import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type VersionServer, startVersionServer } from '../support/version-server.js';

/** The version servers the traffic tests and the demo stand behind nginx (test/support/version-server.ts). */
let server: VersionServer;

beforeAll(async () => {
  server = await startVersionServer('blue');
});

afterAll(async () => {
  await server?.close();
});

async function statuses(count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(server.url);
    await response.arrayBuffer();
    seen.push(response.status);
  }
  return seen;
}

describe('version server', () => {
  it('answers its version and counts requests', async () => {
    const response = await fetch(`${server.url}/any/path`);
    expect([response.status, response.headers.get('x-version'), await response.json()]).toEqual([200, 'blue', { version: 'blue' }]);
    expect(server.requests).toBe(1);
  });

  it('spreads an error rate evenly, so counts are exact', async () => {
    server.configure({ errorRate: 0.2 });
    server.reset();
    expect(await statuses(10)).toEqual([200, 200, 200, 200, 500, 200, 200, 200, 200, 500]);
    expect([server.requests, server.errors]).toEqual([10, 2]);
  });

  it('repeats a seeded random error pattern after reset', async () => {
    server.configure({ errorRate: 0.5, errorMode: 'random', seed: 7 });
    server.reset();
    const first = await statuses(20);
    server.reset();
    expect(await statuses(20)).toEqual(first);
    expect(first.filter((status) => status === 500).length).toBe(server.errors);
  });

  it('answers with the configured status', async () => {
    server.configure({ errorRate: 0, status: 503 });
    expect(await statuses(2)).toEqual([503, 503]);
    server.configure({ status: 200 });
  });
});
