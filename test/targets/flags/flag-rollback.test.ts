import { describe, expect, it } from 'vitest';
import { createRollbackTarget } from '../../../src/targets/rollback-registry.js';

/**
 * `rollback-target: flag` reads its inputs as canary-promote's flag targets
 * do, for the service `flag-service` names; every mistake is named in one
 * line, the token never repeated. (The kill switch itself runs against each
 * service in `<service>.test.ts` and end to end in `test/e2e/flag-rollout.test.ts`.)
 */
const create = (inputs: Record<string, string>) => createRollbackTarget((name) => inputs[name] ?? '', { env: {} });
const message = (inputs: Record<string, string>): string => {
  const made = create(inputs);
  return made.ok ? '' : made.error.message;
};
const UNLEASH = { 'rollback-target': 'flag', 'flag-service': 'unleash', flag: 'new-checkout', 'flag-api-token': '*:production.secret-token-123', 'flag-api-url': 'https://unleash.example.com', 'flag-environment': 'production' };

describe('rollback-target: flag', () => {
  it('builds the kill switch of the named service', () => {
    const made = create(UNLEASH);
    expect(made.ok && made.value?.kind).toBe('flag');
    expect(made.ok && made.value?.describe()).toContain('new-checkout');
  });

  it('needs flag-service, one of the four', () => {
    const { 'flag-service': _, ...rest } = UNLEASH;
    expect(message(rest)).toBe('input `flag-service` is required with rollback-target flag');
    expect(message({ ...UNLEASH, 'flag-service': 'optimizely' })).toMatch(/^input `flag-service`: must be one of flagsmith, posthog, unleash, launchdarkly/);
  });

  it('names each missing or bad input of the chosen service, never the token', () => {
    const { 'flag-api-url': _, 'flag-environment': __, ...rest } = UNLEASH;
    const missing = message(rest);
    expect(missing).toContain('input `flag-api-url` is required with rollback-target flag');
    expect(missing).toContain('input `flag-environment` is required with rollback-target flag');
    const badToken = message({ ...UNLEASH, 'flag-api-token': 'two words' });
    expect(badToken).toMatch(/^input `flag-api-token`: must be /);
    expect(badToken).not.toContain('two words');
    expect(message({ ...UNLEASH, flag: 'new checkout' })).toMatch(/^input `flag`: must be the flag key/);
  });

  it('refuses an input the chosen service does not read, and flag inputs without rollback-target', () => {
    // PostHog has no environments: the Unleash inputs' `flag-environment` is a stray there, named as such.
    expect(message({ ...UNLEASH, 'flag-service': 'posthog', 'flag-project': '42' })).toContain('input `flag-environment`: does not apply to flag-service posthog; remove it');
    expect(message({ flag: 'new-checkout' })).toMatch(/`rollback-target` is empty/);
  });
});
