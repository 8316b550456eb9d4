import type { BreachRule } from '../../engine/breach.js';
import { parseExpectedStatus } from '../../sources/health-check.js';
import type { InputReader } from '../shared/input-reader.js';
import { readDuration } from './durations.js';
import { showUrl } from './shown-url.js';

/** The health-check inputs of `actions/auto-rollback/action.yml`. */
export interface HealthInputs {
  /** As given: they may carry credentials, so they are shown only through `shown-url.ts`. */
  urls: string[];
  expectedStatus: number[];
  timeoutMs: number;
  /** "More than `max-failures` in `window`" as N-of-M checks (see `healthRule`). */
  maxFailures: number;
  windowMs: number;
}

/**
 * The runbooks' "more than 3 health-check failures in 5 minutes"; ten
 * seconds for one check, as Kubernetes' probes allow at most by default.
 */
export const HEALTH_DEFAULTS = { maxFailures: 3, window: '5m', healthTimeout: '10s', expectedStatus: '200' } as const;

export function readHealth(read: InputReader): HealthInputs {
  const urls = read.lines('health-urls');
  for (const url of urls) {
    // The line is shown redacted: a URL with a typo may still carry a password.
    if (!/^https?:\/\/\S+$/.test(url)) read.problem(`input \`health-urls\`: each line must be one http:// or https:// URL, got \`${showUrl(url)}\``);
  }
  const statusText = read.string('expected-status') ?? HEALTH_DEFAULTS.expectedStatus;
  const expected = parseExpectedStatus(statusText);
  if (!expected.ok) read.problem(`input \`expected-status\`: ${expected.error}`);
  const maxFailures = read.quantity('max-failures', 'count') ?? HEALTH_DEFAULTS.maxFailures;
  return {
    urls,
    expectedStatus: expected.ok ? expected.value : [],
    timeoutMs: readDuration(read, 'health-timeout', HEALTH_DEFAULTS.healthTimeout, 1),
    maxFailures,
    windowMs: readDuration(read, 'window', HEALTH_DEFAULTS.window, 1),
  };
}

/**
 * "More than `max-failures` health-check failures in `window`", counted in
 * checks rather than clock time so that a slow poll cannot shrink or stretch
 * the window: N = max-failures + 1 failures among the last M = window ÷
 * interval checks of one URL (at least N, so the rule can fire).
 */
export function healthRule(health: HealthInputs, intervalMs: number): BreachRule {
  const n = health.maxFailures + 1;
  return { kind: 'n-of-m', n, m: Math.max(n, Math.round(health.windowMs / intervalMs)) };
}
