import { MASK } from '../http/redact-url.js';

/**
 * Lighthouse writes the settings of a run into its LHR, `extraHeaders`
 * included, values and all (`configSettings.extraHeaders`), and the LHR is
 * what lighthouse-budget keeps in output-dir, renders as HTML and may upload
 * to an LHCI server. Header values are credentials as often as not (a
 * cookie, an Authorization header), so before anything keeps or shows the
 * LHR each value becomes `***`: the header names stay, so the LHR still says
 * which headers were sent. A value quoted anywhere else in the LHR (a page
 * that prints its request headers, a warning) is masked too, from
 * {@link MIN_QUOTED} characters: a shorter one (`DNT: 1`) is no credential,
 * and masking it would corrupt every URL and number that holds it.
 */
export const MIN_QUOTED = 8;

export function redactHeaderValues(lhr: Record<string, unknown>, headers: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  if (!headers || Object.keys(headers).length === 0) return lhr;
  const settings = lhr.configSettings as { extraHeaders?: Record<string, unknown> | null } | undefined;
  if (settings?.extraHeaders) settings.extraHeaders = Object.fromEntries(Object.keys(settings.extraHeaders).map((name) => [name, MASK]));
  // Longest first, so a value holding another is masked whole.
  const values = [...new Set(Object.values(headers).map((value) => value.trim()))].filter((value) => value.length >= MIN_QUOTED).sort((a, b) => b.length - a.length);
  return values.length === 0 ? lhr : (maskStrings(lhr, values) as Record<string, unknown>);
}

function maskStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => (text.includes(secret) ? text.split(secret).join(MASK) : text), value);
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, secrets));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [maskStrings(key, secrets), maskStrings(item, secrets)]));
  return value;
}
