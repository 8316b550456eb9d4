/**
 * URLs as they may be shown in logs, summaries, reports and messages. A
 * URL given to rollout-guard can hold secrets in two places: the userinfo
 * (`https://user:pass@host`) and the query (`?token=…`, `?api_key=…`, or a
 * name nobody would guess is secret), so every query value is masked, not
 * only those with secret-looking names; the names stay, so the URL is still
 * recognisable. A webhook's path is its secret too: for those, show
 * {@link hostOf} only.
 */
export const MASK = '***';

/** A query value that is only a template placeholder (`{{series}}`) is filled in per request and holds no secret; it stays readable. */
const PLACEHOLDER = /^\{\{\s*[\w-]+\s*\}\}$/;

/** `https://***@host/path?query=***&token=***#…`: userinfo and every query value masked. Text that is not a URL is returned unchanged. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  const userinfo = url.username !== '' || url.password !== '' ? `${MASK}@` : '';
  const pairs = [...url.searchParams.entries()];
  const query = pairs.length > 0 ? `?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${PLACEHOLDER.test(value) ? value : MASK}`).join('&')}` : '';
  const fragment = url.hash !== '' ? `#${MASK}` : '';
  return `${url.protocol}//${userinfo}${url.host}${url.pathname}${query}${fragment}`;
}

/** A URL's host, the only part of a webhook URL safe to show (a Slack webhook's path is its secret). */
export function hostOf(raw: string): string {
  try {
    return new URL(raw).host;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * The parts of a URL that may be secret, for a redactor to mask wherever
 * they show up in text: the userinfo (decoded and as written), every query
 * value, and, when `withPath`, the path (a webhook's token lives there).
 */
export function secretPartsOfUrl(raw: string, withPath = false): string[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [];
  }
  const parts = [url.username, url.password, safeDecode(url.username), safeDecode(url.password), ...url.searchParams.values()];
  for (const [, value] of url.search.slice(1).split('&').map((pair) => pair.split('='))) parts.push(value ?? '');
  // Token-like segments: Slack's secret is 24 characters; `services` and its team and channel ids are no secrets.
  if (withPath && url.pathname !== '/') parts.push(url.pathname, ...url.pathname.split('/').filter((segment) => segment.length >= 16));
  return [...new Set(parts.filter((part) => part !== ''))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
