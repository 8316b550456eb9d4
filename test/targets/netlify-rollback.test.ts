import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNetlifyRollback } from '../../src/targets/netlify-rollback.js';
import type { RollbackTarget } from '../../src/targets/rollback-target.js';
import { type NetlifyServer, startNetlifyServer } from '../support/netlify-server.js';

/**
 * The Netlify kind against the local Netlify API, which checks every request
 * and answer against Netlify's published description: which deploy it
 * restores, that it reads the result back, and how it fails.
 */
const COMMITS = { v1: '1'.repeat(40), v2: '2'.repeat(40), v3: '3'.repeat(40) };
let netlify: NetlifyServer;
const sleeps: number[] = [];

beforeAll(async () => {
  netlify = await startNetlifyServer();
});
afterAll(() => netlify.close());
beforeEach(() => {
  netlify.reset();
  sleeps.length = 0;
  netlify.seed([COMMITS.v1, COMMITS.v2, COMMITS.v3]);
});

function target(token = netlify.token): RollbackTarget {
  return createNetlifyRollback(
    { token, site: netlify.siteId, apiUrl: netlify.apiUrl },
    { env: {}, http: { sleep: async (ms) => void sleeps.push(ms), backoffMs: 10 } },
  );
}
const deployOf = (index: number): string => netlify.state.deploys[index]!.id;

describe('netlify rollback target', () => {
  it('restores the production deploy published before the one under watch, and reads it back', async () => {
    const rolled = await target().rollBack({ version: COMMITS.v3, lastGood: null });
    expect(rolled.ok && rolled.value).toMatchObject({
      target: `Netlify site ${netlify.siteId}`,
      restored: { id: deployOf(1), url: `https://${deployOf(1)}--shop.netlify.app` },
      alreadyRestored: false,
      verification: { passed: true },
    });
    expect(netlify.state.publishedId).toBe(deployOf(1));
    expect(netlify.restores()).toEqual([deployOf(1)]);
    expect(rolled.ok && rolled.value.calls).toEqual([
      `GET /sites/${netlify.siteId} → 200`,
      `GET /sites/${netlify.siteId}/deploys → 200`,
      `POST /sites/${netlify.siteId}/deploys/${deployOf(1)}/restore → 201`,
      `GET /sites/${netlify.siteId} → 200`,
    ]);
    expect(netlify.calls.every((call) => call.authorization === `Bearer ${netlify.token}`)).toBe(true);
    expect(netlify.calls[1]!.path).toContain('production=true&state=ready');
    expect(netlify.problems).toEqual([]);
  });

  it('restores the last good release it is given (by commit), not merely the previous deploy', async () => {
    const rolled = await target().rollBack({ version: COMMITS.v3, lastGood: COMMITS.v1.slice(0, 7) });
    expect(rolled.ok && rolled.value.restored.id).toBe(deployOf(0));
    expect(netlify.state.publishedId).toBe(deployOf(0));
    expect(netlify.problems).toEqual([]);
  });

  it('accepts the deploy id as the release under watch and as the last good one', async () => {
    const rolled = await target().rollBack({ version: deployOf(2), lastGood: deployOf(0) });
    expect(rolled.ok && rolled.value.restored.id).toBe(deployOf(0));
  });

  it('a second rollback changes nothing: the site no longer serves the release under watch', async () => {
    await target().rollBack({ version: COMMITS.v3, lastGood: null });
    const again = await target().rollBack({ version: COMMITS.v3, lastGood: null });
    expect(again.ok && again.value).toMatchObject({ alreadyRestored: true, restored: { id: deployOf(1) }, verification: { passed: true } });
    expect(netlify.restores()).toHaveLength(1);
  });

  it('nothing published before the release under watch is a fault, and nothing is changed', async () => {
    netlify.seed([COMMITS.v3]);
    const rolled = await target().rollBack({ version: COMMITS.v3, lastGood: null });
    expect(rolled).toMatchObject({ ok: false, error: { kind: 'missing' } });
    expect(!rolled.ok && rolled.error.message).toContain('nothing to restore');
    expect(netlify.restores()).toEqual([]);
  });

  it('a last good release Netlify has no deploy of is a fault naming it', async () => {
    const rolled = await target().rollBack({ version: COMMITS.v3, lastGood: 'abcdef1234' });
    expect(rolled).toMatchObject({ ok: false, error: { kind: 'missing' } });
    expect(!rolled.ok && rolled.error.message).toContain('abcdef1234');
    expect(netlify.restores()).toEqual([]);
  });

  it('a release under watch that matches no deploy is a config fault, not "already rolled back"', async () => {
    const rolled = await target().rollBack({ version: 'v3', lastGood: null });
    expect(rolled).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(!rolled.ok && rolled.error.message).toContain('give `version` as the Netlify deploy id or the commit sha');
  });

  it('401 is a provider fault that names the input and never the token', async () => {
    const rolled = await target('nfp_wrong_token_value_123').rollBack({ version: COMMITS.v3, lastGood: null });
    expect(rolled).toMatchObject({ ok: false, error: { kind: 'provider' } });
    const message = !rolled.ok ? rolled.error.message : '';
    expect(message).toContain('answered 401');
    expect(message).toContain('`netlify-token`');
    expect(message).not.toContain('nfp_wrong_token_value_123');
    expect(netlify.problems).toEqual([]);
  });

  it('retries a 429 honouring Retry-After, and a 503', async () => {
    netlify.inject('listSiteDeploys', { status: 429, headers: { 'retry-after': '2' }, body: { code: 429, message: 'Rate limit exceeded' } });
    netlify.inject('restoreSiteDeploy', { status: 503, body: { code: 503, message: 'unavailable' } });
    const rolled = await target().rollBack({ version: COMMITS.v3, lastGood: null });
    expect(rolled.ok && rolled.value.verification.passed).toBe(true);
    expect(sleeps).toEqual([2_000, 10]);
    expect(rolled.ok && rolled.value.calls).toContain(`GET /sites/${netlify.siteId}/deploys → 200 (2 tries)`);
    expect(netlify.problems).toEqual([]);
  });

  it('a restore the site does not read back is a failed verification', async () => {
    netlify.state.ignoreRestores = true;
    const rolled = await target().rollBack({ version: COMMITS.v3, lastGood: null });
    expect(rolled.ok && rolled.value.verification).toEqual({ passed: false, detail: `restored deploy ${deployOf(1)}, but the site reads back deploy ${deployOf(2)}` });
  });

  it('a site serving neither the release under watch nor the last good one is left alone', async () => {
    const rolled = await target().rollBack({ version: COMMITS.v2, lastGood: COMMITS.v1 });
    expect(rolled).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(netlify.restores()).toEqual([]);
  });
});
