import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A preview deployment behind a header, as teams protect theirs (Vercel's
 * protection bypass, a basic-auth proxy, a bearer token at the CDN): every
 * request without `authorization: <credential>` gets a 401 page, so a
 * Lighthouse run that did not send the configured extraHeaders fails (a
 * 4xx document is a Lighthouse page-load error) instead of measuring the
 * sign-in page.
 *
 * The checkout page is built for `lighthouse:no-pwa`: an image without alt
 * text, a link and a button without names and no meta description fail
 * their audits whatever the machine's speed; it has a title, a language and
 * a viewport, which pass. No response names a cache lifetime, so the cache
 * audits (warn level in the preset) flag the image.
 */
export const CHECKOUT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout · Acme preview</title>
<link rel="icon" href="data:,">
</head>
<body>
<h1>Checkout</h1>
<img src="/acme-logo.svg" width="120" height="40">
<p>Your basket holds two items: a kettle and a teapot.</p>
<a href="/basket"></a>
<button type="button"></button>
</body>
</html>
`;

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#236"/></svg>';
const SIGN_IN = '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><p>Sign in to see this preview.</p></body></html>';

export interface ProtectedPreview {
  origin: string;
  /** Requests for the checkout page that carried the credential. */
  authorizedPageLoads: () => number;
  close: () => Promise<void>;
}

export async function serveProtectedPreview(credential: string): Promise<ProtectedPreview> {
  let authorizedPageLoads = 0;
  const server = createServer((request, response) => {
    if (request.headers.authorization !== credential) {
      response.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'www-authenticate': 'Bearer realm="preview"' }).end(SIGN_IN);
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://preview').pathname;
    if (pathname === '/checkout') {
      authorizedPageLoads++;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(CHECKOUT_PAGE);
    } else if (pathname === '/acme-logo.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(LOGO);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    authorizedPageLoads: () => authorizedPageLoads,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
