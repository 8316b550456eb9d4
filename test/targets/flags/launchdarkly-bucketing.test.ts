import { basicLogger, init } from '@launchdarkly/node-server-sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchDarklyService } from '../../../src/targets/flags/launchdarkly.js';
import { type LaunchDarklyServer, booleanFlag, startLaunchDarklyServer } from '../../support/launchdarkly-server.js';

/**
 * Stable bucketing, proven with LaunchDarkly's own server-side SDK: our
 * service sets the default rule to 5%, 25%, 50% and 100% on the local
 * LaunchDarkly; after each step the official Node SDK polls that server
 * (`/sdk/latest-all`, the flag in the SDK's data model built from the state
 * the semantic patches left) and evaluates 100,000 users locally. Everyone
 * who had the new variant keeps it as the share grows, and each share is
 * within a point of the weight. The SDK sends no events and reaches nothing
 * but the local server.
 */
const FLAG = 'new-checkout';
const USERS = 100_000;
let ld: LaunchDarklyServer;

beforeAll(async () => {
  ld = await startLaunchDarklyServer();
  ld.flags.set(FLAG, booleanFlag(FLAG, { percentage: 0, on: false }));
});
afterAll(() => ld.close());

/** The users the SDK serves `true`, by index, evaluated against the server's flag as it is now. */
async function usersServedTrue(): Promise<Uint8Array> {
  const client = init(ld.sdkKeys.production!, {
    baseUri: ld.url,
    streamUri: ld.url,
    eventsUri: ld.url,
    stream: false,
    sendEvents: false,
    diagnosticOptOut: true,
    logger: basicLogger({ level: 'none' }),
  });
  try {
    await client.waitForInitialization({ timeout: 10 });
    const served = new Uint8Array(USERS);
    for (let index = 0; index < USERS; index++) {
      if ((await client.variation(FLAG, { kind: 'user', key: `user-${index}` }, false)) === true) served[index] = 1;
    }
    return served;
  } finally {
    client.close();
  }
}

it('users keep the new variant as LaunchDarkly rollout weights grow, and each share is within a point of the weight', async () => {
  const service = launchDarklyService.create(
    launchDarklyService.schema.parse({ flag: FLAG, 'flag-api-token': ld.token, 'flag-api-url': ld.url, 'flag-project': ld.projectKey, 'flag-environment': 'production' }),
    {},
  );
  const salt = ld.flags.get(FLAG)!.environments.production!.salt;
  let previous: Uint8Array | null = null;
  for (const percentage of [5, 25, 50, 100]) {
    const current = await service.read();
    if (!current.ok) throw new Error(current.error.message);
    const changed = await service.setPercentage(percentage, current.value);
    expect(changed.ok).toBe(true);
    expect(ld.flags.get(FLAG)!.environments.production!.salt).toBe(salt);

    const served = await usersServedTrue();
    const share = (served.reduce((sum, bit) => sum + bit, 0) / USERS) * 100;
    console.log(`launchdarkly bucketing: weight ${percentage}% → ${share.toFixed(3)}% of ${USERS} users served the new variant`);
    expect(Math.abs(share - percentage)).toBeLessThanOrEqual(1);
    if (previous) {
      const lost = previous.reduce((count, bit, index) => count + (bit === 1 && served[index] === 0 ? 1 : 0), 0);
      expect(lost).toBe(0);
    }
    previous = served;
  }
  expect(ld.calls.filter((call) => call.path === '/sdk/latest-all')).toHaveLength(4);
  expect(ld.problems).toEqual([]);
});

it('the check above would catch a reshuffle: a new salt at the same weight moves most of the users served', async () => {
  ld.flags.set(FLAG, booleanFlag(FLAG, { percentage: 25, on: true }));
  const before = await usersServedTrue();
  ld.flags.get(FLAG)!.environments.production!.salt = 'a-new-salt';
  const after = await usersServedTrue();
  const lost = before.reduce((count, bit, index) => count + (bit === 1 && after[index] === 0 ? 1 : 0), 0);
  expect(lost).toBeGreaterThan(USERS * 0.15);
});
