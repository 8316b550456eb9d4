import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../support/run-bundle.js';

/**
 * Serves test/fixtures/lighthouse-budget/site/ on 127.0.0.1 (a random port)
 * for real Lighthouse runs: light.html passes; heavy.html loads a ~600 KB
 * render-blocking script with a 700 ms long task and a ~3 MB uncompressed
 * image; shift.html shifts its layout with a late image and banner and has
 * accessibility faults. The generated assets are built here so no binary
 * sits in the repository.
 */
export const SITE = path.join(REPO_ROOT, 'test/fixtures/lighthouse-budget/site');

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="#8ac"/></svg>';

/** A script Lighthouse sees as large (600 KB of comment padding) that blocks the main thread for 700 ms when it runs. */
function blockingScript(): string {
  const padding = `/* ${'padding '.repeat(75_000)} */\n`;
  return `${padding}(function () { var until = performance.now() + 700; while (performance.now() < until) { /* busy */ } })();\n`;
}

/** A 1200×800 24-bit BMP: uncompressed (~2.9 MB), a gradient so it is not one flat colour. */
function heroBitmap(): Buffer {
  const width = 1200;
  const height = 800;
  const rowBytes = width * 3;
  const pixels = rowBytes * height;
  const file = Buffer.alloc(54 + pixels);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(54 + pixels, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(pixels, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 54 + y * rowBytes + x * 3;
      file[at] = (x * 255) / width;
      file[at + 1] = (y * 255) / height;
      file[at + 2] = 160;
    }
  }
  return file;
}

const GENERATED: Record<string, () => { type: string; body: string | Buffer }> = {
  '/blocking.js': () => ({ type: 'text/javascript', body: blockingScript() }),
  '/hero.bmp': () => ({ type: 'image/bmp', body: heroBitmap() }),
};

/** The running server: page URLs, and a way to stop it. */
export interface Site {
  url: (page: string) => string;
  close: () => Promise<void>;
}

export async function serveSite(): Promise<Site> {
  const cache = new Map<string, { type: string; body: string | Buffer }>();
  const server: Server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    void respond(name, cache).then(({ status, type, body, delayMs }) => {
      setTimeout(() => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://127.0.0.1:${port}/${page}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function respond(name: string, cache: Map<string, { type: string; body: string | Buffer }>): Promise<{ status: number; type: string; body: string | Buffer; delayMs: number }> {
  // The late image arrives after first paint, so the page shifts when it lands.
  if (name === '/slow-image.svg') return { status: 200, type: 'image/svg+xml', body: SVG, delayMs: 800 };
  const generate = GENERATED[name];
  if (generate) {
    if (!cache.has(name)) cache.set(name, generate());
    return { status: 200, ...cache.get(name)!, delayMs: 0 };
  }
  try {
    return { status: 200, type: 'text/html; charset=utf-8', body: await readFile(path.join(SITE, path.basename(name))), delayMs: 0 };
  } catch {
    return { status: 404, type: 'text/plain', body: 'not found', delayMs: 0 };
  }
}
