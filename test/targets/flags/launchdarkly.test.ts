import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HttpOptions } from '../../../src/sources/http/send-request.js';
import { flagRollbackTarget } from '../../../src/targets/flags/flag-rollback.js';
import type { FlagService } from '../../../src/targets/flags/flag-service.js';
import { flagTrafficKind } from '../../../src/targets/flags/flag-target.js';
import { launchDarklyService } from '../../../src/targets/flags/launchdarkly.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { type LaunchDarklyServer, type LdFlag, booleanFlag, startLaunchDarklyServer } from '../../support/launchdarkly-server.js';

/**
 * The LaunchDarkly flag service against the local LaunchDarkly, which checks
 * every request and answer against LaunchDarkly's published description and
 * applies the semantic patches it receives: the default rule's rollout as
 * canary-promote's traffic target, the kill switch of auto-rollback, what is
 * left untouched, and each configuration fault.
 */
const FLAG = 'new-checkout';
let ld: LaunchDarklyServer;
const sleeps: number[] = [];
const http: HttpOptions = { sleep: async (ms) => void sleeps.push(ms), backoffMs: 10 };

beforeAll(async () => {
  ld = await startLaunchDarklyServer();
});
afterAll(() => ld.close());
beforeEach(() => {
  ld.reset();
  sleeps.length = 0;
  ld.flags.set(FLAG, booleanFlag(FLAG));
});

function inputs(overrides: Record<string, string> = {}): Record<string, string> {
  return { flag: FLAG, 'flag-api-token': ld.token, 'flag-api-url': ld.url, 'flag-project': ld.projectKey, 'flag-environment': 'production', ...overrides };
}
function service(overrides: Record<string, string> = {}): FlagService {
  return launchDarklyService.create(launchDarklyService.schema.parse(inputs(overrides)), http);
}
function target(overrides: Record<string, string> = {}): TrafficTarget {
  const kind = flagTrafficKind(launchDarklyService);
  return kind.create(kind.schema.parse(inputs(overrides)), 5_000, { workspace: '.', env: {}, http });
}
const production = (key = FLAG) => ld.flags.get(key)!.environments.production!;
const weights = (key = FLAG) => production(key).fallthrough.rollout!.variations.map((entry) => entry.weight);
const step = (canaryWeight: number) => ({ canaryWeight, canary: 'v2', stable: 'v1' });

describe('launchdarkly flag service', () => {
  it('reads the default rule: the share of the `true` variation, on or off', async () => {
    ld.flags.set(FLAG, booleanFlag(FLAG, { percentage: 12.5, on: true }));
    const read = await service().read();
    expect(read).toEqual({ ok: true, value: { enabled: true, percentage: 12.5, detail: 'on, default rule 12.5% true / 87.5% false (by user key)' } });
    expect(ld.calls.map((call) => call.path)).toEqual([`/api/v2/flags/shop/${FLAG}?env=production`]);
    expect(ld.calls[0]).toMatchObject({ authorization: ld.token, apiVersion: '20240415' });
    expect(ld.problems).toEqual([]);
  });

  it('promotes: sets the weights, then turns the flag on in the same semantic patch, and reads 5% back', async () => {
    const changed = await target().setWeight(step(5));
    expect(changed.ok && changed.value.verification).toEqual({ passed: true, detail: expect.stringContaining('reads back on, default rule 5% true / 95% false') });
    expect(weights()).toEqual([5_000, 95_000]);
    expect(production().on).toBe(true);
    const [patch] = ld.patches();
    expect(patch).toEqual({
      environmentKey: 'production',
      comment: 'rollout-guard: default rule to 5% true',
      instructions: [
        { kind: 'updateFallthroughVariationOrRollout', rolloutWeights: { [`${FLAG}-true-7a1e`]: 5_000, [`${FLAG}-false-3c9d`]: 95_000 } },
        { kind: 'turnFlagOn' },
      ],
      query: '',
    });
    const sent = ld.calls.find((call) => call.method === 'PATCH')!;
    expect(sent.contentType).toBe('application/json; domain-model=launchdarkly.semanticpatch');
    expect(sent.authorization).toBe(ld.token);
    expect(changed.ok && changed.value.steps.map((s) => s.argv.join(' '))).toEqual([`GET /api/v2/flags/shop/${FLAG}`, `PATCH /api/v2/flags/shop/${FLAG}`]);
    expect(ld.problems).toEqual([]);
  });

  it('steps up to 100% without sending turnFlagOn again, and the salt never changes', async () => {
    const salt = production().salt;
    for (const weight of [5, 25, 50, 100]) {
      const changed = await target().setWeight(step(weight));
      expect(changed.ok && changed.value.verification?.passed).toBe(true);
      expect(weights()[0]).toBe(weight * 1000);
    }
    expect(weights()).toEqual([100_000, 0]);
    expect(production().salt).toBe(salt);
    expect(ld.patches().map((patch) => patch.instructions.map((instruction) => instruction.kind))).toEqual([
      ['updateFallthroughVariationOrRollout', 'turnFlagOn'],
      ['updateFallthroughVariationOrRollout'],
      ['updateFallthroughVariationOrRollout'],
      ['updateFallthroughVariationOrRollout'],
    ]);
    expect(ld.problems).toEqual([]);
  });

  it('rolls back to 0%: the share to nobody, the flag left on', async () => {
    ld.flags.set(FLAG, booleanFlag(FLAG, { percentage: 25, on: true }));
    const changed = await target().setWeight(step(0));
    expect(changed.ok && changed.value.verification?.passed).toBe(true);
    expect(weights()).toEqual([0, 100_000]);
    expect(production().on).toBe(true);
    expect(ld.patches()[0]!.instructions).toHaveLength(1);
  });

  it('a share already served changes nothing', async () => {
    ld.flags.set(FLAG, booleanFlag(FLAG, { percentage: 25, on: true }));
    const changed = await target().setWeight(step(25));
    expect(changed.ok && changed.value.steps).toEqual([]);
    expect(ld.patches()).toEqual([]);
  });

  it('the kill switch (rollback-target: flag, flag-service: launchdarkly) turns the flag off and leaves the rollout as it was', async () => {
    ld.flags.set(FLAG, booleanFlag(FLAG, { percentage: 25, on: true }));
    const config = flagRollbackTarget.schema.parse({ 'flag-service': 'launchdarkly', ...inputs() });
    const rolled = await flagRollbackTarget.create(config, { env: {}, http }).rollBack({ version: 'v2', lastGood: null });
    expect(rolled.ok && rolled.value).toMatchObject({
      target: `LaunchDarkly flag ${FLAG} in project shop, environment production`,
      alreadyRestored: false,
      calls: [`PATCH /api/v2/flags/shop/${FLAG} → 200`],
      verification: { passed: true, detail: 'the flag reads back off, default rule 25% true / 75% false (by user key)' },
    });
    expect(production().on).toBe(false);
    expect(weights()).toEqual([25_000, 75_000]);
    // A pending scheduled change or approval request must not hold the kill switch back.
    expect(ld.patches()).toEqual([{ environmentKey: 'production', comment: 'rollout-guard: kill switch', instructions: [{ kind: 'turnFlagOff' }], query: 'ignoreConflicts=true' }]);
    expect(ld.problems).toEqual([]);
  });

  it('leaves targets, rules, prerequisites, the off variation and the other environment exactly as they were', async () => {
    const flag = booleanFlag(FLAG, { percentage: 0 });
    const env = flag.environments.production!;
    env.targets = [{ values: ['qa-1', 'qa-2'], variation: 0, contextKind: 'user' }];
    env.contextTargets = [{ values: ['acme'], variation: 0, contextKind: 'organization' }];
    env.rules = [{ _id: 'rule-1', variation: 0, clauses: [{ _id: 'clause-1', attribute: 'email', op: 'endsWith', values: ['@example.com'], negate: false, contextKind: 'user' }], trackEvents: false }];
    env.prerequisites = [{ key: 'checkout-api', variation: 0 }];
    ld.flags.set(FLAG, flag);
    const before = structuredClone(flag);
    await target().setWeight(step(50));
    const killed = flagRollbackTarget.schema.parse({ 'flag-service': 'launchdarkly', ...inputs() });
    await flagRollbackTarget.create(killed, { env: {}, http }).rollBack({ version: 'v2', lastGood: null });
    const after = ld.flags.get(FLAG)!;
    const untouched = (config: LdFlag['environments'][string]) => ({ ...config, on: null, fallthrough: null, version: null, lastModified: null });
    expect(untouched(after.environments.production!)).toEqual(untouched(before.environments.production!));
    expect(after.environments.staging).toEqual(before.environments.staging);
    expect(after.variations).toEqual(before.variations);
    expect(ld.problems).toEqual([]);
  });

  it('sends the rollout\'s bucketing back as it was, so a rollout by organization stays one', async () => {
    const flag = booleanFlag(FLAG, { percentage: 10, on: true });
    flag.environments.production!.fallthrough.rollout = { ...flag.environments.production!.fallthrough.rollout!, bucketBy: 'tenant', contextKind: 'organization' };
    ld.flags.set(FLAG, flag);
    expect(await service().read()).toMatchObject({ ok: true, value: { detail: expect.stringContaining('(by organization tenant)') } });
    await target().setWeight(step(20));
    expect(ld.patches()[0]!.instructions[0]).toMatchObject({ rolloutBucketBy: 'tenant', rolloutContextKind: 'organization' });
    expect(production().fallthrough.rollout).toEqual({ variations: [{ variation: 0, weight: 20_000 }, { variation: 1, weight: 80_000 }], bucketBy: 'tenant', contextKind: 'organization' });
  });

  it('a multivariate flag with two variations rolls out the one that is not the off variation', async () => {
    const flag = booleanFlag(FLAG, { percentage: 0 });
    flag.kind = 'multivariate';
    flag.variations = [
      { _id: 'v-old', value: 'classic' },
      { _id: 'v-new', value: 'one-page' },
    ];
    flag.environments.production!.offVariation = 0;
    flag.environments.production!.fallthrough = { rollout: { variations: [{ variation: 0, weight: 100_000 }, { variation: 1, weight: 0 }] } };
    ld.flags.set(FLAG, flag);
    const changed = await target().setWeight(step(30));
    expect(changed.ok && changed.value.verification?.detail).toContain('default rule 30% "one-page" / 70% "classic"');
    expect(weights()).toEqual([70_000, 30_000]);
    expect(ld.problems).toEqual([]);
  });
});

describe('launchdarkly configuration faults', () => {
  const readFault = async (overrides: Record<string, string> = {}) => {
    const read = await service(overrides).read();
    expect(read.ok).toBe(false);
    return read.ok ? null : read.error;
  };

  it('an unknown flag names `flag` and `flag-project`', async () => {
    const error = await readFault({ flag: 'new-chekout' });
    expect(error).toEqual({ kind: 'config', message: expect.stringContaining('no flag `new-chekout` in project `shop`') });
    expect(error?.message).toContain('check `flag` (the flag key) and `flag-project`');
    expect((await readFault({ 'flag-project': 'shopp' }))?.message).toContain('404: Unknown project');
    expect(ld.problems).toEqual([]);
  });

  it('an unknown environment names `flag-environment`', async () => {
    expect(await readFault({ 'flag-environment': 'prod' })).toEqual({ kind: 'config', message: expect.stringContaining('has no environment `prod`: set `flag-environment`') });
  });

  it('a default rule serving one variation asks for a percentage rollout, and nothing is changed', async () => {
    production().fallthrough = { variation: 1 };
    const changed = await target().setWeight(step(5));
    expect(changed.ok).toBe(false);
    expect(!changed.ok && changed.error).toMatchObject({ kind: 'config', message: expect.stringContaining('its default rule serves one variation (false), not a percentage rollout; in LaunchDarkly, set the flag\'s default rule to "a percentage rollout"') });
    expect(ld.patches()).toEqual([]);
  });

  it('a token that cannot write names `flag-api-token` and the Writer role', async () => {
    const changed = await target({ 'flag-api-token': ld.readerToken }).setWeight(step(5));
    expect(!changed.ok && changed.error).toMatchObject({ kind: 'config', message: expect.stringMatching(/^`flag-api-token` may not change flag `new-checkout`.*401: Your access token does not have permission.*Writer role/) });
    expect(!changed.ok && changed.error.message).not.toContain(ld.readerToken);
    expect(await readFault({ 'flag-api-token': 'api-not-a-token' })).toEqual({ kind: 'config', message: expect.stringMatching(/refused `flag-api-token` \(401: Invalid access token\).*Writer role/) });
    expect(ld.problems).toEqual([]);
  });

  it('an environment that requires approvals says so', async () => {
    production().approvalsRequired = true;
    const changed = await target().setWeight(step(5));
    expect(!changed.ok && changed.error).toMatchObject({ kind: 'config', message: expect.stringContaining('environment `production` requires approval for changes to flag `new-checkout` (405') });
    expect(weights()).toEqual([0, 100_000]);
    expect(ld.problems).toEqual([]);
  });

  it('refuses what it cannot drive safely: three variations, no off variation, an off variation that is the new variant', async () => {
    const three = booleanFlag('three');
    three.kind = 'multivariate';
    three.variations = [{ _id: 'a', value: 'a' }, { _id: 'b', value: 'b' }, { _id: 'c', value: 'c' }];
    three.environments.production!.fallthrough.rollout!.variations.push({ variation: 2, weight: 0 });
    ld.flags.set('three', three);
    expect((await readFault({ flag: 'three' }))?.message).toContain('a multivariate flag with 3 variations');

    const noOff = booleanFlag('no-off');
    noOff.kind = 'multivariate';
    noOff.variations = [{ _id: 'a', value: 'a' }, { _id: 'b', value: 'b' }];
    delete noOff.environments.production!.offVariation;
    ld.flags.set('no-off', noOff);
    expect((await readFault({ flag: 'no-off' }))?.message).toContain('without an off variation');

    production().offVariation = 0;
    expect((await readFault())?.message).toContain('its off variation is `true`, so turning the flag off would serve the new variant to everyone');
    expect(ld.problems).toEqual([]);
  });

  it('an archived flag is refused', async () => {
    ld.flags.get(FLAG)!.archived = true;
    expect((await readFault())?.message).toContain('is archived');
  });

  it('flag-project and flag-environment are required', () => {
    const parsed = launchDarklyService.schema.safeParse({ flag: FLAG, 'flag-api-token': ld.token });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['flag-project', 'flag-environment']);
    expect(launchDarklyService.schema.parse({ ...inputs(), 'flag-api-url': undefined }).apiUrl).toBe('https://app.launchdarkly.com');
  });
});

describe('launchdarkly answers off the plan', () => {
  it('an answer off the documented shape is malformed, naming the field', async () => {
    ld.inject('getFeatureFlag', { status: 200, body: { key: FLAG, kind: 'boolean', variations: [], environments: {} }, offShape: true });
    const read = await service().read();
    expect(read).toEqual({ ok: false, error: { kind: 'malformed', message: expect.stringContaining('off the documented shape: variations') } });
  });

  it('weights that do not add up to 100% are malformed', async () => {
    production().fallthrough.rollout!.variations[1]!.weight = 90_000;
    const read = await service().read();
    expect(read).toEqual({ ok: false, error: { kind: 'malformed', message: expect.stringContaining("default rule's weights add up to 90000, not 100000") } });
  });

  it('retries a 429, and a service that stays down is a provider fault with the calls made', async () => {
    ld.inject('getFeatureFlag', { status: 429, headers: { 'retry-after': '1' }, body: { code: 'rate_limited', message: 'Rate limited' } });
    expect((await service().read()).ok).toBe(true);
    expect(sleeps).toEqual([1000]);

    const down = { status: 503, body: { code: 'service_unavailable', message: 'Service unavailable' }, offShape: true };
    ld.inject('patchFeatureFlag', down, down, down);
    const changed = await service().setPercentage(5, { enabled: false, percentage: 0, detail: '' });
    expect(changed).toEqual({
      ok: false,
      error: {
        kind: 'provider',
        message: 'LaunchDarkly answered 503: Service unavailable to changing flag `new-checkout`',
        calls: [expect.objectContaining({ label: `GET /api/v2/flags/shop/${FLAG}`, status: 200 }), expect.objectContaining({ label: `PATCH /api/v2/flags/shop/${FLAG}`, status: 503 })],
      },
    });
    expect(weights()).toEqual([0, 100_000]);
    expect(ld.problems).toEqual([]);
  });
});
