import { ConfigError } from '../../engine/result.js';
import { checkTimerDuration } from '../../engine/units.js';
import type { HealthCheckResult } from '../../sources/health-check.js';
import { definedEnv } from '../../targets/traffic-target.js';
import type { Adapters } from './adapters.js';
import { type RollbackInputs, healthRule } from './inputs.js';
import { type RollbackOutcome, rollBack } from './rollback.js';
import { createSampleReader } from './sample-reader.js';
import { shownResult, shownUrls } from './shown-url.js';
import { DEFAULT_INTERVAL_MS, timingProblems } from './timing.js';
import { type Detection, type Verdict, decideVerdict, detectionOf } from './verdict.js';
import { type WatchResult, watch } from './watch.js';

/**
 * Detect, then roll back: the watch (or `force`), the rollback when one is
 * due, and the verdict. Time, sleeping, logging and health checks come in as
 * dependencies, so the whole flow runs the same in the bundle and in tests.
 */
export interface GuardDeps {
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  /** An error annotation that does not fail the step (a state store that could not be written). */
  error: (line: string) => void;
  group: <T>(name: string, body: () => Promise<T>) => Promise<T>;
  checkHealth: (url: string) => Promise<HealthCheckResult>;
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface GuardResult {
  watch: WatchResult | null;
  detection: Detection;
  rollback: RollbackOutcome | null;
  verdict: Verdict;
  intervalMs: number;
}

export async function guard(inputs: RollbackInputs, adapters: Adapters, deps: GuardDeps): Promise<GuardResult> {
  const intervalMs = pollInterval(inputs, adapters);
  const startedAt = deps.clock();
  const shownDeps = { ...deps, checkHealth: showingHealth(inputs.health.urls, deps.checkHealth) };
  const watched = inputs.force ? null : await deps.group(describeWatch(inputs, intervalMs), () => runWatch(inputs, adapters, shownDeps, intervalMs));
  // A mistake in the analysis, or samples that cannot be believed: one line naming where, never a verdict.
  if (watched?.end.kind === 'config') throw new ConfigError(`${inputs.analysis ?? 'analysis'}: ${watched.end.message}`);
  if (watched?.end.kind === 'malformed') throw new ConfigError(watched.end.message);
  const detection: Detection = watched ? detectionOf(watched) : { reason: `manual rollback: ${inputs.reason ?? forcedBy(deps.env)}`, detectedAt: startedAt, firstBreachAt: startedAt };
  if (detection.reason !== null) deps.log(`rollback due: ${detection.reason}`);
  const rollback = detection.reason === null ? null : await deps.group(`Rolling back ${inputs.version} in ${inputs.environment}`, () => runRollback(inputs, adapters, shownDeps, detection.reason!));
  const verdict = decideVerdict({ version: inputs.version, environment: inputs.environment, watch: watched, detection, rollback });
  return { watch: watched, detection, rollback, verdict, intervalMs };
}

/**
 * The poll spacing: input `interval`, else the analysis file's, else 1m. When
 * it comes from the file (or the default stands in for it), it is checked
 * here as the inputs check their own: within what a timer can wait, and
 * sensible with `duration` and the health rule.
 */
function pollInterval(inputs: RollbackInputs, adapters: Adapters): number {
  if (inputs.intervalMs !== undefined || adapters.analysis === null) return inputs.intervalMs ?? DEFAULT_INTERVAL_MS;
  const file = inputs.analysis ?? 'analysis';
  const fromFile = adapters.analysis.config.intervalMs;
  const timer = fromFile === null ? null : checkTimerDuration(fromFile);
  if (timer && !timer.ok) throw new ConfigError(`${file}: \`interval\` (the poll spacing, as input \`interval\` is empty): ${timer.error}`);
  const intervalMs = fromFile ?? DEFAULT_INTERVAL_MS;
  const { health } = inputs;
  const intervalFrom = fromFile === null ? 'the default `interval`' : `\`interval\` of ${file}`;
  const problems = timingProblems({ durationMs: inputs.durationMs, intervalMs, intervalFrom, health: { urls: health.urls.length, maxFailures: health.maxFailures, windowMs: health.windowMs } });
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return intervalMs;
}

/** Health checks whose results show each URL redacted, and any URL their reasons quote too. */
function showingHealth(urls: readonly string[], check: GuardDeps['checkHealth']): GuardDeps['checkHealth'] {
  const names = shownUrls(urls);
  const shown = new Map(urls.map((url, index) => [url, names[index]!]));
  return async (url) => shownResult(await check(url), shown.get(url) ?? '(health URL)');
}

function runWatch(inputs: RollbackInputs, adapters: Adapters, deps: GuardDeps, intervalMs: number): Promise<WatchResult> {
  const reader = adapters.analysis ? createSampleReader(adapters.analysis, { workspace: deps.workspace, intervalMs, version: inputs.version, ...(inputs.stableVersion ? { stableVersion: inputs.stableVersion } : {}) }) : null;
  const plan = {
    durationMs: inputs.durationMs,
    intervalMs,
    maxOutageMs: inputs.maxMetricsOutageMs,
    metrics: adapters.analysis?.config.metrics ?? [],
    failureLimit: adapters.analysis?.config.failureLimit ?? 0,
    healthUrls: inputs.health.urls,
    healthRule: healthRule(inputs.health, intervalMs),
    minCoverage: inputs.minCoverage,
  };
  return watch(plan, { clock: deps.clock, sleep: deps.sleep, reader, checkHealth: deps.checkHealth, log: deps.log });
}

async function runRollback(inputs: RollbackInputs, adapters: Adapters, deps: GuardDeps, reason: string): Promise<RollbackOutcome> {
  const outcome = await rollBack({
    values: { version: inputs.version, stable: inputs.stableVersion ?? 'stable', environment: inputs.environment, reason },
    knownStable: inputs.stableVersion ?? null,
    target: inputs.trafficTarget,
    platform: inputs.rollbackTarget,
    command: inputs.rollbackCommand ? { argv: inputs.rollbackCommand, timeoutMs: inputs.commandTimeoutMs, cwd: deps.workspace, env: definedEnv(deps.env) } : null,
    store: adapters.store,
    verify: { urls: inputs.health.urls, timeoutMs: inputs.verifyTimeoutMs, check: deps.checkHealth },
    now: () => new Date(deps.clock()),
    sleep: deps.sleep,
  });
  for (const step of outcome.steps) deps.log(`${step.name}: ${step.status}: ${step.message}`);
  // Failures of traffic, command or verification fail the step with the verdict; the store's are said here, loudly.
  for (const step of outcome.steps) if (step.status === 'failed' && !outcome.isFailed) deps.error(`rollback ${step.name}: ${step.message}`);
  return outcome;
}

function describeWatch(inputs: RollbackInputs, intervalMs: number): string {
  const what = [inputs.analysis, inputs.health.urls.length > 0 ? `${inputs.health.urls.length} health URL(s)` : null].filter(Boolean).join(' and ');
  const how = inputs.durationMs === 0 ? 'once (one-shot)' : `every ${intervalMs / 1000}s for ${inputs.durationMs / 1000}s`;
  return `Watching ${inputs.version} in ${inputs.environment}: ${what}, ${how}`;
}

function forcedBy(env: Readonly<Record<string, string | undefined>>): string {
  return env.GITHUB_ACTOR ? `requested by ${env.GITHUB_ACTOR} (force: true)` : 'requested with force: true';
}
