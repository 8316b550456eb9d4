import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from '../support/forward-proxy.js';
import { type GitHubServer, startGitHubServer } from '../support/github-server.js';
import { REPO_ROOT, runBundle } from '../support/run-bundle.js';
import { workspaceDir } from '../support/workspace-dir.js';

/**
 * The bundles on a runner behind a proxy (`HTTP_PROXY`/`HTTPS_PROXY`, as
 * self-hosted and GHES runners set them): the GitHub API and the health
 * checks go through the proxy, and `NO_PROXY` keeps a host off it, as the
 * toolkit's own HTTP client does. Node's built-in fetch ignores these
 * variables, which left every call trying to reach its host directly.
 */
const TOKEN = 'ghs_proxytesttoken0123456';
let proxy: ForwardProxy;
let github: GitHubServer;
let health: { url: string; close: () => Promise<void> };
let dir: string;

beforeAll(async () => {
  proxy = await startForwardProxy();
  github = await startGitHubServer({ token: TOKEN });
  const server = createServer((_request, response) => response.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  health = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  dir = await workspaceDir('proxy');
  await writeFile(path.join(dir, 'gates.yml'), `checks:\n  unit-tests:\n    type: junit\n    path: ${path.join(REPO_ROOT, 'action-examples/demo/reports/junit.xml')}\n`);
});
afterAll(async () => {
  await Promise.all([proxy?.close(), github?.close(), health?.close()]);
});

const githubEnv = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'f'.repeat(40), GITHUB_RUN_ID: '42' });

describe('behind a proxy', () => {
  it('gate-checks publishes its check run through HTTP_PROXY', async () => {
    proxy.seen.length = 0;
    const run = await runBundle('gate-checks', { cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml'), 'github-token': TOKEN }, env: { ...githubEnv(), HTTP_PROXY: proxy.url } });
    expect([run.code, run.outputs.decision], run.stdout).toEqual([0, 'go']);
    expect(github.state.checkRuns).toHaveLength(1);
    // undici tunnels through the proxy with CONNECT for http targets too.
    expect(proxy.seen).toContain(`CONNECT ${new URL(github.url).host}`);
  });

  it('reaches a GitHub that only the proxy can reach (direct connections fail), with the proxy variables a GHES runner sets; without them the same run cannot publish', async () => {
    proxy.seen.length = 0;
    github.reset();
    // The proxy alone knows this name; a direct connection fails to resolve it (ENOTFOUND), as behind a firewall that refuses direct connections.
    const apiUrl = `http://github.rollout-guard.invalid:${new URL(github.url).port}`;
    const env = { ...githubEnv(), GITHUB_API_URL: apiUrl, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
    const run = await runBundle('gate-checks', { cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml'), 'github-token': TOKEN }, env });
    expect([run.code, run.outputs.decision], run.stdout).toEqual([0, 'go']);
    expect(github.state.checkRuns).toHaveLength(1);
    expect(proxy.seen).toContain(`CONNECT github.rollout-guard.invalid:${new URL(github.url).port}`);
    // Without the proxy the same run cannot publish: the name does not resolve.
    github.reset();
    const direct = await runBundle('gate-checks', { cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml'), 'github-token': TOKEN }, env: { ...githubEnv(), GITHUB_API_URL: apiUrl } });
    expect(github.state.checkRuns).toHaveLength(0);
    expect(direct.stdout).toMatch(/ENOTFOUND|getaddrinfo|not resolve/i);
  });

  it('NO_PROXY keeps a host off the proxy', async () => {
    proxy.seen.length = 0;
    github.reset();
    const host = new URL(github.url).hostname;
    const run = await runBundle('gate-checks', { cwd: REPO_ROOT, inputs: { policy: path.join(dir, 'gates.yml'), 'github-token': TOKEN }, env: { ...githubEnv(), HTTP_PROXY: proxy.url, NO_PROXY: host } });
    expect([run.code, run.outputs.decision], run.stdout).toEqual([0, 'go']);
    expect(github.state.checkRuns).toHaveLength(1);
    expect(proxy.seen).toEqual([]);
  });

  it("auto-rollback's health checks go through the proxy (lower-case variables too)", async () => {
    proxy.seen.length = 0;
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { 'health-urls': health.url, duration: '0', 'max-failures': '0', version: 'v2', 'rollback-command': JSON.stringify([process.execPath, '-e', '0']) },
      env: { http_proxy: proxy.url },
    });
    expect(run.outputs.decision, run.stdout).toBe('healthy');
    expect(proxy.seen).toContain(`CONNECT ${new URL(health.url).host}`);
  });

  it('a proxy that cannot be reached is a provider failure naming the call, never a pass', async () => {
    const run = await runBundle('auto-rollback', {
      cwd: dir,
      inputs: { 'health-urls': health.url, duration: '0', 'max-failures': '0', 'health-timeout': '2s', 'verify-timeout': '0s', version: 'v2', 'rollback-command': JSON.stringify([process.execPath, '-e', '0']) },
      env: { HTTP_PROXY: 'http://127.0.0.1:9' },
    });
    expect(run.outputs.decision).not.toBe('healthy');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });
});
