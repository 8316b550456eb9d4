/** The two connect-style middlewares the staticDistDir server uses (no @types installed: only their call shape is needed). */
declare module 'serve-static' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  function serveStatic(root: string, options?: Record<string, unknown>): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
  export default serveStatic;
}

declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  function compression(options?: Record<string, unknown>): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
  export default compression;
}
