import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import serveStatic from 'serve-static';
import { STATIC_HOST } from './static-site.js';

/**
 * The server `lhci collect` starts for `staticDistDir` (its FallbackServer),
 * with the same parts: gzip by `compression` and files by `serve-static`
 * (what express.static is), so transfer sizes, content types and caching
 * headers (which resource-summary budgets and several audits read) are
 * those LHCI measures; the folder is also served under `/app`, and with
 * `isSinglePageApplication` any other path answers index.html. It listens
 * on 127.0.0.1 only: nothing outside the machine needs to reach a build
 * under test. Loaded only when a config names a staticDistDir.
 */
export interface StaticServer {
  port: number;
  /** `http://localhost:<port>`. */
  origin: string;
  close(): Promise<void>;
}

type Next = (error?: unknown) => void;
type Handler = (request: IncomingMessage, response: ServerResponse, next: Next) => void;

export async function startStaticServer(dir: string, singlePageApplication: boolean): Promise<StaticServer> {
  const files = serveStatic(dir) as Handler;
  const gzip = compression() as Handler;
  const notFound = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(`Cannot ${request.method ?? 'GET'} ${new URL(request.url ?? '/', 'http://x').pathname}`);
  };
  const server = createServer((request, response) => {
    const original = request.url ?? '/';
    gzip(request, response, () => {
      files(request, response, () => {
        // express.static mounted at /app too: the same files under that prefix.
        const underApp = /^\/app(\/|$|\?)/.exec(original);
        const fallback = () => {
          if (!singlePageApplication) return notFound(request, response);
          request.url = '/index.html';
          files(request, response, () => notFound(request, response));
        };
        if (!underApp) return fallback();
        request.url = original.slice('/app'.length) || '/';
        if (!request.url.startsWith('/')) request.url = `/${request.url}`;
        files(request, response, fallback);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://${STATIC_HOST}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
