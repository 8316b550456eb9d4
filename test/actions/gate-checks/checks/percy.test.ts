import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckEnvironment, CheckSpec } from '../../../../src/actions/gate-checks/check-type.js';
import { createPercyCheck } from '../../../../src/actions/gate-checks/checks/percy.js';
import { evaluateCheck } from '../../../../src/actions/gate-checks/evaluate-check.js';
import { REPO_ROOT } from '../../../support/run-bundle.js';
import { startPercyServer, type PercyServer } from '../../../support/percy-server.js';

let percy: PercyServer;
let now = 0;
const percyCheck = createPercyCheck({ http: { sleep: async () => undefined }, poll: { pollMs: 5_000, clock: () => now, sleep: async (ms) => void (now += ms) } });

beforeAll(async () => {
  percy = await startPercyServer();
});
afterAll(async () => {
  await percy.close();
});
beforeEach(() => {
  percy.reset();
  now = 0;
});
afterEach(() => expect(percy.problems).toEqual([]));

const spec = (entry: Record<string, unknown> = {}): CheckSpec => ({ name: 'visual', type: 'percy', level: 'required', entry: { type: 'percy', ...entry } });
const environment = (env: Record<string, string | undefined> = {}): CheckEnvironment => ({
  workspace: REPO_ROOT,
  now: new Date('2026-11-24T10:00:00Z'),
  override: false,
  env: { PERCY_TOKEN: 'p3rcy', PERCY_API_URL: percy.apiUrl, PERCY_BUILD_ID: '123', ...env },
});
const evaluate = async (entry?: Record<string, unknown>, env?: Record<string, string | undefined>) => (await evaluateCheck(spec(entry), percyCheck, environment(env))).report;

describe('percy check: verdicts', () => {
  it('passes a finished build without diffs', async () => {
    percy.setBuild('123', {});
    const report = await evaluate();
    expect(report).toMatchObject({ status: 'pass', value: 0, samples: 12, message: 'Percy build 123 finished with no visual changes' });
    expect(report.evidence).toMatchObject({ buildId: '123', state: 'finished', reviewState: 'approved', webUrl: 'https://percy.io/acme/shop/builds/123', diffs: 0, snapshots: 12, polls: 1 });
    expect(percy.requests[0]?.authorization).toBe('Token token=p3rcy');
  });

  it('passes approved diffs', async () => {
    percy.setBuild('123', { attributes: { 'total-comparisons-diff': 4, 'review-state-reason': 'user_approved' } });
    expect(await evaluate()).toMatchObject({ status: 'pass', value: 4, message: 'Percy build 123 is approved (4 visual changes)' });
  });

  it('fails unreviewed diffs, naming the count and the URL', async () => {
    percy.setBuild('123', { attributes: { 'total-comparisons-diff': 3, 'review-state': 'unreviewed' } });
    expect(await evaluate()).toMatchObject({
      status: 'fail',
      value: 3,
      message: 'Percy build 123 has 3 visual changes not yet approved (review state unreviewed); review them: https://percy.io/acme/shop/builds/123',
    });
  });

  it('fails requested changes and failed builds', async () => {
    percy.setBuild('123', { attributes: { 'total-comparisons-diff': 1, 'review-state': 'changes_requested' } });
    expect((await evaluate()).message).toBe('Percy build 123 has changes requested on 1 visual change: https://percy.io/acme/shop/builds/123');
    percy.setBuild('124', { attributes: { state: 'failed', 'failure-reason': 'missing_resources', 'review-state': null } });
    expect(await evaluate({ 'build-id': 124 })).toMatchObject({ status: 'fail', message: 'Percy build 124 failed (missing_resources): https://percy.io/acme/shop/builds/124' });
  });

  it('a finished build with no snapshots compared nothing: nodata, never pass', async () => {
    percy.setBuild('123', { attributes: { 'total-snapshots': 0, 'total-comparisons': 0 } });
    expect(await evaluate()).toMatchObject({
      status: 'nodata',
      message: 'Percy build 123 finished with no snapshots, so nothing was compared; check that the visual tests ran under percy exec: https://percy.io/acme/shop/builds/123',
    });
    percy.setBuild('123', { attributes: { 'total-snapshots': null } });
    expect(await evaluate()).toMatchObject({ status: 'nodata' });
    percy.setBuild('123', { attributes: { 'total-comparisons': 0 } });
    expect(await evaluate()).toMatchObject({ status: 'nodata', message: expect.stringMatching(/finished with no comparisons/) });
  });

  it('counts Percy gives that are negative or fractional are an error', async () => {
    percy.setBuild('123', { attributes: { 'total-comparisons-diff': -2 } });
    expect(await evaluate()).toMatchObject({ status: 'error', message: "Percy build 123: Percy's `total-comparisons-diff` is not a whole number ≥ 0, so the build's counts cannot be trusted" });
  });

  it('holds diffs to max-diffs as a threshold too', async () => {
    percy.setBuild('123', { attributes: { 'total-comparisons-diff': 4 } });
    expect(await evaluate({ 'max-diffs': 2 })).toMatchObject({ status: 'fail', message: 'Percy build 123 is approved (4 visual changes); diffs 4 > max-diffs 2' });
  });

  it('waits for a processing build, then judges it', async () => {
    percy.setBuild('123', { attributes: { state: 'processing' } }, { attributes: { state: 'finished' } });
    expect(await evaluate({ wait: '1m' })).toMatchObject({ status: 'pass', evidence: expect.objectContaining({ polls: 2 }) });
  });

  it('is nodata when the build is still processing after the wait', async () => {
    percy.setBuild('123', { attributes: { state: 'processing', 'total-comparisons-diff': null } });
    expect(await evaluate({ wait: '10s' })).toMatchObject({ status: 'nodata', message: 'Percy build 123 is still processing after waiting 10s; re-run later or raise `wait`' });
    expect(await evaluate()).toMatchObject({ status: 'nodata', message: 'Percy build 123 is still processing; set `wait` (e.g. 10m) to poll until it finishes' });
  });
});

describe('percy check: faults', () => {
  it('is a config error without PERCY_TOKEN or a build id', async () => {
    expect(await evaluate({}, { PERCY_TOKEN: undefined })).toMatchObject({
      status: 'error',
      message: 'check `visual`: PERCY_TOKEN is not set; pass the Percy token (read access) to the step as env PERCY_TOKEN from a secret',
    });
    expect(await evaluate({}, { PERCY_BUILD_ID: undefined })).toMatchObject({
      status: 'error',
      message: 'check `visual`: no Percy build id; set key `build-id` or env PERCY_BUILD_ID (percy exec prints the build number and URL)',
    });
    expect((await evaluate({ wait: 'forever' })).message).toBe('check `visual`: `wait`: got "forever"; expected a duration such as 250ms, 30s, 10m, 48h or 1d (a bare number is milliseconds)');
  });

  it('is an error naming 403, and 5xx after retries', async () => {
    percy.setBuild('123', { status: 403 });
    expect((await evaluate()).message).toBe(
      `Percy: GET ${percy.apiUrl}/builds/123 answered 403 Forbidden; check PERCY_TOKEN: reading a build needs a token with read access, not a write-only project token`,
    );
    percy.setBuild('123', { status: 500 });
    percy.requests.length = 0;
    expect(await evaluate()).toMatchObject({ status: 'error', message: `Percy: GET ${percy.apiUrl}/builds/123 answered 500 Internal Server Error after 3 tries` });
    expect(percy.requests).toHaveLength(3);
  });

  it('is an error when Percy refuses the connection, and prefers key api-url over the environment', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const report = await evaluate({ 'api-url': `http://127.0.0.1:${port}/api/v1` });
    expect(report).toMatchObject({ status: 'error', message: `Percy: GET http://127.0.0.1:${port}/api/v1/builds/123: connection refused (ECONNREFUSED) after 3 tries` });
    expect(JSON.stringify(report)).not.toContain('p3rcy');
  });
});
