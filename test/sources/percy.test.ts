import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPercyBuild, waitForPercyBuild } from '../../src/sources/percy.js';
import { startPercyServer, type PercyServer } from '../support/percy-server.js';

let percy: PercyServer;
const noWait = { sleep: async () => undefined };

beforeAll(async () => {
  percy = await startPercyServer();
});
afterAll(async () => {
  await percy.close();
});
beforeEach(() => percy.reset());
afterEach(() => expect(percy.problems).toEqual([]));

const client = () => ({ apiUrl: percy.apiUrl, token: 'p3rcy', http: noWait });

describe('fetchPercyBuild', () => {
  it('reads the build attributes and sends the token header', async () => {
    percy.setBuild('123', { attributes: { 'total-comparisons-diff': 3, 'review-state': 'unreviewed', 'review-state-reason': 'unreviewed_comparisons' } });
    expect(await fetchPercyBuild(client(), '123')).toEqual({
      ok: true,
      value: {
        id: '123',
        state: 'finished',
        reviewState: 'unreviewed',
        reviewStateReason: 'unreviewed_comparisons',
        diffs: 3,
        snapshots: 12,
        comparisons: 24,
        webUrl: 'https://percy.io/acme/shop/builds/123',
        failureReason: null,
      },
    });
    expect(percy.requests).toEqual([{ method: 'GET', path: '/api/v1/builds/123', authorization: 'Token token=p3rcy' }]);
  });

  it('names 401 and 404 with what to check, without the token', async () => {
    percy.setBuild('123', { status: 401 });
    const unauthorized = await fetchPercyBuild(client(), '123');
    expect(unauthorized).toEqual({
      ok: false,
      error: {
        kind: 'provider',
        message: `Percy: GET ${percy.apiUrl}/builds/123 answered 401 Unauthorized; check PERCY_TOKEN: reading a build needs a token with read access, not a write-only project token`,
      },
    });
    const missing = await fetchPercyBuild(client(), '999');
    expect(!missing.ok && missing.error.message).toBe(
      `Percy: GET ${percy.apiUrl}/builds/999 answered 404 Not Found; no build 999 is visible to this PERCY_TOKEN; check \`build-id\` / PERCY_BUILD_ID`,
    );
    expect(JSON.stringify([unauthorized, missing])).not.toContain('p3rcy');
  });

  it('retries a 502 twice, then succeeds', async () => {
    percy.setBuild('7', { status: 502 }, { status: 429 }, {});
    const result = await fetchPercyBuild(client(), '7');
    expect(result.ok && result.value.state).toBe('finished');
    expect(percy.requests).toHaveLength(3);
  });

  it('names the first bad field of an unexpected document', async () => {
    percy.setBuild('8', { body: JSON.stringify({ data: { id: '8', attributes: { state: 3 } } }) });
    expect(await fetchPercyBuild(client(), '8')).toEqual({
      ok: false,
      error: { kind: 'malformed', message: `Percy: GET ${percy.apiUrl}/builds/8 gave an unexpected build: \`data.attributes.state\`: expected string, received number` },
    });
  });
});

describe('waitForPercyBuild', () => {
  it('polls until the build finishes', async () => {
    let now = 0;
    const sleeps: number[] = [];
    percy.setBuild('5', { attributes: { state: 'pending' } }, { attributes: { state: 'processing' } }, { attributes: { state: 'finished' } });
    const result = await waitForPercyBuild(client(), '5', { waitMs: 60_000, pollMs: 5_000, clock: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) });
    expect(result.ok && [result.value.build.state, result.value.polls]).toEqual(['finished', 3]);
    expect(sleeps).toEqual([5_000, 5_000]);
  });

  it('stops at the deadline with the build still processing', async () => {
    let now = 0;
    percy.setBuild('6', { attributes: { state: 'processing' } });
    const result = await waitForPercyBuild(client(), '6', { waitMs: 12_000, pollMs: 5_000, clock: () => now, sleep: async (ms) => void (now += ms) });
    expect(result.ok && [result.value.build.state, result.value.polls]).toEqual(['processing', 4]);
  });

  it('reads once when wait is 0', async () => {
    percy.setBuild('6', { attributes: { state: 'processing' } });
    const result = await waitForPercyBuild(client(), '6', { waitMs: 0 });
    expect(result.ok && result.value.polls).toBe(1);
  });
});
