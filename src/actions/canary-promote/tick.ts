import { nextTick } from '../../engine/rollout/next-tick.js';
import type { RolloutPlan } from '../../engine/rollout/plan.js';
import { type RolloutState, checkState } from '../../engine/rollout/state.js';
import type { TickResult } from '../../engine/rollout/tick-result.js';
import { formatCommand } from '../../sources/run-command.js';
import type { StateStore } from '../../state/state-store.js';
import type { TrafficTarget } from '../../targets/traffic-target.js';
import type { LoadedAnalysis } from '../shared/metric-samples.js';
import { type Commit, commitTick } from './commit.js';
import type { GivenReleases } from './inputs.js';
import { DEFAULT_INTERVAL_MS, type StepJudgement, judgeStep, shouldJudge } from './judge-step.js';
import { type Standing, standingOf, unreadableStanding } from './outcome.js';
import { type SettledPlan, settlePlan } from './release.js';

/**
 * One tick of canary-promote, with its adapters passed in so it
 * runs the same under the bundle and in tests: load the state, settle the
 * release, judge the current step when it has baked, let the engine decide,
 * then save and move traffic (`commit.ts`).
 */
export interface TickLog {
  info(message: string): void;
  warning(message: string): void;
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
}

export interface TickDeps {
  store: StateStore;
  /** Null: no traffic input, a later step applies the `weight` output. */
  target: TrafficTarget | null;
  analysis: LoadedAnalysis;
  log: TickLog;
}

export interface TickRequest {
  /** The rollout's key (the environment). */
  key: string;
  plan: RolloutPlan;
  given: GivenReleases;
  /** GITHUB_SHA, read at the edge by the caller. */
  sha: string | undefined;
  now: Date;
  dryRun: boolean;
}

export interface TickOutcome {
  standing: Standing;
  /** Null when the state could not be read. */
  settled: SettledPlan | null;
  judged: StepJudgement | null;
  result: TickResult | null;
  commit: Commit | null;
  /** The state as stored after the tick (a dry run: as it would be); null when unknown. */
  state: RolloutState | null;
  dryRun: boolean;
  store: string;
  target: string | null;
}

export async function runTick(request: TickRequest, deps: TickDeps): Promise<TickOutcome> {
  const { store, target, log } = deps;
  const base = { dryRun: request.dryRun, store: `${store.kind} ${store.where}`, target: target?.describe() ?? null };
  const stepsProblem = await checkTargetSteps(request.plan, target);
  if (stepsProblem) return { ...base, standing: unreadableStanding(stepsProblem), settled: null, judged: null, result: null, commit: null, state: null };
  const loaded = await log.group(`Reading rollout \`${request.key}\` from ${store.where}`, () => store.load(request.key));
  if (!loaded.ok) {
    const message = `could not read the rollout state from ${store.where}: ${loaded.error.message}`;
    return { ...base, standing: unreadableStanding(message), settled: null, judged: null, result: null, commit: null, state: null };
  }
  const stored = loaded.value?.state ?? null;
  const settled = settlePlan(request.plan, request.given, stored, request.sha);
  if (settled.warning) log.warning(settled.warning);
  const intervalMs = deps.analysis.config.intervalMs ?? DEFAULT_INTERVAL_MS;
  const judged = stored && shouldJudge(settled.plan, stored, request.now, intervalMs) ? await judgeLogged(deps, stored, request.now) : null;
  const result = nextTick(settled.plan, stored, judged?.verdict ?? null, request.now);
  for (const warning of result.warnings) log.warning(warning);
  if (!judged) log.info(`metrics not read: ${result.reason}`);
  const context = { store, target, key: request.key, loaded: loaded.value, now: request.now, dryRun: request.dryRun };
  const commit = await log.group(`Carrying out ${result.decision}${request.dryRun ? ' (dry run)' : ''}`, async () => {
    const done = await commitTick(result, context);
    logCommit(log, done, result);
    return done;
  });
  const standing = withUntrustedState(standingOf(result, commit, stored, request.now), stored, result);
  return { ...base, standing, settled, judged, result, commit, state: stateAfter(commit, result, stored) };
}

/**
 * A target that serves only its own configured shares (Vercel's rolling
 * release stages) says before anything moves whether the plan's steps are
 * those; a mismatch would otherwise surface mid-rollout, after a judgement.
 */
async function checkTargetSteps(plan: RolloutPlan, target: TrafficTarget | null): Promise<string | null> {
  if (!target?.checkSteps) return null;
  if (plan.strategy !== 'canary') return `traffic-target ${target.kind} moves traffic in its own stages; use \`strategy: canary\` with \`steps\` equal to them`;
  const checked = await target.checkSteps(plan.steps);
  return checked.ok ? null : checked.error.message;
}

/** The state as stored after the tick (a dry run: as it would be). */
function stateAfter(commit: Commit, result: TickResult, stored: RolloutState | null): RolloutState | null {
  if ((commit.kind === 'saved' || commit.kind === 'unchanged') && commit.sync?.overtakenBy) return commit.sync.overtakenBy.state;
  if (commit.kind === 'conflict') return commit.current?.state ?? null;
  if (commit.kind === 'save-failed') return stored;
  if (commit.kind === 'traffic-failed' && commit.compensation.kind === 'reverted') return commit.compensation.state;
  return result.nextState;
}

/** A stored state that does not add up holds every tick (the engine's rule); the step fails too, as only a person can fix it. */
function withUntrustedState(standing: Standing, stored: RolloutState | null, result: TickResult): Standing {
  const problem = stored ? checkState(stored) : null;
  return problem && !standing.failure ? { ...standing, failure: result.reason } : standing;
}

const STATUS_MARK = { pass: '✅', warn: '⚠️', fail: '❌', inconclusive: '❔', nodata: '⭕', error: '💥' } as const;

async function judgeLogged(deps: TickDeps, state: RolloutState, now: Date): Promise<StepJudgement> {
  const { analysis, log } = deps;
  const title = `Judging ${analysis.config.metrics.length} metrics from ${analysis.source.kind} ${analysis.source.where}`;
  return log.group(title, async () => {
    const judged = await judgeStep(analysis, state, now);
    log.info(`window ${judged.span.from} → ${judged.span.to}`);
    for (const metric of judged.judgement.metrics) log.info(`${STATUS_MARK[metric.status]} ${metric.status}: ${metric.reason}`);
    log.info(`verdict ${judged.judgement.verdict}: ${judged.verdict.reason}`);
    return judged;
  });
}

function logCommit(log: TickLog, commit: Commit, result: TickResult): void {
  const move = result.trafficChange ? `${result.trafficChange.from}% → ${result.trafficChange.to}%` : 'no traffic change';
  const lines: Record<Commit['kind'], () => string> = {
    unchanged: () => 'nothing to save: the state is as the tick found it',
    'dry-run': () => `dry run: saved nothing, moved nothing (${move})`,
    saved: () => `saved version ${result.nextState.version}; ${move}`,
    conflict: () => 'another run saved first: this run saved nothing and moved nothing',
    'save-failed': () => 'the state could not be saved: nothing moved',
    'traffic-failed': () => `saved version ${result.nextState.version}, but traffic was not moved (${move})`,
  };
  log.info(lines[commit.kind]());
  const steps = commit.kind === 'saved' ? (commit.change?.steps ?? []) : commit.kind === 'dry-run' ? (commit.planned?.steps ?? []) : [];
  for (const step of steps) log.info(`${commit.kind === 'dry-run' ? 'would run' : 'ran'} ${step.name}: ${formatCommand(step.argv)}`);
  const sync = commit.kind === 'saved' || commit.kind === 'unchanged' ? commit.sync : null;
  for (const step of sync?.steps ?? []) log.info(`traffic ${step.inPlace ? 'already at' : 'set to'} ${step.weight}%: ${step.reason}`);
  if (sync?.unconfirmed) log.warning(sync.unconfirmed);
}
