import { RENAMED_AUDITS } from '../../src/sources/lighthouse/renamed-audits.js';

/**
 * An LHR as LHCI's own Lighthouse (12.6.1, what @lhci/cli 0.15.1 runs)
 * writes it: the audits Lighthouse renamed since under their former ids.
 * The recorded fixtures are Lighthouse 12.8.2 runs, and LHCI's presets name
 * the former ids, so `lhci assert` on the raw fixtures fails those audits as
 * not run where `lhci autorun` (collecting with its own Lighthouse) judges
 * them. Parity tests hand `lhci assert` this form.
 */
export function asLhciLighthouseWrites<T extends { audits: Record<string, unknown> }>(lhr: T): T {
  const audits = { ...lhr.audits };
  for (const [former, renamed] of Object.entries(RENAMED_AUDITS)) {
    if (!(renamed in audits)) continue;
    audits[former] = audits[renamed];
    delete audits[renamed];
  }
  return { ...lhr, audits };
}
