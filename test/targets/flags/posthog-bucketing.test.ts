import { createHash } from 'node:crypto';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTrafficTarget } from '../../../src/targets/registry.js';
import { type PostHogServer, startPostHogServer } from '../../support/posthog-server.js';

/**
 * Users stay in the canary as the `posthog` target raises the rollout: our
 * service sets 5%, 25%, 50%, 100% on a local PostHog, and PostHog's own
 * server SDK (posthog-node, evaluating locally from the definitions the
 * server serves) decides for 100,000 distinct ids at each step. Nobody who
 * had the flag loses it, and each step's share is within a point of its
 * percentage: PostHog buckets by sha1("<key>.<distinct id>") with no seed
 * that a percentage change would touch.
 */
let server: PostHogServer;
let client: PostHog;

/**
 * posthog-node hashes with WebCrypto's `crypto.subtle.digest('SHA-1')`, a
 * thread-pool round trip of some 60 µs a call: 400,000 evaluations would
 * take half a minute. The test hands it node:crypto's SHA-1 behind the
 * same call (checked against WebCrypto's below), so the SDK's own
 * bucketing code runs unchanged, in seconds.
 */
const webDigest = crypto.subtle.digest.bind(crypto.subtle);
let sha1Calls = 0;
type Digest = typeof crypto.subtle.digest;
async function nodeDigest(...[algorithm, data]: Parameters<Digest>): Promise<ArrayBuffer> {
  if (algorithm !== 'SHA-1') return webDigest(algorithm, data);
  sha1Calls++;
  const bytes = createHash('sha1').update(data as Uint8Array).digest();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
// An own property over the prototype's method; deleting it restores WebCrypto's.
const fastSha1 = () => Object.defineProperty(crypto.subtle, 'digest', { value: nodeDigest, configurable: true, writable: true });
const webSha1 = () => delete (crypto.subtle as unknown as Record<string, unknown>).digest;

beforeAll(async () => {
  fastSha1();
  server = await startPostHogServer();
  client = new PostHog(server.projectApiKey, {
    host: server.url,
    personalApiKey: server.personalApiKey,
    // Definitions are reloaded by hand after each step; nothing is captured or sent.
    featureFlagsPollingInterval: null,
    flushAt: 1_000_000,
    flushInterval: 0,
    disableGeoip: true,
  });
});
afterAll(async () => {
  webSha1();
  await client?.shutdown();
  await server?.close();
});

const USERS = 100_000;

it('hashes exactly as WebCrypto does', async () => {
  for (const text of ['new-checkout.user-0', 'new-checkout.user-99999', 'holdout-user-5', '']) {
    const ours = Buffer.from(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text))).toString('hex');
    const web = Buffer.from(await webDigest('SHA-1', new TextEncoder().encode(text))).toString('hex');
    expect(ours).toBe(web);
  }
  expect(sha1Calls).toBe(4);
});

it('keeps every served user served from 5% to 100%, each share within a point', async () => {
  server.addFlag({ key: 'new-checkout', active: false, filters: { groups: [{ properties: [], rollout_percentage: 0, variant: null }], payloads: {}, multivariate: null } });
  const all: Record<string, string> = { 'traffic-target': 'posthog', flag: 'new-checkout', 'flag-api-token': server.personalApiKey, 'flag-api-url': server.url, 'flag-project': server.projectId };
  const created = createTrafficTarget((name) => all[name] ?? '', { workspace: '/srv/app', env: {}, http: { backoffMs: 1, sleep: async () => undefined } });
  if (!created.ok || !created.value) throw new Error(JSON.stringify(created));
  const target = created.value;

  let served = new Array<boolean>(USERS).fill(false);
  for (const weight of [5, 25, 50, 100]) {
    const moved = await target.setWeight({ canaryWeight: weight, canary: 'v2', stable: 'v1' });
    expect(moved.ok && moved.value.verification?.passed).toBe(true);
    await client.reloadFeatureFlags();

    const now: boolean[] = [];
    for (let user = 0; user < USERS; user++) {
      const value = await client.getFeatureFlag('new-checkout', `user-${user}`, { onlyEvaluateLocally: true, sendFeatureFlagEvents: false });
      if (typeof value !== 'boolean') throw new Error(`user-${user}: local evaluation answered ${String(value)}`);
      now.push(value);
    }
    const share = (100 * now.filter(Boolean).length) / USERS;
    const lost = served.filter((was, user) => was && !now[user]).length;
    console.log(`posthog bucketing: ${weight}% asked, ${share.toFixed(2)}% served by posthog-node, ${lost} users lost`);
    expect(lost).toBe(0);
    expect(Math.abs(share - weight)).toBeLessThanOrEqual(1);
    served = now;
  }
  // The SDK's other entry point agrees with the last step, and it read our server's definitions each time.
  expect(await client.isFeatureEnabled('new-checkout', 'user-7', { onlyEvaluateLocally: true, sendFeatureFlagEvents: false })).toBe(true);
  expect(server.calls.filter((call) => call.path.startsWith('/flags/definitions?')).length).toBeGreaterThanOrEqual(4);
  expect(server.problems).toEqual([]);
});
