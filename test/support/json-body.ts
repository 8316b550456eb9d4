import type { IncomingMessage } from 'node:http';

/**
 * Reads a request's whole body and hands it on parsed as JSON (undefined
 * when empty), for the local vendor servers. A body that is not JSON is
 * recorded in `problems`, their list of what the real service would refuse,
 * and handed on as undefined.
 */
export function onJsonBody(request: IncomingMessage, problems: string[], handle: (body: unknown) => void): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      problems.push(`${request.method ?? 'GET'} ${new URL(request.url ?? '/', 'http://127.0.0.1').pathname}: body is not JSON`);
    }
    handle(body);
  });
}
