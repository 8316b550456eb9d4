/**
 * Reads a response body with a byte cap, so an answer of any size costs at
 * most the cap in memory (a 1.5 GB Prometheus answer once took a run to 9 GB
 * of RSS). The caller's abort signal stops the read too: the body is read
 * inside the attempt's timeout, never after it.
 */
export interface BodyText {
  text: string;
  /** True when the body was longer than the cap and only its start was kept. */
  isCut: boolean;
}

/** 16 MiB: far above any metric query's answer, far below what hurts a runner (7 GB of RAM on GitHub's standard Linux runners). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<BodyText> {
  if (body === null) return { text: '', isCut: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: decode(chunks), isCut: false };
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      // Not awaited: a server that stalls must not hold us once we have stopped reading.
      reader.cancel().catch(() => undefined);
      return { text: decode(chunks), isCut: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}

/** Lets go of a body that will not be read, without waiting for the server. */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** The Content-Length a server declared, when it is a number. */
export function declaredLength(response: Response): number | null {
  const raw = response.headers.get('content-length');
  const length = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

function decode(chunks: Uint8Array[]): string {
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** `16 MB` for messages. */
export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}
