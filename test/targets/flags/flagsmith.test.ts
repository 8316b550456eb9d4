import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTrafficTarget } from '../../../src/targets/registry.js';
import { createRollbackTarget } from '../../../src/targets/rollback-registry.js';
import type { RollbackTarget } from '../../../src/targets/rollback-target.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { type FlagsmithServer, type FsEnvironment, type FsFeature, type FsSegment, type SegmentRule, startFlagsmithServer } from '../../support/flagsmith-server.js';

/**
 * The Flagsmith service against the local Flagsmith API, which checks every
 * request and answer against Flagsmith's published description: canary
 * steps move only the rollout segment's % split, the rollout override is
 * turned on after the share is set, the kill switch turns it off, and every
 * misconfiguration is one line naming the input to fix.
 */
let flagsmith: FlagsmithServer;
const http = { sleep: async () => undefined, backoffMs: 1 };

beforeAll(async () => {
  flagsmith = await startFlagsmithServer();
});
afterAll(() => flagsmith.close());
afterEach(() => {
  expect(flagsmith.problems.splice(0)).toEqual([]);
});

const split = (value: string, ...others: SegmentRule['conditions']): SegmentRule[] => [
  { type: 'ALL', rules: [{ type: 'ALL', conditions: [{ operator: 'PERCENTAGE_SPLIT', property: null, value }, ...others] }], conditions: [] },
];

interface World {
  production: FsEnvironment;
  staging: FsEnvironment;
  feature: FsFeature;
  rollout: FsSegment;
}

let worlds = 0;
/** A fresh feature in two environments, its rollout segment overridden on in production at `value` %. */
function world(options: { value?: string; enabled?: boolean } = {}): World {
  worlds++;
  const production = flagsmith.addEnvironment(`Production${worlds}`);
  const staging = flagsmith.addEnvironment(`Staging${worlds}`);
  const feature = flagsmith.addFeature(`new_checkout_${worlds}`);
  const rollout = flagsmith.addSegment(`checkout rollout ${worlds}`, split(options.value ?? '0'), { metadata: [{ model_field: 3, field_value: 'team-payments' }] });
  flagsmith.addOverride(feature, rollout, production, { enabled: options.enabled ?? false, value: 'v2' });
  return { production, staging, feature, rollout };
}

function inputs(w: World, extra: Record<string, string> = {}): Record<string, string> {
  return { flag: w.feature.name, 'flag-api-token': flagsmith.token, 'flag-api-url': flagsmith.apiUrl, 'flag-environment': w.production.apiKey, ...extra };
}

function trafficTarget(given: Record<string, string>): TrafficTarget {
  const built = createTrafficTarget((name) => ({ 'traffic-target': 'flagsmith', ...given })[name] ?? '', { workspace: '.', env: {}, http });
  if (!built.ok || !built.value) throw new Error(built.ok ? 'no target' : built.error.message);
  return built.value;
}

function killSwitch(given: Record<string, string>): RollbackTarget {
  const built = createRollbackTarget((name) => ({ 'rollback-target': 'flag', 'flag-service': 'flagsmith', ...given })[name] ?? '', { env: {}, http });
  if (!built.ok || !built.value) throw new Error(built.ok ? 'no target' : built.error.message);
  return built.value;
}

const step = (canaryWeight: number) => ({ canaryWeight, canary: 'v2', stable: 'v1' });
const overrideOf = (w: World) => flagsmith.state.featureStates.find((fs) => fs.feature === w.feature.id && fs.featureSegment !== null && fs.environment === w.production.id)!;
const splitOf = (segment: FsSegment) => segment.rules[0]!.rules![0]!.conditions[0]!.value;

describe('flagsmith service as a traffic target', () => {
  it('promotes 5 → 25 → 100 by the rollout segment\'s % split, turning the override on after the first share is set', async () => {
    const w = world();
    const target = trafficTarget(inputs(w));
    expect(await target.currentWeight!()).toEqual({ ok: true, value: 0 });

    const writesAtStart = flagsmith.writes.length;
    const first = await target.setWeight(step(5));
    expect(first.ok && first.value.verification).toMatchObject({ passed: true });
    expect(splitOf(w.rollout)).toBe('5');
    expect(overrideOf(w).enabled).toBe(true);
    // The share first, then on: the PATCH of the segment precedes the PATCH of the override.
    expect(flagsmith.writes.slice(writesAtStart).map((write) => write.path)).toEqual([`/api/v1/projects/${flagsmith.projectId}/segments/${w.rollout.id}/`, `/api/v1/features/featurestates/${overrideOf(w).id}/`]);
    expect(first.ok && first.value.steps.map((step) => step.argv.slice(0, 2).join(' '))).toContain(`PATCH /projects/${flagsmith.projectId}/segments/${w.rollout.id}/`);

    const writesBefore = flagsmith.writes.length;
    const second = await target.setWeight(step(25));
    expect(second.ok && second.value.verification?.detail).toContain('% split 25%');
    expect(flagsmith.writes.length - writesBefore).toBe(1);
    expect(await target.setWeight(step(100))).toMatchObject({ ok: true, value: { verification: { passed: true } } });
    expect(splitOf(w.rollout)).toBe('100');
    expect(await target.currentWeight!()).toEqual({ ok: true, value: 100 });
  });

  it('keeps the segment\'s other rules, name and metadata, and leaves other environments, overrides and features as they were', async () => {
    const w = world();
    w.rollout.rules = split('10', { operator: 'EQUAL', property: 'plan', value: 'pro', description: 'paying users' });
    const beta = flagsmith.addSegment(`beta ${worlds}`, [{ type: 'ANY', conditions: [{ operator: 'EQUAL', property: 'beta', value: 'true' }] }]);
    const betaOverride = flagsmith.addOverride(w.feature, beta, w.production, { enabled: true, value: 'beta', priority: 0 });
    const otherFeature = flagsmith.addFeature(`search_${worlds}`, { enabledIn: [w.production.id] });
    const stagingDefault = flagsmith.defaultState(w.feature, w.staging);
    const before = JSON.stringify({ beta, betaOverride, stagingDefault, other: flagsmith.defaultState(otherFeature, w.production) });
    const target = trafficTarget(inputs(w));

    const moved = await target.setWeight(step(50));
    expect(moved.ok && moved.value.verification).toMatchObject({ passed: true });
    expect(moved.ok && moved.value.verification?.detail).toContain('of the identities matching its 1 other condition');
    expect(w.rollout.rules).toEqual(
      split('50', { operator: 'EQUAL', property: 'plan', value: 'pro', description: 'paying users' }).map((rule) => ({
        ...rule,
        rules: rule.rules!.map((inner) => ({ ...inner, conditions: inner.conditions.map((c) => ({ description: null, ...c })) })),
      })),
    );
    expect(w.rollout.name).toBe(`checkout rollout ${worlds}`);
    expect(w.rollout.metadata).toEqual([{ model_field: 3, field_value: 'team-payments' }]);
    expect(JSON.stringify({ beta, betaOverride, stagingDefault, other: flagsmith.defaultState(otherFeature, w.production) })).toBe(before);
    expect(flagsmith.defaultState(w.feature, w.production).enabled).toBe(false);
  });

  it('0% sets the split to 0 and turns the override off, as a split of 0 still admits the identity hashed to exactly 0', async () => {
    const w = world({ value: '30', enabled: true });
    const target = trafficTarget(inputs(w));
    expect(await target.setWeight(step(0))).toMatchObject({ ok: true, value: { verification: { passed: true } } });
    expect(splitOf(w.rollout)).toBe('0');
    expect(overrideOf(w).enabled).toBe(false);
    // Starting again turns it back on after the share is set.
    expect(await target.setWeight(step(5))).toMatchObject({ ok: true, value: { verification: { passed: true } } });
    expect([splitOf(w.rollout), overrideOf(w).enabled]).toEqual(['5', true]);
  });

  it('reads lists across pages (Flagsmith pages by 10)', async () => {
    const w = world({ value: '20', enabled: true });
    for (let i = 0; i < 12; i++) flagsmith.addOverride(w.feature, flagsmith.addSegment(`cohort ${worlds}-${i}`, [{ type: 'ALL', conditions: [{ operator: 'EQUAL', property: 'cohort', value: String(i) }] }]), w.production, { enabled: true });
    expect(await trafficTarget(inputs(w)).currentWeight!()).toEqual({ ok: true, value: 20 });
    expect(flagsmith.requests.some((request) => request.includes('/features/feature-segments/') && request.includes('page=2'))).toBe(true);
  });
});

describe('flagsmith kill switch (rollback-target: flag, flag-service: flagsmith)', () => {
  it('turns the rollout override off, leaves the split, and reads it back off', async () => {
    const w = world({ value: '25', enabled: true });
    const rolled = await killSwitch(inputs(w)).rollBack({ version: 'v2', lastGood: null });
    expect(rolled).toMatchObject({ ok: true, value: { alreadyRestored: false, verification: { passed: true } } });
    expect(rolled.ok && rolled.value.calls.at(-1)).toBe(`PATCH /features/featurestates/${overrideOf(w).id}/ → 200`);
    expect(overrideOf(w).enabled).toBe(false);
    expect(splitOf(w.rollout)).toBe('25');
    const again = await killSwitch(inputs(w)).rollBack({ version: 'v2', lastGood: null });
    expect(again).toMatchObject({ ok: true, value: { alreadyRestored: true, calls: [] } });
  });

  it('turns off a rollout whose segment other environments share: turning it off changes only this environment', async () => {
    const w = world({ value: '25', enabled: true });
    flagsmith.addOverride(w.feature, w.rollout, w.staging, { enabled: true });
    expect(await killSwitch(inputs(w)).rollBack({ version: 'v2', lastGood: null })).toMatchObject({ ok: true, value: { verification: { passed: true } } });
    expect(flagsmith.state.featureStates.find((fs) => fs.environment === w.staging.id && fs.featureSegment !== null)!.enabled).toBe(true);
  });
});

describe('flagsmith configuration faults', () => {
  const faultOf = async (target: TrafficTarget) => {
    const read = await target.currentWeight!();
    expect(read.ok).toBe(false);
    const error = (read as { error: { kind: string; message: string } }).error;
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(flagsmith.token);
    return error;
  };

  it('an unknown feature names `flag`', async () => {
    const w = world();
    const error = await faultOf(trafficTarget(inputs(w, { flag: 'new_checkout_typo' })));
    expect(error).toMatchObject({ kind: 'config' });
    expect(error.message).toMatch(/no feature named new_checkout_typo \(flag\)/);
  });

  it('an unknown environment key names `flag-environment`; a server-side key is refused before any call', async () => {
    const w = world();
    expect((await faultOf(trafficTarget(inputs(w, { 'flag-environment': 'NoSuchEnvironmentKey' })))).message).toMatch(/flag-environment \(NoSuchEnvironmentKey\)/);
    const calls = flagsmith.requests.length;
    expect((await faultOf(trafficTarget(inputs(w, { 'flag-environment': w.production.serverKey })))).message).toMatch(/flag-environment .* server-side SDK key/);
    expect(flagsmith.requests.length).toBe(calls);
  });

  it('401 and 403 name `flag-api-token` and what the key needs', async () => {
    const w = world();
    const unknown = await faultOf(trafficTarget(inputs(w, { 'flag-api-token': 'not-a-key' })));
    expect(unknown).toMatchObject({ kind: 'config' });
    expect(unknown.message).toMatch(/HTTP 401.*flag-api-token must be an Admin API key/);
    const readOnly = await trafficTarget(inputs(w, { 'flag-api-token': flagsmith.readOnlyToken })).setWeight(step(5));
    expect(readOnly).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(!readOnly.ok && readOnly.error.message).toMatch(/HTTP 403: You do not have permission.*flag-api-token must be .*manage its segments/);
    expect(splitOf(w.rollout)).toBe('0');
  });

  it('a feature without a % split override says what to add in Flagsmith', async () => {
    const w = world();
    const plain = flagsmith.addFeature(`plain_${worlds}`);
    flagsmith.addOverride(plain, flagsmith.addSegment(`pros ${worlds}`, [{ type: 'ALL', conditions: [{ operator: 'EQUAL', property: 'plan', value: 'pro' }] }]), w.production);
    const error = await faultOf(trafficTarget(inputs(w, { flag: plain.name })));
    expect(error.message).toMatch(/has no percentage rollout in environment .*Segment Overrides/);
  });

  it('two % split overrides are ambiguous and named', async () => {
    const w = world();
    flagsmith.addOverride(w.feature, flagsmith.addSegment(`second split ${worlds}`, split('50')), w.production);
    expect((await faultOf(trafficTarget(inputs(w)))).message).toMatch(/2 segment overrides with a % split .*checkout rollout \d+, second split \d+.*ambiguous/);
  });

  it('a split ORed with other conditions is not a share', async () => {
    const w = world();
    w.rollout.rules = [{ type: 'ANY', conditions: [{ operator: 'PERCENTAGE_SPLIT', property: null, value: '10' }, { operator: 'EQUAL', property: 'staff', value: 'true' }] }];
    expect((await faultOf(trafficTarget(inputs(w)))).message).toMatch(/% Split inside an ANY rule/);
  });

  it('an environment that serves the feature to everyone is refused: the split would decide nothing', async () => {
    const w = world();
    flagsmith.defaultState(w.feature, w.production).enabled = true;
    expect((await faultOf(trafficTarget(inputs(w)))).message).toMatch(/is on for every identity in environment Production\d+/);
  });

  it('a segment shared with another environment or feature is refused before anything is written', async () => {
    const w = world();
    flagsmith.addOverride(w.feature, w.rollout, w.staging);
    const target = trafficTarget(inputs(w));
    const writes = flagsmith.writes.length;
    const moved = await target.setWeight(step(5));
    expect(moved).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(!moved.ok && moved.error.message).toMatch(/also serves environment \d+ .*give new_checkout_\d+ in Production\d+ a segment of its own/);
    expect(flagsmith.writes.length).toBe(writes);
  });

  it('an environment with feature versioning is refused', async () => {
    const w = world();
    w.production.v2Versioning = true;
    expect((await faultOf(trafficTarget(inputs(w)))).message).toMatch(/uses feature versioning/);
  });

  it('a split that is not a number is malformed', async () => {
    const w = world({ value: 'half' });
    expect(await faultOf(trafficTarget(inputs(w)))).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/% Split of "half"/) });
  });

  it('a 5xx that persists is a provider fault', async () => {
    const w = world();
    flagsmith.inject('/environments/', ...Array.from({ length: 20 }, () => ({ status: 503 })));
    expect(await faultOf(trafficTarget(inputs(w)))).toMatchObject({ kind: 'provider', message: expect.stringMatching(/503/) });
    flagsmith.clearInjected();
  });

  it('bad inputs are one line naming the input', () => {
    const built = createTrafficTarget((name) => ({ 'traffic-target': 'flagsmith', flag: 'has space', 'flag-api-token': 'ok', 'flag-api-url': 'ftp://x', 'flag-project': '3' })[name] ?? '', { workspace: '.', env: {}, http });
    expect(built.ok).toBe(false);
    const message = !built.ok ? built.error.message : '';
    expect(message).not.toContain('\n');
    for (const input of ['flag', 'flag-api-url', 'flag-environment', 'flag-project']) expect(message).toContain(input);
  });
});
