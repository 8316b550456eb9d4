import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { type Handler, type TestServer, answer, hugeBody, redirectTo, stallAfterHeaders, startServer } from '../boundary-servers.js';
import { readReport, recordingCommand } from './bundle-support.js';

/**
 * dist/auto-rollback/index.js against metric backends that misbehave at the
 * HTTP level: a body that stalls after the headers, a body too large, a 200
 * that is not JSON, a redirect to another host. Each is a fault of that
 * metric, judged by its `on-error`: never a crash without a report or a
 * decision, never credentials sent to the other host.
 */
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rg-rollback-http-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function backend(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

async function watchOnce(source: string, onError: 'fail' | 'hold', env: Record<string, string> = {}) {
  const analysis = path.join(dir, `analysis-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(analysis, `source: ${source}\nmetrics:\n  error-rate: { series: errors, max: 5%, on-error: ${onError}, consecutive: 1 }\n`);
  const traffic = await recordingCommand(dir, `traffic-${Math.random().toString(36).slice(2)}`);
  const run = await runBundle('auto-rollback', {
    cwd: dir,
    env,
    inputs: { analysis, duration: '0', version: 'v2', 'stable-version': 'v1', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) },
  });
  return { run, traffic };
}

/** The log less the `::add-mask::` lines that tell the runner what to mask (they hold the secret by design). */
const withoutMaskCommands = (log: string) =>
  log
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');

describe('auto-rollback bundle: metric bodies are read inside the timeout', () => {
  it('a backend that stalls after its headers times out as a provider fault; with on-error: fail the release is rolled back', async () => {
    const server = await backend(stallAfterHeaders);
    const { run, traffic } = await watchOnce(`{ type: http-json, url: "${server.url}/q", json-path: "$.data[*]", timeout: 1s }`, 'fail');
    expect(run.stdout).not.toContain('internal error');
    expect(run.outputs.decision, run.stdout).toBe('rolled-back');
    expect(await traffic.calls()).toEqual([['0']]);
    const report = await readReport(run.outputs.report);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(JSON.stringify(report)).toContain(`GET ${server.url}/q timed out after 1s`);
  });

  it('with on-error: hold, the same stall never reads as healthy and rolls nothing back', async () => {
    const server = await backend(stallAfterHeaders);
    const { run, traffic } = await watchOnce(`{ type: http-json, url: "${server.url}/q", json-path: "$.data[*]", timeout: 1s }`, 'hold');
    expect(run.outputs.decision, run.stdout).not.toBe('healthy');
    expect(run.outputs.decision).not.toBe('');
    expect(await traffic.calls()).toEqual([]);
    expect((await readReport(run.outputs.report)).checks[0]!.status).toBe('error');
  });

  it('a body beyond the 16 MB cap is a provider fault naming the cap, not a read of it all', async () => {
    const server = await backend(hugeBody(17 * 1024 * 1024));
    const { run } = await watchOnce(`{ type: http-json, url: "${server.url}/q?token=abcdef123456", json-path: "$.data[*]", timeout: 20s }`, 'hold');
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]!.status).toBe('error');
    expect(report.checks[0]!.message).toContain('larger than 16 MB');
    expect(report.checks[0]!.message).toContain(`${server.url}/q?token=***`);
    expect(JSON.stringify(report)).not.toContain('abcdef123456');
  });

  it('a 200 that is not JSON is a malformed answer, and the page is not quoted', async () => {
    const server = await backend(answer(200, '<html>root:x:0:0:secret-page</html>', { 'content-type': 'text/html' }));
    const { run } = await watchOnce(`{ type: http-json, url: "${server.url}/q", json-path: "$.data[*]" }`, 'hold');
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]!.message).toContain('its body is not valid JSON (line 1, column 1: expected a value)');
    expect(run.stdout + JSON.stringify(report) + run.summary).not.toContain('secret-page');
  });
});

describe('auto-rollback bundle: credentials never follow a redirect to another host', () => {
  it('http-json with a bearer token: a redirect to another origin is refused and the other host never sees the token', async () => {
    const elsewhere = await backend(answer(200, '{"data": [0]}'));
    const server = await backend(redirectTo(`${elsewhere.url.replace('127.0.0.1', 'localhost')}/steal`));
    const { run } = await watchOnce(`{ type: http-json, url: "${server.url}/q", json-path: "$.data[*]", token-env: METRICS_TOKEN, headers: { X-Scope-OrgID: tenant-1 } }`, 'hold', { METRICS_TOKEN: 'tok-very-secret-1' });
    expect(elsewhere.requests).toEqual([]);
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]!.status).toBe('error');
    expect(report.checks[0]!.message).toMatch(/redirected to http:\/\/localhost:\d+\/steal, another origin; not followed, because the request carries credentials or custom headers/);
    expect(withoutMaskCommands(run.stdout) + JSON.stringify(report)).not.toContain('tok-very-secret-1');
  });

  it('datadog keys: the same, for DD-API-KEY and DD-APPLICATION-KEY', async () => {
    const elsewhere = await backend(answer(200, '{"series": []}'));
    const server = await backend(redirectTo(`${elsewhere.url.replace('127.0.0.1', 'localhost')}/api/v1/query`, 307));
    const { run } = await watchOnce(`{ type: datadog, site: "${server.url}", query: "sum:errors{*}" }`, 'hold', { DD_API_KEY: 'dd-api-key-secret', DD_APP_KEY: 'dd-app-key-secret' });
    expect(elsewhere.requests).toEqual([]);
    expect(server.requests[0]!.headers['dd-api-key']).toBe('dd-api-key-secret');
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]!.message).toContain('another origin; not followed');
  });

  it('a redirect within the origin is followed with the credentials', async () => {
    let hits = 0;
    const server = await backend((request, response) => {
      hits++;
      if (request.url === '/old') return redirectTo('/new', 301)(request, response);
      answer(200, JSON.stringify({ data: [0, 0, 0] }))(request, response);
    });
    const { run } = await watchOnce(`{ type: http-json, url: "${server.url}/old", json-path: "$.data[*]", token-env: METRICS_TOKEN }`, 'hold', { METRICS_TOKEN: 'tok-2' });
    expect(hits).toBe(2);
    expect(server.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/old', 'Bearer tok-2'],
      ['/new', 'Bearer tok-2'],
    ]);
    expect(run.outputs.decision).toBe('healthy');
  });
});
