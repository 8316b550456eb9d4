import { type Result, err, ok } from '../../engine/result.js';

/**
 * `lhci upload`'s `urlReplacementPatterns`: sed-like `s<d>needle<d>replacement<d>flags`
 * patterns applied in order to each run's URL before it is stored, so the
 * server groups runs of one page whose URLs differ in a port or an id.
 * The same rules as @lhci/utils' replaceUrlPatterns (saved-reports.js), whose
 * module cannot be bundled: another of its functions imports all of
 * Lighthouse (17 MB in the bundle). test/actions/lighthouse-budget/upload-plan.test.ts
 * holds this to LHCI's function.
 */
export interface UrlReplacement {
  pattern: string;
  regex: RegExp;
  replacement: string;
}

/** `lhci upload`'s defaults: ports and UUIDs, which differ between runs of one page. */
export const LHCI_URL_REPLACEMENT_PATTERNS: readonly string[] = ['s#:[0-9]{3,5}/#:PORT/#', 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UUID/ig'];

export function parseUrlReplacement(pattern: string): Result<UrlReplacement> {
  const match = /^s(.)(.*)\1(.*)\1([gim]*)$/.exec(pattern);
  if (!match) return err(`Invalid URL replacement pattern "${pattern}"`);
  const [, , needle = '', replacement = '', flags = ''] = match;
  try {
    return ok({ pattern, regex: new RegExp(needle, flags), replacement });
  } catch {
    return err(`Invalid regular expression in URL replacement pattern "${pattern}"`);
  }
}

export function replaceUrl(url: string, replacements: readonly UrlReplacement[]): string {
  return replacements.reduce((replaced, { regex, replacement }) => replaced.replace(regex, replacement), url);
}
