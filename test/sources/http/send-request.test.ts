import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../../../src/sources/http/send-request.js';
import { type Handler, type TestServer, answer, hugeBody, redirectTo, stallAfterHeaders, startServer } from '../../actions/boundary-servers.js';

/**
 * The one HTTP helper against real local servers: what a stalled, huge or
 * redirecting answer does, and what reaches which host.
 */
let main: TestServer;
let other: TestServer;
let handler: Handler = answer(200, '{}');
let otherHandler: Handler = answer(200, '{"other": true}');
const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);

beforeAll(async () => {
  main = await startServer((request, response) => handler(request, response));
  other = await startServer((request, response) => otherHandler(request, response));
});
afterAll(async () => {
  await main.close();
  await other.close();
});
afterEach(() => {
  main.requests.length = 0;
  other.requests.length = 0;
  waits.length = 0;
  handler = answer(200, '{}');
  otherHandler = answer(200, '{"other": true}');
});

/** The other server under another name, so the browser rules see another origin. */
const otherOrigin = () => other.url.replace('127.0.0.1', 'localhost');

describe('sendRequest: bodies inside the timeout', () => {
  it('a body that stalls after the headers is a timeout of the attempt, not a hang and not a throw', async () => {
    handler = stallAfterHeaders;
    const started = Date.now();
    const sent = await sendRequest({ url: `${main.url}/q` }, { timeoutMs: 300, sleep });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sent).toEqual({ ok: false, error: { kind: 'timeout', reason: 'timed out after 300ms', code: null, tries: 1, message: `GET ${main.url}/q timed out after 300ms` } });
  });

  it('with read: none the status is taken and a stalled body is never waited for', async () => {
    handler = stallAfterHeaders;
    const sent = await sendRequest({ url: `${main.url}/health`, read: 'none' }, { timeoutMs: 500, tries: 1 });
    expect(sent.ok && sent.value.status).toBe(200);
  });

  it('a body past the cap is refused, streamed or declared, naming the cap', async () => {
    handler = hugeBody(2 * 1024 * 1024);
    const streamed = await sendRequest({ url: `${main.url}/big` }, { maxBodyBytes: 1024 * 1024 });
    expect(streamed).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('answered with a body larger than 1 MB') as unknown } });
    handler = (_request, response) => {
      response.writeHead(200, { 'content-length': String(10 * 1024 * 1024 * 1024) });
      response.write('{');
    };
    const declared = await sendRequest({ url: `${main.url}/declared` }, { timeoutMs: 2_000 });
    expect(declared).toMatchObject({ ok: false, error: { kind: 'refused', reason: expect.stringContaining('larger than 16 MB') as unknown } });
  });

  it('answers of any status are values; 5xx and 429 are retried with backoff first', async () => {
    let count = 0;
    handler = (request, response) => answer(++count < 3 ? 503 : 404, 'nope')(request, response);
    const sent = await sendRequest({ url: `${main.url}/x` }, { sleep, backoffMs: 100 });
    expect(sent).toMatchObject({ ok: true, value: { status: 404, text: 'nope', tries: 3 } });
    expect(waits).toEqual([100, 200]);
  });

  it('a refused connection is a network failure after the tries, and nothing throws for a bad URL', async () => {
    await other.close();
    const gone = await sendRequest({ url: `${other.url}/x` }, { sleep, tries: 2 });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'network', code: 'ECONNREFUSED', message: `GET ${other.url}/x: connection refused (ECONNREFUSED) after 2 tries` } });
    other = await startServer((request, response) => otherHandler(request, response));
    expect(await sendRequest({ url: 'not a url' })).toMatchObject({ ok: false, error: { kind: 'refused', reason: 'not a valid URL' } });
    expect(await sendRequest({ url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'refused', reason: 'not an http:// or https:// URL' } });
  });

  it('a timeout no timer can wait is refused rather than firing at once', async () => {
    const sent = await sendRequest({ url: `${main.url}/x` }, { timeoutMs: 1e12 });
    expect(sent).toMatchObject({ ok: false, error: { kind: 'refused', reason: expect.stringContaining('longer than a timer can wait') as unknown } });
    expect(main.requests).toEqual([]);
  });
});

describe('sendRequest: credentials never follow a redirect to another origin', () => {
  it('refuses a cross-origin redirect of a request with credentials, and the other host sees nothing', async () => {
    handler = redirectTo(`${otherOrigin()}/steal?x=1`);
    const sent = await sendRequest({ url: `${main.url}/q`, headers: { authorization: 'Bearer s3cret', 'dd-api-key': 'k' } });
    expect(sent).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(!sent.ok && sent.error.message).toBe(
      `GET ${main.url}/q: redirected to ${otherOrigin()}/steal?x=***, another origin; not followed, because the request carries credentials or custom headers, which are sent only to ${main.url}`,
    );
    expect(other.requests).toEqual([]);
  });

  it('refuses a cross-origin redirect of a secret URL (a webhook) even without headers', async () => {
    handler = redirectTo(`${otherOrigin()}/elsewhere`, 307);
    const sent = await sendRequest({ method: 'POST', url: `${main.url}/hook`, body: '{}', isSecretUrl: true, label: 'webhook' });
    expect(!sent.ok && sent.error.message).toMatch(/^webhook: redirected to localhost:\d+, another origin; not followed, because the request carries a secret URL/);
    expect(other.requests).toEqual([]);
  });

  it('follows a same-origin redirect with the credentials, and a cross-origin one without anything secret', async () => {
    handler = (request, response) => (request.url === '/old' ? redirectTo('/new', 301)(request, response) : answer(200, '{"new": 1}')(request, response));
    const same = await sendRequest({ url: `${main.url}/old`, headers: { authorization: 'Bearer s3cret' } });
    expect(same).toMatchObject({ ok: true, value: { status: 200, text: '{"new": 1}' } });
    expect(main.requests.map((request) => request.headers.authorization)).toEqual(['Bearer s3cret', 'Bearer s3cret']);
    handler = redirectTo(`${otherOrigin()}/public`);
    const public_ = await sendRequest({ url: `${main.url}/status`, read: 'none' });
    expect(public_).toMatchObject({ ok: true, value: { status: 200 } });
    expect(other.requests.map((request) => [request.path, request.headers.authorization])).toEqual([['/public', undefined]]);
  });

  it('sends userinfo as HTTP Basic, keeps it from other origins, and never names it', async () => {
    handler = redirectTo(`${otherOrigin()}/x`);
    const sent = await sendRequest({ url: main.url.replace('//', '//user:hunter2@') + '/h', read: 'none' });
    expect(main.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('user:hunter2').toString('base64')}`);
    expect(other.requests).toEqual([]);
    expect(JSON.stringify(sent)).not.toContain('hunter2');
    expect(!sent.ok && sent.error.message).toContain(`GET ${main.url.replace('//', '//***@')}/h: redirected`);
  });

  it('stops after 5 redirects, and a POST follows only 307/308 (a 302 is its answer)', async () => {
    handler = (request, response) => redirectTo(`/loop${Number((request.url ?? '').replace(/\D/g, '') || 0) + 1}`)(request, response);
    const loop = await sendRequest({ url: `${main.url}/loop0` });
    expect(loop).toMatchObject({ ok: false, error: { kind: 'refused', reason: `redirected more than 5 times (last to ${main.url}/loop6)` } });
    main.requests.length = 0;
    handler = (request, response) => (request.url === '/a' ? redirectTo('/b', 302)(request, response) : answer(200, 'ok')(request, response));
    const post = await sendRequest({ method: 'POST', url: `${main.url}/a`, body: '{}' });
    expect(post).toMatchObject({ ok: true, value: { status: 302 } });
    expect(main.requests).toHaveLength(1);
    handler = (request, response) => (request.url === '/a' ? redirectTo('/b', 307)(request, response) : answer(200, 'ok')(request, response));
    const kept = await sendRequest({ method: 'POST', url: `${main.url}/a`, body: '{}' });
    expect(kept).toMatchObject({ ok: true, value: { status: 200, text: 'ok' } });
    expect(main.requests.slice(1).map((request) => [request.method, request.path])).toEqual([['POST', '/a'], ['POST', '/b']]);
  });

  it('an http → https upgrade on the same host counts as the same origin', async () => {
    const { isSameOrigin } = await import('../../../src/sources/http/redirects.js');
    expect(isSameOrigin(new URL('http://metrics.example/a'), new URL('https://metrics.example/b'))).toBe(true);
    expect(isSameOrigin(new URL('https://metrics.example/a'), new URL('http://metrics.example/b'))).toBe(false);
    expect(isSameOrigin(new URL('http://metrics.example:8080/a'), new URL('https://metrics.example/b'))).toBe(false);
    expect(isSameOrigin(new URL('https://metrics.example/a'), new URL('https://evil.example/b'))).toBe(false);
  });
});
