import { performance } from 'node:perf_hooks';
import { type Result, ok } from '../engine/result.js';
import { type SourceFault, fault } from '../sources/source-fault.js';
import {
  type TrafficChange,
  type TrafficFault,
  type TrafficStep,
  type TrafficTarget,
  type TrafficTargetKind,
  type Verification,
  type WeightRequest,
  checkWeight,
} from './traffic-target.js';
import { VERCEL_INPUTS, VercelApi, type VercelConfig, describeProject, vercelConfigSchema } from './vercel-api.js';

/**
 * The `vercel` target drives a Vercel Rolling Release set to manual
 * approval: Vercel starts it at the first stage when the canary deployment
 * reaches production, each promotion approves the next stage, 100% completes
 * it, and 0% rolls production back to the deployment it served before
 * (Vercel has no abort: its instant rollback ends the release). Vercel
 * splits traffic only at the percentages its stages name, so any other
 * weight, a skipped stage or a step back is refused instead of approximated.
 */
export const VERCEL_KIND = 'vercel';

export const vercelTarget: TrafficTargetKind<VercelConfig> = {
  kind: VERCEL_KIND,
  inputs: VERCEL_INPUTS,
  schema: vercelConfigSchema,
  create: (config, timeoutMs, context) => new VercelTarget(new VercelApi(config, { ...context.http, timeoutMs })),
};

/** The parts of Vercel's rolling release document this target reads. */
interface RollingRelease {
  state: 'ACTIVE' | 'COMPLETE' | 'ABORTED';
  advancementType: 'automatic' | 'manual-approval';
  activeStage: { index: number; targetPercentage: number } | null;
  stages: { index: number; targetPercentage: number }[];
  canaryDeployment: { id: string; url: string; name: string } | null;
  currentDeployment: { id: string; url: string; name: string } | null;
}

type RollingReleaseAnswer = { rollingRelease: RollingRelease | null };

/** A planned API call: what it is for, the request line for the evidence, and how to make it. */
interface PlannedCall {
  name: string;
  argv: string[];
  run: () => Promise<Result<unknown, SourceFault>>;
}

class VercelTarget implements TrafficTarget {
  readonly kind = VERCEL_KIND;
  private readonly path: string;

  constructor(private readonly api: VercelApi) {
    this.path = `/v1/projects/${encodeURIComponent(api.config.project)}`;
  }

  describe(): string {
    return `${describeProject(this.api.config)}, rolling release`;
  }

  async currentWeight(): Promise<Result<number | null, SourceFault>> {
    const release = await this.read();
    if (!release.ok) return release;
    return ok(release.value === null ? null : weightOf(release.value));
  }

  /** The rollout's steps must be Vercel's stage percentages, in order: otherwise a promotion would ask Vercel for a split it cannot make. */
  async checkSteps(steps: readonly number[]): Promise<Result<void, SourceFault>> {
    // A finished release still has the stages the next one will use; later ticks of a completed or rolled back rollout must not fail here.
    const release = await this.readActive(true);
    if (!release.ok) return release;
    const stages = stagePercentages(release.value);
    if (stages.join(',') === steps.join(',')) return ok(undefined);
    return fault('config', `input \`steps\` ${steps.join(',')} does not match the rolling release stages of ${describeProject(this.api.config)} (${stages.join(',')}); set \`steps: ${stages.join(',')}\` or change the stages in the project's Rolling Releases settings`);
  }

  async setWeight(request: WeightRequest): Promise<Result<TrafficChange, TrafficFault>> {
    const weight = checkWeight(request.canaryWeight);
    if (!weight.ok) return weight;
    const started = performance.now();
    const release = await this.readActive(request.canaryWeight === 0 || request.canaryWeight === 100);
    if (!release.ok) return release;
    const planned = this.plan(release.value, request);
    if (!planned.ok) return planned;
    const change = (steps: TrafficStep[], verification: Verification | null): TrafficChange => ({
      target: this.describe(),
      canaryWeight: request.canaryWeight,
      stableWeight: 100 - request.canaryWeight,
      dryRun: request.dryRun === true,
      steps,
      file: null,
      verification,
      durationMs: Math.round(performance.now() - started),
    });
    if (request.dryRun) return ok(change(planned.value.map(({ name, argv }) => ({ name, argv, outcome: null })), null));
    const steps: TrafficStep[] = [];
    for (const call of planned.value) {
      const callStarted = performance.now();
      const done = await call.run();
      // The evidence format is a command's: an API call that failed reads as exit 1 with the fault as its output.
      const outcome = { exitCode: done.ok ? 0 : 1, signal: null, timedOut: false, durationMs: Math.round(performance.now() - callStarted), tail: done.ok ? [] : [done.error.message] };
      steps.push({ name: call.name, argv: call.argv, outcome });
      if (!done.ok) return { ok: false, error: { ...done.error, steps } };
    }
    return ok(change(steps, await this.verify(request.canaryWeight, request.canaryWeight === 0 ? null : (release.value.canaryDeployment?.id ?? null))));
  }

  /** The calls that move the release to `canaryWeight`, or why Vercel cannot. */
  private plan(release: RollingRelease, request: WeightRequest): Result<PlannedCall[], SourceFault> {
    const { canaryWeight } = request;
    const current = weightOf(release);
    const project = describeProject(this.api.config);
    const canary = release.canaryDeployment;
    // Checked before "already there": another deployment's release at the asked share says nothing about this canary.
    const mismatch = canaryWeight === 0 || !canary ? null : canaryMismatch(canary, request.canary);
    if (canary && mismatch) return fault('config', `the rolling release of ${project} is rolling out ${canary.id} (${canary.url}), not canary ${mismatch}`);
    if (current === canaryWeight) return ok([]);
    if (canaryWeight === 0) return this.rollbackCall(release);
    if (release.state !== 'ACTIVE') return fault('config', `the rolling release of ${project} is ${release.state}, so it cannot go to ${canaryWeight}%; deploy the canary to production to start a new one`);
    if (!canary) return fault('malformed', `the active rolling release of ${project} names no canary deployment`);
    const stages = stagePercentages(release);
    const target = release.stages.find((stage) => stage.targetPercentage === canaryWeight);
    if (!target) return fault('config', `${canaryWeight}% is not one of the rolling release stages of ${project} (${stages.join(',')}): Vercel can only send a stage's share; make \`steps\` ${stages.join(',')}`);
    const active = release.activeStage?.index ?? -1;
    if (target.index < active) return fault('config', `the rolling release of ${project} is at ${current}%; Vercel cannot go back to the earlier stage ${canaryWeight}%, only roll back (0%)`);
    if (target.index > active + 1) {
      const skipped = release.stages.filter((stage) => stage.index > active && stage.index < target.index).map((stage) => `${stage.targetPercentage}%`);
      return fault('config', `going from ${current}% to ${canaryWeight}% would skip the rolling release stage ${skipped.join(', ')} of ${project}; each step must be the next stage`);
    }
    const body = { canaryDeploymentId: canary.id };
    if (canaryWeight === 100) {
      return ok([{ name: 'complete', argv: ['POST', `${this.path}/rolling-release/complete`, `canaryDeploymentId=${canary.id}`], run: () => this.post('complete', body) }]);
    }
    const approve = { ...body, nextStageIndex: target.index };
    return ok([{ name: 'approve-stage', argv: ['POST', `${this.path}/rolling-release/approve-stage`, `nextStageIndex=${target.index}`, `canaryDeploymentId=${canary.id}`], run: () => this.post('approve-stage', approve) }]);
  }

  /** 0%: Vercel's instant rollback to the deployment production served before the canary, which ends the rolling release. */
  private rollbackCall(release: RollingRelease): Result<PlannedCall[], SourceFault> {
    const stable = release.currentDeployment;
    if (!stable) return fault('malformed', `the rolling release of ${describeProject(this.api.config)} names no current production deployment to roll back to`);
    const path = `/v1/projects/{projectId}/rollback/${encodeURIComponent(stable.id)}`;
    const run = async () => {
      const projectId = await this.projectId();
      if (!projectId.ok) return projectId;
      const { projectsRequestRollback } = await import('@vercel/sdk/funcs/projectsRequestRollback.js');
      const request = { projectId: projectId.value, deploymentId: stable.id, description: 'rollout-guard: canary rolled back', ...this.api.team };
      return this.api.call(`POST ${path.replace('{projectId}', encodeURIComponent(projectId.value))}`, (core) => projectsRequestRollback(core as never, request));
    };
    return ok([{ name: 'rollback', argv: ['POST', path], run }]);
  }

  /** The rollback path takes the project's id, not its name: a name is looked up once. */
  private async projectId(): Promise<Result<string, SourceFault>> {
    const { project } = this.api.config;
    if (project.startsWith('prj_')) return ok(project);
    const { projectsGetProject } = await import('@vercel/sdk/funcs/projectsGetProject.js');
    const found = await this.api.call<{ id: string }>(`GET /v9/projects/${encodeURIComponent(project)}`, (core) =>
      projectsGetProject(core as never, { idOrName: project, ...this.api.team }) as Promise<{ ok: true; value: { id: string } } | { ok: false; error: unknown }>,
    );
    return found.ok ? ok(found.value.id) : found;
  }

  private async post(action: 'approve-stage' | 'complete', body: { canaryDeploymentId: string; nextStageIndex?: number }): Promise<Result<unknown, SourceFault>> {
    const label = `POST ${this.path}/rolling-release/${action}`;
    const base = { idOrName: this.api.config.project, ...this.api.team };
    if (action === 'complete') {
      const { rollingReleaseCompleteRollingRelease } = await import('@vercel/sdk/funcs/rollingReleaseCompleteRollingRelease.js');
      return this.api.call(label, (core) => rollingReleaseCompleteRollingRelease(core as never, { ...base, requestBody: body }));
    }
    const { rollingReleaseApproveRollingReleaseStage } = await import('@vercel/sdk/funcs/rollingReleaseApproveRollingReleaseStage.js');
    const approve = { canaryDeploymentId: body.canaryDeploymentId, nextStageIndex: body.nextStageIndex ?? 0 };
    return this.api.call(label, (core) => rollingReleaseApproveRollingReleaseStage(core as never, { ...base, requestBody: approve }));
  }

  /** Reads the release back after a change: the share Vercel now sends is what was asked. */
  private async verify(canaryWeight: number, canaryId: string | null): Promise<Verification> {
    const release = await this.read();
    if (!release.ok) return { passed: false, detail: `could not read the rolling release back: ${release.error.message}` };
    if (release.value === null) return { passed: false, detail: 'the project has no rolling release any more' };
    // The share alone is no proof: a release of another deployment (started since) can be at the same stage.
    const rollingOut = release.value.canaryDeployment?.id;
    if (canaryId !== null && rollingOut !== undefined && rollingOut !== canaryId) return { passed: false, detail: `Vercel's rolling release now rolls out ${rollingOut}, not ${canaryId}` };
    const now = weightOf(release.value);
    const stage = release.value.state === 'ACTIVE' ? `stage ${(release.value.activeStage?.index ?? 0) + 1} of ${release.value.stages.length}` : release.value.state;
    return { passed: now === canaryWeight, detail: `Vercel rolling release ${stage} sends ${now}% to the canary; asked ${canaryWeight}%` };
  }

  /** The release, which must exist and be driven by approvals; a finished one is accepted where the caller can use it (0% and 100%). */
  private async readActive(finishedIsFine = false): Promise<Result<RollingRelease, SourceFault>> {
    const release = await this.read();
    if (!release.ok) return release;
    const project = describeProject(this.api.config);
    if (release.value === null) return fault('config', `${project} has no rolling release: turn on Rolling Releases with manual approval in the project's settings and deploy the canary to production`);
    if (release.value.advancementType !== 'manual-approval') return fault('config', `the rolling release of ${project} advances automatically; set its stages to require manual approval so canary-promote decides each step`);
    if (release.value.state !== 'ACTIVE' && !finishedIsFine) return fault('config', `the rolling release of ${project} is ${release.value.state}, not ACTIVE: deploy the canary to production to start one`);
    return ok(release.value);
  }

  private async read(): Promise<Result<RollingRelease | null, SourceFault>> {
    const { rollingReleaseGetRollingRelease } = await import('@vercel/sdk/funcs/rollingReleaseGetRollingRelease.js');
    const answer = await this.api.call<RollingReleaseAnswer>(`GET ${this.path}/rolling-release`, (core) =>
      rollingReleaseGetRollingRelease(core as never, { idOrName: this.api.config.project, ...this.api.team }) as Promise<{ ok: true; value: RollingReleaseAnswer } | { ok: false; error: unknown }>,
    );
    if (!answer.ok) return answer;
    const release = answer.value.rollingRelease;
    if (release && release.state === 'ACTIVE' && release.activeStage === null) return fault('malformed', `the active rolling release of ${describeProject(this.api.config)} has no active stage`);
    return ok(release);
  }
}

/** The canary's share: the active stage's, all of it once complete, none once aborted. */
function weightOf(release: RollingRelease): number {
  if (release.state === 'COMPLETE') return 100;
  if (release.state === 'ABORTED') return 0;
  return release.activeStage?.targetPercentage ?? 0;
}

function stagePercentages(release: RollingRelease): number[] {
  return [...release.stages].sort((a, b) => a.index - b.index).map((stage) => stage.targetPercentage);
}

/**
 * `canary-ref` may be a git ref (nothing to compare) or name the deployment
 * itself (`dpl_…` or its URL): then it must be the release's canary, or the
 * rollout would approve someone else's deployment.
 */
function canaryMismatch(canary: { id: string; url: string }, named: string): string | null {
  const bare = named.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const namesDeployment = /^dpl_/.test(bare) || /\.vercel\.app$/.test(bare);
  if (!namesDeployment) return null;
  return bare === canary.id || bare === canary.url.replace(/^https?:\/\//, '') ? null : named;
}
