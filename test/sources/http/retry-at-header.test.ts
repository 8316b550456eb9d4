import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendRequest } from '../../../src/sources/http/send-request.js';

/**
 * `retryAtHeader`: a 429 that says when to come back as an epoch second
 * (Sentry's `X-Sentry-Rate-Limit-Reset`) rather than as seconds to wait.
 */
let server: Server;
let url = '';
let resetAt: () => string | null = () => null;
let answered = 0;
const waits: number[] = [];

beforeAll(async () => {
  server = createServer((_request, response) => {
    answered += 1;
    const at = resetAt();
    if (answered === 1) response.writeHead(429, at === null ? {} : { 'x-sentry-rate-limit-reset': at });
    else response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  answered = 0;
  waits.length = 0;
});

const send = () => sendRequest({ url, retryAtHeader: 'x-sentry-rate-limit-reset' }, { backoffMs: 10, sleep: async (ms) => void waits.push(ms) });

describe('sendRequest: a 429 saying when to retry', () => {
  it('waits until the epoch second the header names', async () => {
    resetAt = () => String(Math.floor(Date.now() / 1_000) + 4);
    expect((await send()).ok).toBe(true);
    expect(waits[0]).toBeGreaterThan(2_900);
    expect(waits[0]).toBeLessThanOrEqual(4_000);
  });

  it('backs off as usual when the time has passed or the header is not a number', async () => {
    for (const value of [String(Math.floor(Date.now() / 1_000) - 30), 'soon']) {
      resetAt = () => value;
      answered = 0;
      waits.length = 0;
      expect((await send()).ok).toBe(true);
      expect(waits).toEqual([10]);
    }
  });

  it('caps a far-off time at maxRetryAfterMs', async () => {
    resetAt = () => String(Math.floor(Date.now() / 1_000) + 3_600);
    expect((await send()).ok).toBe(true);
    expect(waits).toEqual([10_000]);
  });
});
