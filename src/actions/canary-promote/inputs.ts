import { type PlanInputs, parsePlan } from '../../engine/rollout/parse-plan.js';
import type { ReleaseRef, RolloutPlan } from '../../engine/rollout/plan.js';
import { type StateSpec, parseStateSpec } from '../../state/registry.js';
import { createTrafficTarget } from '../../targets/registry.js';
import type { TargetContext, TrafficTarget } from '../../targets/traffic-target.js';
import { type GetInput, InputReader } from '../shared/input-reader.js';
import { type PagerDutyInputs, readPagerDuty } from '../shared/pagerduty-inputs.js';

/** The inputs of `actions/canary-promote/action.yml`, typed and validated. */
export interface CanaryInputs {
  /** Path of the YAML analysis file (metric source and metrics). */
  analysis: string;
  /**
   * The plan the inputs describe. Its `canary` and `stable` are settled by
   * `release.ts` once the stored rollout is known (an empty `canary-ref`
   * continues the current rollout), so read them from there, not here.
   */
  plan: RolloutPlan;
  /** The releases the inputs name; null when not given. */
  given: GivenReleases;
  state: StateSpec;
  /** The rollout's key: the GitHub Deployments environment, or the entry in the state file. */
  environment: string;
  /** Null when no traffic input is set: a later step applies the `weight` output. */
  target: TrafficTarget | null;
  /** Shadow mode: judge and report, save nothing, move no traffic. */
  dryRun: boolean;
  githubToken: string | undefined;
  /** The clock; an ISO-8601 instant for tests and replays. */
  now: Date;
  reportPath: string | undefined;
  failOnRollback: boolean;
  /** Publish a GitHub release (and tag) for the version when its rollout completes. */
  releaseTag: boolean;
  /** PagerDuty: trigger on a rollback, resolve on completion; null when no routing key is given. */
  pagerduty: PagerDutyInputs | null;
}

export interface GivenReleases {
  canary: ReleaseRef | null;
  stable: ReleaseRef | null;
}

/** Inputs passed to `parsePlan` as they are, so its messages name them. */
const PLAN_INPUTS = ['strategy', 'steps', 'bake-time', 'scale-down-delay', 'failure-limit'] as const satisfies readonly (keyof PlanInputs)[];

/** Stands in for an empty `canary-ref` while the plan's shape is checked; never saved (see `settlePlan`). */
const UNSETTLED_REF = 'unsettled';


export function readCanaryInputs(getInput: GetInput, context: TargetContext, clock: () => Date): CanaryInputs {
  const read = new InputReader(getInput);
  const now = readNow(read, clock);
  const given = { canary: readRelease(read, 'canary'), stable: readRelease(read, 'stable') };
  const plan = readPlan(read, given);
  const githubToken = read.string('github-token');
  const state = parseStateSpec(read.string('state'), githubToken !== undefined);
  if (!state.ok) read.problem(state.error);
  const target = createTrafficTarget(getInput, context);
  if (!target.ok) read.problem(target.error.message);
  const environment = read.string('environment') ?? 'production';
  if (environment.length > 255) read.problem(`input \`environment\` must be at most 255 characters (GitHub's limit), got ${environment.length}`);
  return read.finish({
    analysis: read.required('analysis'),
    plan: plan as RolloutPlan,
    given,
    state: (state.ok ? state.value : null) as StateSpec,
    environment,
    target: target.ok ? target.value : null,
    dryRun: read.boolean('dry-run', false),
    githubToken,
    now,
    reportPath: read.string('report-path'),
    failOnRollback: read.boolean('fail-on-rollback', true),
    releaseTag: readReleaseTag(read, githubToken),
    pagerduty: readPagerDuty(read),
  });
}

function readReleaseTag(read: InputReader, githubToken: string | undefined): boolean {
  const wanted = read.boolean('release-tag', false);
  if (wanted && githubToken === undefined) read.problem('input `release-tag` is true but no `github-token` was given (it needs `contents: write`)');
  return wanted;
}

/** `<which>-ref` and `<which>-version`; either alone names the release (the version defaults to the ref and the other way round). */
function readRelease(read: InputReader, which: 'canary' | 'stable'): ReleaseRef | null {
  const ref = read.string(`${which}-ref`);
  const version = read.string(`${which}-version`);
  if (ref === undefined && version === undefined) return null;
  return { ref: ref ?? version!, version: version ?? ref! };
}

function readPlan(read: InputReader, given: GivenReleases): RolloutPlan | null {
  const raw: PlanInputs = Object.fromEntries(PLAN_INPUTS.map((name) => [name, read.string(name)]));
  const parsed = parsePlan({
    ...raw,
    'canary-ref': given.canary?.ref ?? UNSETTLED_REF,
    'canary-version': given.canary?.version,
    'stable-ref': given.stable?.ref,
    'stable-version': given.stable?.version,
  });
  if (parsed.ok) return parsed.value;
  parsed.error.forEach((problem) => read.problem(problem));
  return null;
}

function readNow(read: InputReader, clock: () => Date): Date {
  const text = read.string('now');
  if (text === undefined) return clock();
  const parsed = new Date(text);
  if (!Number.isNaN(parsed.getTime()) && /^\d{4}-\d{2}-\d{2}T/.test(text)) return parsed;
  read.problem(`input \`now\` must be an ISO-8601 instant such as 2026-11-24T10:30:00Z, got \`${text}\``);
  return clock();
}
