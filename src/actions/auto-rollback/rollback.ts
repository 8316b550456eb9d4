import type { StateStore } from '../../state/state-store.js';
import type { RollbackTarget } from '../../targets/rollback-target.js';
import type { TrafficTarget } from '../../targets/traffic-target.js';
import { type CommandValues, runRollbackCommand } from './rollback-command.js';
import { type VerifyPlan, verifyHealth } from './verify.js';

/**
 * The rollback, fastest part first:
 * 1. traffic: the traffic target puts 100% on the stable version;
 * 2. mark-failed: the deployment under watch gets `failure`;
 * 3. platform-rollback: the hosting platform's own rollback
 *    (`rollback-target`), back to the last good release the state store
 *    knows (else `stable-version`, else the platform's previous production
 *    deployment), read back from the platform;
 * 4. rollback-command: the platform's rollback as a command (skipped when
 *    step 2 says the release was already failed: a re-run changes nothing).
 *    Step 3 runs on a re-run too: the platform reads production back and
 *    changes nothing when it already serves the last good release, and a
 *    first run whose platform call failed left production on the release;
 * 5. restore: the last good deployment is re-marked active;
 * 6. reapply-traffic: with a state store, the stable weight once more (see
 *    below);
 * 7. verify: the health checks must pass within `verify-timeout`.
 * Every step runs even when one before failed (marking the release failed is
 * right whatever the traffic did), and each says what it did. Traffic, the
 * platform or the command failing, or verification failing, is
 * `rollback-failed`; a state
 * store that cannot be written is reported loudly but traffic is back.
 *
 * A rollback always wins over a racing canary tick. canary-promote saves a
 * new weight and then moves traffic, which can be slow; if its move lands
 * after step 1, users are back on the failed release. canary-promote re-reads
 * the state after each move and restores the stored weight when another run
 * changed it, which covers a move that lands after step 2; a move landing
 * between steps 1 and 2 is undone by step 5, which comes after the state
 * says failed at 0%. A weight change is idempotent, so whichever move lands
 * last, traffic ends on the stable version. `rollback-seconds` still counts
 * to the first step that put users back on the stable version: the traffic
 * target, else the platform, else the command.
 */
export type StepName = 'traffic' | 'mark-failed' | 'platform-rollback' | 'rollback-command' | 'restore' | 'reapply-traffic' | 'verify';
export type StepStatus = 'done' | 'already' | 'skipped' | 'failed';

export interface RollbackStep {
  name: StepName;
  status: StepStatus;
  message: string;
  evidence: Record<string, unknown>;
}

export interface RollbackPlan {
  values: CommandValues;
  /** The stable release when the workflow named it (`stable-version`); the restored ref wins when the store finds one. */
  knownStable: string | null;
  target: TrafficTarget | null;
  /** `rollback-target`: the hosting platform's own rollback. */
  platform: RollbackTarget | null;
  command: { argv: string[]; timeoutMs: number; cwd: string; env: Record<string, string> } | null;
  store: StateStore | null;
  verify: Omit<VerifyPlan, 'clock' | 'sleep'>;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

export interface RollbackOutcome {
  steps: RollbackStep[];
  /** Epoch ms when traffic was back on the stable version; `null` when it was already, or could not be. */
  trafficRestoredAt: number | null;
  restoredRef: string | null;
  /** The release had been rolled back before (a re-run): nothing was changed, and nobody is notified again. */
  isRepeat: boolean;
  /** Traffic, the command or verification failed. */
  isFailed: boolean;
}

/** Steps that put users back on the stable version, or check that they are: one failing is `rollback-failed`. */
const TRAFFIC_STEPS: ReadonlySet<StepName> = new Set(['traffic', 'platform-rollback', 'rollback-command', 'reapply-traffic', 'verify']);

const step = (name: StepName, status: StepStatus, message: string, evidence: Record<string, unknown> = {}): RollbackStep => ({ name, status, message, evidence });

export async function rollBack(plan: RollbackPlan): Promise<RollbackOutcome> {
  const clock = () => plan.now().getTime();
  const traffic = await moveTraffic(plan);
  let restoredAt = traffic.status === 'done' ? clock() : null;
  const marked = await markFailed(plan);
  const platform = await rollBackPlatform(plan);
  if (platform.status === 'done') restoredAt ??= clock();
  // A platform that had to change something on a re-run was not rolled back before.
  const isRepeat = plan.store ? marked.status === 'already' && platform.status !== 'done' : plan.target === null && plan.platform !== null ? platform.status === 'already' : traffic.status === 'already';
  const command = await runCommand(plan, marked.status === 'already');
  if (plan.target === null && command.status === 'done') restoredAt ??= clock();
  const restored = await restore(plan);
  const reapplied = plan.target !== null && plan.store !== null ? await reapplyTraffic(plan) : null;
  const verified = await verifyRollback(plan, reapplied ?? traffic, platform);
  // The platform's step is listed only when one is configured, as the re-application is.
  const steps = [traffic, marked, ...(plan.platform ? [platform] : []), command, restored, ...(reapplied ? [reapplied] : []), verified];
  const isFailed = steps.some((s) => s.status === 'failed' && TRAFFIC_STEPS.has(s.name));
  const restoredRef = (restored.evidence.ref as string | null | undefined) ?? plan.knownStable;
  return { steps, trafficRestoredAt: restoredAt, restoredRef, isRepeat, isFailed };
}

async function moveTraffic(plan: RollbackPlan): Promise<RollbackStep> {
  const { target } = plan;
  if (target === null) return step('traffic', 'skipped', `no traffic target; ${plan.platform ? 'the platform rollback' : 'rollback-command'} restores the stable version`);
  const current = target.currentWeight ? await target.currentWeight() : null;
  if (current?.ok && current.value === 0) return step('traffic', 'already', `${target.describe()} already sends 100% to the stable version; nothing changed`, { canaryWeight: 0 });
  const changed = await target.setWeight({ canaryWeight: 0, canary: plan.values.version, stable: plan.values.stable });
  if (!changed.ok) return step('traffic', 'failed', `could not put traffic back on the stable version: ${changed.error.message}`, { steps: changed.error.steps ?? [] });
  const { steps, file, verification, durationMs } = changed.value;
  const checked = verification ? `; ${verification.detail}` : '';
  return step('traffic', 'done', `${target.describe()}: 100% to the stable version in ${durationMs} ms${checked}`, { steps, file: file?.path ?? null, verification, durationMs });
}

/** Step 5: the stable weight again, now that the state says failed (a read-back of 0% changes nothing). */
async function reapplyTraffic(plan: RollbackPlan): Promise<RollbackStep> {
  const again = await moveTraffic(plan);
  const why = `after marking ${plan.values.version} failed, so a canary tick's move that landed since step 1 is undone`;
  return { ...again, name: 'reapply-traffic', message: `${again.message} (${why})` };
}

async function markFailed(plan: RollbackPlan): Promise<RollbackStep> {
  if (plan.store === null) return step('mark-failed', 'skipped', 'no `state`: no deployment was marked failure');
  const { version, environment, reason } = plan.values;
  const marked = await plan.store.markFailed({ key: environment, ref: version, reason, now: plan.now() });
  if (!marked.ok) return step('mark-failed', 'failed', `could not mark ${version} failed in ${plan.store.where}: ${marked.error.message}`);
  const status = marked.value.status === 'already-failed' ? 'already' : marked.value.status === 'marked' ? 'done' : 'skipped';
  return step('mark-failed', status, marked.value.message, { outcome: marked.value.status });
}

/**
 * Step 3: the platform puts production back on the last good release. That
 * release is the state store's (read, not changed: step 5 records it), else
 * `stable-version`, else the platform's own previous production deployment.
 */
async function rollBackPlatform(plan: RollbackPlan): Promise<RollbackStep> {
  const { platform } = plan;
  if (platform === null) return step('platform-rollback', 'skipped', 'no rollback-target');
  const lastGood = await findLastGood(plan);
  const rolled = await platform.rollBack({ version: plan.values.version, lastGood: lastGood.release });
  if (!rolled.ok) return step('platform-rollback', 'failed', `${platform.describe()}: ${rolled.error.message}`, { target: platform.describe(), lastGood, fault: rolled.error.kind });
  const { target, restored, alreadyRestored, calls, verification, durationMs } = rolled.value;
  const evidence = { target, restored, alreadyRestored, lastGood, calls, verification, durationMs };
  if (!verification.passed) return step('platform-rollback', 'failed', `${target}: the rollback did not read back: ${verification.detail}`, evidence);
  if (alreadyRestored) return step('platform-rollback', 'already', `${target}: ${verification.detail}`, evidence);
  return step('platform-rollback', 'done', `${target}: ${verification.detail}, in ${durationMs} ms`, evidence);
}

/** Where the release to go back to came from, for the evidence. */
interface LastGoodChoice {
  release: string | null;
  from: string;
}

async function findLastGood(plan: RollbackPlan): Promise<LastGoodChoice> {
  const { store } = plan;
  const fallback = (why: string): LastGoodChoice =>
    plan.knownStable !== null ? { release: plan.knownStable, from: `stable-version (${why})` } : { release: null, from: `the platform's previous production deployment (${why}, and no stable-version)` };
  if (!store?.findLastGood) return fallback(store ? `the ${store.kind} store records no commits` : 'no state store');
  const found = await store.findLastGood({ key: plan.values.environment, excludingRef: plan.values.version });
  // A store that cannot be read must not block the rollback; the evidence says so.
  if (!found.ok) return fallback(`${store.where} could not be read: ${found.error.message}`);
  if (found.value === null) return fallback(`${store.where} has no good deployment before ${plan.values.version}`);
  return { release: found.value.sha ?? found.value.ref, from: `${store.where}: ${found.value.message}` };
}

async function runCommand(plan: RollbackPlan, isAlreadyFailed: boolean): Promise<RollbackStep> {
  if (plan.command === null) return step('rollback-command', 'skipped', 'no rollback-command');
  if (isAlreadyFailed) return step('rollback-command', 'already', `not run: ${plan.values.version} was already rolled back`);
  const { argv, ...options } = plan.command;
  const run = await runRollbackCommand(argv, plan.values, options);
  if (!run.ok) return step('rollback-command', 'failed', run.error);
  const evidence = { argv: run.value.step.argv, exitCode: run.value.step.outcome?.exitCode ?? null, tail: run.value.step.outcome?.tail ?? [] };
  if (run.value.failure !== null) return step('rollback-command', 'failed', run.value.failure, evidence);
  return step('rollback-command', 'done', `rollback-command exited 0 in ${run.value.step.outcome?.durationMs ?? 0} ms`, evidence);
}

async function restore(plan: RollbackPlan): Promise<RollbackStep> {
  if (plan.store === null) return step('restore', 'skipped', 'no `state`: the last good deployment was not re-marked active');
  const { version, environment, reason } = plan.values;
  const restored = await plan.store.restoreLastGood({ key: environment, excludingRef: version, reason, now: plan.now() });
  if (!restored.ok) return step('restore', 'failed', `could not restore the last good release in ${plan.store.where}: ${restored.error.message}`);
  const status = restored.value.status === 'already-restored' ? 'already' : restored.value.status === 'restored' ? 'done' : 'skipped';
  return step('restore', status, restored.value.message, { outcome: restored.value.status, ref: restored.value.ref, sha: restored.value.sha });
}

async function verifyRollback(plan: RollbackPlan, traffic: RollbackStep, platform: RollbackStep): Promise<RollbackStep> {
  if (plan.verify.urls.length === 0) {
    const readBack = ((traffic.evidence.verification ?? platform.evidence.verification) as { detail?: string } | null | undefined)?.detail;
    return step('verify', 'skipped', `no health-urls to verify with${readBack ? `; the traffic target read back: ${readBack}` : ''}`);
  }
  const verification = await verifyHealth({ ...plan.verify, clock: () => plan.now().getTime(), sleep: plan.sleep });
  const evidence = { rounds: verification.rounds, durationMs: verification.durationMs, results: verification.results };
  return step('verify', verification.isPassed ? 'done' : 'failed', verification.message, evidence);
}
