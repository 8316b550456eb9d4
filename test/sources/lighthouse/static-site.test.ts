import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverHtmlFiles, discoveredUrls, staticUrl } from '../../../src/sources/lighthouse/static-site.js';
import { type StaticServer, startStaticServer } from '../../../src/sources/lighthouse/static-site-server.js';

/**
 * staticDistDir as lhci collect treats it: which files autodiscovery finds
 * (LHCI's rules, in sorted order), how url entries and the blocklist are
 * resolved on the server, and the server itself (gzip, /app, the
 * single-page fallback). The pages are measured for real in
 * test/actions/lighthouse-budget/collect-config.test.ts.
 */
let dir: string;
const PAGE = `<!doctype html><title>page</title><p>${'text '.repeat(400)}</p>`;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-static-site-'));
  const files = ['index.html', 'about.htm', 'notes.txt', 'b/deep.html', 'a/one.html', 'a/two/three.html', 'a/two/four/five.html', 'node_modules/pkg/x.html', 'tmp/y.html', 'v1.2/z.html', '.hidden/h.html'];
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), PAGE);
  }
});

describe('autodiscovery', () => {
  it("finds .html and .htm files as LHCI does: the folder's own first, then subfolders to the depth, skipping dependency folders and names with a dot", async () => {
    expect(await discoverHtmlFiles(dir, 2)).toEqual(['about.htm', 'index.html', 'a/one.html', 'a/two/three.html', 'b/deep.html']);
    expect(await discoverHtmlFiles(dir, 0)).toEqual(['about.htm', 'index.html']);
    expect(await discoverHtmlFiles(dir, 3)).toContain('a/two/four/five.html');
  });

  it('drops blocklisted pages (a path, or a localhost URL, as LHCI normalises them) before taking the first maxAutodiscoverUrls', () => {
    const files = ['about.htm', 'index.html', 'a/one.html', 'b/deep.html'];
    expect(discoveredUrls(files, 4000, { maxUrls: 2, blocklist: ['/about.htm'] })).toEqual(['http://localhost:4000/index.html', 'http://localhost:4000/a/one.html']);
    expect(discoveredUrls(files, 4000, { maxUrls: Infinity, blocklist: ['http://localhost/index.html', 'http://127.0.0.1/a/one.html'] })).toEqual([
      'http://localhost:4000/about.htm',
      'http://localhost:4000/a/one.html',
      'http://localhost:4000/b/deep.html',
    ]);
  });

  it('resolves url entries against the server as LHCI does (the port replaced), refusing a page elsewhere', () => {
    expect(staticUrl('/about.htm', 4000)).toEqual({ ok: true, value: 'http://localhost:4000/about.htm' });
    expect(staticUrl('a/one.html?x=1', 4000)).toEqual({ ok: true, value: 'http://localhost:4000/a/one.html?x=1' });
    expect(staticUrl('http://localhost:8080/', 4000)).toEqual({ ok: true, value: 'http://localhost:4000/' });
    expect(staticUrl('https://example.com/', 4000).ok).toBe(false);
  });
});

describe('the static server', () => {
  let plain: StaticServer;
  let spa: StaticServer;
  beforeAll(async () => {
    [plain, spa] = await Promise.all([startStaticServer(dir, false), startStaticServer(dir, true)]);
  });
  afterAll(async () => Promise.all([plain.close(), spa.close()]));

  const get = (server: StaticServer, pathname: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      // localhost as the LHRs name it; the server listens on 127.0.0.1.
      const req = request({ host: '127.0.0.1', port: server.port, path: pathname, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the folder gzipped, with express.static\'s headers, under / and /app, on a localhost origin', async () => {
    expect(plain.origin).toBe(`http://localhost:${plain.port}`);
    const page = await get(plain, '/a/one.html');
    expect(page).toMatchObject({ status: 200, headers: { 'content-encoding': 'gzip', 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'public, max-age=0' } });
    expect(gunzipSync(page.body).toString()).toBe(PAGE);
    expect((await get(plain, '/app/a/one.html')).status).toBe(200);
    expect((await get(plain, '/missing.html')).status).toBe(404);
  });

  it('answers index.html for any other path with isSinglePageApplication', async () => {
    const route = await get(spa, '/products/42');
    expect(route.status).toBe(200);
    expect(gunzipSync(route.body).toString()).toBe(PAGE);
  });
});
