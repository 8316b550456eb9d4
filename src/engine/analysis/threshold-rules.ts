import { type Result, ok, err } from '../result.js';
import type { Threshold } from './config.js';
import type { AnalysisMode, Problem } from './parse-metric.js';
import type { KeyPath } from './yaml-document.js';

/**
 * Checks a metric's thresholds as a set: there is at least one, single-version
 * mode has no baseline to be relative to, and a warning comes before the
 * failure it warns of (`warn-max: 10%` above `max: 5%` could never fire, so it
 * is a typo, not a preference).
 */
export function checkThresholds(thresholds: readonly Threshold[], mode: AnalysisMode, at: (...keys: string[]) => KeyPath): Result<true, Problem> {
  if (thresholds.length === 0) {
    return err({ path: at(), message: 'has no threshold; give max, min, max-increase or max-decrease (or their warn- forms)' });
  }
  const relative = thresholds.find((t) => t.kind === 'relative');
  if (mode === 'live' && relative) {
    return err({ path: at(relative.key), message: 'single-version mode has no baseline to compare with; use max or min' });
  }
  const find = (key: string) => thresholds.find((t) => t.key === key);
  for (const { low, high, relation } of ORDER) {
    const lower = find(low);
    const upper = find(high);
    if (lower && upper && lower.value > upper.value) {
      const [subject, other] = relation === 'warn-below' ? [lower, upper] : [upper, lower];
      const word = relation === 'warn-below' ? 'above' : 'below';
      return err({ path: at(subject.key), message: `is ${word} \`${other.key}\`; ${relation === 'range' ? 'no value could pass' : 'a warning must come before the failure'}` });
    }
  }
  return ok(true);
}

/** Pairs that must be ordered low ≤ high, and which key is at fault when they are not. */
const ORDER: readonly { low: string; high: string; relation: 'warn-below' | 'warn-above' | 'range' }[] = [
  { low: 'warn-max', high: 'max', relation: 'warn-below' },
  { low: 'warn-max-increase', high: 'max-increase', relation: 'warn-below' },
  { low: 'warn-max-decrease', high: 'max-decrease', relation: 'warn-below' },
  { low: 'min', high: 'warn-min', relation: 'warn-above' },
  { low: 'min', high: 'max', relation: 'range' },
];
