import type { Rational } from '../../engine/exact.js';
import { parseExactQuantity } from '../../engine/units.js';
import { parseArgList } from '../../targets/arg-list.js';
import { DEFAULT_TRAFFIC_TIMEOUT, TRAFFIC_INPUTS, TRAFFIC_TARGET_INPUT, TRAFFIC_TIMEOUT_INPUT, createTrafficTarget } from '../../targets/registry.js';
import { createRollbackTarget, rollbackKindInputs } from '../../targets/rollback-registry.js';
import type { RollbackTarget } from '../../targets/rollback-target.js';
import type { TrafficTarget } from '../../targets/traffic-target.js';
import { type StateSpec, parseStateSpec } from '../../state/registry.js';
import { InputReader, type GetInput } from '../shared/input-reader.js';
import { type PagerDutyInputs, readPagerDuty } from '../shared/pagerduty-inputs.js';
import { readDuration } from './durations.js';
import { HEALTH_DEFAULTS, type HealthInputs, readHealth } from './health-inputs.js';
import { commandPlatformProblem } from '../../sources/command-platform.js';
import { checkCommandPlaceholders } from './rollback-command.js';
import { DEFAULT_INTERVAL_MS, timingProblems } from './timing.js';

export { type HealthInputs, healthRule } from './health-inputs.js';

/** The inputs of `actions/auto-rollback/action.yml`, typed and validated. */
export interface RollbackInputs {
  /** The analysis file (metrics and their breach rules); `undefined` for a health-only watch or a forced rollback. */
  analysis: string | undefined;
  /** How long to watch; 0 is one-shot (evaluate once). */
  durationMs: number;
  /** Poll spacing; `undefined` takes the analysis file's `interval`, else 1m. */
  intervalMs: number | undefined;
  health: HealthInputs;
  force: boolean;
  /** Why, for a forced rollback; the breach's description otherwise. */
  reason: string | undefined;
  /** `null`: no state store, so no deployment is marked (said in the report). */
  state: StateSpec | null;
  environment: string;
  /** The release under watch (rolled back on a breach). */
  version: string;
  /** The release traffic goes back to, for `{stable}`; default the restored ref, else `stable`. */
  stableVersion: string | undefined;
  trafficTarget: TrafficTarget | null;
  /** `rollback-target`: the hosting platform's own rollback (Netlify's restore of a published deploy). */
  rollbackTarget: RollbackTarget | null;
  rollbackCommand: string[] | null;
  commandTimeoutMs: number;
  verifyTimeoutMs: number;
  /** How long the metrics backend may fail before the watch ends as `backend-failed`. */
  maxMetricsOutageMs: number;
  /** `min-coverage`: the least share of the samples a watch should have seen that must have data for `healthy`. */
  minCoverage: MinCoverage;
  githubToken: string | undefined;
  slackWebhook: string | undefined;
  webhookUrl: string | undefined;
  /** PagerDuty Events API v2 routing key (a secret) and where to send events. */
  pagerduty: PagerDutyInputs | null;
  createIssue: boolean;
  reportPath: string | undefined;
}

export interface MinCoverage {
  exact: Rational;
  /** As written, for messages. */
  text: string;
}

/**
 * Defaults follow the runbooks: "more than 3 health-check failures in 5
 * minutes"; 15 minutes of watching polled each minute; two minutes for
 * traffic to come back healthy. `min-coverage` 50%: a watch whose data covers
 * less than half of what it should have seen observed mostly silence.
 */
export const DEFAULTS = {
  duration: '15m',
  ...HEALTH_DEFAULTS,
  verifyTimeout: '2m',
  maxMetricsOutage: '5m',
  minCoverage: '50%',
  environment: 'production',
} as const;

export interface InputEnvironment {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function readRollbackInputs(getInput: GetInput, context: InputEnvironment): RollbackInputs {
  const read = new InputReader(getInput);
  const duration = readDuration(read, 'duration', DEFAULTS.duration, 0);
  const intervalText = read.string('interval');
  const intervalMs = intervalText === undefined ? undefined : readDuration(read, 'interval', intervalText, 1);
  const force = read.boolean('force', false);
  const githubToken = read.string('github-token');
  const platform = createRollbackTarget(getInput, { env: context.env }, { sharedInputs: TRAFFIC_INPUTS });
  if (!platform.ok) read.problem(platform.error.message);
  const target = createTrafficTarget(trafficInputs(getInput), context);
  if (!target.ok) read.problem(target.error.message);
  const inputs: RollbackInputs = {
    analysis: read.string('analysis'),
    durationMs: duration,
    intervalMs,
    health: readHealth(read),
    force,
    reason: read.string('reason'),
    state: readState(read, githubToken !== undefined),
    environment: read.string('environment') ?? DEFAULTS.environment,
    version: read.string('version') ?? context.env.GITHUB_SHA ?? '',
    stableVersion: read.string('stable-version'),
    trafficTarget: target.ok ? target.value : null,
    rollbackTarget: platform.ok ? platform.value : null,
    rollbackCommand: readCommand(read),
    commandTimeoutMs: readDuration(read, TRAFFIC_TIMEOUT_INPUT, DEFAULT_TRAFFIC_TIMEOUT, 1),
    verifyTimeoutMs: readDuration(read, 'verify-timeout', DEFAULTS.verifyTimeout, 0),
    maxMetricsOutageMs: readDuration(read, 'max-metrics-outage', DEFAULTS.maxMetricsOutage, 0),
    minCoverage: readMinCoverage(read),
    githubToken,
    slackWebhook: readUrl(read, 'slack-webhook'),
    webhookUrl: readUrl(read, 'webhook-url'),
    pagerduty: readPagerDuty(read),
    createIssue: read.boolean('create-issue', false),
    reportPath: read.string('report-path'),
  };
  checkCombination(read, inputs, target.ok && platform.ok);
  return read.finish(inputs);
}

/** What cannot work together, each said once. */
function checkCombination(read: InputReader, inputs: RollbackInputs, isTargetValid: boolean): void {
  if (inputs.version === '') read.problem('input `version` is empty and GITHUB_SHA is not set: name the release under watch');
  if (isTargetValid && inputs.trafficTarget === null && inputs.rollbackTarget === null && inputs.rollbackCommand === null) {
    read.problem('nothing to roll back with: give `traffic-command` or `traffic-target` (put traffic back on the stable version), `rollback-target` (the platform restores its last good deployment), or `rollback-command`');
  }
  if (!inputs.force && inputs.analysis === undefined && inputs.health.urls.length === 0) {
    read.problem('nothing to watch: give `analysis` (metrics) or `health-urls`, or `force: true` to roll back at once');
  }
  if (inputs.createIssue && inputs.githubToken === undefined) read.problem('input `create-issue` is true but no `github-token` was given (it needs `issues: write`)');
  // An interval from the analysis file is known only once it is loaded; the guard checks it then.
  const intervalMs = inputs.intervalMs ?? (inputs.analysis === undefined ? DEFAULT_INTERVAL_MS : undefined);
  if (inputs.force || intervalMs === undefined) return;
  const { durationMs, health } = inputs;
  if ([durationMs, intervalMs, health.windowMs].some(Number.isNaN)) return;
  const intervalFrom = inputs.intervalMs === undefined ? 'the default `interval`' : 'input `interval`';
  timingProblems({ durationMs, intervalMs, intervalFrom, health: { urls: health.urls.length, maxFailures: health.maxFailures, windowMs: health.windowMs } }).forEach((problem) => read.problem(problem));
}

/** A share from 0% to 100%, kept exactly as written (`evidence.ts` compares with it). */
function readMinCoverage(read: InputReader): MinCoverage {
  const text = read.string('min-coverage') ?? DEFAULTS.minCoverage;
  const parsed = parseExactQuantity(text, 'fraction');
  if (parsed.ok && parsed.value.value >= 0 && parsed.value.value <= 1) return { exact: parsed.value.exact, text };
  read.problem(`input \`min-coverage\` must be a share from 0% to 100% such as 50%, got \`${text}\``);
  return { exact: { n: 1n, d: 2n }, text };
}

/** Empty and no token: no store (nothing to mark). Otherwise the shared `state` input's rules. */
function readState(read: InputReader, hasToken: boolean): StateSpec | null {
  const raw = read.string('state');
  if (raw === undefined && !hasToken) return null;
  const spec = parseStateSpec(raw, hasToken);
  if (!spec.ok) read.problem(spec.error);
  return spec.ok ? spec.value : null;
}

function readCommand(read: InputReader): string[] | null {
  const text = read.string('rollback-command');
  if (text === undefined) return null;
  const unsupported = commandPlatformProblem('input `rollback-command`');
  if (unsupported !== null) read.problem(unsupported);
  const parsed = parseArgList(text);
  const problem = parsed.ok ? checkCommandPlaceholders(parsed.value) : parsed.error;
  if (problem !== null) read.problem(`input \`rollback-command\`: ${problem}`);
  return parsed.ok ? parsed.value : null;
}

/**
 * A platform's inputs can serve its traffic target and its rollback target
 * alike (Vercel's token and project); when `traffic-target` is not named,
 * those of the chosen `rollback-target` are left to it, so they do not also
 * make a traffic target appear.
 */
function trafficInputs(getInput: GetInput): GetInput {
  if (getInput(TRAFFIC_TARGET_INPUT).trim() !== '') return getInput;
  const claimed = rollbackKindInputs(getInput);
  return (name) => (claimed.includes(name) ? '' : getInput(name));
}

function readUrl(read: InputReader, name: string): string | undefined {
  const url = read.string(name);
  // The value is a secret: the message never repeats it.
  if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url)) read.problem(`input \`${name}\` must be an http:// or https:// URL`);
  return url;
}
