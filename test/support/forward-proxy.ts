import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

/**
 * A forward proxy on 127.0.0.1, as self-hosted runners sit behind: plain
 * HTTP requests in absolute form (`GET http://host/path`) are passed on,
 * and `CONNECT host:port` opens a tunnel for HTTPS. Every request is
 * recorded (method and target), so a test can tell what went through it.
 *
 * Only the proxy can reach hosts under `.invalid` (RFC 2606: never resolved
 * by DNS): it dials them on 127.0.0.1. A service named so is reachable
 * through the proxy alone, as on a runner whose direct connections are
 * refused, and a call that ignores the proxy fails with ENOTFOUND.
 */
export interface ForwardProxy {
  url: string;
  /** `GET http://127.0.0.1:1234/healthz`, `CONNECT api.example.com:443`. */
  seen: string[];
  close(): Promise<void>;
}

/** The address the proxy dials for a host: `.invalid` names are the test's own services on loopback. */
const dial = (host: string): string => (host.endsWith('.invalid') ? '127.0.0.1' : host);

export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: string[] = [];
  // Tunnels are no longer the HTTP server's connections, so closeAllConnections leaves them open; close drops them.
  const tunnels = new Set<{ destroy(): void }>();
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    let target: URL;
    try {
      target = new URL(incoming.url ?? '');
    } catch {
      outgoing.writeHead(400).end('absolute URL required');
      return;
    }
    const upstream = httpRequest({ host: dial(target.hostname), port: target.port, path: `${target.pathname}${target.search}`, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end('upstream failed'));
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming: IncomingMessage, socket, head) => {
    seen.push(`CONNECT ${incoming.url}`);
    const [host, port] = (incoming.url ?? '').split(':');
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    const upstream = connect(Number(port), dial(host ?? ''), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const tunnel of tunnels) tunnel.destroy();
        server.close(() => resolve());
      }),
  };
}
