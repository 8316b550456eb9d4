/**
 * Audits that Lighthouse renamed after 12.6.1, the Lighthouse that
 * @lhci/cli 0.15.1 runs (and so treosh/lighthouse-ci-action, and `lhci
 * autorun`): the same insight under a new id. LHCI 0.15.1's presets
 * (`lighthouse:all`, `lighthouse:recommended`, `lighthouse:no-pwa`) and
 * configs written against LHCI's Lighthouse assert the old ids; the
 * Lighthouse this action runs writes only the new ones, so each such
 * assertion would fail as "audit not run" on every page, where LHCI with its
 * own Lighthouse judges the audit. Measured by diffing the audit ids of a
 * Lighthouse 12.6.1 run and a 12.8.2 run of the same page: these two are
 * the only ids gone, each replaced by its renamed twin.
 */
export const RENAMED_AUDITS: Readonly<Record<string, string>> = {
  'lcp-phases-insight': 'lcp-breakdown-insight',
  'interaction-to-next-paint-insight': 'inp-breakdown-insight',
};

type LhrLike = { audits?: Record<string, unknown> };

/**
 * The LHR as assertions see it: each renamed audit also under its former id
 * (the same result object), where the run has the new id and not the old.
 * A copy; the LHR itself, which is kept and uploaded, is left as Lighthouse
 * wrote it. Results of a Lighthouse that still writes the old id are
 * unchanged.
 */
export function withFormerAuditIds<T extends object>(lhr: T): T {
  const audits = (lhr as LhrLike).audits;
  if (audits === undefined || audits === null || typeof audits !== 'object') return lhr;
  const former = Object.entries(RENAMED_AUDITS).filter(([old, renamed]) => !(old in audits) && renamed in audits);
  if (former.length === 0) return lhr;
  return { ...lhr, audits: { ...audits, ...Object.fromEntries(former.map(([old, renamed]) => [old, audits[renamed]])) } };
}
