import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server playing a webhook receiver (a Slack incoming webhook, a
 * generic JSON endpoint): records each POST's path, headers and parsed body,
 * and answers from a script of statuses, then 200 with `answer` (Slack's
 * receivers answer `ok`).
 */
export interface ReceivedHook {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface WebhookServer {
  url: string;
  received: ReceivedHook[];
  /** The next answers, in order: a status, with headers and a body. */
  script(...answers: Array<{ status: number; body?: string; headers?: Record<string, string> }>): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startWebhookServer(answer = 'ok'): Promise<WebhookServer> {
  const received: ReceivedHook[] = [];
  let scripted: Array<{ status: number; body?: string; headers?: Record<string, string> }> = [];
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      let body: unknown = text;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // kept as text
      }
      received.push({ path: request.url ?? '', headers: request.headers, body });
      const next = scripted.shift() ?? { status: 200, body: answer };
      response.writeHead(next.status, { 'content-type': 'text/plain', ...next.headers });
      response.end(next.body ?? '');
    });
  };
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    script: (...answers) => void (scripted = [...scripted, ...answers]),
    reset: () => {
      received.length = 0;
      scripted = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
