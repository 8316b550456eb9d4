import type { z } from 'zod';
import { type Result, ok } from '../engine/result.js';
import type { HttpOptions } from '../sources/http/send-request.js';
import type { CommandOutcome } from '../sources/run-command.js';
import { type SourceFault, fault } from '../sources/source-fault.js';

/**
 * Where canary-promote and auto-rollback move traffic. Each kind is one
 * file exporting a `TrafficTargetKind`, listed once in `registry.ts`, as
 * metric sources are.
 */
export interface TrafficTarget {
  readonly kind: string;
  /** One line for logs and evidence, without secrets: `nginx upstream app in conf/upstream.conf`. */
  describe(): string;
  /** Sends `canaryWeight` percent to the canary and the rest to stable. */
  setWeight(request: WeightRequest): Promise<Result<TrafficChange, TrafficFault>>;
  /** The canary's share now (percent), or `null` when nothing has been set yet; only targets that can read it back. */
  currentWeight?(): Promise<Result<number | null, SourceFault>>;
  /**
   * Checks the rollout's steps against what the target can serve, before a
   * tick moves anything: a platform that splits traffic only at its own
   * configured percentages (Vercel's rolling release stages) refuses other
   * steps here, as one line naming both lists. Targets that take any weight
   * leave it out.
   */
  checkSteps?(steps: readonly number[]): Promise<Result<void, SourceFault>>;
}

/** What to set. `canary` and `stable` name the versions (a ref, tag or deployment name) for commands that need them. */
export interface WeightRequest {
  /** Whole percent of traffic for the canary, 0–100. */
  canaryWeight: number;
  canary: string;
  stable: string;
  /** Shadow mode (argo-rollouts#2866): show what would run, change nothing. */
  dryRun?: boolean;
}

/** One command a target ran (or, in a dry run, would have run). */
export interface TrafficStep {
  /** What the step is for: `set-weight`, `nginx -t`, `reload`. */
  name: string;
  argv: string[];
  /** `null` in a dry run. */
  outcome: CommandOutcome | null;
}

/** The evidence of a weight change, for the report and the job summary. */
export interface TrafficChange {
  /** `describe()` of the target. */
  target: string;
  canaryWeight: number;
  stableWeight: number;
  /** True when nothing was changed: the steps and file are what would have been. */
  dryRun: boolean;
  steps: TrafficStep[];
  /** A config file the target wrote. */
  file: WrittenFile | null;
  /** What was checked after the change, or `null` when the target has no way to check. */
  verification: Verification | null;
  durationMs: number;
}

export interface WrittenFile {
  path: string;
  content: string;
  /** Where the previous version was kept; `null` when there was none. */
  backup: string | null;
}

export interface Verification {
  passed: boolean;
  /** One line: what was compared with what. */
  detail: string;
}

/**
 * A failed change: the fault, plus the steps that ran before it, so a failed
 * rollback shows the command's output instead of only a message.
 */
export interface TrafficFault extends SourceFault {
  steps?: TrafficStep[];
}

/** What a target may need from its surroundings; passed in so targets stay testable. */
export interface TargetContext {
  /** Relative paths and commands resolve here. */
  workspace: string;
  /** The environment commands run with (cloud credentials live here). */
  env: Readonly<Record<string, string | undefined>>;
  /** Retries, waits and the fetch implementation for targets that call an API; tests inject them. */
  http?: HttpOptions;
}

/**
 * One kind of target: the action inputs it reads (besides `traffic-target`
 * and `traffic-timeout`), a schema over them, and a constructor.
 */
export interface TrafficTargetKind<Config> {
  kind: string;
  inputs: readonly string[];
  /** For a kind that runs commands: what runs them, as the refusal on a Windows runner names it (command-platform.ts). */
  runsCommands?: string;
  schema: z.ZodType<Config>;
  create(config: Config, timeoutMs: number, context: TargetContext): TrafficTarget;
}

/** Weights are whole percents: nginx weights are integers, and the rollout plan's steps are too. */
export function checkWeight(canaryWeight: number): Result<number, SourceFault> {
  if (Number.isInteger(canaryWeight) && canaryWeight >= 0 && canaryWeight <= 100) return ok(canaryWeight);
  return fault('config', `canary weight must be a whole percent from 0 to 100, got ${String(canaryWeight)}`);
}

/** The environment with unset variables dropped, as `runCommand` wants it. */
export function definedEnv(env: TargetContext['env']): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
