import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VersionServer } from '../../support/version-server.js';

/**
 * A `/metrics` endpoint in the Prometheus text format for a version server
 * (whose error rate a test can switch mid-run): `http_requests_total` by
 * code, both codes exposed from the start at 0 so `rate()` sees the first
 * errors (Prometheus' instrumentation practices: "initialize your metrics").
 */
export async function startExposition(app: VersionServer): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    const body = [
      '# TYPE http_requests_total counter',
      `http_requests_total{code="200"} ${app.requests - app.errors}`,
      `http_requests_total{code="500"} ${app.errors}`,
      '',
    ].join('\n');
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
