import { compare } from '../exact.js';
import { type Result, ok, err } from '../result.js';
import type { AnalysisMode, Problem, Threshold } from './config.js';
import type { KeyPath } from './yaml-document.js';

/** What the thresholds must allow for, from where the analysis is used. */
export interface ThresholdRules {
  mode: AnalysisMode;
  /**
   * Every metric needs a failing-level absolute threshold (`max` or `min`):
   * canary-promote judges its 100% step, and blue-green's post-promotion
   * analysis, on absolute thresholds alone, since the baseline then serves
   * no traffic; a metric with only `max-increase` would be judged by nothing
   * there.
   */
  absoluteRequired: boolean;
}

/**
 * Checks a metric's thresholds as a set: at least one can fail (a metric
 * held only to warn- levels can never hold or roll back anything, so it
 * would count as evidence of health without being able to show harm),
 * single-version mode has no baseline to be relative to, and a warning comes
 * before the failure it warns of (`warn-max: 10%` above `max: 5%` could never
 * fire, so it is a typo, not a preference).
 */
export function checkThresholds(thresholds: readonly Threshold[], rules: ThresholdRules, at: (...keys: string[]) => KeyPath): Result<true, Problem> {
  if (thresholds.length === 0) {
    return err({ path: at(), message: 'has no threshold; give max, min, max-increase or max-decrease (or their warn- forms)' });
  }
  if (!thresholds.some((t) => t.level === 'fail')) {
    return err({ path: at(thresholds[0]!.key), message: 'has only warn- thresholds, which never hold or roll back; add one that fails: max, min, max-increase or max-decrease' });
  }
  const relative = thresholds.find((t) => t.kind === 'relative');
  if (rules.mode === 'live' && relative) {
    return err({ path: at(relative.key), message: 'single-version mode has no baseline to compare with; use max or min' });
  }
  if (rules.absoluteRequired && !thresholds.some((t) => t.kind === 'absolute' && t.level === 'fail')) {
    const key = relative?.key ?? thresholds[0]!.key;
    return err({
      path: at(key),
      message: 'is the only kind of threshold here, but at 100% traffic (and after a blue-green switch) the baseline serves nothing, so only an absolute threshold can judge that step; add `max` or `min` to this metric',
    });
  }
  const find = (key: string) => thresholds.find((t) => t.key === key);
  for (const { low, high, relation } of ORDER) {
    const lower = find(low);
    const upper = find(high);
    if (lower && upper && compare(lower.exact, upper.exact) > 0) {
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
