import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, describeStatuses, parseExpectedStatus } from '../../src/sources/health-check.js';

/** Health checks against real local servers: one that answers by path, one that never answers, and a closed port. */
let server: Server;
let silent: Server;
let base: string;
let silentUrl: string;
let closedUrl: string;
/** The same server under another name: another origin to a client. */
let otherOrigin: string;

const listen = async (target: Server): Promise<string> => {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.split('?')[0] === '/ok') return void response.writeHead(200).end('ok');
    if (request.url === '/no-content') return void response.writeHead(204).end();
    if (request.url === '/moved') return void response.writeHead(302, { location: '/ok' }).end();
    if (request.url === '/slow-body') return void (response.writeHead(200), response.write('still sending'));
    if (request.url === '/away') return void response.writeHead(302, { location: `${otherOrigin}/ok` }).end();
    response.writeHead(500).end('boom');
  });
  base = await listen(server);
  otherOrigin = base.replace('127.0.0.1', 'localhost');
  // Accepts connections and never answers: a hung app.
  silent = createServer(() => undefined);
  silentUrl = await listen(silent);
  const closed = createServer();
  closedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const target of [server, silent]) {
    target.closeAllConnections();
    await new Promise((resolve) => target.close(resolve));
  }
});

describe('checkHealth', () => {
  it('passes on an expected status, and says the status and time', async () => {
    const result = await checkHealth({ url: `${base}/ok`, expectedStatus: [200], timeoutMs: 2_000 });
    expect(result).toMatchObject({ url: `${base}/ok`, isHealthy: true, status: 200 });
    expect(result.reason).toMatch(/^200 in \d+ms$/);
  });

  it('fails on a 500, naming what was expected', async () => {
    const result = await checkHealth({ url: `${base}/broken`, expectedStatus: [200, 204], timeoutMs: 2_000 });
    expect(result).toMatchObject({ isHealthy: false, status: 500, reason: 'answered 500, expected 200 or 204' });
  });

  it('fails when the server does not answer within the timeout', async () => {
    const result = await checkHealth({ url: `${silentUrl}/healthz`, expectedStatus: [200], timeoutMs: 300 });
    expect(result).toMatchObject({ isHealthy: false, status: null, reason: 'timed out after 300ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('fails when the connection is refused', async () => {
    const result = await checkHealth({ url: `${closedUrl}/healthz`, expectedStatus: [200], timeoutMs: 2_000 });
    expect(result).toMatchObject({ isHealthy: false, status: null, reason: 'connection refused (ECONNREFUSED)' });
  });

  it('follows redirects and accepts a class of statuses', async () => {
    expect(await checkHealth({ url: `${base}/moved`, expectedStatus: [200], timeoutMs: 2_000 })).toMatchObject({ isHealthy: true, status: 200 });
    const twoXX = parseExpectedStatus('2xx');
    expect(await checkHealth({ url: `${base}/no-content`, expectedStatus: twoXX.ok ? twoXX.value : [], timeoutMs: 2_000 })).toMatchObject({ isHealthy: true, status: 204 });
  });

  it('never shows credentials or query values of the URL', async () => {
    const result = await checkHealth({ url: `${base.replace('//', '//user:hunter2@')}/ok?token=abc123`, expectedStatus: [200], timeoutMs: 2_000 });
    expect(result).toMatchObject({ isHealthy: true, url: `${base.replace('//', '//***@')}/ok?token=***` });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('abc123');
  });

  it('takes the status without waiting for a body that never ends', async () => {
    const result = await checkHealth({ url: `${base}/slow-body`, expectedStatus: [200], timeoutMs: 1_000 });
    expect(result).toMatchObject({ isHealthy: true, status: 200 });
    expect(result.durationMs).toBeLessThan(900);
  });

  it('follows a redirect to another origin when it sends nothing secret, and fails it when the URL holds credentials', async () => {
    expect(await checkHealth({ url: `${base}/away`, expectedStatus: [200], timeoutMs: 2_000 })).toMatchObject({ isHealthy: true, status: 200 });
    const withCredentials = await checkHealth({ url: `${base.replace('//', '//user:hunter2@')}/away`, expectedStatus: [200], timeoutMs: 2_000 });
    expect(withCredentials).toMatchObject({ isHealthy: false, status: null });
    expect(withCredentials.reason).toBe(`redirected to ${otherOrigin}/ok, another origin; not followed, because the request carries credentials or custom headers, which are sent only to ${base}`);
  });
});

describe('expected statuses', () => {
  it('reads codes, lists and classes', () => {
    expect(parseExpectedStatus('200')).toEqual({ ok: true, value: [200] });
    expect(parseExpectedStatus('200, 204')).toEqual({ ok: true, value: [200, 204] });
    const mixed = parseExpectedStatus('2xx,301');
    expect(mixed.ok && mixed.value.length).toBe(101);
    expect(describeStatuses(mixed.ok ? mixed.value : [])).toBe('2xx or 301');
  });

  it('refuses anything else, saying what is accepted', () => {
    for (const bad of ['ok', '20', '600', '', '2x']) {
      expect(parseExpectedStatus(bad)).toEqual({ ok: false, error: `got \`${bad}\`; expected HTTP statuses such as 200, 200,204 or 2xx` });
    }
  });
});
