import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getJson, redactUrl } from '../../../src/sources/metrics/fetch-json.js';

type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'stall-body';
let replies: Reply[] = [];
let requests: IncomingMessage[] = [];
let server: Server;
let base = '';
let closedPort = 0;

function handle(request: IncomingMessage, response: ServerResponse): void {
  requests.push(request);
  const reply = replies.length > 1 ? replies.shift()! : replies[0];
  if (reply === undefined || reply === 'hang') return; // leave the request open: a timeout
  if (reply === 'stall-body') return void (response.writeHead(200, { 'content-type': 'application/json' }), response.write('{"value": '));
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(reply.body ?? '');
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  replies = [];
  requests = [];
});

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('getJson', () => {
  it('returns the parsed body and sends the headers', async () => {
    replies = [{ status: 200, body: '{"value": 3}' }];
    expect(await getJson({ url: `${base}/m`, headers: { authorization: 'Bearer s3cret' } })).toEqual({ ok: true, value: { value: 3 } });
    expect(requests[0]?.headers.authorization).toBe('Bearer s3cret');
    expect(requests[0]?.headers.accept).toBe('application/json');
  });

  it('retries 503 and 429 with doubling backoff, then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    replies = [{ status: 503 }, { status: 429 }, { status: 200, body: '[1]' }];
    expect(await getJson({ url: `${base}/m` }, { sleep, backoffMs: 100 })).toEqual({ ok: true, value: [1] });
    expect(requests).toHaveLength(3);
    expect(waits).toEqual([100, 200]);
  });

  it('honours a short Retry-After on 429', async () => {
    const { waits, sleep } = recordingSleep();
    replies = [{ status: 429, headers: { 'retry-after': '2' } }, { status: 200, body: '1' }];
    await getJson({ url: `${base}/m` }, { sleep, backoffMs: 100 });
    expect(waits).toEqual([2_000]);
  });

  it('gives up after 3 tries with a provider fault naming the status', async () => {
    const { sleep } = recordingSleep();
    replies = [{ status: 500 }];
    expect(await getJson({ url: `${base}/m?api_key=abc` }, { sleep })).toEqual({
      ok: false,
      error: { kind: 'provider', message: `GET ${base}/m?api_key=*** answered 500 Internal Server Error after 3 tries` },
    });
    expect(requests).toHaveLength(3);
  });

  it('does not retry a 404, and adds the hint', async () => {
    replies = [{ status: 404 }];
    const result = await getJson({ url: `${base}/m`, hint: (status) => (status === 404 ? 'is the id right?' : undefined) });
    expect(result).toEqual({ ok: false, error: { kind: 'provider', message: `GET ${base}/m answered 404 Not Found; is the id right?` } });
    expect(requests).toHaveLength(1);
  });

  it('is a malformed fault when the body is not JSON, saying where and never quoting it', async () => {
    replies = [{ status: 200, body: '{"ok": 1}\n<html>page-content</html>' }];
    const result = await getJson({ url: `${base}/m` });
    expect(result).toEqual({ ok: false, error: { kind: 'malformed', message: `GET ${base}/m answered 200, but its body is not valid JSON (line 2, column 1: expected the end of the document)` } });
  });

  it('times out a body that stalls after the headers, as a provider fault, without throwing', async () => {
    replies = ['stall-body'];
    expect(await getJson({ url: `${base}/stall` }, { timeoutMs: 200 })).toEqual({ ok: false, error: { kind: 'provider', message: `GET ${base}/stall timed out after 200ms` } });
    expect(requests).toHaveLength(1);
  });

  it('is a provider fault when the connection is refused, after retrying', async () => {
    const { waits, sleep } = recordingSleep();
    expect(await getJson({ url: `http://127.0.0.1:${closedPort}/m` }, { sleep })).toEqual({
      ok: false,
      error: { kind: 'provider', message: `GET http://127.0.0.1:${closedPort}/m: connection refused (ECONNREFUSED) after 3 tries` },
    });
    expect(waits).toEqual([500, 1_000]);
  });

  it('times out without retrying', async () => {
    replies = ['hang'];
    expect(await getJson({ url: `${base}/slow` }, { timeoutMs: 200 })).toEqual({
      ok: false,
      error: { kind: 'provider', message: `GET ${base}/slow timed out after 200ms` },
    });
    expect(requests).toHaveLength(1);
  });
});

describe('redactUrl', () => {
  it('masks the userinfo and every query value, keeping the names', () => {
    expect(redactUrl('https://user:pw@metrics.example/q?query=up&token=abc&apiKey=def')).toBe('https://***@metrics.example/q?query=***&token=***&apiKey=***');
    expect(redactUrl('https://metrics.example/q?sig=a%20b&nameless#frag')).toBe('https://metrics.example/q?sig=***&nameless=***#***');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('keeps a value that is only a placeholder of a URL template, which holds no secret', () => {
    expect(redactUrl('https://m.example/q?series={{series}}&window={{ window }}&key=abc')).toBe('https://m.example/q?series={{series}}&window={{ window }}&key=***');
  });
});

describe('credentials in URLs', () => {
  it('never repeat a password from the URL in a fault message', async () => {
    const get = getJson;
    const result = await get({ url: 'http://user:s3cret@127.0.0.1:9/x' }, { tries: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).not.toContain('s3cret');
  });
});
