import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../../support/report-schema.js';
import { runBundle } from '../../support/run-bundle.js';
import { readReport, recordingCommand } from './bundle-support.js';
import { workspaceDir } from '../../support/workspace-dir.js';

/**
 * The metrics backend failing during a watch: a local server speaking
 * Prometheus' HTTP API that answers from a script (a value, a 500 in
 * Prometheus' error envelope, a 429), or is not there at all. Reads are
 * retried; an outage as long as `max-metrics-outage` ends the watch as
 * `backend-failed`, which is never healthy and never a rollback.
 */
type Answer = 'ok' | 500 | 429;
let server: Server | null = null;
let dir: string;

async function startBackend(script: (n: number) => Answer): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  server = createServer((request, response) => {
    const answer = script(++count);
    const end = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('end') ?? 0);
    if (answer === 'ok') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [[end, '0.01']] }] } }));
    }
    response.writeHead(answer, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'error', errorType: answer === 500 ? 'internal' : 'too_many_requests', error: answer === 500 ? 'storage unavailable' : 'slow down' }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const current = server;
  return {
    url: `http://127.0.0.1:${(current.address() as AddressInfo).port}`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => (current.closeAllConnections(), current.close(() => resolve()))),
  };
}

beforeAll(async () => {
  dir = await workspaceDir('rollback-outage');
});
afterEach(async () => {
  if (server?.listening) await new Promise((resolve) => (server!.closeAllConnections(), server!.close(resolve)));
});

async function analysisAt(url: string): Promise<string> {
  const file = path.join(dir, `analysis-${Math.random().toString(36).slice(2)}.yml`);
  await writeFile(file, `source: { type: prometheus, url: "${url}", step: 1s, query: "sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))" }\nmetrics:\n  error-rate: { series: error_ratio, max: 0.05, consecutive: 3 }\n`);
  return file;
}

describe('metrics backend outage during the watch', () => {
  it('answering 500: each read retried, then backend-failed once the outage reaches max-metrics-outage; nothing rolled back', async () => {
    const backend = await startBackend((n) => (n === 1 ? 'ok' : 500));
    const traffic = await recordingCommand(dir, 'traffic-500');
    const run = await runBundle('auto-rollback', {
      inputs: { analysis: await analysisAt(backend.url), duration: '60s', interval: '1s', 'max-metrics-outage': '2s', version: 'v2', 'traffic-command': JSON.stringify(['node', traffic.argv, '{weight}']) },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ decision: 'backend-failed', 'rolled-back': 'false', 'rollback-seconds': '' });
    // One good read, then three failed reads of three tries each (polls at 1s, 2s and 3s of schedule).
    expect(backend.requests()).toBe(1 + 3 * 3);
    expect(run.outputs.reason).toBe(
      `the metrics backend failed for 2s, reaching max-metrics-outage 2s (3 failed reads): prometheus: GET ${backend.url}/api/v1/query_range answered 500 Internal Server Error after 3 tries; internal: storage unavailable (query \`sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))\`)`,
    );
    expect(run.errors.at(-1)).toBe(`::error::backend-failed: watch of v2 in production stopped: ${run.outputs.reason}`);
    expect(await traffic.calls()).toEqual([]);
    const report = await readReport(run.outputs.report);
    expect(report.checks[0]).toMatchObject({ name: 'error-rate', status: 'error', samples: 4 });
    expect(reportSchemaErrors(report)).toEqual([]);
  });

  it('answering 429 for a moment: retried within the read, and the watch goes on to healthy', async () => {
    const backend = await startBackend((n) => (n <= 2 ? 429 : 'ok'));
    const run = await runBundle('auto-rollback', {
      inputs: { analysis: await analysisAt(backend.url), duration: '2s', interval: '1s', version: 'v2', 'traffic-command': '["true"]' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.decision).toBe('healthy');
    expect(backend.requests()).toBe(5);
    expect((await readReport(run.outputs.report)).checks[0]).toMatchObject({ status: 'pass', samples: 3 });
  });

  it('down (connection refused) at a one-shot check: backend-failed, never healthy', async () => {
    const backend = await startBackend(() => 'ok');
    await backend.close();
    const run = await runBundle('auto-rollback', { inputs: { analysis: await analysisAt(backend.url), duration: '0', version: 'v2', 'traffic-command': '["true"]' } });
    expect(run.code).toBe(1);
    expect(run.outputs.decision).toBe('backend-failed');
    expect(run.outputs.reason).toBe(
      `the metrics backend was still failing when the watch ended (1 failed read): prometheus: GET ${backend.url}/api/v1/query_range: connection refused (ECONNREFUSED) after 3 tries (query \`sum(rate(http_errors_total[1m])) / sum(rate(http_requests_total[1m]))\`)`,
    );
  });
});
