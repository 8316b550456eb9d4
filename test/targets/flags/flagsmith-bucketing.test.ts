import { Flagsmith } from 'flagsmith-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrafficTarget } from '../../../src/targets/registry.js';
import { type FlagsmithServer, startFlagsmithServer } from '../../support/flagsmith-server.js';

/**
 * Stable bucketing, proven with Flagsmith's own server SDK: our service
 * drives the local Flagsmith API through 5%, 25%, 50% and 100%, and after
 * each step `flagsmith-nodejs` in local evaluation fetches the environment
 * document built from what the service wrote and evaluates 100,000
 * identities. Everyone who had the flag keeps it as the share grows, and
 * each share is within a point of the step.
 */
const IDENTITIES = 100_000;
const STEPS = [5, 25, 50, 100];
const BATCH = 1000;
let flagsmith: FlagsmithServer;

beforeAll(async () => {
  flagsmith = await startFlagsmithServer();
});
afterAll(() => flagsmith.close());

describe('flagsmith rollout bucketing with flagsmith-nodejs (local evaluation)', () => {
  it('grows monotonically: nobody leaves as the % split grows, and each share is within ±1 point', async () => {
    const production = flagsmith.addEnvironment('Production');
    const feature = flagsmith.addFeature('new_checkout');
    const rollout = flagsmith.addSegment('checkout rollout', [{ type: 'ALL', rules: [{ type: 'ALL', conditions: [{ operator: 'PERCENTAGE_SPLIT', property: null, value: '0' }] }], conditions: [] }]);
    flagsmith.addOverride(feature, rollout, production, { enabled: false });
    const built = createTrafficTarget(
      (name) =>
        ({ 'traffic-target': 'flagsmith', flag: 'new_checkout', 'flag-api-token': flagsmith.token, 'flag-api-url': flagsmith.apiUrl, 'flag-environment': production.apiKey })[name] ?? '',
      { workspace: '.', env: {}, http: {} },
    );
    if (!built.ok || !built.value) throw new Error(built.ok ? 'no target' : built.error.message);
    const target = built.value;

    // Polling left at its default: each step fetches the document afresh with updateEnvironment(), and close() stops the poller.
    const sdk = new Flagsmith({ environmentKey: production.serverKey, apiUrl: `${flagsmith.apiUrl}/`, enableLocalEvaluation: true, enableAnalytics: false });
    let previous = new Uint8Array(IDENTITIES);
    try {
      for (const share of STEPS) {
        const moved = await target.setWeight({ canaryWeight: share, canary: 'v2', stable: 'v1' });
        expect(moved.ok && moved.value.verification?.passed).toBe(true);
        await sdk.updateEnvironment();
        const current = new Uint8Array(IDENTITIES);
        let served = 0;
        let left = 0;
        // A batch of evaluations per await: the evaluation is synchronous once the document is held, the awaits are what cost.
        for (let start = 0; start < IDENTITIES; start += BATCH) {
          const batch = await Promise.all(Array.from({ length: Math.min(BATCH, IDENTITIES - start) }, (_, k) => sdk.getIdentityFlags(`user-${start + k}`)));
          batch.forEach((flags, k) => {
            if (flags.isFeatureEnabled('new_checkout')) {
              current[start + k] = 1;
              served++;
            } else if (previous[start + k] === 1) left++;
          });
        }
        const measured = (served / IDENTITIES) * 100;
        console.log(`flagsmith-nodejs at ${share}%: ${measured.toFixed(2)}% of ${IDENTITIES} identities served, ${left} left`);
        expect(left).toBe(0);
        expect(Math.abs(measured - share)).toBeLessThanOrEqual(1);
        previous = current;
      }
    } finally {
      await sdk.close();
    }
    expect(flagsmith.requests.filter((request) => request.startsWith('GET /api/v1/environment-document/'))).toHaveLength(STEPS.length);
    expect(flagsmith.problems).toEqual([]);
  }, 60_000);
});
