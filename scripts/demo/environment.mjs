// The one environment every step of the pipeline runs against, all on
// 127.0.0.1: blue (v1, stable) and green (v2, the release) app servers, the
// weighted router in front of them, the metrics source, and the local server
// playing GitHub's REST API (deployments and their statuses). Each part is
// registered for cleanup the moment it starts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGitHubClient } from '../../src/github/client.ts';
import { startGitHubServer } from '../../test/support/github-server.ts';
import { startApp } from './app.mjs';
import { startMetrics } from './metrics.mjs';
import { startRouter } from './router.mjs';

export const REPOSITORY = 'acme/shop';
export const TOKEN = 'ghs_demoToken0123456789abcdefABCDEF';
export const SHAS = { v1: '1'.repeat(40), v2: '2'.repeat(40), v3: '3'.repeat(40) };

export async function startEnvironment(ctx) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-demo-'));
  ctx.onCleanup(() => rmSync(dir, { recursive: true, force: true }));

  const [blue, green] = await Promise.all([startApp('blue', { version: 'v1', role: 'baseline' }), startApp('green', { version: 'v2', role: 'canary' })]);
  ctx.onCleanup(() => Promise.all([blue.close(), green.close()]));
  ctx.note(`apps: blue ${blue.version} at ${blue.url} (stable), green ${green.version} at ${green.url} (the release, idle)`);

  const router = await startRouter(ctx.root, dir, { stable: blue.address, canary: green.address, preview: green.address });
  ctx.onCleanup(() => router.stop());
  ctx.note(`router: ${router.kind}`);
  ctx.note(`        ${router.url} → 100% blue; preview ${router.previewUrl} → green`);

  const metrics = await startMetrics([blue, green]);
  ctx.onCleanup(() => metrics.stop());
  ctx.note(`metrics: ${metrics.kind}`);

  const github = await startGitHubServer({ token: TOKEN, refs: SHAS });
  ctx.onCleanup(() => github.close());
  // v1 is what production runs: deployed earlier by another tool, successful.
  const octokit = await createGitHubClient({ token: TOKEN, apiUrl: github.url });
  const [owner, repo] = REPOSITORY.split('/');
  const created = await octokit.rest.repos.createDeployment({ owner, repo, ref: 'v1', environment: 'production', auto_merge: false, required_contexts: [], description: 'v1, deployed before the demo' });
  await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: created.data.id, state: 'success', description: 'v1 live on blue' });
  ctx.note(`GitHub: local REST server (OpenAPI-checked) at ${github.url} for ${REPOSITORY}; production's v1 deployment recorded as success`);

  const githubEnv = (sha) => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: REPOSITORY, GITHUB_SHA: sha, GITHUB_RUN_ID: '4242', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REF: 'refs/heads/main' });
  return { dir, blue, green, router, metrics, github, githubEnv };
}
