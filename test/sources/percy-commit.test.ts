import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findPercyBuildForCommit, waitForPercyCommitBuild } from '../../src/sources/percy.js';
import { startPercyServer, type PercyServer } from '../support/percy-server.js';

let percy: PercyServer;
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b';
const target = { project: 'acme/shop', commit: SHA };

beforeAll(async () => {
  percy = await startPercyServer();
});
afterAll(async () => {
  await percy.close();
});
beforeEach(() => percy.reset());
afterEach(() => expect(percy.problems).toEqual([]));

const client = () => ({ apiUrl: percy.apiUrl, token: 'p3rcy-t0ken', http: { sleep: async () => undefined } });

describe('findPercyBuildForCommit', () => {
  it('lists the project builds for the commit, as build:wait does, and takes the first (the newest)', async () => {
    percy.setCommitBuilds('acme/shop', SHA, { builds: [{ id: '902', attributes: { 'total-comparisons-diff': 2, 'review-state': 'unreviewed' } }, { id: '901' }] });
    const found = await findPercyBuildForCommit(client(), target);
    expect(found).toEqual({
      ok: true,
      value: {
        listed: 2,
        build: {
          id: '902',
          state: 'finished',
          reviewState: 'unreviewed',
          reviewStateReason: 'no_diffs',
          diffs: 2,
          snapshots: 12,
          comparisons: 24,
          webUrl: 'https://percy.io/acme/shop/builds/902',
          failureReason: null,
        },
      },
    });
    expect(percy.requests).toEqual([{ method: 'GET', path: `/api/v1/projects/acme/shop/builds?filter%5Bsha%5D=${SHA}`, authorization: 'Token token=p3rcy-t0ken' }]);
  });

  it('is no build, not an error, while Percy lists none for the commit', async () => {
    expect(await findPercyBuildForCommit(client(), target)).toEqual({ ok: true, value: { build: null, listed: 0 } });
  });

  it('names the project on 404 and the token on 401, never the token itself', async () => {
    percy.setCommitBuilds('acme/shop', SHA, { status: 404 });
    const missing = await findPercyBuildForCommit(client(), target);
    expect(!missing.ok && missing.error).toEqual({
      kind: 'provider',
      message: `Percy: GET ${percy.apiUrl}/projects/acme/shop/builds?filter%5Bsha%5D=*** answered 404 Not Found; no project acme/shop is visible to this PERCY_TOKEN; check \`project\` (org/project, the slugs in the project's Percy URL)`,
    });
    percy.setCommitBuilds('acme/shop', SHA, { status: 401 });
    const unauthorized = await findPercyBuildForCommit(client(), target);
    expect(!unauthorized.ok && unauthorized.error.message).toMatch(/answered 401 Unauthorized; check PERCY_TOKEN: listing builds needs a token with read access/);
    expect(JSON.stringify([missing, unauthorized])).not.toContain('p3rcy-t0ken');
  });

  it('names the first bad field of an unexpected list', async () => {
    percy.setCommitBuilds('acme/shop', SHA, { body: JSON.stringify({ data: { id: '1' } }) });
    const notAList = await findPercyBuildForCommit(client(), target);
    expect(!notAList.ok && notAList.error).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/gave an unexpected build list: `data`: expected array/) });
    percy.setCommitBuilds('acme/shop', SHA, { body: JSON.stringify({ data: [{ id: '1', attributes: { state: 7 } }] }) });
    const badBuild = await findPercyBuildForCommit(client(), target);
    expect(!badBuild.ok && badBuild.error.message).toMatch(/gave an unexpected build list: `data\[0\]\.attributes\.state`: expected string, received number$/);
  });
});

describe('waitForPercyCommitBuild', () => {
  const clocked = (waitMs: number) => {
    let now = 0;
    const sleeps: number[] = [];
    return { sleeps, wait: { waitMs, pollMs: 10_000, clock: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) } };
  };

  it('polls while there is no build yet, then while it processes, until it finishes', async () => {
    percy.setCommitBuilds('acme/shop', SHA, { builds: [] }, { builds: [{ id: '7', attributes: { state: 'processing' } }] }, { builds: [{ id: '7' }] });
    const { sleeps, wait } = clocked(60_000);
    const result = await waitForPercyCommitBuild(client(), target, wait);
    expect(result.ok && [result.value.build?.id, result.value.build?.state, result.value.polls]).toEqual(['7', 'finished', 3]);
    expect(sleeps).toEqual([10_000, 10_000]);
  });

  it('gives up at the deadline with no build', async () => {
    const { wait } = clocked(25_000);
    const result = await waitForPercyCommitBuild(client(), target, wait);
    expect(result.ok && result.value).toEqual({ build: null, listed: 0, polls: 4 });
  });

  it('stops at the first fault', async () => {
    percy.setCommitBuilds('acme/shop', SHA, { builds: [] }, { status: 403 });
    const { wait } = clocked(60_000);
    const result = await waitForPercyCommitBuild(client(), target, wait);
    expect(!result.ok && result.error.kind).toBe('provider');
    expect(percy.requests).toHaveLength(2);
  });
});

describe('the local Percy server', () => {
  it('flags requests off Percy\'s documented shapes, so the empty problem list above means something', async () => {
    await fetch(`${percy.apiUrl}/projects/acme/shop/builds?project_slug=acme%2Fshop&filter%5Bsha%5D=HEAD`);
    await fetch(`${percy.apiUrl}/builds/1?include=snapshots`, { method: 'DELETE', headers: { authorization: 'Bearer x' } });
    await fetch(`${percy.apiUrl}/projects/acme/builds`, { headers: { authorization: 'Token token=x' } });
    expect(percy.problems).toEqual([
      `GET /api/v1/projects/acme/shop/builds?project_slug=acme%2Fshop&filter%5Bsha%5D=HEAD: no \`Authorization: Token token=<PERCY_TOKEN>\` header`,
      "GET /api/v1/projects/acme/shop/builds?project_slug=acme%2Fshop&filter%5Bsha%5D=HEAD: `project_slug` is not a query parameter of Percy's build list",
      'GET /api/v1/projects/acme/shop/builds?project_slug=acme%2Fshop&filter%5Bsha%5D=HEAD: `filter[sha]` has a value Percy does not document: "HEAD"',
      "DELETE /api/v1/builds/1?include=snapshots: Percy's build reads are GET",
      'DELETE /api/v1/builds/1?include=snapshots: no `Authorization: Token token=<PERCY_TOKEN>` header',
      'DELETE /api/v1/builds/1?include=snapshots: a build read takes no query',
      "GET /api/v1/projects/acme/builds: no such operation in Percy's API",
    ]);
    percy.problems.length = 0;
  });
});
