import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTrafficTarget } from '../../../src/targets/registry.js';
import { createRollbackTarget } from '../../../src/targets/rollback-registry.js';
import type { TrafficTarget } from '../../../src/targets/traffic-target.js';
import { type PostHogServer, startPostHogServer } from '../../support/posthog-server.js';

/**
 * The `posthog` flag service as canary-promote's traffic target and
 * auto-rollback's kill switch, against a local PostHog
 * (test/support/posthog-server.ts) that holds every request and answer to
 * PostHog's published description.
 */
let server: PostHogServer;

beforeAll(async () => {
  server = await startPostHogServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => server.reset());
afterEach(() => expect(server.problems).toEqual([]));

const http = { backoffMs: 1, sleep: async () => undefined };

/** A multivariate flag as a team leaves it: internal users always in, everyone else at 0%, variants with payloads. */
function teamFlag() {
  return {
    groups: [
      { properties: [{ key: 'email', type: 'person', value: '@acme.com', operator: 'icontains' }], rollout_percentage: 100, variant: null },
      { properties: [], rollout_percentage: 0, variant: null },
    ],
    multivariate: {
      variants: [
        { key: 'control', name: 'Old checkout', rollout_percentage: 50 },
        { key: 'test', name: 'New checkout', rollout_percentage: 50 },
      ],
    },
    payloads: { test: '{"theme":"green"}' },
    aggregation_group_type_index: null,
  };
}

function inputsFor(extra: Record<string, string> = {}): Record<string, string> {
  return { flag: 'new-checkout', 'flag-api-token': server.personalApiKey, 'flag-api-url': server.url, 'flag-project': server.projectId, ...extra };
}

function target(extra: Record<string, string> = {}): TrafficTarget {
  const all: Record<string, string> = { 'traffic-target': 'posthog', ...inputsFor(extra) };
  const created = createTrafficTarget((name) => all[name] ?? '', { workspace: '/srv/app', env: {}, http });
  if (!created.ok || !created.value) throw new Error(`no target: ${JSON.stringify(created)}`);
  return created.value;
}

function configFault(extra: Record<string, string>): string {
  const all: Record<string, string> = { 'traffic-target': 'posthog', ...inputsFor(extra) };
  const created = createTrafficTarget((name) => all[name] ?? '', { workspace: '/srv/app', env: {}, http });
  if (created.ok) throw new Error('expected a config fault');
  return created.error.message;
}

function killSwitch() {
  const all: Record<string, string> = { 'rollback-target': 'flag', 'flag-service': 'posthog', ...inputsFor() };
  const created = createRollbackTarget((name) => all[name] ?? '', { env: {}, http });
  if (!created.ok || !created.value) throw new Error(`no kill switch: ${JSON.stringify(created)}`);
  return created.value;
}

const move = (t: TrafficTarget, canaryWeight: number) => t.setWeight({ canaryWeight, canary: 'v2', stable: 'v1' });
const patchBodies = () => server.patches().map((call) => call.body as Record<string, unknown>);
/** The flag's filters with only the everyone-set's share changed. */
const withShare = (share: number) => {
  const filters = teamFlag();
  filters.groups[1]!.rollout_percentage = share;
  return filters;
};

describe('posthog flag target', () => {
  it('promotes 5 → 25 → 50 → 100, changing only the everyone-set, turning the flag on after the first share', async () => {
    server.addFlag({ key: 'new-checkout', name: 'New checkout', active: false, filters: teamFlag() });
    const t = target();
    expect(t.describe()).toBe(`PostHog flag new-checkout in project ${server.projectId}`);
    expect(await t.currentWeight!()).toEqual({ ok: true, value: 0 });

    for (const weight of [5, 25, 50, 100]) {
      server.calls.length = 0;
      const moved = await move(t, weight);
      if (!moved.ok) throw new Error(moved.error.message);
      expect(moved.value.verification).toEqual({ passed: true, detail: expect.stringContaining(`on, ${weight}% of users (condition set 2 of 2, no filters; 1 set with filters untouched), multivariate control/test`) });
      expect(server.flag('new-checkout').filters).toEqual(withShare(weight));
      expect(await t.currentWeight!()).toEqual({ ok: true, value: weight });
      const labels = moved.value.steps.map((step) => `${step.argv.join(' ')} ${step.outcome?.tail[0]}`);
      const flagPath = `/api/projects/${server.projectId}/feature_flags/101/`;
      expect(labels).toEqual([`GET ${flagPath} → 200`, `PATCH ${flagPath} → 200`, ...(weight === 5 ? [`PATCH ${flagPath} → 200`] : [])]);
    }
    const bodies = patchBodies();
    expect(bodies).toEqual([{ filters: withShare(100), version: expect.any(Number), original_flag: { filters: withShare(50) } }]);
    expect(server.flag('new-checkout')).toMatchObject({ active: true, name: 'New checkout' });
  });

  it('sets the share before turning the flag on, with the version each PATCH left', async () => {
    server.addFlag({ key: 'new-checkout', active: false, version: 7, filters: teamFlag() });
    const moved = await move(target(), 5);
    expect(moved.ok).toBe(true);
    expect(patchBodies()).toEqual([
      { filters: withShare(5), version: 7, original_flag: { filters: teamFlag() } },
      { active: true, version: 8 },
    ]);
  });

  it('rolls back to 0 by the share alone, and a re-run changes nothing', async () => {
    server.addFlag({ key: 'new-checkout', filters: withShare(50) });
    const t = target();
    const back = await move(t, 0);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.verification?.passed).toBe(true);
    expect(server.flag('new-checkout')).toMatchObject({ active: true, filters: withShare(0) });
    server.calls.length = 0;
    const again = await move(t, 0);
    expect(again.ok && again.value.steps).toEqual([]);
    expect(server.patches()).toEqual([]);
  });

  it('reads a set without rollout_percentage as 100% and a plain boolean flag without variants', async () => {
    server.addFlag({ key: 'new-checkout', filters: { groups: [{ properties: [], rollout_percentage: null }] } });
    const t = target();
    expect(await t.currentWeight!()).toEqual({ ok: true, value: 100 });
    const moved = await move(t, 25);
    expect(moved.ok && moved.value.verification).toEqual({ passed: true, detail: expect.stringContaining('on, 25% of users (condition set 1 of 1, no filters)') });
    expect(server.flag('new-checkout').filters).toEqual({ groups: [{ properties: [], rollout_percentage: 25 }] });
  });

  it('finds the flag by its exact key past a page of flags whose names contain it', async () => {
    for (let index = 0; index < 120; index++) server.addFlag({ key: `other-${index}`, name: `old new-checkout ${index}`, filters: withShare(0) });
    server.addFlag({ key: 'new-checkout-v2', filters: withShare(0) });
    server.addFlag({ key: 'new-checkout', filters: withShare(30) });
    expect(await target().currentWeight!()).toEqual({ ok: true, value: 30 });
    expect(server.calls.map((call) => call.path)).toEqual([
      `/api/projects/${server.projectId}/feature_flags/?search=new-checkout&limit=100&offset=0`,
      `/api/projects/${server.projectId}/feature_flags/?search=new-checkout&limit=100&offset=100`,
    ]);
    expect(server.calls.every((call) => call.authorization === `Bearer ${server.personalApiKey}`)).toBe(true);
  });

  it('refuses to overwrite a concurrent edit of the conditions (409) and leaves that edit in place', async () => {
    server.addFlag({ key: 'new-checkout', filters: withShare(5) });
    const t = target();
    const before = await t.currentWeight!();
    expect(before).toEqual({ ok: true, value: 5 });
    // Someone edits between our GET and our PATCH: the retrieve answers the old flag, then the edit lands.
    const stale = { ...server.flag('new-checkout'), filters: withShare(5) };
    server.editBehindOurBack('new-checkout', (flag) => void ((flag.filters.groups as Array<{ rollout_percentage: number }>)[1]!.rollout_percentage = 10));
    server.inject('feature_flags_retrieve', { status: 200, body: retrieveBody(stale) });
    const moved = await move(t, 25);
    expect(moved.ok).toBe(false);
    if (moved.ok) return;
    expect(moved.error).toMatchObject({ kind: 'provider', message: expect.stringContaining('edited meanwhile (409') });
    expect(server.flag('new-checkout').filters).toEqual(withShare(10));
  });

  it('retries a 503 and goes on', async () => {
    server.addFlag({ key: 'new-checkout', filters: withShare(5) });
    server.inject('feature_flags_partial_update', { status: 503 });
    const moved = await move(target(), 25);
    expect(moved.ok && moved.value.verification?.passed).toBe(true);
    expect(server.flag('new-checkout').filters).toEqual(withShare(25));
  });
});

describe('posthog kill switch (rollback-target: flag, flag-service: posthog)', () => {
  it('turns the flag off with a PATCH of `active` alone and reads it back off', async () => {
    server.addFlag({ key: 'new-checkout', filters: withShare(50) });
    const rolled = await killSwitch().rollBack({ version: 'v2', lastGood: null });
    if (!rolled.ok) throw new Error(rolled.error.message);
    expect(rolled.value).toMatchObject({ target: `PostHog flag new-checkout in project ${server.projectId}`, alreadyRestored: false, verification: { passed: true, detail: expect.stringContaining('the flag reads back off, 50% of users') } });
    expect(rolled.value.calls).toEqual([`PATCH /api/projects/${server.projectId}/feature_flags/101/ → 200`]);
    expect(patchBodies()).toEqual([{ active: false }]);
    expect(server.flag('new-checkout')).toMatchObject({ active: false, filters: withShare(50) });
  });

  it('does nothing to a flag already off', async () => {
    server.addFlag({ key: 'new-checkout', active: false, filters: withShare(50) });
    const rolled = await killSwitch().rollBack({ version: 'v2', lastGood: null });
    expect(rolled.ok && rolled.value.alreadyRestored).toBe(true);
    expect(server.patches()).toEqual([]);
  });
});

describe('posthog configuration faults', () => {
  const readFault = async (extra: Record<string, string> = {}) => {
    const read = await target(extra).currentWeight!();
    if (read.ok) throw new Error(`expected a fault, read ${JSON.stringify(read.value)}`);
    return read.error;
  };

  it('names `flag` and `flag-project` for an unknown flag, and skips deleted ones', async () => {
    server.addFlag({ key: 'new-checkout', deleted: true, filters: withShare(5) });
    server.addFlag({ key: 'new-checkout-v2', filters: withShare(5) });
    expect(await readFault()).toEqual({ kind: 'config', message: `PostHog project ${server.projectId} has no feature flag with key \`new-checkout\`: check input \`flag\` (the flag's key, not its name) and \`flag-project\`` });
  });

  it('says what to add when no condition set is without filters, and refuses two', async () => {
    server.addFlag({ key: 'new-checkout', filters: { groups: [teamFlag().groups[0]] } });
    const none = await readFault();
    expect(none).toMatchObject({ kind: 'config', message: expect.stringContaining('no release condition without property filters to drive (1 condition set, each with property filters): in PostHog, open the flag and under Release conditions add a condition set with no filters') });
    server.reset();
    server.addFlag({ key: 'new-checkout', filters: { groups: [{ properties: [], rollout_percentage: 10 }, { properties: [], rollout_percentage: 20 }] } });
    expect(await readFault()).toMatchObject({ kind: 'config', message: expect.stringContaining('has 2 release conditions without property filters (condition sets 1, 2), so which is the rollout is ambiguous') });
  });

  it('names `flag-api-token` and the scope for a 401 and for a key without feature_flag:write', async () => {
    server.addFlag({ key: 'new-checkout', filters: withShare(5) });
    expect(await readFault({ 'flag-api-token': 'phx_wrong' })).toMatchObject({ kind: 'config', message: expect.stringContaining('PostHog refused `flag-api-token` (401: Personal API key found in request Authorization header is invalid.): it must be a personal API key') });
    server.scopes.delete('feature_flag:write');
    server.scopes.add('feature_flag:read');
    const t = target();
    expect(await t.currentWeight!()).toEqual({ ok: true, value: 5 });
    const moved = await move(t, 25);
    expect(moved.ok).toBe(false);
    if (!moved.ok) expect(moved.error.message).toBe(`PostHog denied \`flag-api-token\` access (403: API key missing required scope 'feature_flag:write'): the personal API key needs the feature_flag:read and feature_flag:write scopes and access to project ${server.projectId} (\`flag-project\`)`);
    if (!moved.ok) expect(moved.error.message).not.toContain(server.personalApiKey);
  });

  it('names `flag-project` for a project the key cannot see, and refuses a project that is not an id', async () => {
    expect(await readFault({ 'flag-project': '999' })).toMatchObject({ kind: 'config', message: expect.stringContaining('PostHog has no project 999 for this key (404: Project not found.): check `flag-project`') });
    expect(configFault({ 'flag-project': 'shop' })).toContain('input `flag-project`: must be the numeric project id');
    expect(configFault({ 'flag-environment': 'production' })).toContain('input `flag-environment` does not apply to traffic-target posthog');
  });

  it('calls an answer off PostHog’s shapes malformed', async () => {
    server.inject('feature_flags_list', { status: 200, body: { count: 1, results: [{ key: 'new-checkout', id: 'x', active: true, filters: {} }] } });
    expect(await readFault()).toMatchObject({ kind: 'malformed', message: expect.stringContaining("flag `new-checkout` in PostHog's list is not a PostHog feature flag: `id`") });
  });
});

function retrieveBody(flag: ReturnType<PostHogServer['flag']>): Record<string, unknown> {
  // The flag as the server's retrieve would have answered a moment earlier.
  return {
    id: flag.id,
    name: flag.name,
    key: flag.key,
    filters: flag.filters,
    deleted: false,
    active: flag.active,
    created_by: null,
    version: flag.version,
    last_modified_by: null,
    is_simple_flag: false,
    rollout_percentage: null,
    experiment_set: '',
    surveys: {},
    features: {},
    can_edit: true,
    usage_dashboard: 7,
    user_access_level: 'editor',
    status: 'ACTIVE',
    updated_at: null,
  };
}
