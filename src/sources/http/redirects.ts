/**
 * Which redirects a request may follow. `fetch` follows redirects itself and
 * re-sends every header it was given to wherever the server points, so a
 * Datadog key or a bearer token could reach another host; we follow them by
 * hand instead (`redirect: 'manual'`), by these rules:
 * - to the same origin (scheme, host and port), always, with everything;
 *   an upgrade from http to https on the same host and default ports counts
 *   as the same origin (nothing is sent less safely than before);
 * - to another origin, only when the request carries nothing secret: no
 *   credentials, no custom headers (a tenant id is the caller's business
 *   with that host only), no userinfo, and a URL that is not itself a
 *   secret (a webhook); otherwise the redirect is refused and said so.
 * At most {@link MAX_REDIRECTS} hops, and a request other than a GET only
 * follows 307 and 308, which keep its method and body (301/302/303 would
 * turn it into a GET).
 */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const BODY_KEEPING_STATUSES: ReadonlySet<number> = new Set([307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** A POST, PUT, PATCH or DELETE that gets a 301/302/303 is answered as it stands: resending the body as a GET would be another request. */
export function mayFollow(method: string, status: number): boolean {
  return method === 'GET' || BODY_KEEPING_STATUSES.has(status);
}

export function isSameOrigin(from: URL, to: URL): boolean {
  if (from.origin === to.origin) return true;
  return from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname && from.port === '' && to.port === '';
}
