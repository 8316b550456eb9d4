import { performance } from 'node:perf_hooks';
import { type Result, ok } from '../engine/result.js';
import { type SourceFault, fault } from '../sources/source-fault.js';
import type { PlatformRollback, PlatformRollbackRequest, RollbackTarget, RollbackTargetKind } from './rollback-target.js';
import { VERCEL_INPUTS, VercelApi, type VercelConfig, describeProject, vercelConfigSchema } from './vercel-api.js';

/**
 * `rollback-target: vercel`: Vercel's instant rollback. Production goes back
 * to the last good deployment (the one the workflow names, else the newest
 * READY production deployment before the release under watch), then the
 * project is read back to check that production serves it.
 */
export const VERCEL_ROLLBACK_KIND = 'vercel';

export const vercelRollbackTarget: RollbackTargetKind<VercelConfig> = {
  kind: VERCEL_ROLLBACK_KIND,
  inputs: VERCEL_INPUTS,
  schema: vercelConfigSchema,
  create: (config, context) => new VercelRollback(new VercelApi(config, context.http ?? {})),
};

/** The parts of Vercel's project and deployment documents this kind reads. */
interface Project {
  id: string;
  targets?: Record<string, { id: string; url: string } | null>;
  lastAliasRequest?: { toDeploymentId: string; jobStatus: string; type: string } | null;
}
interface Deployment {
  uid: string;
  url: string;
  createdAt: number;
  readyState: string;
  target?: string | null;
  isRollbackCandidate?: boolean | null;
  /** Metadata from the Git provider; `githubCommitSha` is the commit the deployment was built from. */
  meta?: Record<string, string> | null;
}

/** How many recent production deployments are searched for the last good one. */
const DEPLOYMENTS_SEARCHED = 20;

class VercelRollback implements RollbackTarget {
  readonly kind = VERCEL_ROLLBACK_KIND;
  private calls: string[] = [];
  /** The production deployments the last search listed. */
  private listed: Deployment[] = [];

  constructor(private readonly api: VercelApi) {}

  describe(): string {
    return describeProject(this.api.config);
  }

  async rollBack(request: PlatformRollbackRequest): Promise<Result<PlatformRollback, SourceFault>> {
    const started = performance.now();
    this.calls = [];
    this.listed = [];
    const project = await this.readProject();
    if (!project.ok) return project;
    const before = project.value.targets?.production ?? null;
    const chosen = await this.findLastGood(project.value, request);
    if (!chosen.ok) return chosen;
    const restored = { id: chosen.value.uid, url: `https://${chosen.value.url}` };
    const result = (alreadyRestored: boolean, verification: PlatformRollback['verification']): PlatformRollback => ({
      target: this.describe(),
      restored,
      alreadyRestored,
      dryRun: request.dryRun === true,
      calls: [...this.calls],
      verification,
      durationMs: Math.round(performance.now() - started),
    });
    if (before?.id === restored.id) return ok(result(true, { passed: true, detail: `production already serves ${restored.id}; nothing changed` }));
    // Production on something else than the release under watch (a newer release went out since): a rollback would undo that one.
    // Only a release the list names can be told apart from production; a tag such as v3 with a named last good deployment cannot.
    const isKnownRelease = this.listed.some((deployment) => isDeployment(deployment, request.version));
    const serving = before === null ? null : (this.listed.find((deployment) => deployment.uid === before.id) ?? { uid: before.id, url: before.url, createdAt: 0, readyState: 'READY' });
    if (isKnownRelease && serving !== null && !isDeployment(serving, request.version)) {
      return fault('config', `production serves ${serving.uid}, which is neither ${request.version} (under watch) nor the last good deployment ${restored.id}; not changed: roll back by hand, or name the release under watch in \`version\``);
    }
    const path = `/v1/projects/${encodeURIComponent(project.value.id)}/rollback/${encodeURIComponent(restored.id)}`;
    if (request.dryRun) {
      this.calls.push(`POST ${path} (dry run: not sent)`);
      return ok(result(false, { passed: false, detail: `dry run: production would go from ${before?.id ?? 'an unknown deployment'} to ${restored.id}` }));
    }
    const { projectsRequestRollback } = await import('@vercel/sdk/funcs/projectsRequestRollback.js');
    const description = `rollout-guard: ${request.version} rolled back`;
    const rolledBack = await this.api.call(`POST ${path}`, (core) => projectsRequestRollback(core as never, { projectId: project.value.id, deploymentId: restored.id, description, ...this.api.team }));
    this.calls.push(`POST ${path} → ${rolledBack.ok ? 201 : 'failed'}`);
    if (!rolledBack.ok) return rolledBack;
    return ok(result(false, await this.verify(restored.id)));
  }

  /** The deployment the workflow named (an id, or a URL resolved through the list), else the newest good one before the release. */
  private async findLastGood(project: Project, request: PlatformRollbackRequest): Promise<Result<Deployment, SourceFault>> {
    const listed = await this.listProduction(project.id);
    if (!listed.ok) return listed;
    const deployments = listed.value;
    const name = describeProject(this.api.config);
    const release = deployments.find((deployment) => isDeployment(deployment, request.version));
    if (request.lastGood !== null) {
      // Never the release under watch itself: a redeploy of the last good commit is the newest deployment of that sha.
      const found = deployments.find((deployment) => isDeployment(deployment, request.lastGood!) && deployment.uid !== release?.uid);
      if (!found) return fault('config', `the last good deployment ${request.lastGood} is not among the ${deployments.length} latest production deployments of ${name}`);
      if (found.readyState !== 'READY') return fault('config', `the last good deployment ${found.uid} of ${name} is ${found.readyState}, not READY: it cannot serve production`);
      return ok(found);
    }
    // Without the release in the list nothing says which deployment came before it: the newest READY one may be the release itself,
    // and production serving it would read as "already restored".
    if (!release) return fault('config', `the release under watch ${request.version} names none of the ${deployments.length} latest production deployments of ${name} (by id, URL or commit sha), so the one before it is unknown; name the last good deployment (stable-version)`);
    const candidates = deployments
      .filter((deployment) => deployment.uid !== release.uid && deployment.readyState === 'READY' && deployment.isRollbackCandidate !== false)
      .filter((deployment) => deployment.createdAt < release.createdAt)
      .sort((a, b) => b.createdAt - a.createdAt);
    const [previous] = candidates;
    if (!previous) return fault('missing', `${name} has no READY production deployment before ${request.version} to roll back to`);
    return ok(previous);
  }

  private async listProduction(projectId: string): Promise<Result<Deployment[], SourceFault>> {
    const { deploymentsGetDeployments } = await import('@vercel/sdk/funcs/deploymentsGetDeployments.js');
    const answer = await this.api.call<{ deployments: Deployment[] }>('GET /v7/deployments', (core) =>
      deploymentsGetDeployments(core as never, { projectId, target: 'production', limit: DEPLOYMENTS_SEARCHED, ...this.api.team }) as Promise<{ ok: true; value: { deployments: Deployment[] } } | { ok: false; error: unknown }>,
    );
    this.calls.push(`GET /v7/deployments?projectId=${projectId}&target=production → ${answer.ok ? 200 : 'failed'}`);
    if (!answer.ok) return answer;
    this.listed = answer.value.deployments.filter((deployment) => deployment.target === 'production');
    return ok(this.listed);
  }

  private async readProject(): Promise<Result<Project, SourceFault>> {
    const { projectsGetProject } = await import('@vercel/sdk/funcs/projectsGetProject.js');
    const path = `/v9/projects/${encodeURIComponent(this.api.config.project)}`;
    const answer = await this.api.call<Project>(`GET ${path}`, (core) =>
      projectsGetProject(core as never, { idOrName: this.api.config.project, ...this.api.team }) as Promise<{ ok: true; value: Project } | { ok: false; error: unknown }>,
    );
    this.calls.push(`GET ${path} → ${answer.ok ? 200 : 'failed'}`);
    return answer;
  }

  /** Production must serve the deployment now; Vercel's alias job says whether the switch went through. */
  private async verify(id: string): Promise<PlatformRollback['verification']> {
    const project = await this.readProject();
    if (!project.ok) return { passed: false, detail: `could not read the project back: ${project.error.message}` };
    const serving = project.value.targets?.production?.id ?? null;
    const job = project.value.lastAliasRequest;
    const jobText = job && job.toDeploymentId === id ? `; Vercel's ${job.type} job is ${job.jobStatus}` : '';
    const failed = job?.toDeploymentId === id && job.jobStatus === 'failed';
    return { passed: serving === id && !failed, detail: `production serves ${serving ?? 'no deployment'}; expected ${id}${jobText}` };
  }
}

/**
 * Whether `text` names the deployment: its id, its URL, or the commit it was
 * built from (a GitHub Deployments store and `GITHUB_SHA` name releases by
 * commit; the full sha or at least 7 characters of it). The newest such
 * deployment comes first in the list, so a commit deployed twice names the
 * latest build of it.
 */
function isDeployment(deployment: Deployment, text: string): boolean {
  const wanted = bareDeployment(text);
  if (deployment.uid === wanted || deployment.url === wanted) return true;
  const sha = deployment.meta?.githubCommitSha?.toLowerCase();
  return sha !== undefined && /^[0-9a-f]{7,40}$/i.test(wanted) && sha.startsWith(wanted.toLowerCase());
}

/** `dpl_…`, or a deployment URL with or without its scheme, as Vercel lists it (`shop-abc.vercel.app`). */
function bareDeployment(text: string): string {
  return text.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}
