import type { HealthCheckResult } from '../../sources/health-check.js';
import { redactUrl } from '../../sources/metrics/fetch-json.js';

/**
 * Health URLs may carry credentials (`user:pass@`, `?token=…`). What the
 * action shows (log lines, reasons, report rows, the summary, notifications)
 * names a URL only as `redactUrl` prints it; the URL as given is used for the
 * request and nothing else.
 */

/** Each URL as shown; two that print the same are numbered, so report rows keep distinct names. */
export function shownUrls(urls: readonly string[]): string[] {
  const shown = urls.map(showUrl);
  return shown.map((text, index) => (shown.indexOf(text) === shown.lastIndexOf(text) ? text : `${text} (#${index + 1})`));
}

/** `redactUrl`, and for text that does not parse as a URL, credentials and the query cut off by hand. */
export function showUrl(raw: string): string {
  if (!URL.canParse(raw)) return raw.replace(/\/\/[^/?#\s]*@/, '//').replace(/[?#].*$/, '?…');
  return redactUrl(raw);
}

/** Any URL inside a line of text (an error message that quotes the request), shown as `showUrl` shows it. */
export function scrubUrls(text: string): string {
  return text.replace(/https?:\/\/[^\s'"`<>)]+/g, (url) => showUrl(url.replace(/\/\/\*\*\*@/, '//')));
}

/** A health check's result as it may be shown: the URL redacted, and any URL its reason quotes too. */
export function shownResult(result: HealthCheckResult, shown: string): HealthCheckResult {
  return { ...result, url: shown, reason: scrubUrls(result.reason) };
}
