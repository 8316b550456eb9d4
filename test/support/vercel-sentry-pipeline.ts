import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGitHubClient } from '../../src/github/client.js';
import { type GitHubServer, startGitHubServer } from './github-server.js';
import { type PagerDutyServer, startPagerDutyServer } from './pagerduty-server.js';
import { type BundleRun, runBundle } from './run-bundle.js';
import { type SentryMinute, type SentryServer, startSentryServer, steadyMinutes } from './sentry-server.js';
import { type VercelProject, type VercelServer, deployment, startVercelServer } from './vercel-server.js';
import { workspaceDir } from './workspace-dir.js';

/**
 * The pipeline a team on Vercel and Sentry runs, against the local vendor
 * servers: a release goes out as a Vercel rolling release (stages 5, 25, 50,
 * 100 with manual approval), canary-promote judges each stage from Sentry's
 * per-release error rate and approves the next one, keeps the rollout in
 * GitHub Deployments, tags the finished release and pages through
 * PagerDuty; auto-rollback watches production afterwards and puts Vercel
 * back on the last good deployment. Shared by the end-to-end test and
 * `npm run demo:vercel-sentry`, so both run exactly the same steps.
 *
 * Releases are named `v1`, `v2`, `v3`: the git tag, the Sentry release
 * `shop@<version>`, and a Vercel deployment `dpl_<version>` built from the
 * commit `SHAS[version]`.
 */
export const REPOSITORY = 'acme/shop';
export const ENVIRONMENT = 'production';
export const PROJECT_ID = 'prj_shop';
export const TEAM_ID = 'team_acme';
export const STAGES = [5, 25, 50, 100];
export const BAKE_MINUTES = 10;
export const DEDUP_KEY = `rollout-guard/${REPOSITORY}/${ENVIRONMENT}`;
export const SHAS = { v1: '1a'.repeat(20), v2: '2b'.repeat(20), v3: '3c'.repeat(20) } as const;
export type Version = keyof typeof SHAS;

const GITHUB_TOKEN = 'ghs_pipelinetoken0123456789';
const SENTRY_TOKEN = 'sntrys_pipeline_token_0123456789';
const MINUTE = 60_000;

/** One-minute Sentry samples of a release: transactions a minute and the errors of each minute. */
export type Traffic = { transactions: number; errorsAt: (minute: number) => number };
/** 0.5% errors: one error every other minute of 100 transactions. */
export const HEALTHY: Traffic = { transactions: 100, errorsAt: (minute) => minute % 2 };
/** The stable release under full traffic: 0.5% of 1000. */
export const STABLE: Traffic = { transactions: 1000, errorsAt: () => 5 };
/** 10% errors: over `max: 5%` and more than double the stable release. */
export const FAULTY: Traffic = { transactions: 100, errorsAt: () => 10 };

export const ANALYSIS = (sentryUrl: string): string => `# The canary is read as shop@<canary version>, the baseline as shop@<stable-version>;
# at 100% only the absolute level judges.
source:
  type: sentry
  url: ${sentryUrl}
  organization: acme
  project: shop
  environment: ${ENVIRONMENT}
  release: 'shop@{{version}}'
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: transactions }
    max: 5%
    max-increase: 100%
    consecutive: 1
`;

/**
 * auto-rollback's analysis for a release at 100%: absolute levels only, as
 * the stable release then serves nobody and there is nothing to compare with.
 */
export const WATCH_ANALYSIS = (sentryUrl: string): string => `source:
  type: sentry
  url: ${sentryUrl}
  organization: acme
  project: shop
  environment: ${ENVIRONMENT}
  release: 'shop@{{version}}'
interval: 1m
metrics:
  error-rate:
    ratio: { numerator: errors, denominator: transactions }
    max: 5%
    consecutive: 1
`;

export interface Pipeline {
  vercel: VercelServer;
  sentry: SentryServer;
  pagerduty: PagerDutyServer;
  github: GitHubServer;
  /** The workspace the bundles run in (analysis file, reports). */
  dir: string;
  /** canary-promote's clock (`now`) at minute 0; a few hours before the real clock, so Sentry's samples for both clocks never overlap. */
  t0: number;
  /** `now` for canary-promote, `minute` minutes after `t0`. */
  at(minute: number): string;
  project(): VercelProject;
  /** Vercel's Git integration deploys `version` to production: a rolling release of it starts at the first stage. */
  deployRelease(version: Version): void;
  /** Sentry's samples of a release: from three hours before the real clock to half an hour after it. */
  setTraffic(version: Version, traffic: Traffic, from?: number): void;
  /** `version`'s errors climb to 20% `minutesAgo` before the real clock, after it ran healthy through its rolling release. */
  climbErrors(version: Version, minutesAgo?: number): void;
  /** The inputs of one canary-promote tick of `version` against `stable`, at `minute` of canary-promote's clock. */
  canaryInputs(tick: { version: Version; stable: Version; minute: number }): Record<string, string>;
  canaryTick(tick: { version: Version; stable: Version; minute: number }): Promise<BundleRun>;
  /** The inputs of an auto-rollback watch of `version` (one-shot, on the real clock). */
  watchInputs(version: Version): Record<string, string>;
  watch(version: Version): Promise<BundleRun>;
  /**
   * The other scenario auto-rollback starts from: `version` went through its
   * rolling release to 100% after `previous` did (GitHub Deployments holds
   * both as successful), Vercel's production serves it, and PagerDuty has no
   * open alert.
   */
  seedReachedProduction(version: Version, previous: Version): Promise<void>;
  /** Every request or answer a server saw off its vendor's description. */
  problems(): string[];
  /** The runner's environment of the steps of `version`. */
  env(version: Version): Record<string, string>;
  close(): Promise<void>;
}

/** `dir`: the workspace to use (the demo's `.demo-out/`); default a fresh test workspace named `name`. */
export async function startPipeline(options: { name?: string; dir?: string } = {}): Promise<Pipeline> {
  const [vercel, sentry, pagerduty, github] = await Promise.all([
    startVercelServer(),
    startSentryServer({ token: SENTRY_TOKEN }),
    startPagerDutyServer(),
    startGitHubServer({ token: GITHUB_TOKEN, refs: { ...SHAS } }),
  ]);
  const dir = options.dir ?? (await workspaceDir(options.name ?? 'vercel-sentry'));
  const analysis = path.join(dir, 'vercel-sentry-analysis.yml');
  await writeFile(analysis, ANALYSIS(sentry.url));
  const watchAnalysis = path.join(dir, 'vercel-sentry-watch.yml');
  await writeFile(watchAnalysis, WATCH_ANALYSIS(sentry.url));
  const realNow = Math.floor(Date.now() / MINUTE) * MINUTE;
  const t0 = realNow - 180 * MINUTE;
  const created = { v1: 1_000, v2: 2_000, v3: 3_000 };
  const dpl = (version: Version) => deployment(`dpl_${version}`, created[version], { gitSha: SHAS[version] });

  // v1 serves production; v2 has just been deployed, so Vercel started its rolling release at 5%.
  vercel.addProject({
    id: PROJECT_ID,
    name: 'shop',
    teamId: TEAM_ID,
    stages: STAGES,
    deployments: [dpl('v1'), dpl('v2')],
    productionId: 'dpl_v1',
    release: { state: 'ACTIVE', advancementType: 'manual-approval', activeIndex: 0, canaryId: 'dpl_v2', currentId: 'dpl_v1' },
  });

  const setTraffic = (version: Version, traffic: Traffic, from = t0 - 30 * MINUTE): void => {
    const count = Math.round((realNow + 30 * MINUTE - from) / MINUTE);
    const minutes: SentryMinute[] = steadyMinutes(from, count, { transactions: traffic.transactions }).map((minute, index) => ({ ...minute, errors: traffic.errorsAt(index) }));
    sentry.setRelease(`shop@${version}`, minutes, ENVIRONMENT);
  };
  setTraffic('v1', STABLE);
  setTraffic('v2', HEALTHY);
  setTraffic('v3', FAULTY);

  const env = {
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    SENTRY_AUTH_TOKEN: SENTRY_TOKEN,
  };
  const vercelInputs = { 'vercel-token': vercel.token, 'vercel-project': 'shop', 'vercel-team-id': TEAM_ID, 'vercel-api-url': vercel.apiUrl };
  const notifyInputs = { 'github-token': GITHUB_TOKEN, state: 'github', environment: ENVIRONMENT, 'pagerduty-routing-key': pagerduty.routingKey, 'pagerduty-url': pagerduty.url };
  const at = (minute: number) => new Date(t0 + minute * MINUTE).toISOString();
  const project = () => vercel.projects.get(PROJECT_ID)!;

  const canaryInputs: Pipeline['canaryInputs'] = ({ version, stable, minute }) => ({
    analysis,
    steps: STAGES.join(','),
    'bake-time': `${BAKE_MINUTES}m`,
    // A workflow passes the commit it deployed on every tick; the version names the Sentry release and the tag.
    'canary-ref': SHAS[version],
    'canary-version': version,
    'stable-version': stable,
    'traffic-target': 'vercel',
    ...vercelInputs,
    ...notifyInputs,
    'release-tag': 'true',
    'fail-on-rollback': 'false',
    now: at(minute),
  });
  const watchInputs: Pipeline['watchInputs'] = (version) => ({
    analysis: watchAnalysis,
    duration: '0',
    version,
    'rollback-target': 'vercel',
    ...vercelInputs,
    ...notifyInputs,
    'create-issue': 'true',
  });

  return {
    vercel,
    sentry,
    pagerduty,
    github,
    dir,
    t0,
    at,
    project,
    env: (version) => ({ ...env, GITHUB_SHA: SHAS[version] }),
    deployRelease(version) {
      const found = project();
      if (!found.deployments.some((candidate) => candidate.id === `dpl_${version}`)) found.deployments.push(dpl(version));
      found.release = { state: 'ACTIVE', advancementType: 'manual-approval', activeIndex: 0, canaryId: `dpl_${version}`, currentId: found.productionId };
    },
    setTraffic,
    climbErrors(version, minutesAgo = 10) {
      const from = t0 - 30 * MINUTE;
      const climbAt = (realNow - minutesAgo * MINUTE - from) / MINUTE;
      setTraffic(version, { transactions: 100, errorsAt: (minute) => (minute >= climbAt ? 20 : HEALTHY.errorsAt(minute)) }, from);
    },
    canaryInputs,
    canaryTick: (tick) => runBundle('canary-promote', { cwd: dir, env: { ...env, GITHUB_SHA: SHAS[tick.version] }, inputs: canaryInputs(tick) }),
    watchInputs,
    watch: (version) => runBundle('auto-rollback', { cwd: dir, env: { ...env, GITHUB_SHA: SHAS[version] }, inputs: watchInputs(version) }),
    async seedReachedProduction(version, previous) {
      github.reset();
      pagerduty.reset();
      const octokit = await createGitHubClient({ token: GITHUB_TOKEN, apiUrl: github.url });
      const [owner, repo] = REPOSITORY.split('/') as [string, string];
      for (const ref of [previous, version]) {
        const made = await octokit.rest.repos.createDeployment({ owner, repo, ref, environment: ENVIRONMENT, auto_merge: false, required_contexts: [] });
        const id = 'id' in made.data ? made.data.id : 0;
        await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, state: 'success' });
      }
      const found = project();
      for (const each of [previous, version]) if (!found.deployments.some((candidate) => candidate.id === `dpl_${each}`)) found.deployments.push(dpl(each));
      found.productionId = `dpl_${version}`;
      found.release = { state: 'COMPLETE', advancementType: 'manual-approval', activeIndex: STAGES.length - 1, canaryId: `dpl_${version}`, currentId: `dpl_${previous}` };
      found.lastAliasRequest = null;
    },
    problems: () => [
      ...vercel.problems.map((problem) => `vercel: ${problem}`),
      ...sentry.problems.map((problem) => `sentry: ${problem}`),
      ...pagerduty.problems.map((problem) => `pagerduty: ${problem}`),
      ...github.validationErrors.map((issue) => `github: ${issue.kind} ${issue.route} ${issue.status}: ${issue.errors.join('; ')}`),
    ],
    close: async () => {
      await Promise.all([vercel.close(), sentry.close(), pagerduty.close(), github.close()]);
    },
  };
}
