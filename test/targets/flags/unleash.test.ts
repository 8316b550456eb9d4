import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { InMemStorageProvider, Unleash } from 'unleash-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagRollbackTarget } from '../../../src/targets/flags/flag-rollback.js';
import { flagTrafficKind } from '../../../src/targets/flags/flag-target.js';
import { chooseRollout, unleashBaseUrl, unleashService } from '../../../src/targets/flags/unleash.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { type RunningUnleash, startUnleash } from '../../support/unleash-server.js';

/**
 * The Unleash service against a real Unleash (test/support/unleash-server.ts:
 * unleash-server on Node 22 with PostgreSQL), started once for this file;
 * flags are made through its Admin API as a team would make them in the UI.
 * Bucketing is checked with Unleash's own Node SDK, `unleash-client`,
 * fetching each step's configuration from that server with a client token
 * and evaluating 100,000 users locally.
 */
let unleash: RunningUnleash;

const FLAG = 'new-checkout';
/**
 * The canary's bucketing: not Unleash's defaults (groupId = the flag's name,
 * stickiness `default`), which Unleash would fill in again if a change
 * dropped them, so a dropped field shows.
 */
const CANARY = { stickiness: 'userId', groupId: 'checkout-2026' };
const feature = (name: string) => `/api/admin/projects/default/features/${name}`;

beforeAll(async () => {
  unleash = await startUnleash();
  console.log(`Unleash started in ${(unleash.startupMs / 1000).toFixed(1)} s (Postgres, migrations, server)`);
  await seed();
}, 300_000);
afterAll(async () => {
  await unleash?.stop();
});

/** Admin API call that must succeed. */
async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await unleash.admin(method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

async function addFlag(name: string, strategies: Record<string, unknown>[], environment = 'production'): Promise<void> {
  await admin('POST', '/api/admin/projects/default/features', { name });
  for (const strategy of strategies) await admin('POST', `${feature(name)}/environments/${environment}/strategies`, strategy);
}

const rollout = (title: string, percent: number, extra: Record<string, unknown> = {}) => ({
  name: 'flexibleRollout',
  title,
  parameters: { rollout: String(percent), ...CANARY },
  ...extra,
});

/**
 * `new-checkout` in production: the canary's Gradual rollout (off, 0%, with
 * a strategy variant), a Gradual rollout for beta testers limited by a
 * constraint and a segment, a Standard strategy for one QA user, a disabled
 * Gradual rollout; in development a Gradual rollout of its own (Unleash 7
 * and later keep variants on strategies only). Everything but the canary's rollout and production's on/off must
 * stay as it is.
 */
async function seed(): Promise<void> {
  const segment = (await admin('POST', '/api/admin/segments', {
    name: 'beta-testers',
    project: 'default',
    constraints: [{ contextName: 'userId', operator: 'IN', values: ['beta-tester-1'] }],
  })) as { id: number };
  await addFlag(FLAG, [
    rollout('canary', 0, { variants: [{ name: 'blue-button', weight: 1000, weightType: 'variable', stickiness: 'default' }] }),
    {
      ...rollout('beta testers', 100, { segments: [segment.id], constraints: [{ contextName: 'appName', operator: 'IN', values: ['checkout-web'] }] }),
      parameters: { rollout: '100', stickiness: 'default', groupId: 'beta' },
    },
    { name: 'default', title: 'QA', constraints: [{ contextName: 'userId', operator: 'IN', values: ['qa-1'] }] },
    rollout('old rollout', 100, { disabled: true }),
  ]);
  await admin('POST', `${feature(FLAG)}/environments/development/strategies`, { ...rollout('dev', 30), parameters: { rollout: '30', stickiness: 'sessionId', groupId: 'dev-group' } });
  await admin('POST', `${feature(FLAG)}/environments/development/on`);

  await addFlag('no-rollout', [{ name: 'default', constraints: [{ contextName: 'userId', operator: 'IN', values: ['qa-1'] }] }]);
  await addFlag('targeted-rollout', [rollout('eu only', 50, { constraints: [{ contextName: 'region', operator: 'IN', values: ['eu'] }] })]);
  await addFlag('two-rollouts', [rollout('first', 10), rollout('second', 20)]);
  await addFlag('serves-everyone', [rollout('canary', 10), { name: 'default', title: 'everyone' }]);
}

function inputs(overrides: Record<string, string> = {}): Record<string, string> {
  return { flag: FLAG, 'flag-api-token': unleash.adminToken, 'flag-api-url': unleash.url, 'flag-environment': 'production', ...overrides };
}

function target(overrides: Record<string, string> = {}): TrafficTarget {
  const kind = flagTrafficKind(unleashService);
  const parsed = kind.schema.safeParse(inputs(overrides));
  if (!parsed.success) throw new Error(parsed.error.message);
  return kind.create(parsed.data, 10_000, { workspace: '.', env: {}, http: { tries: 1 } });
}

function service(overrides: Record<string, string> = {}) {
  const parsed = unleashService.schema.safeParse(inputs(overrides));
  if (!parsed.success) throw new Error(parsed.error.message);
  return unleashService.create(parsed.data, { tries: 1 });
}

/** What a team set on the flag, without what this service may change and what Unleash itself updates (metrics, lifecycle). */
async function teamSettings(): Promise<unknown> {
  const flag = (await admin('GET', feature(FLAG))) as { environments: Array<{ name: string; enabled: boolean; strategies: Array<Record<string, unknown>> }> };
  return {
    environments: flag.environments.map(({ name, enabled, strategies }) => ({
      name,
      enabled: name === 'production' ? 'under test' : enabled,
      strategies: strategies.map((strategy) =>
        strategy.title === 'canary' ? { ...strategy, parameters: { ...(strategy.parameters as object), rollout: 'under test' } } : strategy,
      ),
    })),
  };
}

async function production(): Promise<{ enabled: boolean; canary: Record<string, string> }> {
  const flag = (await admin('GET', feature(FLAG))) as { environments: Array<{ name: string; enabled: boolean; strategies: Array<{ title: string; parameters: Record<string, string> }> }> };
  const environment = flag.environments.find((candidate) => candidate.name === 'production')!;
  return { enabled: environment.enabled, canary: environment.strategies.find((strategy) => strategy.title === 'canary')!.parameters };
}

const USERS = 100_000;

/** What a client token is served for the flag: on or off, and the canary's rollout. */
interface Published {
  enabled: boolean;
  rollout: string;
}

function sdk(): Unleash {
  return new Unleash({
    appName: 'rollout-guard-bucketing',
    url: `${unleash.url}/api/`,
    customHeaders: { Authorization: unleash.clientToken },
    disableMetrics: true,
    // One fetch is all a check needs (0 would fetch nothing); destroy() stops the timer.
    refreshInterval: 3_600_000,
    storageProvider: new InMemStorageProvider(),
    skipInstanceCountWarning: true,
  });
}

/**
 * Which of the 100,000 users the Node SDK serves the flag, once the SDK API
 * publishes `expected`: Unleash moves its client configuration to a new
 * revision once a second, so an SDK sees a change up to a second after the
 * Admin API made it (plus its own refresh interval, 15 s by default).
 */
async function servedUsers(expected: Published): Promise<Uint8Array> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = sdk();
    try {
      await once(client, 'synchronized');
      const definition = client.getFeatureToggleDefinition(FLAG);
      const canary = definition?.strategies?.find((strategy) => strategy.name === 'flexibleRollout' && strategy.parameters?.groupId === CANARY.groupId);
      const published: Published = { enabled: definition?.enabled ?? false, rollout: String(canary?.parameters?.rollout) };
      if (published.enabled === expected.enabled && published.rollout === expected.rollout) {
        const served = new Uint8Array(USERS);
        for (let id = 0; id < USERS; id++) served[id] = client.isEnabled(FLAG, { userId: `user-${id}` }) ? 1 : 0;
        return served;
      }
      if (Date.now() > deadline) throw new Error(`the SDK API still serves ${JSON.stringify(published)}, not ${JSON.stringify(expected)}, after 10 s`);
    } finally {
      client.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const share = (served: Uint8Array) => (served.reduce((sum, one) => sum + one, 0) / USERS) * 100;

describe('unleash flag service against a real Unleash', () => {
  it('accepts the instance URL with or without /api', () => {
    expect(unleashBaseUrl('https://unleash.example.com')).toBe('https://unleash.example.com');
    expect(unleashBaseUrl('https://unleash.example.com/api/')).toBe('https://unleash.example.com');
    expect(unleashBaseUrl('https://example.com/unleash/api/admin')).toBe('https://example.com/unleash');
  });

  it('takes a rollout Unleash stores as a string of 0 to 100 and nothing else', () => {
    const canary = (rollout: unknown) => [{ id: 's1', name: 'flexibleRollout', parameters: { rollout } }];
    expect(chooseRollout(canary('12.5'), 'here')).toMatchObject({ ok: true, value: { percentage: 12.5 } });
    for (const rollout of ['', 'half', '101', '-1', undefined]) {
      expect(chooseRollout(canary(rollout), 'here')).toMatchObject({ ok: false, error: { kind: 'malformed', message: expect.stringContaining('not a percentage of 0 to 100') } });
    }
  });

  it('promotes 5 → 25 → 50 → 100, back to 0, and the SDK serves users monotonically within a point of each step', async () => {
    const before = await teamSettings();
    const canary = target();
    let previous: Uint8Array | null = null;
    for (const weight of [5, 25, 50, 100]) {
      const change = await canary.setWeight({ canaryWeight: weight, canary: 'v2', stable: 'v1' });
      if (!change.ok) throw new Error(change.error.message);
      expect(change.value.verification).toMatchObject({ passed: true });
      expect(change.value.steps.map((step) => step.name)).toEqual(weight === 5 ? ['patch', 'post'] : ['patch']);
      expect(await production()).toEqual({ enabled: true, canary: { rollout: String(weight), ...CANARY } });

      const served = await servedUsers({ enabled: true, rollout: String(weight) });
      console.log(`unleash-client ${weight}%: ${share(served).toFixed(2)}% of ${USERS} users served`);
      expect(Math.abs(share(served) - weight)).toBeLessThanOrEqual(1);
      if (previous) {
        let lost = 0;
        for (let id = 0; id < USERS; id++) if (previous[id] === 1 && served[id] === 0) lost++;
        expect(lost).toBe(0);
      }
      previous = served;
    }
    const back = await canary.setWeight({ canaryWeight: 0, canary: 'v2', stable: 'v1' });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.verification).toMatchObject({ passed: true });
    expect(await production()).toEqual({ enabled: true, canary: { rollout: '0', ...CANARY } });
    expect(share(await servedUsers({ enabled: true, rollout: '0' }))).toBe(0);
    expect(await teamSettings()).toEqual(before);
  });

  it('kill switch: auto-rollback turns the flag off, leaves the rollout, and reads it back off', async () => {
    const at50 = await target().setWeight({ canaryWeight: 50, canary: 'v2', stable: 'v1' });
    if (!at50.ok) throw new Error(at50.error.message);
    const before = await teamSettings();
    const parsed = flagRollbackTarget.schema.safeParse({ 'flag-service': 'unleash', ...inputs() });
    if (!parsed.success) throw new Error(parsed.error.message);
    const killSwitch = flagRollbackTarget.create(parsed.data, { env: {}, http: { tries: 1 } });

    const started = performance.now();
    const done = await killSwitch.rollBack({ version: 'v2', lastGood: null });
    const seconds = (performance.now() - started) / 1000;
    console.log(`unleash kill switch: rollBack took ${seconds.toFixed(3)} s against the real Unleash`);

    if (!done.ok) throw new Error(done.error.message);
    expect(done.value).toMatchObject({ alreadyRestored: false, verification: { passed: true } });
    expect(done.value.verification.detail).toMatch(/^the flag reads back off, Gradual rollout "canary" 50%/);
    expect(done.value.calls).toEqual(['POST /api/admin/projects/default/features/new-checkout/environments/production/off → 200']);
    expect(await production()).toEqual({ enabled: false, canary: { rollout: '50', ...CANARY } });
    const published = performance.now();
    expect(share(await servedUsers({ enabled: false, rollout: '50' }))).toBe(0);
    console.log(`unleash kill switch: the SDK API served the flag off ${((performance.now() - published) / 1000).toFixed(1)} s after rollBack returned`);
    expect(await teamSettings()).toEqual(before);

    const again = await killSwitch.rollBack({ version: 'v2', lastGood: null });
    expect(again.ok && again.value.alreadyRestored).toBe(true);
  });

  it('reads the flag as one line: on/off, the rollout, its stickiness and groupId, the strategies left alone', async () => {
    const state = await service().read();
    expect(state).toEqual({ ok: true, value: { enabled: false, percentage: 50, detail: 'off, Gradual rollout "canary" 50% (stickiness userId, groupId checkout-2026), 3 other strategies left alone' } });
  });

  describe('a config fault naming the input to fix', () => {
    const readFault = async (overrides: Record<string, string>) => {
      const state = await service(overrides).read();
      if (state.ok) throw new Error(`expected a fault, read ${state.value.detail}`);
      expect(state.error.message).not.toContain('\n');
      expect(state.error.message).not.toContain(unleash.adminToken);
      return state.error;
    };

    it('an unknown flag', async () => {
      expect(await readFault({ flag: 'no-such-flag' })).toEqual({
        kind: 'config',
        message: expect.stringMatching(/^`flag`: Unleash GET \/api\/admin\/projects\/default\/features\/no-such-flag answered 404 .*no feature named "no-such-flag".*; check `flag` and `flag-project`$/),
      });
    });

    it('a flag of another project, as Unleash points out', async () => {
      expect((await readFault({ 'flag-project': 'other' })).message).toMatch(/^`flag`: .*404 .*there's a feature with that name in project "default".*check `flag` and `flag-project`$/);
    });

    it('an environment the project does not have', async () => {
      expect(await readFault({ 'flag-environment': 'staging' })).toEqual({
        kind: 'config',
        message: '`flag-environment`: flag new-checkout has no environment staging in project default (its environments: development, production); name one of them, or enable the environment for the project in Unleash',
      });
    });

    it('a flag with no Gradual rollout', async () => {
      expect(await readFault({ flag: 'no-rollout' })).toEqual({
        kind: 'config',
        message: '`flag`: Unleash flag no-rollout in project default, environment production: it has no Gradual rollout strategy; add a "Gradual rollout" strategy without constraints or segments in that environment in Unleash',
      });
    });

    it('a flag whose only Gradual rollout is limited by constraints', async () => {
      expect((await readFault({ flag: 'targeted-rollout' })).message).toContain('its 1 Gradual rollout strategy is disabled or limited by constraints or segments; add a "Gradual rollout" strategy without constraints or segments');
    });

    it('two Gradual rollouts of all users: which one is the canary is not guessed', async () => {
      expect((await readFault({ flag: 'two-rollouts' })).message).toMatch(/^`flag`: .* has 2 enabled Gradual rollout strategies without constraints or segments \("first" \(.+\), "second" \(.+\)\); keep one/);
    });

    it('a Standard strategy that serves everyone whatever the rollout', async () => {
      expect((await readFault({ flag: 'serves-everyone' })).message).toMatch(/^`flag`: .* has a Standard strategy "everyone" \(.+\) without constraints or segments, which serves everyone whatever the rollout; remove it or give it constraints/);
    });

    it('a client token, which cannot use the Admin API', async () => {
      expect(await readFault({ 'flag-api-token': unleash.clientToken })).toEqual({
        kind: 'config',
        message: expect.stringMatching(/^`flag-api-token`: Unleash GET .* answered 403 .*: the token may not read the flag \(a client or frontend token cannot use the Admin API\) in project default, environment production; give an admin API token/),
      });
    });

    it('a flag-api-url that is not the instance: a page, not the Admin API', async () => {
      expect(await readFault({ 'flag-api-url': `${unleash.url}/projects` })).toEqual({
        kind: 'malformed',
        message: expect.stringMatching(/answered 200 without JSON: is `flag-api-url` the Unleash instance/),
      });
    });

    it('a token this Unleash does not know', async () => {
      expect((await readFault({ 'flag-api-token': '*:*.not-a-token' })).message).toMatch(/^`flag-api-token`: Unleash GET .* answered 401 .*this Unleash does not accept the token/);
    });

    it('a Viewer’s personal access token: it reads, but may not change the strategy', async () => {
      const token = await viewerToken();
      const canary = target({ 'flag-api-token': token });
      const change = await canary.setWeight({ canaryWeight: 25, canary: 'v2', stable: 'v1' });
      if (change.ok) throw new Error('a Viewer changed the flag');
      expect(change.error.kind).toBe('config');
      expect(change.error.message).toMatch(/^`flag-api-token`: Unleash PATCH \/api\/admin\/projects\/default\/features\/new-checkout\/environments\/production\/strategies\/\S+ answered 403 \(".*UPDATE_FEATURE_STRATEGY.*"\): the token may not change the strategy/);
      expect(change.error.message).not.toContain(token);
      expect((await production()).canary.rollout).toBe('50');
    });
  });
});

/** A personal access token of a user with the Viewer root role, made as that user would: log in, create the token. */
async function viewerToken(): Promise<string> {
  const password = 'Viewer-password-4-tests!';
  await admin('POST', '/api/admin/user-admin', { email: 'viewer@example.com', username: 'viewer', rootRole: 'Viewer', password, sendEmail: false });
  // Unleash stores the session in Postgres after answering the login; on a loaded machine the next request can come first and find none, so log in again.
  let created: Response | undefined;
  for (let attempt = 1; attempt <= 5 && created?.status !== 201; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    const login = await fetch(`${unleash.url}/auth/simple/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'viewer', password }) });
    if (login.status !== 200) throw new Error(`viewer login → ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    created = await fetch(`${unleash.url}/api/admin/user/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ description: 'rollout-guard test', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
    });
  }
  if (created?.status !== 201) throw new Error(`viewer token → ${created?.status} ${await created?.text()}`);
  return ((await created.json()) as { secret: string }).secret;
}
